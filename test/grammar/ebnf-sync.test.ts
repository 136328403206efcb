import { expect } from "chai";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import type { TokenType } from "chevrotain";
import { allTokens, Identifier, KEYWORDS } from "../../src/language/lexer.js";
import { ALL_SUFFIXES, decodeString } from "../../src/language/literals.js";
import { parserInstance } from "../../src/language/parser.js";
import { finiteLanguage, readEbnf, references, toRegExpSource, type Ebnf } from "./ebnf.js";
import { patternTokens as tokensWithPatterns, tokenTexts } from "../../scripts/token-text.js";
import { fromEbnf, fromGast, showShape, tokenTable } from "./shape.js";

/**
 * grammar/xdc.ebnf is the grammar for people; parser.ts and lexer.ts are the grammar the
 * machine runs. This keeps them in step: a change to either side without the other fails here.
 */

const productions = readEbnf(readFileSync(new URL("../../grammar/xdc.ebnf", import.meta.url), "utf8"));
const byName = new Map(productions.map((p) => [p.name, p.body]));
const lookup = (name: string): Ebnf => {
  const body = byName.get(name);
  if (!body) throw new Error(`xdc.ebnf has no production \`${name}\``);
  return body;
};
const isSyntactic = (name: string) => /^[a-z]/.test(name);
const rules = parserInstance.getSerializedGastProductions().map((r) => ({ ...r, name: (r as { name?: string }).name ?? "" }));
const texts = tokenTexts();
const table = tokenTable(allTokens, texts, Identifier);
const patternTokens = tokensWithPatterns();

/** Capitalised productions that document something other than one token, each checked below. */
const CLASSES = ["Keyword", "Punctuator", "Unit", "Escape"] as const;

describe("grammar/xdc.ebnf", () => {
  it("defines each production once", () => {
    const names = productions.map((p) => p.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).to.deep.equal([]);
  });

  it("has a production for every parser rule, and no syntactic production the parser lacks", () => {
    const ruleNames = rules.map((r) => r.name).sort();
    const ebnfNames = productions.map((p) => p.name).filter(isSyntactic).sort();
    expect(ebnfNames).to.deep.equal(ruleNames);
  });

  it("refers only to productions it defines", () => {
    const undefinedRefs = productions.flatMap((p) =>
      references(p.body).filter((r) => !byName.has(r) && !table.tokenNames.has(r)).map((r) => `${p.name} → ${r}`),
    );
    expect(undefinedRefs).to.deep.equal([]);
  });

  describe("matches the structure of each parser rule", () => {
    for (const rule of rules) {
      it(rule.name, () => {
        const fromParser = showShape(fromGast(rule));
        const body = byName.get(rule.name);
        expect(body, `xdc.ebnf lacks \`${rule.name}\``).to.not.equal(undefined);
        const fromGrammar = showShape(fromEbnf(body!, table, (n) => (byName.has(n) && !isSyntactic(n) ? byName.get(n) : undefined)));
        expect(fromGrammar, `xdc.ebnf ${rule.name} vs parser.ts`).to.equal(fromParser);
      });
    }
  });

  it("describes every token with a pattern, and nothing it cannot check", () => {
    const lexicalNames = productions.map((p) => p.name).filter((n) => !isSyntactic(n));
    const missing = patternTokens.map((t) => t.name).filter((n) => !byName.has(n));
    expect(missing, "tokens without a production").to.deep.equal([]);
    // Every other capitalised production must serve a token or a checked class.
    const roots = [...patternTokens.map((t) => t.name), ...CLASSES];
    const reachable = new Set<string>();
    const visit = (name: string) => {
      if (reachable.has(name) || !byName.has(name)) return;
      reachable.add(name);
      references(byName.get(name)!).forEach(visit);
    };
    roots.forEach(visit);
    expect(lexicalNames.filter((n) => !reachable.has(n)), "productions nothing checks").to.deep.equal([]);
  });

  it("lists the keywords of lexer.ts, in its order", () => {
    expect(finiteLanguage(lookup("Keyword"), lookup)).to.deep.equal([...KEYWORDS]);
  });

  it("lists the punctuation of lexer.ts", () => {
    const keywords = new Set<string>(KEYWORDS);
    const punctuation = [...texts.values()].filter((t) => !keywords.has(t));
    expect([...finiteLanguage(lookup("Punctuator"), lookup)!].sort()).to.deep.equal(punctuation.sort());
  });

  it("lists the unit suffixes of literals.ts", () => {
    expect([...finiteLanguage(lookup("Unit"), lookup)!].sort()).to.deep.equal([...ALL_SUFFIXES].sort());
  });

  describe("reads the same token as the lexer at every position", () => {
    for (const token of patternTokens) {
      it(token.name, () => {
        const ebnf = new RegExp(`^(?:${toRegExpSource(lookup(token.name), lookup)})$`);
        const lexer = stickyOf(token);
        const check = (s: string): void => {
          expect(longestPrefix(ebnf, s), `${token.name} on ${JSON.stringify(s)}`).to.equal(lexer(s));
        };
        SAMPLES.forEach(check);
        fc.assert(fc.property(fc.constantFrom(...STARTS), fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 12 }), (a, b) => check(a + b)), { numRuns: 300 });
      });
    }
  });

  it("lists exactly the escapes that literals.ts decodes", () => {
    const escape = new RegExp(`^(?:${toRegExpSource(lookup("Escape"), lookup)})`);
    const known = (body: string) => escape.test(`\\${body}`);
    const decodes = (body: string) => decodeString(`"\\${body}"`).badEscapes.length === 0;
    const inRange = (body: string) => !/^u\{([0-9a-fA-F]+)\}/.test(body) || parseInt(/^u\{([0-9a-fA-F]+)\}/.exec(body)![1]!, 16) <= 0x10ffff;
    for (const body of ["n", "t", "r", '"', "\\", "0", "q", "x41", "u0041", "u004", "u{1F600}", "u{10FFFF}", "u{1}", "u{}", "u{1234567}", "u{110000}"]) {
      if (inRange(body)) expect(known(body), body).to.equal(decodes(body));
    }
    const hexish = fc.string({ unit: fc.constantFrom("u", "{", "}", "0", "1", "a", "F", "g"), maxLength: 9 });
    fc.assert(
      fc.property(fc.constantFrom(..."ntr\"\\0uxqabN1"), hexish, (first, rest) => {
        const body = first + rest;
        fc.pre(inRange(body));
        expect(known(body), body).to.equal(decodes(body));
      }),
      { numRuns: 300 },
    );
  });
});

