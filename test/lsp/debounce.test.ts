import { expect } from "chai";
import { Debouncer } from "../../src/lsp/debounce.js";
import { VirtualClock } from "../../src/runtime/clock.js";

describe("lsp debounce", () => {
  it("acts at once on an edit after a quiet spell", async () => {
    const clock = new VirtualClock();
    const d = new Debouncer(clock, 30);
    const runs: string[] = [];
    d.schedule("a", () => runs.push("first"));
    await clock.advance(0);
    expect(runs).to.deep.equal(["first"]);
    await clock.advance(40);
    d.schedule("a", () => runs.push("later"));
    await clock.advance(0);
    expect(runs).to.deep.equal(["first", "later"]);
  });

  it("makes a burst of edits one action, after the last edit's quiet period", async () => {
    const clock = new VirtualClock();
    const d = new Debouncer(clock, 30);
    const runs: string[] = [];
    d.schedule("a", () => runs.push("1"));
    d.schedule("a", () => runs.push("2"));
    await clock.advance(20);
    d.schedule("a", () => runs.push("3"));
    await clock.advance(29);
    expect(runs).to.deep.equal([]);
    expect(d.has("a")).to.equal(true);
    await clock.advance(1);
    expect(runs).to.deep.equal(["3"]);
    expect(d.has("a")).to.equal(false);
  });

  it("keeps documents apart, and a cancelled wait never runs", async () => {
    const clock = new VirtualClock();
    const d = new Debouncer(clock, 30);
    const runs: string[] = [];
    d.schedule("a", () => runs.push("a"));
    d.schedule("b", () => runs.push("b"));
    d.cancel("a");
    await clock.advance(30);
    expect(runs).to.deep.equal(["b"]);
  });
});
