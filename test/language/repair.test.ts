import { expect } from "chai";
import { parse } from "../../src/language/parse.js";

/** The words and places of the repairs' diagnostics (issue 20 §2), which the short goldens do not show. */
const scenario = (run: string) => `scenario "s" {\n  timeout: 5m\n  run {\n    ${run}\n  }\n}\n`;
const only = (text: string) => {
  const ds = parse(text, "s.xdc").diagnostics;
  expect(ds.map((d) => `${d.code} ${d.message}`), "exactly one diagnostic").to.have.length(1);
  return ds[0]!;
};

describe("syntax repairs", () => {
  it("lists what may come next, read from the grammar, and labels the `(` left open", () => {
    const d = only(scenario("partition(dc1, dc2 for 5s"));
    expect(d.message).to.equal("`(` is not closed");
    expect(d.label).to.equal("expected `,` or `)`");
    expect(d.span.start).to.include({ line: 4, column: 24 });
    expect(d.labels.map((l) => [l.span.start.line, l.span.start.column, l.message])).to.deep.equal([[4, 14, "this `(` is not closed"]]);
  });

  it("labels an unclosed `{` at the opener, found at the end of the file", () => {
    const d = only('scenario "s" {\n  timeout: 5m\n  run {\n    wait 1s\n}\n');
    expect(d.message).to.equal("`{` is not closed");
    expect(d.labels[0]!.span.start).to.include({ line: 1, column: 14 });
  });

  it("reports a stray `}` at itself", () => {
    const d = only('scenario "s" {\n  timeout: 5m\n  run {\n    wait 1s\n  }}\n  verify { expect true }\n}\n');
    expect([d.message, d.label, d.span.start.line, d.span.start.column]).to.deep.equal(["unexpected `}`", "this `}` closes nothing", 5, 4]);
  });

  for (const [typo, keyword, text] of [
    ["scenaro", "scenario", 'scenaro "s" {\n  timeout: 5m\n}\n'],
    ["seutp", "setup", 'scenario "s" {\n  timeout: 5m\n  seutp { wait 1s }\n}\n'],
    ["wiat", "wait", scenario("wiat 1s")],
  ] as const) {
    it(`says \`${typo}\` → \`${keyword}\`, with the fix, and nothing else`, () => {
      const d = only(text);
      expect(d.message).to.equal(`unknown keyword \`${typo}\``);
      expect(d.label).to.equal(`did you mean \`${keyword}\`?`);
      expect(d.help?.edit?.newText).to.equal(keyword);
    });
  }

  it("helps with `=` for `==`, a missing `let`, `#` comments and an unquoted `else` message", () => {
    expect(only(scenario("expect 1s = 1s")).help?.message).to.equal("write `==`");
    expect(only(scenario("pause = 5s")).help?.message).to.equal("write `let pause = …`");
    expect(only(scenario("wait 1s # one second")).help?.edit?.newText).to.equal("//");
    expect(only(scenario("expect 1s < 2s else took too long")).help?.edit?.newText).to.equal('"took too long"');
  });

  it("reports a keyword used as a name once, however often the name is used", () => {
    const d = only(scenario("let wait = 5s\n    at 1s: log(wait)\n    expect wait > 1s"));
    expect(d.message).to.equal("`wait` is a keyword, not a name");
  });

  it("escapes control characters and cuts long tokens in messages", () => {
    const long = "x".repeat(200);
    const ds = parse(scenario(`wait 1s ${long}(`), "s.xdc").diagnostics;
    for (const d of ds) expect(d.message.length, d.message).to.be.below(80);
  });
});
