import { expect } from "chai";
import { realClock, VirtualClock, wallTime } from "../../src/runtime/clock.js";

describe("runtime/clock", () => {
  it("wakes virtual sleepers in time order, each at its own time", async () => {
    const clock = new VirtualClock();
    const woke: Array<[string, number]> = [];
    const sleeper = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push([name, clock.now()]));
    const all = Promise.all([sleeper("c", 30), sleeper("a", 10), sleeper("b", 10), sleeper("d", 100)]);
    await clock.advance(50);
    expect(woke).to.deep.equal([["a", 10], ["b", 10], ["c", 30]]);
    expect(clock.now()).to.equal(50);
    expect(clock.pendingSleeps).to.equal(1);
    await clock.advance(50);
    await all;
    expect(woke.at(-1)).to.deep.equal(["d", 100]);
  });

  it("lets code that wakes up sleep again within the same advance", async () => {
    const clock = new VirtualClock();
    const ticks: number[] = [];
    const loop = (async () => {
      for (let i = 0; i < 5; i++) {
        await clock.sleep(10);
        ticks.push(clock.now());
      }
    })();
    await clock.advance(35);
    expect(ticks).to.deep.equal([10, 20, 30]);
    await clock.advance(100);
    await loop;
    expect(ticks).to.deep.equal([10, 20, 30, 40, 50]);
  });

  it("rejects an aborted sleep and forgets it", async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(new Error("stop"));
    let reason: unknown;
    await sleeping.catch((e: unknown) => (reason = e));
    expect((reason as Error).message).to.equal("stop");
    expect(clock.pendingSleeps).to.equal(0);
    await clock.sleep(5, controller.signal).catch((e: unknown) => (reason = e));
    expect((reason as Error).message).to.equal("stop");
  });

  it("jumps over waits in auto mode, and maps time to dates through its anchor", async () => {
    const clock = new VirtualClock({ auto: true, wallAnchorMs: 1_000_000 });
    await clock.sleep(250);
    await clock.sleep(750);
    expect(clock.now()).to.equal(1_000);
    expect(wallTime(clock)).to.equal(1_001_000);
  });

  it("the real clock is monotonic from zero and its sleep can be cancelled", async () => {
    const clock = realClock();
    const a = clock.now();
    await clock.sleep(1);
    expect(clock.now()).to.be.greaterThan(a);
    expect(Math.abs(wallTime(clock) - Date.now())).to.be.lessThan(1_000);
    const controller = new AbortController();
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort(new Error("cancelled"));
    let caught = "";
    await sleeping.catch((e: unknown) => (caught = (e as Error).message));
    expect(caught).to.equal("cancelled");
  });

  it("the real clock's sleep never ends before its time has passed on that clock", async () => {
    const clock = realClock();
    // Bounded: 40 short sleeps, well under a second; Node's timers alone end some of them early.
    for (let i = 0; i < 40; i++) {
      const ms = 3 + (i % 7);
      const start = clock.now();
      await clock.sleep(ms);
      expect(clock.now() - start, `sleep(${ms})`).to.be.at.least(ms);
    }
  });
});