/** Characters that matter to some token, and a few that matter to none. */
const ALPHABET = [..."\"\\/*%._+-eEsmhKBi019aZ{} \t\n\r", "\u00a0", "\ufeff", "é"];
const STARTS = ["", "0", "1_", "2.5", "7e", "//", "/*", "\"", "a", "_", " ", "\n", "\u00a0"];
const SAMPLES = [
  "30s", "250ms", "500/s", "0.1%", "64KB", "2GiB", "1_000", "1e6", "1.5e-3x", "1.", "1..2", "10sec", "5/", "5/_x",
  '"abc"', '"a\\"b"', '"open', '"open\\', '"a\nb"', '"\\\n', "// note\nx", "/* a */ b */", "/* a ** b */", "/*/", "/**/", "/* open",
  "run", "runner", "_x1", " \t\r\n\f\v\u00a0\ufeffx", "é",
];

/** The length of the longest prefix of `s` the anchored `re` matches in full, or -1. */
function longestPrefix(re: RegExp, s: string): number {
  for (let n = s.length; n >= 0; n--) if (re.test(s.slice(0, n))) return n;
  return -1;
}

/** What the lexer's pattern for `token` reads at the start of `s`: its length, or -1. */
function stickyOf(token: TokenType): (s: string) => number {
  const pattern = token.PATTERN as RegExp;
  const re = new RegExp(pattern.source, `${pattern.flags.replace("g", "")}y`);
  return (s) => {
    re.lastIndex = 0;
    const m = re.exec(s);
    return m ? m[0].length : -1;
  };
}

describe("grammar/xdc.ebnf's examples", () => {
  it("call only builtins and standard-library definitions that exist (or ones they declare)", async () => {
    const { BUILTINS_BY_NAME } = await import("../../src/builtins/index.js");
    const { stdlibDefinitions } = await import("../../src/language/stdlib-index.js");
    const text = readFileSync(new URL("../../grammar/xdc.ebnf", import.meta.url), "utf8");
    const comments = text.match(/\/\*[\s\S]*?\*\//g) ?? [];
    const unknown: string[] = [];
    for (const c of comments) {
      const declared = new Set([...c.matchAll(/\b(?:fault|check)\s+([a-z_]\w*)\s*\(/g)].map((m) => m[1]!));
      for (const m of c.matchAll(/\b([a-z_]\w*)\(/g)) {
        const name = m[1]!;
        if (!BUILTINS_BY_NAME.has(name) && !stdlibDefinitions().has(name) && !declared.has(name)) unknown.push(name);
      }
    }
    expect(unknown).to.deep.equal([]);
  });
});
