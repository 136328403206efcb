import { expect } from "chai";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prometheusMissing } from "../../src/cli/exec-prometheus.js";
import { LiveWorld } from "../../src/runtime/live/world.js";
import type { PromQuery, Reading, WorldResult } from "../../src/runtime/world.js";
import { alive, commandLine, descendantsOf } from "../helpers/procs.js";
import { BIN, demoApp, EXAMPLES, readJsonLines, startRig, type LiveRig } from "./live-helpers.js";

interface Exec {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `xdc …` as a child process, its output collected; `watch` gets its pid every 100 ms while it runs. */
function xdc(args: readonly string[], o: { cwd: string; env?: NodeJS.ProcessEnv; watch?: (pid: number) => void }): Promise<Exec> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: o.cwd, env: o.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  const watching = o.watch && child.pid !== undefined ? setInterval(() => o.watch!(child.pid!), 100) : undefined;
  child.once("exit", () => clearInterval(watching));
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A scenario of one verify block; nothing is deployed, so it runs in a moment against a running twin. */
const verifying = (name: string, statements: string) => `scenario "${name}" {
  environment: sim
  timeout: 1m

  verify {
${statements}
  }
}
`;

const PASSES = verifying(
  "prometheus sees the twin",
  `    await promql("count(streams_instance_up == 1)") == 2 within 10s
    expect promql("streams_instance_up{instance='dc1'}", on: dc1) == 1
    expect promql("min(time() - streams_instance_start_time_seconds)", unit: "seconds") > 0s
    expect promql_range("sum(streams_instance_up)", over: 2s, take: "min") == 2`,
);
const NOTHING = verifying("a query that matches nothing", `    expect promql("sum(streams_instance_up{instance='nowhere'})") >= 0`);
const BROKEN = verifying("a query Prometheus cannot parse", `    expect promql("sum((streams_instance_up)") >= 0`);

/** The pids of the Prometheus servers below `pid`. */
const prometheusBelow = (pid: number) => descendantsOf(pid).filter((p) => /\bprometheus --config\.file=/.test(commandLine(p)));

/**
 * Debian's real Prometheus over the twin (`xdc sim --prometheus`): one twin with its server is
 * shared by every test here, the last of which kills its coordinator with -9.
 */
describe("PromQL against a real Prometheus scraping the twin", function () {
  this.timeout(90_000);
  let rig: LiveRig;
  let world: LiveWorld;
  let dir = "";

  before(async function () {
    const missing = prometheusMissing();
    if (missing) {
      console.log(`      (skipped: ${missing}; .ci/run installs it)`);
      this.skip();
    }
    rig = await startRig({ prometheus: true });
    world = new LiveWorld(rig.drivers, { pollMs: 100 });
    dir = mkdtempSync(join(tmpdir(), "xdc-promql-"));
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
  });
  after(async () => {
    await world?.stop();
    await rig?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ask = (q: PromQuery): Promise<WorldResult<Reading<number>>> => world.promql(q, { signal: AbortSignal.timeout(10_000) });

  it("the twin's environment file names the Prometheus server (not the /metrics page), which scrapes every datacenter", async () => {
    const env = readFileSync(rig.twin.envFile, "utf8");
    const urls = [...env.matchAll(/^\s*prometheus: "([^"]*)"/gm)].map((m) => m[1]!);
    expect(urls).to.have.length(2);
    expect(new Set(urls).size).to.equal(1);
    expect(urls[0]).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const up = await fetch(`${urls[0]}/api/v1/query?query=up`).then((r) => r.json() as Promise<{ data: { result: { metric: Record<string, string>; value: [number, string] }[] } }>);
    expect(up.data.result.map((s) => [s.metric["job"], s.value[1]]).sort()).to.deep.equal([
      ["dc1", "1"],
      ["dc2", "1"],
    ]);
  });

  it("reads a twin metric, from the datacenter named or from the one server every datacenter names", async () => {
    expect(await ask({ query: "streams_instance_up{instance='dc2'}", dc: "dc2" })).to.deep.equal({ ok: true, value: { kind: "value", value: 1 } });
    expect(await ask({ query: "count(streams_host_up)" })).to.deep.equal({ ok: true, value: { kind: "value", value: 4 } });
  });

  it("reads a rate over a window, instant and as a range query, while tuples flow", async () => {
    const submitted = await world.submit({ app: demoApp, dc: "dc1", role: "primary", params: {} }, { signal: AbortSignal.timeout(20_000) });
    expect(submitted.ok, JSON.stringify(submitted)).to.equal(true);
    const started = await world.inject({ id: "w1", endpoint: { kind: "endpoint", app: demoApp, name: "Ingest", direction: "source" }, ratePerSecond: 200, durationMs: 5_000, key: "seq", schema: {}, seed: 1 }, { signal: AbortSignal.timeout(30_000) });
    if (!started.ok) expect.fail(started.error.message);
    await started.value.done;
    const rate = "sum(rate(streams_operator_output_port_tuples_submitted_total{instance='dc1', operator='Ingest'}[3s]))";
    const now = await ask({ query: rate, dc: "dc1" });
    const max = await ask({ query: rate, dc: "dc1", range: { overMs: 5_000, stepMs: 500, take: "max" } });
    const min = await ask({ query: rate, dc: "dc1", range: { overMs: 5_000, stepMs: 500, take: "min" } });
    for (const r of [now, max]) {
      expect(r.ok && r.value.kind === "value" && r.value.value, JSON.stringify(r)).to.be.within(120, 260);
    }
    // The window began before the first tuples were counted: its least rate is below the sent one.
    expect(min.ok && min.value.kind === "value" && min.value.value, JSON.stringify(min)).to.be.below(200);
    await world.cancel(demoApp, ["dc1"], { signal: AbortSignal.timeout(20_000) });
  });

  it("gives no data for a query that matches nothing, in a window too; and for NaN", async () => {
    const none = await ask({ query: "streams_instance_up{instance='nowhere'}" });
    expect(none.ok && none.value).to.deep.include({ kind: "no-data" });
    expect(none.ok && none.value.kind === "no-data" && none.value.reason).to.match(/^`streams_instance_up\{instance='nowhere'\}` matches no series at Prometheus now \(dc1's Prometheus \(http:\/\/127\.0\.0\.1:\d+\)\)$/);
    const window = await ask({ query: "streams_instance_up{instance='nowhere'}", range: { overMs: 3_000, stepMs: 1_000, take: "max" } });
    expect(window.ok && window.value.kind === "no-data" && window.value.reason).to.include("matches no series at Prometheus in the last 3s");
    expect(await ask({ query: "0/0" })).to.deep.include({ ok: true, value: { kind: "no-data", reason: "`0/0` is NaN (dc1's Prometheus (" + rig.drivers.env.dcs[0]!.prometheus + "))" } });
  });

  it("refuses a query Prometheus cannot parse with Prometheus' own message, and several series naming them", async () => {
    const broken = await ask({ query: "sum((streams_instance_up)" });
    expect(broken.ok).to.equal(false);
    if (broken.ok) return;
    expect(broken.error.class).to.equal("environment");
    expect(broken.error.message).to.match(/^PromQL `sum\(\(streams_instance_up\)` refused by dc1's Prometheus \(http:\/\/127\.0\.0\.1:\d+\): bad_data: invalid parameter "query": 1:\d+: parse error: /);
    const many = await ask({ query: "streams_instance_up" });
    expect(!many.ok && many.error.message).to.include('gives 2 series (streams_instance_up{instance="dc1", job="dc1"}, streams_instance_up{instance="dc2", job="dc2"}), not one number');
  });

  it("`xdc exec --env`: passes on the twin's metrics, exits 4 for a query that matches nothing and 3 with Prometheus' message for one it cannot parse", async () => {
    const files = { pass: PASSES, nothing: NOTHING, broken: BROKEN };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.xdc`), text);
    const env = { ...process.env, [rig.twin.passwordVariable]: rig.twin.password };
    const run = (name: string) => xdc(["exec", `${name}.xdc`, "--env", rig.twin.envFile, "--out", name, "--ledger", join(name, "ledger.jsonl")], { cwd: dir, env });
    const [pass, nothing, broken] = await Promise.all([run("pass"), run("nothing"), run("broken")]);

    expect(pass.code, pass.stdout + pass.stderr).to.equal(0);
    const expects = readJsonLines<{ kind: string; ok?: boolean; actual?: string }>(join(dir, "pass", "journal.jsonl")).filter((e) => e.kind === "expect");
    expect(expects.map((e) => [e.ok, e.actual?.replace(/^[\d.,]+ ?(µs|ms|s|min|m|h)$/, "DURATION")])).to.deep.equal([
      [true, "1"],
      [true, "DURATION"],
      [true, "2"],
    ]);

    expect(nothing.code, nothing.stdout + nothing.stderr).to.equal(4);
    expect(nothing.stdout).to.include("NO DATA").and.include("matches no series at Prometheus now");

    expect(broken.code, broken.stdout + broken.stderr).to.equal(3);
    expect(broken.stdout).to.match(/=> error: PromQL `sum\(\(streams_instance_up\)` refused by dc1's Prometheus \(http:\/\/127\.0\.0\.1:\d+\): bad_data: invalid parameter "query": 1:\d+: parse error: unclosed left parenthesis\n/);
    const end = readJsonLines<{ kind: string; verdict?: string; errorClass?: string; reason?: string }>(join(dir, "broken", "journal.jsonl")).find((e) => e.kind === "scenario.end");
    expect(end).to.deep.include({ verdict: "error", errorClass: "environment" });
    expect(end?.reason).to.include("parse error: unclosed left parenthesis");
  });

  it("`xdc preflight` checks the server of every datacenter a query needs, and refuses a /metrics page", async () => {
    writeFileSync(join(dir, "preflight.xdc"), PASSES);
    const env = { ...process.env, [rig.twin.passwordVariable]: rig.twin.password };
    const checks = async (envFile: string) => {
      const r = await xdc(["preflight", "preflight.xdc", "--env", envFile, "--format", "json"], { cwd: dir, env });
      const report = JSON.parse(r.stdout) as { environments: { checks: { check: string; where: string; status: string; detail: string }[] }[] };
      return { code: r.code, prometheus: report.environments.flatMap((e) => e.checks).filter((c) => c.check === "prometheus") };
    };
    const good = await checks(rig.twin.envFile);
    expect(good.code).to.equal(0);
    expect(good.prometheus.map((c) => [c.where, c.status])).to.deep.equal([
      ["dc1", "ok"],
      ["dc2", "ok"],
    ]);
    // The same environment with dc1's setting pointing at an exposition page instead of the server.
    const text = readFileSync(rig.twin.envFile, "utf8");
    const server = /^\s*prometheus: "([^"]*)"/m.exec(text)![1]!;
    const page = `${rig.twin.envFile.replace(/\.xdc$/, "")}-page.xdc`;
    writeFileSync(page, text.replace(`prometheus: "${server}"`, `prometheus: "${server}/metrics"`));
    const bad = await checks(page);
    expect(bad.code).to.equal(3);
    expect(bad.prometheus.find((c) => c.where === "dc1")).to.deep.include({ status: "failed", detail: `${server}/metrics is a metrics page to scrape, not a Prometheus server` });
    // No server at all: a query that names no datacenter has nothing to ask.
    const none = `${rig.twin.envFile.replace(/\.xdc$/, "")}-none.xdc`;
    writeFileSync(none, text.replace(/^\s*prometheus: .*$/gm, ""));
    const missing = await checks(none);
    expect(missing.code).to.equal(3);
    // PASSES asks dc1 by name and every datacenter without `on:`: both are refused.
    expect(missing.prometheus.map((c) => [c.where === "dc1" ? "dc1" : "environment", c.status, c.detail])).to.have.deep.members([
      ["dc1", "failed", "a scenario queries this datacenter's Prometheus server, and the environment names none"],
      ["environment", "failed", "a scenario queries Prometheus, and no datacenter of the environment names a server"],
    ]);
    // Without --env, the twin started for the preflight runs a server, as `xdc exec` would.
    const sim = await xdc(["preflight", "preflight.xdc", "--format", "json"], { cwd: dir });
    const simChecks = (JSON.parse(sim.stdout) as { environments: { checks: { check: string; where: string; status: string }[] }[] }).environments.flatMap((e) => e.checks);
    expect(sim.code, sim.stderr).to.equal(0);
    expect(simChecks.filter((c) => c.check === "prometheus").map((c) => [c.where, c.status])).to.deep.equal([
      ["dc1", "ok"],
      ["dc2", "ok"],
    ]);
  });

  it("`xdc exec` with `environment: sim` starts the twin with a Prometheus server for a scenario that queries one, and stops it with the twin", async () => {
    writeFileSync(join(dir, "embedded.xdc"), PASSES);
    const seen = new Set<number>();
    const run = await xdc(["exec", "embedded.xdc", "--out", "embedded", "--ledger", join("embedded", "ledger.jsonl")], { cwd: dir, watch: (pid) => prometheusBelow(pid).forEach((p) => seen.add(p)) });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(seen.size, "the run's twin ran one Prometheus server").to.equal(1);
    expect([...seen].filter(alive), "no Prometheus outlives the run's twin").to.deep.equal([]);
  });

  it("without the prometheus binary: `xdc sim --prometheus` and `xdc exec` of a scenario that queries one stop at once with exit 3 and one line", async () => {
    const env = { ...process.env, PATH: "/nonexistent" };
    const sim = await xdc(["sim", "--prometheus", "--json"], { cwd: dir, env });
    expect(sim.code, sim.stdout + sim.stderr).to.equal(3);
    expect(sim.stdout).to.equal("");
    expect(sim.stderr).to.equal("xdc sim: cannot start the twin: --prometheus: no `prometheus` binary on PATH: the twin runs Debian's Prometheus server for PromQL queries (apt-get install prometheus)\n");
    writeFileSync(join(dir, "needs.xdc"), NOTHING);
    const exec = await xdc(["exec", "needs.xdc", "--out", "needs", "--ledger", join("needs", "ledger.jsonl")], { cwd: dir, env });
    expect(exec.code, exec.stdout + exec.stderr).to.equal(3);
    expect(exec.stdout).to.match(/the call at .*needs\.xdc:6:12 queries Prometheus, and for `environment: sim` xdc runs a Prometheus server over the twin, but there is no `prometheus` binary on PATH/);
  });

  // Last: it ends the shared twin.
  it("Prometheus dies with the twin's coordinator, killed with -9", async () => {
    const servers = prometheusBelow(rig.twin.pid);
    expect(servers, "the coordinator's Prometheus").to.have.length(1);
    process.kill(rig.twin.pid, "SIGKILL");
    const deadline = Date.now() + 10_000;
    while (alive(servers[0]!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(servers[0]!), `Prometheus (pid ${servers[0]}) outlived its coordinator`).to.equal(false);
  });
});
