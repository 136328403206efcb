import type { Script, Word } from "./ast.js";

export interface ExpandContext {
  /** A parameter's value (empty when unset). */
  param(name: string): string;
  /** The output of `$( script )`, trailing newlines removed. */
  substitute(script: Script): Promise<string>;
}

const IFS = /[ \t\n]+/;
const startsWithIfs = (s: string) => /^[ \t\n]/.test(s);
const endsWithIfs = (s: string) => /[ \t\n]$/.test(s);

/**
 * A word's fields after parameter expansion, command substitution and field splitting. Quoted
 * text never splits; an unquoted expansion splits on blanks and newlines and vanishes when
 * empty. Pathname expansion is left out: the twin has no files, so a pattern stays as written,
 * which is what bash does when nothing matches.
 */
export async function expandWord(word: Word, ctx: ExpandContext): Promise<string[]> {
  const fields: string[] = [];
  let current = "";
  let active = false;
  const close = () => {
    if (active) fields.push(current);
    current = "";
    active = false;
  };
  for (const part of word) {
    if (part.kind === "text") {
      current += part.text;
      active = true;
      continue;
    }
    const value = part.kind === "param" ? ctx.param(part.name) : await ctx.substitute(part.script);
    if (part.quoted) {
      current += value;
      active = true;
      continue;
    }
    const pieces = value.split(IFS).filter((p) => p !== "");
    if (pieces.length === 0) {
      if (value !== "") close();
      continue;
    }
    if (startsWithIfs(value)) close();
    pieces.forEach((piece, i) => {
      if (i > 0) close();
      current += piece;
      active = true;
    });
    if (endsWithIfs(value)) close();
  }
  close();
  return fields;
}

/** A word expanded without field splitting: an assignment's value or a redirection target. */
export async function expandString(word: Word, ctx: ExpandContext): Promise<string> {
  let text = "";
  for (const part of word) {
    if (part.kind === "text") text += part.text;
    else if (part.kind === "param") text += ctx.param(part.name);
    else text += await ctx.substitute(part.script);
  }
  return text;
}

/** `NAME=` at the start of a word, unquoted: the word is an assignment. */
export function assignmentName(word: Word): string | undefined {
  const first = word[0];
  if (first?.kind !== "text" || first.quoted) return undefined;
  return /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text)?.[1];
}

/** The word without its `NAME=` prefix. */
export function assignmentValue(word: Word, name: string): Word {
  const [first, ...rest] = word;
  if (first?.kind !== "text") return word;
  const remaining = first.text.slice(name.length + 1);
  return remaining === "" ? rest : [{ ...first, text: remaining }, ...rest];
}
