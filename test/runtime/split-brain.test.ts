import { expect } from "chai";
import { roleSpans } from "../../src/runtime/roles.js";
import { splitBrainMs, splitBrainSpans } from "../../src/runtime/split-brain.js";

const change = (t: number, dc: string, role: "active" | "standby" | "down" | "unknown") => ({ t, dc, role, signals: [] });

describe("split brain from role changes", () => {
  it("is every interval with two datacenters active at once, until the end when nothing changes", () => {
    const spans = splitBrainSpans(roleSpans([change(0, "dc1", "active"), change(0, "dc2", "standby"), change(7_000, "dc2", "active")], 20_000));
    expect(spans).to.deep.equal([{ fromMs: 7_000, toMs: 20_000, dcs: ["dc1", "dc2"] }]);
    expect(splitBrainMs(spans)).to.equal(13_000);
  });

  it("ends when one of them stops being active, and counts a second episode apart", () => {
    const roles = roleSpans(
      [change(0, "dc1", "active"), change(0, "dc2", "standby"), change(5_000, "dc2", "active"), change(6_000, "dc1", "down"), change(9_000, "dc1", "active"), change(9_500, "dc2", "standby")],
      12_000,
    );
    const spans = splitBrainSpans(roles);
    expect(spans).to.deep.equal([
      { fromMs: 5_000, toMs: 6_000, dcs: ["dc1", "dc2"] },
      { fromMs: 9_000, toMs: 9_500, dcs: ["dc1", "dc2"] },
    ]);
    expect(splitBrainMs(spans)).to.equal(1_500);
  });

  it("is nothing in a clean failover, where the standby takes over after the primary is down", () => {
    const roles = roleSpans([change(0, "dc1", "active"), change(0, "dc2", "standby"), change(4_000, "dc1", "down"), change(4_500, "dc2", "active")], 10_000);
    expect(splitBrainSpans(roles)).to.deep.equal([]);
  });
});
