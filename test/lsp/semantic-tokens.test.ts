import { expect } from "chai";
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from "../../src/lsp/semantic-tokens.js";
import { atCursor, scenario } from "./cursor.js";

/** Decodes LSP's relative encoding back to text with a type and modifiers, to read a test like the source. */
function decode(text: string, data: readonly number[]): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, len, type, mods] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    char = dl === 0 ? char + dc : dc;
    const modifiers = TOKEN_MODIFIERS.filter((_, b) => mods & (1 << b));
    out.push(`${lines[line]!.slice(char, char + len)}:${TOKEN_TYPES[type]}${modifiers.map((m) => `.${m}`).join("")}`);
  }
  return out;
}

describe("lsp semantic tokens", () => {
  it("colours names by what they mean, and literals, keywords and comments by kind", () => {
    const { a } = atCursor(`/* two\n   lines 🎉 */\nfault cut(a: DC, period: Duration = 10s) {\n  partition(a, dc1) for period\n}\n${scenario("    let load = inject(app.Ingest, rate: 5/s, for: 30s)<|>")}`);
    const tokens = decode(a.text, semanticTokens(a).data);
    expect(tokens.slice(0, 2)).to.deep.equal(["/* two:comment", "   lines 🎉 */:comment"]);
    expect(tokens).to.include.members([
      "fault:keyword", "cut:function.declaration", "a:parameter.declaration", "DC:type", "10s:number",
      "partition:function.defaultLibrary", "period:parameter", "environment:keyword", "timeout:property", "sim:namespace",
      "load:variable.declaration.readonly", "app:variable.readonly", "Ingest:property", "rate:parameter",
      "\"A\":string", "=:operator",
    ]);
  });
});
