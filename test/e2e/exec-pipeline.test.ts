import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readHistory } from "../../src/report/history.js";
import type { RepeatsSummary } from "../../src/report/repeats.js";
import { readLedger } from "../../src/runtime/ledger.js";
import { BIN, EXAMPLES, readJsonLines } from "./live-helpers.js";

/**
 * `xdc exec` at scale (issue 19), through the built CLI: selection and --list, scenarios side by
 * side on twins of their own, repeats with their statistics, the history, and Ctrl-C while
 * several scenarios hold faults.
 */

/** A short scenario on the twin: a partition of `holdS` seconds, the failover it causes, `wait` more. */
const scenario = (name: string, tags: readonly string[], holdS = 3, waitS = 0) => `scenario "${name}" {
  tags: [${tags.map((t) => `"${t}"`).join(", ")}]
  environment: sim
  timeout: 3m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 1m
    // A toolkit declares down only a remote it has seen up: the heartbeats must have begun.
    await healthy(app, on: dc2) within 1m
    wait 2s
  }
  run {
    partition(dc1, dc2) for ${holdS}s
    let fo = await failover(app, to: dc2) within 30s
    ${waitS > 0 ? `wait ${waitS}s` : ""}
  }
  verify {
    expect fo.rto <= 30s
  }
  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;

function xdc(dir: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("xdc exec: selection, --jobs, --repeat, --history and Ctrl-C over parallel runs (built CLI)", function () {
  this.timeout(300_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-pipeline-"));
    mkdirSync(join(dir, "scenarios", "more"), { recursive: true });
    cpSync(join(EXAMPLES, "apps"), join(dir, "scenarios", "apps"), { recursive: true });
    cpSync(join(EXAMPLES, "apps"), join(dir, "scenarios", "more", "apps"), { recursive: true });
    writeFileSync(join(dir, "scenarios", "a.xdc"), scenario("alpha", ["network", "smoke"]));
    writeFileSync(join(dir, "scenarios", "more", "b.xdc"), scenario("beta", ["network"]) + "\n" + scenario("gamma slow", ["slow"]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("--list prints what a directory and the filters select, file:line first, and runs nothing", () => {
    const all = xdc(dir, ["exec", "scenarios", "--list"]);
    expect(all.code).to.equal(0);
    expect(all.stdout.trim().split("\n")).to.deep.equal([
      `${join("scenarios", "a.xdc")}:1  alpha  [network, smoke]`,
      `${join("scenarios", "more", "b.xdc")}:1  beta  [network]`,
      `${join("scenarios", "more", "b.xdc")}:27  gamma slow  [slow]`,
    ]);
    expect(existsSync(join(dir, "out"))).to.equal(false);
    expect(xdc(dir, ["exec", "scenarios", "--list", "--tag", "network", "--exclude-tag", "smoke"]).stdout.trim()).to.match(/ beta /);
    expect(xdc(dir, ["exec", "scenarios", "--list", "--tag", "network+smoke", "--tag", "slow"]).stdout.trim().split("\n").map((l) => l.split("  ")[1])).to.deep.equal(["alpha", "gamma slow"]);
    expect(xdc(dir, ["exec", "scenarios", "--list", "--grep", "^g"]).stdout.trim().split("\n")).to.have.length(1);
    const shards = [1, 2, 3].map((i) => xdc(dir, ["exec", "scenarios", "--list", "--shard", `${i}/3`]).stdout.trim().split("\n").filter((l) => l !== ""));
    expect(shards.flat().sort()).to.deep.equal(all.stdout.trim().split("\n").sort());
  });

  it("a selection that matches nothing, a bad pattern or a bad shard is a usage error (exit 2) naming it", () => {
    const none = xdc(dir, ["exec", "scenarios", "--tag", "netwrok"]);
    expect(none.code).to.equal(2);
    expect(none.stderr).to.include("no scenario matches --tag netwrok (the tags in these files: network, slow, smoke)");
    expect(xdc(dir, ["exec", "scenarios", "--grep", "("]).code).to.equal(2);
    const shard = xdc(dir, ["exec", "scenarios", "--shard", "4/3"]);
    expect(shard.code).to.equal(2);
    expect(shard.stderr).to.include("--shard");
    expect(xdc(dir, ["exec", "scenarios", "--jobs", "0"]).code).to.equal(2);
    expect(xdc(dir, ["exec", "scenarios", "--min-pass", "120%"]).code).to.equal(2);
  });

  it("an empty shard runs nothing and passes (the other shards run the selection), saying so in the journal", () => {
    const file = join(dir, "scenarios", "a.xdc");
    const empty = [1, 2, 3, 4, 5].find((i) => xdc(dir, ["exec", file, "--list", "--shard", `${i}/5`]).stdout.trim() === "")!;
    const r = xdc(dir, ["exec", file, "--shard", `${empty}/5`, "--out", "out-empty", "--ledger", "empty.ledger.jsonl"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.include(`shard ${empty}/5 holds none of the 1 selected scenario`);
    expect(readJsonLines(join(dir, "out-empty", "journal.jsonl")).at(-1)).to.include({ kind: "run.end", exitCode: 0 });
  });

  it("--jobs 2 runs scenarios side by side, each on a twin with addresses of its own, with whole blocks in the log and one consistent journal", () => {
    const r = xdc(dir, ["exec", "scenarios", "--tag", "network", "--jobs", "2", "--out", "out-jobs", "--ledger", "jobs.ledger.jsonl"]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    // Not a terminal: each scenario's lines come as one block, from its name to its verdict.
    const lines = r.stdout.split("\n");
    for (const name of ["alpha", "beta"]) {
      const from = lines.indexOf(`scenario "${name}" (${join("scenarios", name === "alpha" ? "a.xdc" : join("more", "b.xdc"))})`);
      const to = lines.findIndex((l, i) => i > from && l.startsWith("  => "));
      expect(from, r.stdout).to.be.greaterThan(-1);
      expect(lines.slice(from + 1, to).every((l) => l.startsWith("  ")), r.stdout).to.equal(true);
    }
    const journal = readJsonLines(join(dir, "out-jobs", "journal.jsonl")) as { kind: string; scenario?: string; verdict?: string }[];
    expect(journal.filter((e) => e.kind === "scenario.end").map((e) => [e.scenario, e.verdict]).sort()).to.deep.equal([["alpha", "pass"], ["beta", "pass"]]);
    const summary = JSON.parse(readFileSync(join(dir, "out-jobs", "summary.json"), "utf8")) as { scenarios: { name: string; verdict: string }[] };
    expect(summary.scenarios.map((s) => s.verdict)).to.deep.equal(["pass", "pass"]);
    expect(readFileSync(join(dir, "out-jobs", "junit.xml"), "utf8").match(/<testcase /g)).to.have.length.greaterThanOrEqual(2);
    // The ledger: each scenario's faults under a run id of its own, on a twin started with its own network.
    const applies = readFileSync(join(dir, "jobs.ledger.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string; fault?: { run: string }; target?: { command: string[] } }).filter((x) => x.type === "apply");
    expect(new Set(applies.map((a) => a.fault!.run)).size).to.equal(2);
    const networks = applies.map((a) => a.target!.command[a.target!.command.indexOf("--network") + 1]);
    expect(new Set(networks).size, JSON.stringify(networks)).to.equal(2);
  });

  it("--repeat 2 runs each scenario twice, on fresh twins, and sums up the pass rate and every figure's spread; --history keeps the run", () => {
    const r = xdc(dir, ["exec", join("scenarios", "a.xdc"), "--repeat", "2", "--jobs", "2", "--min-pass", "50%", "--out", "out-repeat", "--ledger", "repeat.ledger.jsonl", "--history", "history"]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.include("summary over the repeats:");
    expect(r.stdout).to.match(/RTO {8}min \d+\.\d{3}s {2}median \d+\.\d{3}s {2}p95 \d+\.\d{3}s {2}max \d+\.\d{3}s {2}\(2 values\)/);
    expect(readdirSync(join(dir, "out-repeat")).sort()).to.deep.equal(["repeat-1", "repeat-2", "summary.json"]);
    for (const k of [1, 2]) expect(readdirSync(join(dir, "out-repeat", `repeat-${k}`)).sort()).to.deep.equal(["journal.jsonl", "junit.xml", "report.html", "summary.json"]);
    const summary = JSON.parse(readFileSync(join(dir, "out-repeat", "summary.json"), "utf8")) as RepeatsSummary;
    expect(summary).to.include({ kind: "repeats", exitCode: 0, verdict: "pass" });
    const s = summary.scenarios[0]!;
    expect(s).to.include({ name: "alpha", runs: 2, passed: 2, pass_rate: 1, min_pass: 0.5 });
    expect(s.figures.rtoMs.values).to.have.length(2);
    expect(s.outcomes.map((o) => o.journal)).to.deep.equal(["repeat-1/journal.jsonl", "repeat-2/journal.jsonl"]);
    // Repeat K runs with seed + K - 1: each repeat is its own draw, the whole run reproducible.
    expect([1, 2].map((k) => (readJsonLines(join(dir, "out-repeat", `repeat-${k}`, "journal.jsonl"))[0] as { seed: number }).seed)).to.deep.equal([1, 2]);
    return readHistory(join(dir, "history")).then((h) => {
      if (!h.ok) throw new Error(h.error.join("\n"));
      expect(h.value).to.have.length(1);
      expect(h.value[0]!.record.scenarios[0]).to.deep.include({ name: "alpha", verdict: "pass" });
      expect(h.value[0]!.record.scenarios[0]!.repeats).to.include({ runs: 2, passed: 2 });
    });
  });

  it("Ctrl-C while two scenarios side by side hold faults undoes every one of them and exits 130", async () => {
    writeFileSync(join(dir, "scenarios", "long.xdc"), scenario("long one", ["long"], 60, 60) + "\n" + scenario("long two", ["long"], 60, 60));
    const ledger = join(dir, "interrupt.ledger.jsonl");
    const child = spawn(process.execPath, [BIN, "exec", join("scenarios", "long.xdc"), "--jobs", "2", "--out", "out-int", "--ledger", ledger], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // Bounded: both scenarios apply their partition within a minute or the test fails.
    let applied = 0;
    for (let i = 0; i < 240 && applied < 2; i++) {
      await new Promise((r) => setTimeout(r, 250));
      applied = existsSync(ledger) ? readFileSync(ledger, "utf8").split("\n").filter((l) => l.includes('"type":"apply"')).length : 0;
    }
    expect(applied, output).to.equal(2);
    child.kill("SIGINT");
    expect(await exited, output).to.equal(130);
    const state = await readLedger(ledger);
    expect(state.ok && state.value.outstanding, output).to.deep.equal([]);
    const journal = readJsonLines(join(dir, "out-int", "journal.jsonl")) as { kind: string; scenario?: string; status?: string; interrupted?: boolean }[];
    expect(journal.filter((e) => e.kind === "fault.reverted").map((e) => [e.scenario, e.status]).sort()).to.deep.equal([["long one", "undone"], ["long two", "undone"]]);
    expect(journal.at(-1)).to.include({ kind: "run.end", interrupted: true });
  });

  it("--every runs the selection again on schedule, records each run in --history, and Ctrl-C between runs exits 130", async () => {
    const child = spawn(process.execPath, [BIN, "exec", join("scenarios", "a.xdc"), "--every", "20s", "--history", "every-history", "--out", "out-every", "--ledger", "every.ledger.jsonl"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // Bounded: two runs of a short scenario and the wait between them take well under two minutes.
    for (let i = 0; i < 600 && (output.match(/next run at/g) ?? []).length < 2; i++) await new Promise((r) => setTimeout(r, 250));
    expect(output).to.include("run 2 ended with exit code 0");
    child.kill("SIGINT");
    expect(await exited, output).to.equal(130);
    expect(output).to.include("stopped between runs; no fault is in effect");
    const h = await readHistory(join(dir, "every-history"));
    if (!h.ok) throw new Error(h.error.join("\n"));
    expect(h.value.map((e) => e.record.exitCode)).to.deep.equal([0, 0]);
    // The schedule's own times: run 2 starts one period after run 1 started (not right after it ended).
    const at = [...output.matchAll(/xdc exec: run \d+ at (\S+)/g)].map((m) => Date.parse(m[1]!));
    expect(at[1]! - at[0]!, output).to.be.within(19_990, 21_500);
  });
});
