/**
 * Quoting for the remote shell. Every argument that reaches a host passes through here, so a
 * PE name, a pattern or a path can never become shell syntax: a word of safe characters stays
 * bare (command lines stay readable in the ledger and in the docs), anything else goes inside
 * single quotes, where POSIX shells (bash, dash, zsh, ksh) interpret nothing, with each `'`
 * written as `'\''`.
 */

/** Characters that no POSIX shell treats specially anywhere in a word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

// With the `u` flag a surrogate pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be passed as one argument at all. */
export type UnquotableReason = "nul" | "not-well-formed";

/** Whether `word` can be an argument: argv strings end at NUL, and SSH sends UTF-8. */
export function unquotable(word: string): UnquotableReason | undefined {
  if (word.includes("\0")) return "nul";
  if (LONE_SURROGATE.test(word)) return "not-well-formed";
  return undefined;
}

/**
 * One shell word that the remote shell turns back into exactly `word`. Callers validate their
 * input first (see `unquotable`); a NUL or a lone surrogate here is a bug in xdc.
 */
export function shellQuote(word: string): string {
  const reason = unquotable(word);
  if (reason) throw new Error(`xdc bug: an argument with ${reason === "nul" ? "a NUL character" : "a lone surrogate"} reached the shell quoter`);
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A simple command: each element of `argv` becomes one word. */
export const commandLine = (argv: readonly string[]): string => argv.map(shellQuote).join(" ");
