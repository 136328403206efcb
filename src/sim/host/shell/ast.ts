/** The part of bash's grammar the twin understands: lists of and-or chains of simple commands. */

export type Part =
  /** Literal text; `quoted` text is never split into fields. */
  | { readonly kind: "text"; readonly text: string; readonly quoted: boolean }
  /** `$?`, `$!`, `$0`, `$NAME`, `${NAME}`. */
  | { readonly kind: "param"; readonly name: string; readonly quoted: boolean }
  /** `$( script )`. */
  | { readonly kind: "subst"; readonly script: Script; readonly quoted: boolean };

export type Word = readonly Part[];

export type RedirectOp = ">" | ">>" | "<" | ">&" | "<&" | "&>" | "&>>";

export interface Redirect {
  readonly fd: number;
  readonly op: RedirectOp;
  readonly target: Word;
}

export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
  /** 1-based line of the command's first token, for bash's `line N:` messages. */
  readonly line: number;
}

export interface AndOr {
  readonly head: SimpleCommand;
  readonly tail: readonly { readonly op: "&&" | "||"; readonly command: SimpleCommand }[];
  /** Ended by `&`. */
  readonly background: boolean;
}

export interface Script {
  readonly items: readonly AndOr[];
}

/** Why a script could not be parsed; a dialect turns it into bash's or dash's words. */
export type SyntaxError =
  | { readonly kind: "token"; readonly token: string; readonly line: number }
  | { readonly kind: "eof"; readonly line: number }
  | { readonly kind: "unterminated"; readonly quote: string; readonly line: number }
  | { readonly kind: "bad-substitution"; readonly text: string; readonly line: number }
  | { readonly kind: "unsupported"; readonly what: string; readonly line: number };

export type ParseResult = { readonly ok: true; readonly script: Script } | { readonly ok: false; readonly error: SyntaxError };
