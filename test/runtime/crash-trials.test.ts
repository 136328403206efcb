import { expect } from "chai";
import { realClock } from "../../src/runtime/clock.js";

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../../src/sim/host/index.js";
import { must } from "../helpers/must.js";
import { readLedger } from "../../src/runtime/ledger.js";
import { recover } from "../../src/runtime/recover.js";
import { bundleChild, startChild } from "../helpers/child.js";
import { leftovers, peProcess, startTwin, type Twin } from "../helpers/twin.js";
import type { ChildConfig } from "./crash-child.js";

const clock = realClock();

const DC1 = { "dc1-a": "127.0.8.1", "dc1-b": "127.0.8.2", "dc1-c": "127.0.8.3" };
const DC2 = ["127.0.9.1", "127.0.9.2", "127.0.9.3"];
const TRIALS = 30;
const CYCLES = 2;

/**
 * Crash trials: a child process applies and undoes every kind of SSH fault on twin hosts and is
 * killed with SIGKILL at a random point (seeded); `recover` must then leave nothing applied.
 * Also SIGTERM and a double Ctrl-C against a run that holds its faults.
 */
describe("faults: crash trials and interrupts", function () {
  this.timeout(120_000);
  let twin: Twin;
  let child: Awaited<ReturnType<typeof bundleChild>>;
  let pid: number;

  before(async () => {
    [twin, child] = await Promise.all([startTwin(DC1), bundleChild(new URL("./crash-child.ts", import.meta.url).pathname, "crash-child")]);
    pid = twin.hosts["dc1-a"]!.table.add(peProcess(7)).pid;
  });

  after(async () => {
    child?.remove();
    await twin?.close();
  });

  const config = (run: string, mode: ChildConfig["mode"], slowUndoMs = 0): string => {
    const c: ChildConfig = {
      mode,
      ledger: join(twin.dir, `${run}.jsonl`),
      run,
      key: twin.xdcKey.privateKey,
      hosts: Object.keys(DC1).map((k) => twin.hosts[k]!.fault),
      peers: DC2,
      pe: { host: "dc1-a", pid },
      cycles: CYCLES,
      slowUndoMs,
    };
    const file = join(twin.dir, `${run}.json`);
    writeFileSync(file, JSON.stringify(c));
    return file;
  };

  async function recoverAndCheck(ledgerPath: string): Promise<number> {
    const pool = twin.pool();
    try {
      const first = must(await recover(ledgerPath, { shell: pool, clock, verifyTimeoutMs: 3000 }));
      expect(first.undone.filter((u) => u.status === "failed")).to.deep.equal([]);
      for (const h of Object.values(twin.hosts)) expect(await leftovers(h.sim), h.fault.ssh.name).to.deep.equal([]);
      expect(must(await readLedger(ledgerPath)).outstanding).to.deep.equal([]);
      expect(must(await recover(ledgerPath, { shell: pool, clock })).undone).to.deep.equal([]);
      return first.undone.length;
    } finally {
      await pool.close();
    }
  }

  it(`${TRIALS} runs killed with SIGKILL at random points during apply and undo leave nothing applied after recover`, async () => {
    const random = seededRandom(20_251_123);
    // ready + (5 applies + 5 undos) per cycle: the marker after which the kill comes.
    const markers = 1 + CYCLES * 10;
    const killedDuring: string[] = [];
    let recovered = 0;
    // Each child is started two trials ahead: starting node and ssh2 is most of a trial's time.
    const spawnTrial = (trial: number) => startChild(child.file, [config(`k${trial}`, "cycle")]);
    const queue = [spawnTrial(0), spawnTrial(1)];
    for (let trial = 0; trial < TRIALS; trial++) {
      const c = queue.shift()!;
      if (trial + 2 < TRIALS) queue.push(spawnTrial(trial + 2));
      await c.waitFor((l) => l === "ready");
      c.say("go");
      const after = 1 + Math.floor(random() * (markers - 1));
      const delayMs = random() * 4;
      await c.waitFor((_line, i) => i >= after).catch(() => "");
      await clock.sleep(delayMs);
      c.process.kill("SIGKILL");
      expect(await c.exited, c.stderr()).to.equal("SIGKILL");
      killedDuring.push(c.lines.at(-1) ?? "start");
      recovered += await recoverAndCheck(join(twin.dir, `k${trial}.jsonl`));
    }
    // The trials are worth something only if the kills landed in both phases with faults in effect.
    expect(killedDuring.filter((l) => l.startsWith("apply")).length, killedDuring.join(", ")).to.be.at.least(5);
    expect(killedDuring.filter((l) => l.startsWith("undo")).length, killedDuring.join(", ")).to.be.at.least(5);
    expect(recovered).to.be.at.least(TRIALS);
  });

  it("SIGTERM undoes the faults applied so far, then exits", async () => {
    const c = startChild(child.file, [config("term", "hold")]);
    await c.waitFor((l) => l === "ready");
    c.say("go");
    await c.waitFor((l) => l === "applied");
    for (const h of Object.values(twin.hosts)) expect(await leftovers(h.sim)).to.not.deep.equal([]);
    c.process.kill("SIGTERM");
    expect(await c.exited).to.equal(130);
    expect(c.lines.filter((l) => l.startsWith("  undone:"))).to.have.length(5);
    expect(c.stderr()).to.include("xdc: SIGTERM: undoing the faults applied so far");
    for (const h of Object.values(twin.hosts)) expect(await leftovers(h.sim), h.fault.ssh.name).to.deep.equal([]);
    expect(must(await readLedger(join(twin.dir, "term.jsonl"))).outstanding).to.deep.equal([]);
  });

  it("a second Ctrl-C exits at once, exit 3 naming what is still applied and the recover command that undoes it", async () => {
    const c = startChild(child.file, [config("twice", "hold", 300)]);
    await c.waitFor((l) => l === "ready");
    c.say("go");
    await c.waitFor((l) => l === "applied");
    c.process.kill("SIGINT");
    await c.waitFor((l) => l === "cleaning");
    c.process.kill("SIGINT");
    // Not 130: faults are still in effect, and the exit says which and how to undo them.
    expect(await c.exited).to.equal(3);
    const left = must(await readLedger(join(twin.dir, "twice.jsonl"))).outstanding;
    expect(left.length).to.be.at.least(1);
    expect(c.stderr()).to.match(/xdc: SIGINT again: exiting now; \d+ faults? may still be in effect, and the ledger has them:/);
    for (const plan of left) expect(c.stderr()).to.include(`  ${plan.summary}`);
    expect(c.stderr()).to.include(`xdc: run \`xdc recover --ledger ${join(twin.dir, "twice.jsonl")}\` to undo them`);
    expect(await recoverAndCheck(join(twin.dir, "twice.jsonl"))).to.equal(left.length);
  });
});
