import { expect } from "chai";
import fc from "fast-check";
import { checkText, memoryHost } from "../../src/language/index.js";

/** Pieces of scenarios, shuffled: mostly near-valid text, which reaches deep into the checker. */
const pieces = [
  'scenario "s" {', "}", "{", "timeout: 5m", "environment: sim", "environment: lab", "tags: [\"a\"]",
  "setup {", "run {", "verify {", "steady {", "teardown {",
  'let app = application("A", bundle: "a.sab", sources: ["In"], sinks: ["Out"])',
  "let load = inject(app.In, rate: 10/s, for: 1m)", "let fo = await failover(app, to: dc2) within 2m",
  "partition(dc1, dc2) for 30s", "partition(dc1, dc3)", "at 10s:", "after load:", "every 5s for 1m {", "repeat 3 {", "repeat {",
  "parallel {", "wait 5", "wait 5s", "expect fo.rto <= 45s", "expect lost(load, app.Out) <= 0.1%", "expect", "await",
  "revert(", ")", "(", ",", "app.In", "app.Out", "fo.", "dc1", "30s + 5%", "5 * 2", "not", "and", "==", "[", "]",
  'import "std/faults"', 'import "./x.xdc"', "flap(dc1, dc2) for 1m", "fault f(a: DC, n: Number = 2) {", "check c(e: Endpoint) {",
  "environment lab {", 'dc dc1 { streams: "s" instance: "i" }', "dc dc2 {", 'password: "p"', "let x =", "x(", "x.y.z", "-", "1e400s",
];

describe("checker: properties", () => {
  it("never throws, and every diagnostic lies inside its file", () => {
    const host = memoryHost({ "x.xdc": 'import "./p.xdc"\nfault g(a: DC) { isolate(a) }' });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom(" ", "\n", "; "), (parts, sep) => {
        const text = parts.join(sep);
        const r = checkText(text, "p.xdc", host);
        for (const d of r.diagnostics) {
          if (d.span.file !== "p.xdc") continue;
          expect(d.span.start.offset).to.be.at.most(d.span.end.offset);
          expect(d.span.end.offset).to.be.at.most(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
