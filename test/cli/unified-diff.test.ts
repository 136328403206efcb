import { expect } from "chai";
import fc from "fast-check";
import { unifiedDiff } from "../../src/cli/unified-diff.js";

/** Applies a unified diff to the text it was made from, as `patch` would; checks every context line. */
function apply(before: string, diff: string): string {
  const a = before === "" ? [] : before.replace(/\n$/, "").split("\n");
  const out: string[] = [];
  let at = 0;
  const lines = diff.split("\n").slice(2, -1);
  for (const l of lines) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(l);
    if (h) {
      const start = Number(h[1]) - (h[2] === "0" ? 0 : 1);
      while (at < start) out.push(a[at++]!);
      continue;
    }
    if (l.startsWith("\\")) continue;
    const [kind, text] = [l[0], l.slice(1)];
    if (kind === " " || kind === "-") {
      expect(a[at], `line ${at + 1}`).to.equal(text);
      at++;
    }
    if (kind === " " || kind === "+") out.push(text);
  }
  while (at < a.length) out.push(a[at++]!);
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

describe("unified diff (fmt --check)", () => {
  it("is empty for equal texts, and names both sides", () => {
    expect(unifiedDiff("a\n", "a\n", { from: "x", to: "y" })).to.equal("");
    expect(unifiedDiff("a\nb\nc\n", "a\nB\nc\n", { from: "x", to: "y" })).to.equal("--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  });

  it("keeps three lines of context and splits far-apart changes into hunks", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join("\n") + "\n";
    const after = before.replace("l2\n", "L2\n").replace("l18\n", "L18\n");
    const d = unifiedDiff(before, after, { from: "x", to: "y" });
    expect(d.split("\n").filter((l) => l.startsWith("@@"))).to.deep.equal(["@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@"]);
  });

  it("turns the first text into the second, for any two texts", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "{", "}", ""), { maxLength: 30 }).map((ls) => (ls.length ? `${ls.join("\n")}\n` : ""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = unifiedDiff(before, after, { from: "x", to: "y" });
        expect(d === "").to.equal(before === after);
        if (d !== "") expect(apply(before, d)).to.equal(after);
      }),
      { numRuns: 500 },
    );
  });
});
