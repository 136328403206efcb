import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTwinProcess, type RunningTwin } from "../../src/cli/exec-twin.js";
import { BIN, EXAMPLES, readJsonLines } from "./live-helpers.js";
import { xdc, type Run } from "../cli/spawn.js";

type Event = { readonly kind: string } & Record<string, unknown>;

const INSTANCE = "com.ibm.streams.management:type=instance,name=dc1";

/** A small scenario reading the twin's MBeans through its Jolokia agent; `verify` gets `check`. */
const scenario = (check: string) => `scenario "jmx smoke" {
  environment: sim
  timeout: 2m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, role: "primary")
    await healthy(app, on: dc1) within 1m
    await jmx("${INSTANCE}", "RunningPeCount", on: dc1) > 0 within 30s
  }

  verify {
    ${check}
  }

  teardown {
    cancel(app, on: dc1)
  }
}
`;

/**
 * \`xdc exec --env\` (the CLI, a child process) against a twin it did not start, through the
 * \`jolokia:\` URLs of the environment file the twin wrote.
 */
describe("xdc exec reading JMX through the twin's Jolokia agent", function () {
  this.timeout(120_000);
  let twin: RunningTwin;
  let dir = "";

  before(async () => {
    twin = await startTwinProcess({ xdc: BIN, heartbeatIntervalMs: 200, missesAllowed: 3, hosts: 2, seed: 31, restartDelayMs: 300 });
    dir = mkdtempSync(join(tmpdir(), "xdc-exec-jmx-"));
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
  });
  after(async () => {
    await twin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function exec(name: string, check: string): Promise<Run & { out: string }> {
    const path = join(dir, `${name}.xdc`);
    writeFileSync(path, scenario(check));
    const out = join(dir, `out-${name}`);
    const run = await xdc(["exec", path, "--env", twin.envFile, "--out", out, "--ledger", join(dir, `${name}-ledger.jsonl`)], { cwd: dir, env: { [twin.passwordVariable]: twin.password } });
    return { ...run, out };
  }


  it("the environment file names each datacenter's agent", () => {
    const env = readFileSync(twin.envFile, "utf8");
    expect(env).to.match(/^ {4}jolokia: "http:\/\/127\.0\.1\.1:\d+\/jolokia"/m);
    expect(env).to.match(/^ {4}jolokia: "http:\/\/127\.0\.2\.1:\d+\/jolokia"/m);
  });

  it("passes when the MBeans say what the scenario expects: a job's metric, a path into a composite, the instance's state", async () => {
    const run = await exec(
      "pass",
      `expect jmx("com.ibm.streams.management:type=instance.job,instance=dc1,name=" + job(app, on: dc1).id, "Healthy", on: dc1) == 1
    expect jmx("com.ibm.streams.management:type=instance.job,instance=dc1,name=" + job(app, on: dc1).id, "Operators", on: dc1, path: "Ingest/nTuplesSubmitted") >= 0
    expect jmx("${INSTANCE}", "Up", on: dc1) == 1`,
    );
    expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
    const journal = readJsonLines<Event>(join(run.out, "journal.jsonl"));
    const expectations = journal.filter((e) => e.kind === "expect");
    expect(expectations.map((e) => [e["ok"], e["noData"]])).to.deep.equal([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(expectations.map((e) => e["actual"])).to.include.members(["1"]);
  });

  it("stops with exit 3 and Jolokia's own message when the MBean does not exist, and still runs teardown", async () => {
    const missing = "com.ibm.streams.management:type=instance.job,instance=dc1,name=999";
    const run = await exec("unknown", `expect jmx("${missing}", "Healthy", on: dc1) == 1`);
    expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(3);
    const said = `${run.stdout}\n${run.stderr}`;
    expect(said).to.contain(`javax.management.InstanceNotFoundException : ${missing}`);
    expect(said).to.contain("dc1 Jolokia: read of");
    const journal = readJsonLines<Event>(join(run.out, "journal.jsonl"));
    expect(journal.find((e) => e.kind === "scenario.end")).to.include({ verdict: "error", errorClass: "environment" });
    expect(journal.some((e) => e.kind === "phase.start" && e["phase"] === "teardown")).to.equal(true);
    expect(said.includes(twin.password)).to.equal(false);
  });
});
