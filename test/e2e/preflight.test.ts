import { expect } from "chai";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTwinProcess, type RunningTwin } from "../../src/cli/exec-twin.js";
import { runPreflightCommand } from "../../src/cli/preflight-run.js";
import { readEnvironmentFile } from "../../src/runtime/live/environment-file.js";
import { BIN, EXAMPLES, truth } from "./live-helpers.js";
import { xdc, type Run } from "../cli/spawn.js";

interface Check {
  readonly check: string;
  readonly where: string;
  readonly status: "ok" | "warn" | "failed";
  readonly detail: string;
  readonly fix?: string;
}

/** The built CLI in `cwd`, with `env` added to this process's environment. */
const cli = (args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> => xdc(args, { cwd, env });

/**
 * `xdc preflight` against the twin: every check of the examples passes; each failure switch of
 * the twin (docs/twin.md) makes the line of its check fail, naming the check, the host or
 * datacenter, and the fix, with exit 3; `xdc exec` refuses to start on such a line, with
 * nothing submitted, unless told `--no-preflight`.
 */
describe("xdc preflight against the twin", function () {
  this.timeout(120_000);
  let twin: RunningTwin;
  let dir = "";

  const flip = async (body: unknown) => {
    const res = await fetch(`${twin.groundTruth}/switches`, { method: "POST", body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).to.equal(200);
  };

  /** The preflight of `files` against the running twin, in this process, as JSON. */
  async function preflight(files: readonly string[]): Promise<{ code: number; checks: Check[] }> {
    let out = "";
    const code = await runPreflightCommand(files, { env: twin.envFile, format: "json", timeout: 3000, maxSkew: 100, hostKeyCheck: true }, { env: { [twin.passwordVariable]: twin.password }, xdc: BIN, out: (l) => (out += l), err: () => undefined });
    const doc = JSON.parse(out) as { format_version: string; ok: boolean; environments: { checks: Check[] }[] };
    expect(doc.format_version).to.equal("1.0");
    expect(doc.ok).to.equal(code === 0);
    return { code, checks: doc.environments.flatMap((e) => e.checks) };
  }

  const notOk = (checks: readonly Check[]) => checks.filter((c) => c.status !== "ok");

  before(async () => {
    twin = await startTwinProcess({ xdc: BIN, hosts: 2, seed: 16, heartbeatIntervalMs: 200, missesAllowed: 3, restartDelayMs: 300 });
    dir = mkdtempSync(join(tmpdir(), "xdc-preflight-"));
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
  });
  after(async () => {
    await twin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("`xdc preflight examples/*.xdc` starts its own twin and finds every check ok", async () => {
    const files = ["api-cancel", "data-validation", "degradation", "partition", "performance", "process-kill"].map((f) => join(EXAMPLES, `${f}.xdc`));
    const started = Date.now();
    const run = await cli(["preflight", ...files], dir);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).to.match(/^environment twin \(the embedded twin, started for the preflight\): 6 scenarios$/);
    expect(lines.at(-1)).to.match(/^preflight: (\d+) checks: \1 ok, 0 warnings, 0 failed$/);
    for (const check of ["rest", "credentials", "instance", "job-rights", "data-exchange", "bundle", "toolkit", "detection", "ssh", "host-key", "login", "sudo", "tool", "kernel-module", "clock", "control-channel"]) {
      expect(lines.some((l) => new RegExp(`^  ${check} +\\S+ +ok +`).test(l)), check).to.equal(true);
    }
    expect(Date.now() - started).to.be.below(30_000);
  });

  it("against --env with nothing switched, the same checks pass", async () => {
    const { code, checks } = await preflight([join(EXAMPLES, "process-kill.xdc")]);
    expect(notOk(checks)).to.deep.equal([]);
    expect(code).to.equal(0);
  });

  const cases: readonly { name: string; file: string; body: Record<string, unknown>; line: Partial<Check>; fix: RegExp; code?: number }[] = [
    { name: "a host without sudo", file: "partition.xdc", body: { host: "dc1-h1", set: { sudo: false } }, line: { check: "sudo", where: "dc1-h1", status: "failed" }, fix: /NOPASSWD: \/usr\/sbin\/iptables.*sudoers/ },
    { name: "sudo for some programs but not the one the fault runs", file: "degradation.xdc", body: { host: "dc2-h2", set: { sudo: ["iptables"] } }, line: { check: "sudo", where: "dc2-h2", status: "failed" }, fix: /NOPASSWD: \/usr\/sbin\/tc/ },
    { name: "a missing tool", file: "degradation.xdc", body: { host: "dc2-h1", set: { missing: ["tc"] } }, line: { check: "tool", where: "dc2-h1", status: "failed" }, fix: /install iproute2/ },
    { name: "a kernel module that cannot be loaded", file: "degradation.xdc", body: { host: "dc1-h2", set: { missing: ["sch_netem"] } }, line: { check: "kernel-module", where: "dc1-h2", status: "failed" }, fix: /linux-modules-extra/ },
    { name: "a skewed clock (a warning: the run may go ahead)", file: "partition.xdc", body: { host: "dc1-h2", set: { clockSkewMs: 4000 } }, line: { check: "clock", where: "dc1-h2", status: "warn" }, fix: /synchronise its clock/, code: 0 },
    { name: "a revoked SSH key", file: "partition.xdc", body: { host: "dc1-h1", set: { keyRevoked: true } }, line: { check: "login", where: "dc1-h1", status: "failed" }, fix: /authorized_keys/ },
    { name: "an unreachable host", file: "partition.xdc", body: { host: "dc1-h2", set: { unreachable: true } }, line: { check: "ssh", where: "dc1-h2", status: "failed" }, fix: /sshd runs there/ },
    { name: "REST credentials rejected", file: "api-cancel.xdc", body: { dc: "dc2", set: { restUserRevoked: true } }, line: { check: "credentials", where: "dc2", status: "failed" }, fix: /\$XDC_SIM_PASSWORD/ },
    { name: "a stopped instance", file: "api-cancel.xdc", body: { dc: "dc1", set: { instanceStopped: true } }, line: { check: "instance", where: "dc1", status: "failed" }, fix: /streamtool startinstance -i dc1/ },
  ];

  for (const c of cases) {
    it(`${c.name}: the line names the check, the place and the fix`, async () => {
      const target = "host" in c.body ? { host: c.body["host"] } : { dc: c.body["dc"] };
      await flip(c.body);
      try {
        const { code, checks } = await preflight([join(EXAMPLES, c.file)]);
        const bad = notOk(checks);
        const line = bad.find((l) => l.check === c.line.check && l.where === c.line.where);
        expect(line, JSON.stringify(bad, null, 2)).to.not.equal(undefined);
        expect(line).to.include(c.line);
        expect(line!.fix).to.match(c.fix);
        expect(bad.every((l) => l.where === c.line.where), JSON.stringify(bad, null, 2)).to.equal(true);
        expect(code).to.equal(c.code ?? 3);
      } finally {
        await flip({ ...target, reset: true, set: {} });
      }
    });
  }

  it("a bad bundle: the line names the bundle as written and the fix", async () => {
    writeFileSync(join(dir, "apps", "Broken.sab"), "PK\u0003\u0004 this is not the rest of a zip archive");
    const scenario = join(dir, "broken.xdc");
    writeFileSync(scenario, `scenario "broken bundle" {
  environment: sim
  timeout: 1m
  let app = application("Broken", bundle: "apps/Broken.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1, role: "primary")
  }
}
`);
    const { code, checks } = await preflight([scenario]);
    expect(notOk(checks)).to.deep.equal([{ check: "bundle", where: "apps/Broken.sab", status: "failed", detail: "not an application bundle: it is not a zip archive, or it was cut short (no end of central directory)", fix: "build it again and copy it whole" }]);
    expect(code).to.equal(3);
  });

  it("exec refuses to start when the preflight fails: exit 3, the failing line, nothing submitted; --no-preflight goes ahead", async () => {
    const env = { [twin.passwordVariable]: twin.password };
    const exec = (extra: string[], out: string) => cli(["exec", join(EXAMPLES, "api-cancel.xdc"), "--env", twin.envFile, "--out", join(dir, out), "--ledger", join(dir, out, "ledger.jsonl"), ...extra], dir, env);
    await flip({ dc: "dc1", set: { instanceStopped: true } });
    try {
      const refused = await exec([], "refused");
      expect(refused.code, refused.stderr).to.equal(3);
      expect(refused.stderr).to.match(/^xdc exec: the preflight found a problem in environment twin; nothing was started/);
      expect(refused.stderr).to.match(/\n {2}FAILED {2}instance {2}dc1: instance dc1 is stopped — fix: start it/);
      expect(existsSync(join(dir, "refused", "journal.jsonl"))).to.equal(false);
      expect(await truth(twin, "job.submitted")).to.deep.equal([]);

      const skipped = await exec(["--no-preflight"], "skipped");
      expect(skipped.stderr).to.not.include("preflight");
      expect(existsSync(join(dir, "skipped", "journal.jsonl"))).to.equal(true);
      expect(skipped.code).to.equal(3);
    } finally {
      await flip({ dc: "dc1", reset: true, set: {} });
    }
  });

  describe("the toolkit's detection time, from the app config CrossDCFailover, against `within`", () => {
    const scenarioWithin = (within: string) => {
      const file = join(dir, `detection-${within}.xdc`);
      writeFileSync(file, `scenario "detection within ${within}" {
  environment: sim
  timeout: 1m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results", "DCStatus"])
  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
  }
  run {
    let fo = await failover(app, to: dc2, from: dc1) within ${within}
  }
}
`);
      return file;
    };
    /** dc2's app config, as a client would create it (POST) and remove it (DELETE). */
    const appConfig = async (method: "POST" | "DELETE") => {
      const env = await readEnvironmentFile(twin.envFile, (v) => (v === twin.passwordVariable ? twin.password : undefined));
      if (!env.ok) expect.fail(JSON.stringify(env.error));
      const dc2 = env.value.dcs.find((d) => d.name === "dc2")!;
      const base = `${dc2.streams.replace(/\/$/, "")}/instances/${dc2.instance}/applicationconfigurations`;
      const headers = { authorization: `Basic ${Buffer.from(`${dc2.user}:${dc2.password}`).toString("base64")}`, "content-type": "application/json" };
      const body = { name: "CrossDCFailover", properties: { "com.acme::FailoverDemo_heartbeatExchangeInterval": "2", "com.acme::FailoverDemo_consecutiveHeartbeatMissesAllowed": "3" } };
      const res = method === "POST" ? await fetch(base, { method, headers, body: JSON.stringify(body) }) : await fetch(`${base}/CrossDCFailover`, { method, headers });
      expect(res.status, await res.text()).to.be.within(200, 204);
    };
    before(() => appConfig("POST"));
    after(() => appConfig("DELETE"));

    it("a `within` shorter than detection fails the `detection` line (exit 3); a long enough one is ok", async () => {
      const short = await preflight([scenarioWithin("3s")]);
      const line = short.checks.find((c) => c.check === "detection");
      expect(line).to.include({ where: "dc2", status: "failed" });
      expect(line!.detail).to.match(/^await failover\(FailoverDemo, to: dc2, from: dc1\) within 3s at .*detection-3s\.xdc:10 can never pass: dc2's toolkit declares a peer down 4s–8s after a fault \(heartbeat 2s from dc2's app config CrossDCFailover, misses 3 from dc2's app config CrossDCFailover\)$/);
      expect(line!.fix).to.equal("raise `within` to at least 8s plus the time to take over, or lower the heartbeat");
      expect(notOk(short.checks)).to.deep.equal([line]);
      expect(short.code).to.equal(3);

      const long = await preflight([scenarioWithin("20s")]);
      expect(notOk(long.checks)).to.deep.equal([]);
      expect(long.checks.find((c) => c.check === "detection")!.detail).to.match(/within 20s at .*: dc2's toolkit declares a peer down 4s–8s after a fault/);
      expect(long.code).to.equal(0);
    });

    it("exec stops on it before anything is submitted: exit 3 and the line", async () => {
      const run = await cli(["exec", scenarioWithin("3s"), "--env", twin.envFile, "--out", join(dir, "detection-out"), "--ledger", join(dir, "detection-ledger.jsonl")], dir, { [twin.passwordVariable]: twin.password });
      expect(run.code, run.stderr).to.equal(3);
      expect(run.stderr).to.match(/\n {2}FAILED {2}detection {2}dc2: await failover\(FailoverDemo, to: dc2, from: dc1\) within 3s at .* can never pass/);
      expect(existsSync(join(dir, "detection-out", "journal.jsonl"))).to.equal(false);
      expect(await truth(twin, "job.submitted")).to.deep.equal([]);
    });
  });

  it("the switch endpoint refuses what it does not know", async () => {
    const post = (body: unknown) => fetch(`${twin.groundTruth}/switches`, { method: "POST", body: JSON.stringify(body) });
    const unknown = await post({ host: "dc1-h1", set: { wings: true } });
    expect(unknown.status).to.equal(400);
    expect(((await unknown.json()) as { message: string }).message).to.match(/^no switch wings; the switches are sudo, /);
    expect((await post({ host: "dc9-h1", set: { sudo: false } })).status).to.equal(400);
    expect((await post({ dc: "dc1", set: { sudo: false } })).status).to.equal(400);
    expect((await fetch(`${twin.groundTruth}/switches`)).status).to.equal(405);
  });
});
