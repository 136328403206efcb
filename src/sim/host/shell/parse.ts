import type { AndOr, ParseResult, Part, Redirect, RedirectOp, Script, SimpleCommand, SyntaxError, Word } from "./ast.js";

/**
 * A parser for the subset of bash that xdc sends to a host: words with '…', "…" and backslash
 * quoting, `$NAME`/`${NAME}`/`$?`/`$!` and `$( … )`, redirections, `;`, `&`, `&&`, `||` and
 * newlines. Everything else bash has (pipes, subshells, `if`, backquotes, here-documents) is
 * reported as unsupported, never guessed at. It never throws: every input gives a script or a
 * syntax error.
 */
export function parseScript(text: string): ParseResult {
  const parser = new Parser(text);
  const result = parser.list(undefined);
  return result.ok ? { ok: true, script: result.value } : { ok: false, error: result.error };
}

type Op = "&&" | "||" | ";;" | ";" | "&" | "|" | "(" | ")" | "newline";

type Token =
  | { kind: "word"; word: Word; raw: string; line: number }
  | { kind: "redirect"; fd: number; op: RedirectOp; line: number }
  | { kind: "op"; op: Op; line: number }
  | { kind: "eof"; line: number };

type Step<T> = { ok: true; value: T } | { ok: false; error: SyntaxError };
const fail = (error: SyntaxError): { ok: false; error: SyntaxError } => ({ ok: false, error });

