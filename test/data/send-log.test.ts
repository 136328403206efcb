import { expect } from "chai";
import { RangeSet } from "../../src/data/ranges.js";
import { SendLog } from "../../src/data/send-log.js";

describe("SendLog", () => {
  it("keeps one run per batch and answers each tuple's first sending time", () => {
    const log = new SendLog();
    for (let batch = 0; batch < 5; batch++) for (let i = 0; i < 100; i++) log.note(batch * 100 + i, batch * 1000, i > 0 || batch > 0);
    expect(log.runCount).to.equal(5);
    expect([0, 99, 100, 450, 10_000].map((s) => log.timeOf(s))).to.deep.equal([0, 0, 1000, 4000, 4000]);
    expect(log.seqsSentWithin(1000, 2000)).to.deep.equal({ lo: 100, hi: 299 });
    expect(log.seqsSentWithin(3500, 9000)).to.deep.equal({ lo: 400, hi: Number.POSITIVE_INFINITY });
    const none = log.seqsSentWithin(1001, 1999);
    expect(none.lo).to.be.greaterThan(none.hi);
  });

  it("stays within its limit, and then only overstates how long ago a tuple was sent", () => {
    const log = new SendLog(64);
    const sentAt = (seq: number) => seq * 10;
    for (let seq = 0; seq < 10_000; seq++) log.note(seq, sentAt(seq), true);
    expect(log.runCount).to.be.at.most(64);
    for (let seq = 0; seq < 10_000; seq += 37) expect(log.timeOf(seq)).to.be.at.most(sentAt(seq));
  });
});

describe("RangeSet memory", () => {
  it("stays a handful of ranges for a long stream delivered with local reordering", () => {
    const s = new RangeSet();
    let most = 0;
    for (let base = 0; base < 100_000; base += 4) {
      for (const k of [2, 0, 3, 1]) s.add(base + k);
      most = Math.max(most, s.rangeCount);
    }
    expect(s.size).to.equal(100_000);
    expect(s.rangeCount).to.equal(1);
    expect(most).to.be.at.most(3);
  });
});
