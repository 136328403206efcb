import { expect } from "chai";
import { readFileSync } from "node:fs";
import { checkText } from "../../src/language/index.js";

const stdlib = new URL("../../stdlib/", import.meta.url);
const texts = [
  readFileSync(new URL("../../examples/partition.xdc", import.meta.url), "utf8"),
  readFileSync(new URL("faults.xdc", stdlib), "utf8"),
];

describe("checker: robustness", () => {
  it("never throws on a truncated or damaged file, and keeps spans inside it", () => {
    let runs = 0;
    for (const text of texts) {
      // Every 17th position: enough to hit each construct cut short, in a few hundred runs.
      for (let cut = 0; cut <= text.length; cut += 17) {
        for (const variant of [text.slice(0, cut), text.slice(0, cut) + text.slice(cut + 3)]) {
          const r = checkText(variant, "v.xdc");
          for (const d of r.diagnostics) {
            if (d.span.file !== "v.xdc") continue;
            expect(d.span.end.offset, d.message).to.be.at.most(variant.length);
            expect(Number.isInteger(d.span.start.line) && Number.isInteger(d.span.start.column)).to.equal(true);
          }
          runs++;
        }
      }
    }
    expect(runs).to.be.greaterThan(200);
  });
});
