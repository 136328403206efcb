import { expect } from "chai";
import { cellOf, displayLine, displayWidth } from "../../src/language/columns.js";

describe("columns", () => {
  it("expands tabs to the next multiple of four", () => {
    expect(displayLine("\ta\tbc").text).to.equal("    a   bc");
    expect(displayWidth("ab\tc")).to.equal(5);
  });

  it("counts wide characters as two cells, combining marks as none, surrogate pairs as one character", () => {
    const line = displayLine("日e\u0301🎉x");
    // UTF-16 columns: 日=1, e=2, U+0301=3, 🎉=4-5, x=6
    expect([1, 2, 3, 4, 6, 7].map((c) => cellOf(line, c))).to.deep.equal([0, 2, 3, 3, 5, 6]);
  });

  it("shows control characters as their Unicode pictures, one cell each", () => {
    const line = displayLine("a\u0007b\u007f");
    expect(line.text).to.equal("a\u2407b\u2421");
    expect(cellOf(line, 5)).to.equal(4);
  });

  it("places a column past the end of the line that far after it", () => {
    expect(cellOf(displayLine("\tx"), 3)).to.equal(5);
    expect(cellOf(displayLine("\tx"), 5)).to.equal(7);
  });
});
