import type { IRecognitionException, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { diagnostic, excerpt, type Diagnostic } from "./diagnostics.js";
import { classifyNumber, decodeString } from "./literals.js";
import { LineMap, span, type Span } from "./span.js";

/**
 * What the parser's actions use to build AST nodes: spans from tokens, literal
 * classification, and the problems worth reporting that are not syntax errors (unterminated
 * strings, unknown escapes, unknown unit suffixes, unclosed comments), each reported once
 * with a precise span. One builder per parse: it holds that input's text and diagnostics.
 */
export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];
  /** The first token where the parser found a `,` missing between items (repair.ts reads it). */
  missingSeparator: IToken | undefined;
  private readonly lines: LineMap;

  /** `lines` may be shared by builders of the same text (repair.ts reads it many times). */
  constructor(
    readonly text: string,
    readonly file: string,
    lines?: LineMap,
  ) {
    this.lines = lines ?? new LineMap(text);
  }

  // ── spans ────────────────────────────────────────────────────────────────

  spanAt(startOffset: number, endOffset: number): Span {
    return span(this.file, this.lines.position(startOffset), this.lines.position(endOffset));
  }

  /** A token's span; a token inserted by recovery has no position, so it sits just after `fallback`. */
  tokenSpan(t: IToken, fallback?: Span): Span {
    if (Number.isInteger(t.startOffset) && !t.isInsertedInRecovery) {
      return this.spanAt(t.startOffset, tokenEnd(t));
    }
    return fallback ? this.spanAt(fallback.end.offset, fallback.end.offset) : this.spanAt(0, 0);
  }

  /** The span from the start of `first` to the end of `last` (the last consumed token); empty when nothing was consumed. */
  between(first: IToken, last: IToken): Span {
    const start = realOffset(first) ?? this.afterToken(last);
    const lastEnd = realOffset(last) !== undefined ? tokenEnd(last) : start;
    return this.spanAt(start, Math.max(start, lastEnd));
  }

  /** The offset just after a token, or 0 before any token. */
  afterToken(t: IToken | undefined): number {
    return t && realOffset(t) !== undefined ? tokenEnd(t) : 0;
  }

  ident(t: IToken | undefined, fallback: Span): A.Ident {
    if (!t || t.isInsertedInRecovery || !Number.isInteger(t.startOffset)) return { name: "", span: this.spanAt(fallback.end.offset, fallback.end.offset) };
    return { name: t.image, span: this.tokenSpan(t) };
  }

  comment(c: IToken): A.Comment {
    if (c.tokenType.name === "UnterminatedComment") {
      this.report("XDC1004", this.spanAt(c.startOffset, c.startOffset + 2), "block comment is not closed", {
        label: "this `/*` has no matching `*/`",
        help: { message: "close the comment with `*/`" },
      });
    }
    if (c.tokenType.name === "HashComment") {
      this.report("XDC1003", this.spanAt(c.startOffset, c.startOffset + 1), "`#` does not start a comment", {
        label: "comments start with `//`",
        help: { message: "write `//`", edit: { span: this.spanAt(c.startOffset, c.startOffset + 1), newText: "//", applicability: "machine-applicable" } },
      });
    }
    return { kind: c.image.startsWith("/*") ? "block" : "line", span: this.tokenSpan(c), text: c.image };
  }

  number(t: IToken): A.Expr {
    const s = this.tokenSpan(t);
    const raw = t.image;
    const k = classifyNumber(raw);
    switch (k.kind) {
      case "number":
        if (!Number.isFinite(k.value)) return this.outOfRange(s, raw);
        return { kind: "number", span: s, value: k.value, raw };
      case "duration":
        if (!Number.isFinite(k.ms)) return this.outOfRange(s, raw);
        return { kind: "duration", span: s, ms: k.ms, raw };
      case "rate":
        if (!Number.isFinite(k.perSecond)) return this.outOfRange(s, raw);
        return { kind: "rate", span: s, perSecond: k.perSecond, raw };
      case "percent":
        return { kind: "percent", span: s, value: k.value, raw };
      case "bytes":
        if (!Number.isFinite(k.bytes)) return this.outOfRange(s, raw);
        return { kind: "bytes", span: s, bytes: k.bytes, raw };
      case "badUnit": {
        const digits = raw.length - k.suffix.length;
        const suffixSpan = this.spanAt(t.startOffset + digits, t.startOffset + raw.length);
        this.report("XDC1006", suffixSpan, `unknown unit \`${k.suffix}\``, {
          label: "not a unit xdc knows",
          notes: ["units: ms s m h (durations), /s /m /h (rates), % (percentages), B KB MB GB TB KiB MiB GiB TiB (sizes)"],
          help: k.suggestion !== undefined
            ? { message: `write \`${raw.slice(0, digits)}${k.suggestion}\``, edit: { span: suffixSpan, newText: k.suggestion, applicability: "maybe-incorrect" } }
            : { message: "use one of the units listed above" },
        });
        return { kind: "error", span: s };
      }
    }
  }

  private outOfRange(s: Span, raw: string): A.Expr {
    this.report("XDC1010", s, `\`${raw}\` is too large to represent`, { label: "out of range" });
    return { kind: "error", span: s };
  }

  stringToken(t: IToken): A.StringLit {
    const s = this.tokenSpan(t);
    if (t.tokenType.name === "LookalikeString") return this.lookalikeString(t, s);
    const raw = t.image;
    const decoded = decodeString(raw);
    if (t.tokenType.name === "UnterminatedString") {
      this.report("XDC1002", s, "string is not closed", {
        label: "this string runs to the end of the line",
        help: { message: "add the closing `\"`", edit: { span: this.spanAt(s.end.offset, s.end.offset), newText: '"', applicability: "maybe-incorrect" } },
      });
    }
    for (const bad of decoded.badEscapes) {
      this.report("XDC1005", this.spanAt(t.startOffset + bad.offset, t.startOffset + bad.offset + bad.text.length), `unknown escape \`${bad.text}\``, {
        label: "not an escape xdc knows",
        help: { message: "known escapes: \\n \\t \\r \\\" \\\\ \\0 \\u{1F600}; write `\\\\` for a backslash" },
      });
    }
    return { kind: "string", span: s, value: decoded.value, raw };
  }

  /** `“text”` or `'text'`: the string meant, reported once with the quotes to type. */
  private lookalikeString(t: IToken, s: Span): A.StringLit {
    const inner = t.image.slice(1, -1);
    const raw = `"${inner.replace(/\\/g, "\\\\")}"`;
    this.report("XDC1003", this.spanAt(t.startOffset, t.startOffset + 1), `unexpected character \`${t.image[0]}\``, {
      label: "strings are written between `\"` quotes",
      help: { message: `write \`${raw}\``, edit: { span: s, newText: raw, applicability: "machine-applicable" } },
    });
    return { kind: "string", span: s, value: inner, raw };
  }

  // ── syntax errors ────────────────────────────────────────────────────────

  syntaxError(e: IRecognitionException, lastToken: IToken | undefined): void {
    const t = e.token;
    const atEof = t.tokenType.name === "EOF" || !Number.isInteger(t.startOffset);
    // Chevrotain gives the end-of-file token NaN positions: anchor on the previous token instead.
    const previous = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
    const anchor = atEof ? (previous && Number.isInteger(previous.startOffset) ? previous : lastToken) : undefined;
    const s = atEof
      ? anchor
        ? this.spanAt(anchor.startOffset + anchor.image.length, anchor.startOffset + anchor.image.length)
        : this.spanAt(0, 0)
      : this.tokenSpan(t);
    const found = atEof ? "end of file" : `\`${excerpt(t.image)}\``;
    this.report("XDC1001", s, `unexpected ${found}`, {
      label: expectedLabel(e.message),
      notes: ruleNote(e),
    });
  }

  report(code: Diagnostic["code"], s: Span, message: string, extra: Partial<Omit<Diagnostic, "code" | "span" | "message">> = {}): void {
    this.diagnostics.push(diagnostic(code, s, message, extra));
  }
}

