import { expect } from "chai";
import { Slot } from "../../src/drivers/toolkit/slot.js";

/** A read the test finishes by hand. */
function manual<T>(): { promise: Promise<T>; finish: (v: T) => void } {
  let finish!: (v: T) => void;
  const promise = new Promise<T>((resolve) => (finish = resolve));
  return { promise, finish };
}

describe("drivers/toolkit: a slot keeps one read going across rounds", () => {
  it("answers a read that finishes within the round, and starts a fresh one next round", async () => {
    const slot = new Slot<number>();
    let started = 0;
    const never = new Promise<void>(() => undefined);
    expect(await slot.take(async () => ++started, never)).to.equal(1);
    expect(await slot.take(async () => ++started, never)).to.equal(2);
  });

  it("leaves a slow read going when the round is over, starts no second one, and gives it to the round in which it is done", async () => {
    const slot = new Slot<string>();
    const slow = manual<string>();
    let started = 0;
    const start = () => (started++, slow.promise);
    expect(await slot.take(start, Promise.resolve())).to.equal(undefined);
    expect(await slot.take(start, Promise.resolve())).to.equal(undefined);
    expect(started).to.equal(1);
    slow.finish("late answer");
    expect(await slot.take(start, new Promise(() => undefined))).to.equal("late answer");
    expect(started).to.equal(1);
  });
});
