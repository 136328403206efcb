import { expect } from "chai";
import { realClock } from "../../src/runtime/clock.js";

import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FaultHost } from "../../src/drivers/faults/types.js";
import { partition } from "../../src/drivers/network/index.js";
import { must } from "../helpers/must.js";
import { stopPe, streamsFaultPort } from "../../src/drivers/api-faults/index.js";
import { FaultRunner } from "../../src/runtime/fault-runner.js";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { connectTwin, PASSWORD, startDriverTwin, testContext, USER, value } from "../drivers/helpers.js";
import { demoManifest } from "../sim/fixtures.js";
import { Ledger } from "../../src/runtime/ledger.js";
import { generateKeys } from "../../src/sim/ssh/index.js";
import { leftovers, startTwin, type Twin } from "../helpers/twin.js";

const clock = realClock();

const run = promisify(execFile);

/** `xdc recover` as a user runs it: the CLI in a process of its own, with a key file and no ~/.ssh. */
describe("cli: xdc recover", function () {
  this.timeout(30_000);
  let twin: Twin;
  let keyFile: string;

  before(async () => {
    twin = await startTwin({ "dc1-a": "127.0.10.1", "dc1-b": "127.0.10.2" });
    keyFile = join(twin.dir, "id_xdc");
    writeFileSync(keyFile, twin.xdcKey.privateKey, { mode: 0o600 });
  });
  after(() => twin.close());

  const xdc = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, [join(process.cwd(), "bin", "xdc.js"), "recover", ...args], { timeout: 20_000, env: { PATH: process.env["PATH"] ?? "", HOME: twin.dir, ...env } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  /** Applies a partition on `hosts` and leaves it, as a run killed with -9 would. */
  async function leaveBehind(name: string, hosts: readonly FaultHost[]): Promise<string> {
    const path = join(twin.dir, `${name}.jsonl`);
    const ledger = must(await Ledger.open(path));
    const pool = twin.pool();
    try {
      const runner = new FaultRunner({ shell: pool, ledger, clock, by: "run" });
      must(await runner.apply(must(partition({ run: name, id: "f1", hosts, peers: ["127.0.11.0/24"], keep: [], label: "dc1 <-> dc2" }))));
    } finally {
      await pool.close();
      await ledger.close();
    }
    return path;
  }

  it("undoes what a killed run left, then has nothing to do", async () => {
    const hosts = [twin.hosts["dc1-a"]!.fault, twin.hosts["dc1-b"]!.fault];
    const ledger = await leaveBehind("left", hosts);
    expect(await leftovers(twin.hosts["dc1-a"]!.sim)).to.have.length(2);
    expect(await xdc(["--ledger", ledger, "-i", keyFile])).to.deep.equal({
      code: 0,
      stdout: `xdc recover: 1 fault still applied according to ${ledger}\n  undone: partition dc1 <-> dc2 on dc1-a, dc1-b (run left, fault f1)\nxdc recover: done, nothing is left applied\n`,
      stderr: "",
    });
    for (const h of hosts) expect(await leftovers(twin.hosts[h.ssh.name]!.sim)).to.deep.equal([]);
    expect(await xdc(["--ledger", ledger, "-i", keyFile])).to.deep.equal({ code: 0, stdout: `xdc recover: nothing to do: the 1 fault recorded in ${ledger} is all undone\n`, stderr: "" });
  });

  it("refuses a host whose key is not the one the ledger pinned, naming the host and both fingerprints", async () => {
    const a = twin.hosts["dc1-a"]!;
    const ledger = await leaveBehind("impostor", [a.fault]);
    const impostor = generateKeys("impostor");
    // The ledger says dc1-a has another key: exactly what a man in the middle would look like.
    writeFileSync(ledger, readFileSync(ledger, "utf8").replaceAll(a.server.hostKeyPublic, impostor.publicKey.split(" ").slice(0, 2).join(" ")));
    const r = await xdc(["--ledger", ledger, "-i", keyFile]);
    expect(r.code).to.equal(3);
    expect(r.stderr).to.include(`host key of dc1-a (127.0.10.1:${a.server.port}) has changed: expected ${impostor.fingerprint}`).and.include(`presented ${a.server.fingerprint}`);
    expect(r.stderr).to.include("  FAILED: partition dc1 <-> dc2 on dc1-a (run impostor, fault f1)");
    expect(r.stderr).to.include(`    run by hand: ssh -p ${a.server.port} root@127.0.10.1 'iptables -w -D INPUT -s 127.0.11.0/24 -m comment --comment xdc.impostor.f1 -j DROP ; iptables -w -D OUTPUT -d 127.0.11.0/24 -m comment --comment xdc.impostor.f1 -j DROP'`);
    expect(r.stderr).to.match(/xdc recover: 1 undo FAILED: those faults may still be in effect/);
    expect(await leftovers(a.sim)).to.have.length(2);
    await a.sim.exec("iptables -F", "root");
  });

  it("restarts a PE a run left stopped through the REST API, with the password from the variable the ledger names, and no SSH key", async () => {
    const t = await startDriverTwin();
    const api = await connectTwin(t, testContext());
    try {
      const bundleId = value(await api.uploadBundle(buildBundle(demoManifest()))).bundleId;
      value(await api.submitJob({ bundleId, jobName: "orders" }));
      const pe = value(await api.pes())[0]!;
      const path = join(twin.dir, "api.jsonl");
      const ledger = must(await Ledger.open(path));
      const runner = new FaultRunner({ shell: twin.pool(), api: streamsFaultPort({ dc1: api }), ledger, clock, by: "run" });
      must(await runner.apply(must(stopPe({ run: "api", id: "f1", dc: "dc1", peId: pe.id, endpoint: { url: t.rest, user: USER, passwordEnv: "DC1_PW" } }))));
      await ledger.close();
      const without = await xdc(["--ledger", path]);
      expect(without.code).to.equal(3);
      expect(without.stderr).to.include("note: the REST API of dc1 needs its password in the environment variable DC1_PW, which is not set");
      expect(without.stderr).to.include(`    run by hand: through the REST API: restartPe peId=${pe.id} on dc1`);
      const r = await xdc(["--ledger", path], { DC1_PW: PASSWORD });
      expect(r).to.deep.equal({ code: 0, stdout: `xdc recover: 1 fault still applied according to ${path}\n  undone: stop PE ${pe.id} on dc1 (run api, fault f1)\nxdc recover: done, nothing is left applied\n`, stderr: "" });
      expect(r.stdout + r.stderr + without.stderr).to.not.include(PASSWORD);
    } finally {
      api.close();
      await t.close();
    }
  });

  it("says what is wrong with a key it cannot use, before touching any host", async () => {
    const ledger = await leaveBehind("nokey", [twin.hosts["dc1-b"]!.fault]);
    writeFileSync(join(twin.dir, "not-a-key"), "hello\n");
    const r = await xdc(["--ledger", ledger, "-i", join(twin.dir, "not-a-key")]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^xdc recover: the SSH key .*not-a-key cannot be used: /);
    await twin.hosts["dc1-b"]!.sim.exec("iptables -F", "root");
  });
});
