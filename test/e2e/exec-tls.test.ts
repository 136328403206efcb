import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTwinProcess, type RunningTwin } from "../../src/cli/exec-twin.js";
import { createAuthority } from "../../src/sim/tls/certificates.js";
import { BIN, EXAMPLES, readJsonLines, truth } from "./live-helpers.js";
import { xdc, type Run } from "../cli/spawn.js";

type Exec = Run;

/** A small scenario over REST and Data Exchange: deploy to both datacenters, send a little, check it all arrived. */
const SCENARIO = `scenario "tls smoke" {
  environment: sim
  timeout: 2m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 1m
  }

  run {
    let load = inject(app.Ingest, rate: 100/s, for: 2s, key: "seq")
    wait 2s
  }

  verify {
    expect lost(load, app.Results) <= 1%
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;

/**
 * \`xdc exec --env\` against \`xdc sim --tls\` (both the CLI, as child processes): with the CA the
 * twin wrote it passes; without it, or with another CA, it stops before anything is submitted
 * (judged by the twin's ground truth) with exit 3 and one line; \`insecure\` passes and says so.
 */
describe("xdc exec against xdc sim --tls", function () {
  this.timeout(180_000);
  let twin: RunningTwin;
  let dir = "";
  let scenario = "";
  let twinEnv = "";

  /** The twin's environment file with its `ca_file` line replaced (or dropped, with ""). */
  const envWith = (name: string, caLine: string): string => {
    const text = twinEnv.replace(/^ {2}ca_file: .*$/m, caLine);
    expect(text).to.not.equal(twinEnv);
    const path = join(dir, `${name}.xdc`);
    writeFileSync(path, text);
    return path;
  };

  const exec = (envFile: string, run: string): Promise<Exec> =>
    xdc(["exec", scenario, "--env", envFile, "--out", join(dir, run), "--ledger", join(dir, run, "ledger.jsonl")], { cwd: dir, env: { [twin.passwordVariable]: twin.password } });


  const submissions = async () => (await truth(twin, "job.submitted")).length;

  before(async () => {
    twin = await startTwinProcess({ xdc: BIN, tls: true, hosts: 2, heartbeatIntervalMs: 200, missesAllowed: 3, seed: 16, restartDelayMs: 300 });
    dir = mkdtempSync(join(tmpdir(), "xdc-exec-tls-"));
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
    scenario = join(dir, "tls.xdc");
    writeFileSync(scenario, SCENARIO);
    twinEnv = readFileSync(twin.envFile, "utf8");
  });
  after(async () => {
    await twin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the twin serves HTTPS, and its environment file names the CA", () => {
    expect(twin.caFile).to.be.a("string");
    expect(twinEnv).to.include(`ca_file: "${twin.caFile}"`);
    expect(twinEnv.match(/(streams|data|prometheus): "[^"]*"/g)!.every((l) => l.includes('"https://'))).to.equal(true);
    expect(readFileSync(twin.caFile!, "utf8")).to.match(/^-----BEGIN CERTIFICATE-----/);
  });

  it("without the CA, or with another one, stops before anything is submitted: exit 3 and one line naming the problem and the setting", async () => {
    const wrongCa = join(dir, "wrong-ca.pem");
    writeFileSync(wrongCa, createAuthority("not the twin's CA").cert);
    const noCaEnv = envWith("no-ca", "");
    const wrongCaEnv = envWith("wrong-ca", `  ca_file: "wrong-ca.pem"`);
    const [noCa, wrong] = await Promise.all([exec(noCaEnv, "no-ca"), exec(wrongCaEnv, "wrong-ca")]);

    expect(noCa.code, noCa.stdout + noCa.stderr).to.equal(3);
    expect(noCa.stdout).to.equal("");
    expect(noCa.stderr.trimEnd().split("\n")).to.have.length(1);
    expect(noCa.stderr).to.match(/^xdc exec: datacenter dc1: TLS: the certificate of the REST API at https:\/\/127\.0\.1\.1:\d+ is signed by a CA this machine does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): set `ca_file` .* in .*no-ca\.xdc\n$/);

    expect(wrong.code, wrong.stdout + wrong.stderr).to.equal(3);
    expect(wrong.stderr.trimEnd().split("\n")).to.have.length(1);
    expect(wrong.stderr).to.include(`is not signed by the CA in ${wrongCa}`).and.include("set `ca_file`").and.include("wrong-ca.xdc");

    expect(await submissions(), "nothing was submitted").to.equal(0);
  });

  it("with the CA the twin wrote, passes over HTTPS", async () => {
    const run = await exec(twin.envFile, "with-ca");
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(run.stderr).to.not.include("warning");
    expect(await submissions()).to.equal(2);
    const received = readJsonLines<{ kind: string; received?: number }>(join(dir, "with-ca", "journal.jsonl")).find((e) => e.kind === "data");
    expect(received?.received).to.be.greaterThan(0);
  });

  it("with `insecure: true`, passes and says so once: on stderr, in the journal and in the report's header", async () => {
    const insecure = envWith("insecure", "  insecure: true");
    const run = await exec(insecure, "insecure");
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const warning = /TLS certificate checks are OFF for dc1, dc2 \(`insecure: true` in [^)]*insecure\.xdc\)/;
    expect(run.stderr.split("\n").filter((l) => warning.test(l))).to.have.length(1);
    expect(run.stdout).to.not.match(warning);
    const journal = readJsonLines<{ kind: string; level?: string; message?: string; scenario?: string }>(join(dir, "insecure", "journal.jsonl"));
    const warnings = journal.filter((e) => e.kind === "log" && e.level === "warn" && warning.test(e.message ?? ""));
    expect(warnings).to.have.length(1);
    expect(warnings[0]!.scenario).to.equal(undefined);
    const header = /<header>([\s\S]*)<\/header>/.exec(readFileSync(join(dir, "insecure", "report.html"), "utf8"))![1]!;
    expect(header).to.match(/TLS certificate checks are OFF for dc1, dc2/);
    expect(await submissions()).to.equal(4);
  });
});