/** Words that open bash's compound commands; the twin runs simple commands only. */
const RESERVED = new Set(["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "select", "function", "{", "}", "!", "[[", "]]", "time", "coproc"]);

/** Operators, longest first so that `&&` wins over `&`. */
const OPERATORS: readonly (readonly [string, Op | RedirectOp])[] = [
  ["&>>", "&>>"], ["&&", "&&"], ["||", "||"], [";;", ";;"], ["&>", "&>"], [">>", ">>"], [">&", ">&"],
  ["<&", "<&"], [">|", ">"], [";", ";"], ["&", "&"], ["|", "|"], ["(", "("], [")", ")"], [">", ">"], ["<", "<"],
];
const REDIRECTS = new Set<string>([">", ">>", "<", ">&", "<&", "&>", "&>>"]);
const META = new Set([" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]);
const SPECIAL_PARAMS = new Set(["?", "!", "$", "#", "@", "*", "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** Characters a backslash escapes inside double quotes; before any other it stays literal. */
const DQ_ESCAPABLE = new Set(["$", "`", '"', "\\", "\n"]);

class Parser {
  private pos = 0;
  private line = 1;
  private peeked: Token | undefined;

  constructor(private readonly text: string) {}

  /** A list of and-or chains, up to the end of input or, inside `$( … )`, up to `)`. */
  list(terminator: ")" | undefined): Step<Script> {
    const items: AndOr[] = [];
    for (;;) {
      const skipped = this.skipNewlines();
      if (!skipped.ok) return skipped;
      const next = skipped.value;
      if (next.kind === "eof") {
        if (terminator) return fail({ kind: "unterminated", quote: terminator, line: this.line + 1 });
        break;
      }
      if (terminator && next.kind === "op" && next.op === terminator) {
        this.take();
        break;
      }
      const chain = this.andOr();
      if (!chain.ok) return chain;
      const sep = this.peek();
      if (!sep.ok) return sep;
      const token = sep.value;
      let background = false;
      if (token.kind === "op" && (token.op === ";" || token.op === "&" || token.op === "newline")) {
        background = token.op === "&";
        this.take();
      } else if (!(token.kind === "eof" || (terminator && token.kind === "op" && token.op === terminator))) {
        return fail(this.unexpected(token));
      }
      items.push({ ...chain.value, background });
    }
    return { ok: true, value: { items } };
  }

  private andOr(): Step<Omit<AndOr, "background">> {
    const head = this.command();
    if (!head.ok) return head;
    const tail: { op: "&&" | "||"; command: SimpleCommand }[] = [];
    for (;;) {
      const next = this.peek();
      if (!next.ok) return next;
      const token = next.value;
      if (token.kind !== "op" || (token.op !== "&&" && token.op !== "||")) break;
      this.take();
      const after = this.skipNewlines();
      if (!after.ok) return after;
      if (after.value.kind === "eof") return fail({ kind: "eof", line: this.line + 1 });
      const command = this.command();
      if (!command.ok) return command;
      tail.push({ op: token.op, command: command.value });
    }
    return { ok: true, value: { head: head.value, tail } };
  }

  private command(): Step<SimpleCommand> {
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    let line: number | undefined;
    for (;;) {
      const next = this.peek();
      if (!next.ok) return next;
      const token = next.value;
      if (token.kind === "word") {
        if (words.length === 0 && redirects.length === 0 && RESERVED.has(token.raw)) {
          return fail({ kind: "unsupported", what: token.raw, line: token.line });
        }
        line ??= token.line;
        words.push(token.word);
        this.take();
      } else if (token.kind === "redirect") {
        line ??= token.line;
        this.take();
        const target = this.peek();
        if (!target.ok) return target;
        if (target.value.kind !== "word") return fail(this.unexpected(target.value));
        redirects.push({ fd: token.fd, op: token.op, target: target.value.word });
        this.take();
      } else {
        break;
      }
    }
    const end = this.peek();
    if (!end.ok) return end;
    if (line === undefined) return fail(this.unexpected(end.value));
    const token = end.value;
    if (token.kind === "op" && token.op === "|") return fail({ kind: "unsupported", what: "|", line: token.line });
    if (token.kind === "op" && token.op === "(") return fail({ kind: "unsupported", what: "(", line: token.line });
    return { ok: true, value: { words, redirects, line } };
  }

  private unexpected(token: Token): SyntaxError {
    if (token.kind === "eof") return { kind: "token", token: "newline", line: token.line };
    if (token.kind === "op") {
      if (token.op === "(") return { kind: "unsupported", what: "(", line: token.line };
      return { kind: "token", token: token.op, line: token.line };
    }
    if (token.kind === "redirect") return { kind: "token", token: token.op, line: token.line };
    return { kind: "token", token: "word", line: token.line };
  }

  private skipNewlines(): Step<Token> {
    for (;;) {
      const next = this.peek();
      if (!next.ok) return next;
      if (next.value.kind === "op" && next.value.op === "newline") {
        this.take();
        continue;
      }
      return next;
    }
  }

  private peek(): Step<Token> {
    if (this.peeked) return { ok: true, value: this.peeked };
    const token = this.scan();
    if (token.ok) this.peeked = token.value;
    return token;
  }

  private take(): void {
    this.peeked = undefined;
  }

  // ---- lexical level -------------------------------------------------------------------

  private scan(): Step<Token> {
    this.skipBlanksAndComments();
    const line = this.line;
    if (this.pos >= this.text.length) return { ok: true, value: { kind: "eof", line } };
    const c = this.text[this.pos]!;
    if (c === "\n") {
      this.pos++;
      this.line++;
      return { ok: true, value: { kind: "op", op: "newline", line } };
    }
    const fdRedirect = /^(\d+)(>>|>&|<&|>\||>|<)/.exec(this.text.slice(this.pos, this.pos + 16));
    if (fdRedirect) {
      this.pos += fdRedirect[0].length;
      const op = fdRedirect[2] === ">|" ? ">" : (fdRedirect[2] as RedirectOp);
      return { ok: true, value: { kind: "redirect", fd: Number(fdRedirect[1]), op, line } };
    }
    for (const [spelling, op] of OPERATORS) {
      if (this.text.startsWith(spelling, this.pos)) {
        if (spelling === "<" && this.text.startsWith("<<", this.pos)) {
          return fail({ kind: "unsupported", what: "<<", line });
        }
        this.pos += spelling.length;
        if (REDIRECTS.has(op)) {
          const fd = op === "<" || op === "<&" ? 0 : 1;
          return { ok: true, value: { kind: "redirect", fd, op: op as RedirectOp, line } };
        }
        return { ok: true, value: { kind: "op", op: op as Op, line } };
      }
    }
    return this.word(line);
  }

  private skipBlanksAndComments(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === " " || c === "\t") {
        this.pos++;
      } else if (c === "\\" && this.text[this.pos + 1] === "\n") {
        this.pos += 2;
        this.line++;
      } else if (c === "#") {
        while (this.pos < this.text.length && this.text[this.pos] !== "\n") this.pos++;
      } else {
        return;
      }
    }
  }

  private word(line: number): Step<Token> {
    const start = this.pos;
    const parts: Part[] = [];
    let literal = "";
    const flush = () => {
      if (literal !== "") parts.push({ kind: "text", text: literal, quoted: false });
      literal = "";
    };
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (META.has(c)) break;
      if (c === "\\") {
        const next = this.text[this.pos + 1];
        if (next === undefined) {
          literal += "\\";
          this.pos++;
        } else if (next === "\n") {
          this.pos += 2;
          this.line++;
        } else {
          // An escaped character is literal text that field splitting must not touch.
          flush();
          parts.push({ kind: "text", text: next, quoted: true });
          this.pos += 2;
        }
      } else if (c === "'") {
        flush();
        const quoteLine = this.line;
        const end = this.text.indexOf("'", this.pos + 1);
        if (end < 0) return fail({ kind: "unterminated", quote: "'", line: quoteLine });
        const body = this.text.slice(this.pos + 1, end);
        this.line += countNewlines(body);
        parts.push({ kind: "text", text: body, quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        const quoted = this.doubleQuoted();
        if (!quoted.ok) return quoted;
        parts.push(...quoted.value);
      } else if (c === "`") {
        return fail({ kind: "unsupported", what: "`", line: this.line });
      } else if (c === "$") {
        const dollar = this.dollar(false);
        if (!dollar.ok) return dollar;
        if (dollar.value.kind === "text") {
          literal += dollar.value.text;
        } else {
          flush();
          parts.push(dollar.value);
        }
      } else {
        literal += c;
        this.pos++;
      }
    }
    flush();
    return { ok: true, value: { kind: "word", word: parts, raw: this.text.slice(start, this.pos), line } };
  }

  private doubleQuoted(): Step<Part[]> {
    const quoteLine = this.line;
    const parts: Part[] = [];
    let literal = "";
    this.pos++;
    for (;;) {
      if (this.pos >= this.text.length) return fail({ kind: "unterminated", quote: '"', line: quoteLine });
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === "\\" && DQ_ESCAPABLE.has(this.text[this.pos + 1] ?? "")) {
        const next = this.text[this.pos + 1]!;
        if (next === "\n") this.line++;
        else literal += next;
        this.pos += 2;
      } else if (c === "`") {
        return fail({ kind: "unsupported", what: "`", line: this.line });
      } else if (c === "$") {
        const dollar = this.dollar(true);
        if (!dollar.ok) return dollar;
        if (dollar.value.kind === "text") {
          literal += dollar.value.text;
        } else {
          if (literal !== "") parts.push({ kind: "text", text: literal, quoted: true });
          literal = "";
          parts.push(dollar.value);
        }
      } else {
        if (c === "\n") this.line++;
        literal += c;
        this.pos++;
      }
    }
    // "" is an empty word of its own, so it keeps an (empty) quoted part.
    if (literal !== "" || parts.length === 0) parts.push({ kind: "text", text: literal, quoted: true });
    return { ok: true, value: parts };
  }

  /** At a `$`: a parameter, a command substitution, or a literal dollar sign. */
  private dollar(quoted: boolean): Step<Part> {
    const next = this.text[this.pos + 1];
    if (next === "(") {
      if (this.text[this.pos + 2] === "(") return fail({ kind: "unsupported", what: "$((", line: this.line });
      this.pos += 2;
      const saved = this.peeked;
      this.peeked = undefined;
      const inner = this.list(")");
      this.peeked = saved;
      if (!inner.ok) return inner;
      return { ok: true, value: { kind: "subst", script: inner.value, quoted } };
    }
    if (next === "{") {
      const end = this.text.indexOf("}", this.pos + 2);
      if (end < 0) return fail({ kind: "unterminated", quote: "}", line: this.line });
      const name = this.text.slice(this.pos + 2, end);
      if (!(SPECIAL_PARAMS.has(name) || /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) {
        return fail({ kind: "bad-substitution", text: this.text.slice(this.pos, end + 1), line: this.line });
      }
      this.pos = end + 1;
      return { ok: true, value: { kind: "param", name, quoted } };
    }
    if (next === "'" && !quoted) return fail({ kind: "unsupported", what: "$'", line: this.line });
    if (next !== undefined && SPECIAL_PARAMS.has(next)) {
      this.pos += 2;
      return { ok: true, value: { kind: "param", name: next, quoted } };
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = this.pos + 1;
      while (end < this.text.length && NAME_CHAR.test(this.text[end]!)) end++;
      const name = this.text.slice(this.pos + 1, end);
      this.pos = end;
      return { ok: true, value: { kind: "param", name, quoted } };
    }
    this.pos++;
    return { ok: true, value: { kind: "text", text: "$", quoted } };
  }
}

const countNewlines = (s: string) => s.split("\n").length - 1;
