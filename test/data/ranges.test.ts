import { expect } from "chai";
import fc from "fast-check";
import { RangeSet } from "../../src/data/ranges.js";

const ranges = (s: RangeSet) => [...s.ranges()].map((r) => [r.from, r.to]);

describe("RangeSet", () => {
  it("merges touching and adjacent additions into one range", () => {
    const s = new RangeSet();
    for (const x of [5, 7, 6, 1, 2, 9]) s.add(x);
    expect(ranges(s)).to.deep.equal([[1, 2], [5, 7], [9, 9]]);
    expect(s.addRange(3, 8)).to.equal(3);
    expect(ranges(s)).to.deep.equal([[1, 9]]);
    expect(s.size).to.equal(9);
  });

  it("says whether an addition was new", () => {
    const s = new RangeSet();
    expect(s.add(3)).to.equal(true);
    expect(s.add(3)).to.equal(false);
    expect(s.has(3)).to.equal(true);
    expect(s.has(4)).to.equal(false);
    expect(s.max).to.equal(3);
  });

  it("lists what another set lacks, cut at a limit", () => {
    const a = new RangeSet();
    a.addRange(0, 20);
    const b = new RangeSet();
    b.addRange(3, 5);
    b.add(9);
    b.addRange(15, 30);
    expect([...a.minus(b)].map((r) => [r.from, r.to])).to.deep.equal([[0, 2], [6, 8], [10, 14]]);
    expect([...a.minus(b, 7)].map((r) => [r.from, r.to])).to.deep.equal([[0, 2], [6, 7]]);
  });

  it("holds exactly the numbers added, as maximal ranges (model: a Set)", () => {
    const op = fc.oneof(
      fc.record({ lo: fc.nat(200), len: fc.constant(0) }),
      fc.record({ lo: fc.nat(200), len: fc.nat(15) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 80 }), fc.array(fc.nat(220), { maxLength: 40 }), (ops, others) => {
      const s = new RangeSet();
      const model = new Set<number>();
      for (const { lo, len } of ops) {
        const before = model.size;
        for (let x = lo; x <= lo + len; x++) model.add(x);
        const added = len === 0 ? (s.add(lo) ? 1 : 0) : s.addRange(lo, lo + len);
        expect(added).to.equal(model.size - before);
      }
      expect(s.size).to.equal(model.size);
      const rs = [...s.ranges()];
      rs.forEach((r, i) => {
        expect(r.from).to.be.at.most(r.to);
        if (i > 0) expect(r.from).to.be.greaterThan(rs[i - 1]!.to + 1);
      });
      expect(rs.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, k) => r.from + k))).to.deep.equal([...model].sort((x, y) => x - y));
      const o = new RangeSet();
      for (const x of others) o.add(x);
      const diff = [...s.minus(o)].flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, k) => r.from + k));
      expect(diff).to.deep.equal([...model].filter((x) => !o.has(x)).sort((x, y) => x - y));
    }), { numRuns: 300 });
  });
});
