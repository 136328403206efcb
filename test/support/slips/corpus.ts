import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { KEYWORDS, lex } from "../../../src/language/lexer.js";

/**
 * The single-slip corpus (issue 20 §2): every reference scenario (examples/, stdlib/) with
 * one deliberate mistake of the kinds people make, generated deterministically so that the
 * corpus is large and the same on every run. A slip is an edit at one place: `offset` is
 * where the mistake is in the mutated text, `length` how much of it is the mistake.
 */
export interface Slip {
  readonly kind: SlipKind;
  /** The reference file it mutates, relative to the repository. */
  readonly from: string;
  readonly text: string;
  readonly offset: number;
  readonly length: number;
  /** What was done, for the report: `scenario` → `scenaro`. */
  readonly what: string;
}

export type SlipKind =
  | "keyword typo" | "missing delimiter" | "extra delimiter" | "missing comma" | "unterminated string"
  | "`=` for `==`" | "smart quotes" | "keyword as a name" | "`#` comment" | "unquoted else message" | "missing `let`";

/** At most this many slips of one kind per file, spread over the file: the corpus stays in the hundreds. */
const PER_KIND = 5;

const spread = <T>(xs: readonly T[], n = PER_KIND): T[] => (xs.length <= n ? [...xs] : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!));

const replace = (text: string, offset: number, length: number, by: string) => text.slice(0, offset) + by + text.slice(offset + length);

/** A typo of a word: two middle letters swapped, or one dropped, chosen by the word. */
function typo(word: string, seed: number): string {
  if (word.length <= 3) return word + word[word.length - 1];
  const i = 1 + (seed % (word.length - 2));
  if (seed % 2 === 0 && word[i] !== word[i + 1]) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + word.slice(i + 1);
}

const WORD_KEYWORDS = new Set<string>(KEYWORDS.filter((k) => k.length >= 4));

export function slipsOf(from: string, text: string): Slip[] {
  const tokens = lex(text).tokens;
  const out: Slip[] = [];
  const add = (kind: SlipKind, offset: number, length: number, by: string, what: string, at = offset) => {
    out.push({ kind, from, text: replace(text, offset, length, by), offset: at, length: by.length, what });
  };
  const ofType = (...names: string[]) => tokens.filter((t) => names.includes(t.tokenType.name));

  for (const [n, t] of spread(tokens.filter((t) => WORD_KEYWORDS.has(t.image))).entries()) {
    const wrong = typo(t.image, n + t.startOffset);
    add("keyword typo", t.startOffset, t.image.length, wrong, `\`${t.image}\` → \`${wrong}\``);
  }
  for (const t of spread(ofType("LBrace", "RBrace", "LParen", "RParen", "LBracket", "RBracket"), PER_KIND * 2)) {
    add("missing delimiter", t.startOffset, 1, "", `\`${t.image}\` left out`);
  }
  for (const t of spread(ofType("RBrace", "RParen", "RBracket"))) {
    add("extra delimiter", t.startOffset, 1, t.image + t.image, `\`${t.image}\` twice`, t.startOffset + 1);
  }
  const commas = ofType("Comma").filter((t) => {
    const next = tokens[tokens.indexOf(t) + 1];
    return next !== undefined && !["RParen", "RBracket", "RBrace"].includes(next.tokenType.name);
  });
  for (const t of spread(commas)) add("missing comma", t.startOffset, 1, "", "`,` left out");
  for (const t of spread(ofType("StringLiteral"))) {
    add("unterminated string", t.startOffset + t.image.length - 1, 1, "", "closing `\"` left out", t.startOffset);
  }
  for (const t of spread(ofType("EqEq"))) add("`=` for `==`", t.startOffset, 2, "=", "`==` → `=`");
  for (const t of spread(ofType("StringLiteral"))) {
    add("smart quotes", t.startOffset, t.image.length, `\u201c${t.image.slice(1, -1)}\u201d`, "“smart quotes”");
  }
  // A name bound by `let` renamed, everywhere, to a keyword.
  const lets = tokens.filter((t, i) => t.image === "let" && tokens[i + 1]?.tokenType.name === "Identifier").map((t) => tokens[tokens.indexOf(t) + 1]!);
  for (const [n, name] of spread(lets).entries()) {
    const kw = ["wait", "run", "every", "check", "sample"][n % 5]!;
    const renamed = text.replace(new RegExp(`\\b${name.image}\\b`, "g"), kw);
    const offset = renamed.slice(0, name.startOffset).length;
    out.push({ kind: "keyword as a name", from, text: renamed, offset, length: kw.length, what: `\`${name.image}\` renamed \`${kw}\`` });
  }
  for (const c of spread(lex(text).comments.filter((c) => c.image.startsWith("//")))) {
    add("`#` comment", c.startOffset, 2, "#", "`//` → `#`");
  }
  const elses = tokens.filter((t, i) => t.image === "else" && tokens[i + 1]?.tokenType.name === "StringLiteral").map((t) => tokens[tokens.indexOf(t) + 1]!);
  for (const s of spread(elses)) add("unquoted else message", s.startOffset, s.image.length, s.image.slice(1, -1), "message without quotes");
  for (const t of spread(ofType("Let"))) add("missing `let`", t.startOffset, 4, "", "`let ` left out");
  return out;
}

const root = new URL("../../..", import.meta.url).pathname;

/** The whole corpus, in a fixed order. */
export function slipCorpus(): Slip[] {
  return ["examples", "stdlib"].flatMap((dir) =>
    readdirSync(join(root, dir)).filter((n) => n.endsWith(".xdc")).sort().flatMap((n) => slipsOf(`${dir}/${n}`, readFileSync(join(root, dir, n), "utf8"))),
  );
}
