import { expect } from "chai";
import { Debouncer } from "../../src/lsp/debounce.js";
import { VirtualClock } from "../../src/runtime/clock.js";

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("lsp debounce", () => {
  it("runs once after the quiet period, restarting on each new edit", async () => {
    const clock = new VirtualClock();
    const d = new Debouncer(clock, 30);
    const runs: string[] = [];
    d.schedule("a", () => runs.push("first"));
    await clock.advance(20);
    d.schedule("a", () => runs.push("second"));
    await clock.advance(20);
    await settle();
    expect(runs).to.deep.equal([]);
    await clock.advance(10);
    await settle();
    expect(runs).to.deep.equal(["second"]);
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
    await settle();
    expect(runs).to.deep.equal(["b"]);
  });
});