/** Chevrotain's messages list alternatives as token names; turn them into what a person types. */
const TOKEN_TEXT: Record<string, string> = {
  LBrace: "`{`", RBrace: "`}`", LParen: "`(`", RParen: "`)`", LBracket: "`[`", RBracket: "`]`",
  Comma: "`,`", Colon: "`:`", Semicolon: "`;`", Dot: "`.`", Equals: "`=`", Identifier: "a name",
  StringLiteral: "a string", NumberLiteral: "a number", UnterminatedString: "a string",
  EOF: "an import, scenario, environment, fault, check or let",
};

function expectedLabel(message: string): string {
  const m = /Expecting:?\s*(?:token of type\s*)?-->\s*(\w+)\s*<--/.exec(message);
  if (m) return `expected ${TOKEN_TEXT[m[1]!] ?? `\`${m[1]!.toLowerCase()}\``}`;
  if (/one of these possible Token sequences/.test(message)) {
    const names = [...message.matchAll(/\[([A-Za-z]+)\]/g)].map((x) => TOKEN_TEXT[x[1]!] ?? `\`${x[1]!.toLowerCase()}\``);
    const unique = [...new Set(names)];
    if (unique.length > 0 && unique.length <= 6) return `expected ${unique.join(", ")}`;
  }
  if (/NotAllInputParsed|Redundant input/.test(message)) return "expected an import, scenario, environment, fault, check or let";
  return "not expected here";
}

