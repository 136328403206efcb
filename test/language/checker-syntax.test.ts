import { expect } from "chai";
import { checked, line } from "./check-helpers.js";

/** After a syntax error, what the parser dropped is not reported again as missing. */
describe("checker: after syntax errors", () => {
  const cases: [string, string[]][] = [
    [`scenario "s" {\n  timeout: 5m\n  run {\n    latency(dc1, dc2, delay: ) for 1m\n  }\n}`, ["4:30 XDC1001 unexpected `)`"]],
    [`scenario "s" {\n  timeout: \n  run { wait 1s }\n}`, ["3:3 XDC1001 unexpected `run`"]],
    [`fault f(a: , b: DC) { partition(a, b) }`, ["1:12 XDC1001 unexpected `,`"]],
    [`scenario "s" {\n  timeout: 5m\n  let app = application("a", bundle: "b", sources: ["In"])\n  run {\n    inject(app., rate: 1/s, for: 1s)\n  }\n}`, ["5:16 XDC1001 unexpected `,`"]],
  ];
  for (const [text, expected] of cases) {
    it(`reports only the syntax error: ${expected[0]}`, () => {
      expect(checked(text).diagnostics.map(line)).to.deep.equal(expected);
    });
  }

  it("still reports problems of the checker elsewhere in the file", () => {
    const text = `scenario "s" {\n  timeout: 5m\n  run {\n    wait )\n    wait 5\n  }\n}`;
    expect(checked(text).diagnostics.map((d) => d.code)).to.deep.equal(["XDC1001", "XDC3001"]);
  });
});
