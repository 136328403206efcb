import { expect } from "chai";
import { readFileSync } from "node:fs";
import { format } from "../../src/language/format.js";
import { parse } from "../../src/language/parse.js";
import { commentTexts } from "../../src/language/printer/shape.js";
import { expectGolden } from "../golden.js";

const source = readFileSync(new URL("./comments.xdc", import.meta.url), "utf8");

describe("format: comments", () => {
  const formatted = format(source, "comments.xdc");

  it("formats comments.xdc as comments.fmt.xdc", () => {
    expect(formatted.diagnostics).to.deep.equal([]);
    expectGolden(new URL("./comments.fmt.xdc", import.meta.url), formatted.text);
  });

  it("keeps every comment, in order", () => {
    const before = commentTexts(parse(source, "comments.xdc").value);
    expect(before.length).to.be.greaterThan(30);
    expect(commentTexts(parse(formatted.text, "comments.xdc").value)).to.deep.equal(before);
  });

  it("is idempotent", () => {
    expect(format(formatted.text, "comments.xdc").text).to.equal(formatted.text);
  });

  it("keeps a trailing comment on its line, and a comment after `{` after it", () => {
    const lines = formatted.text.split("\n");
    expect(lines).to.include('  timeout: 10m // trailing after a setting');
    expect(lines).to.include('scenario "comments everywhere" /* before the brace */ { // after the brace');
    expect(lines).to.include('    "network", // after an item and its comma');
    expect(lines).to.include("  run { // after the brace, spaces trimmed");
  });

  it("keeps at most one blank line, and none after `{` or before `}`", () => {
    expect(formatted.text).not.to.match(/\n[ \t]*\n[ \t]*\n/);
    expect(formatted.text).not.to.match(/\{[ \t]*(\/\/[^\n]*)?\n[ \t]*\n/);
    expect(formatted.text).not.to.match(/\n[ \t]*\n[ \t]*\}/);
  });

  it("keeps each comment next to the token it was written beside: before `for`, `within`, `else`, an operator, or after them", () => {
    const text = [
      'scenario "s" {',
      "  timeout: 1m",
      '  let app = application("A", bundle: "a.sab")',
      "  run {",
      "    partition(dc1, dc2) /* mid */ for 2s",
      "    partition(dc1, dc2) for /* after */ 2s",
      "    let _x = partition(dc1, dc2) /* a */ for /* b */ 3s",
      "    await healthy(app, on: dc1) /* c */ within 5s",
      "    let n = 1 /* n */ + /* m */ 2",
      '    expect n > 0 /* e */ else "m"',
      "    every 1s /* f */ for 2s {",
      "      wait 1s",
      "    }",
      "  }",
      "}",
      "",
    ].join("\n");
    const r = format(text, "s.xdc");
    expect(r.diagnostics).to.deep.equal([]);
    expect(r.text).to.equal(text);
  });
});