const RULE_TEXT: Record<string, string> = {
  scenarioDecl: "a scenario", environmentDecl: "an environment", dcDecl: "a datacenter",
  definition: "a definition", callSuffix: "a call's arguments", list: "a list", record: "a record",
  block: "a block", statement: "a statement", setting: "a setting", param: "a parameter",
};

function ruleNote(e: IRecognitionException): string[] {
  const stack = e.context?.ruleStack ?? [];
  for (let i = stack.length - 1; i >= 0; i--) {
    const text = RULE_TEXT[stack[i]!];
    if (text) return [`while reading ${text}`];
  }
  return [];
}

/** The run of `//` lines directly above a fault or check becomes its documentation. */
export function attachDocs(items: A.Item[], comments: readonly IToken[], text: string): A.Item[] {
  return items.map((item) => {
    if (item.kind !== "fault" && item.kind !== "check") return item;
    const lines: string[] = [];
    let boundary = item.span.start.offset;
    for (let i = comments.length - 1; i >= 0; i--) {
      const c = comments[i]!;
      if (c.startOffset >= boundary) continue;
      if (!c.image.startsWith("//") || !/^[ \t]*\r?\n?[ \t]*$/.test(text.slice(c.startOffset + c.image.length, boundary))) break;
      lines.unshift(c.image.replace(/^\/\/\s?/, ""));
      boundary = lineStart(text, c.startOffset);
    }
    return lines.length > 0 ? { ...item, doc: lines.join("\n") } : item;
  });
}

function lineStart(text: string, offset: number): number {
  const nl = text.lastIndexOf("\n", offset - 1);
  return nl + 1;
}

/** Where a token ends: a token repair.ts retyped keeps the end of what was written (`scenaro` read as `scenario`). */
const tokenEnd = (t: IToken): number => (t.endOffset !== undefined && Number.isInteger(t.endOffset) ? t.endOffset + 1 : t.startOffset + t.image.length);

const realOffset = (t: IToken): number | undefined =>
  Number.isInteger(t.startOffset) && !t.isInsertedInRecovery ? t.startOffset : undefined;
