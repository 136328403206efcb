import type { CstElement, CstNode, IRecognitionException, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { PHASES } from "./ast.js";
import { diagnostic, type Diagnostic } from "./diagnostics.js";
import { classifyNumber, decodeString } from "./literals.js";
import { LineMap, span, type Span } from "./span.js";

/**
 * CST → typed AST. Every node gets a span; nodes the parser recovered from become `error`
 * expressions or are dropped, so later stages need not know about recovery. Literal problems
 * that are not worth a syntax error (unterminated strings, unknown escapes, unknown unit
 * suffixes, unclosed comments) are reported here, once, with a precise span.
 */

type Children = Record<string, CstElement[] | undefined>;

const isToken = (e: CstElement | undefined): e is IToken => e !== undefined && "image" in e;
const isNode = (e: CstElement | undefined): e is CstNode => e !== undefined && "children" in e;

export class Lowering {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: LineMap;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.lines = new LineMap(text);
  }

  // ── spans ────────────────────────────────────────────────────────────────

  spanAt(startOffset: number, endOffset: number): Span {
    return span(this.file, this.lines.position(startOffset), this.lines.position(endOffset));
  }

  /** A token's span; a token inserted by recovery has no position, so it sits just after `fallback`. */
  tokenSpan(t: IToken, fallback?: Span): Span {
    if (Number.isInteger(t.startOffset) && !t.isInsertedInRecovery) {
      return this.spanAt(t.startOffset, t.startOffset + t.image.length);
    }
    return fallback ? this.spanAt(fallback.end.offset, fallback.end.offset) : this.spanAt(0, 0);
  }

  nodeSpan(n: CstNode): Span {
    const loc = n.location;
    if (loc && Number.isInteger(loc.startOffset) && Number.isInteger(loc.endOffset)) {
      return this.spanAt(loc.startOffset, Math.max(loc.startOffset, loc.endOffset! + 1));
    }
    // Recovered nodes may lack a location: use the tokens that did get parsed.
    const offsets = collectTokens(n).filter((t) => Number.isInteger(t.startOffset) && !t.isInsertedInRecovery);
    if (offsets.length > 0) {
      const first = offsets[0]!;
      const last = offsets[offsets.length - 1]!;
      return this.spanAt(first.startOffset, last.startOffset + last.image.length);
    }
    const start = Number.isInteger(loc?.startOffset) ? loc!.startOffset : 0;
    return this.spanAt(start, start);
  }

  private ident(t: IToken | undefined, fallback: Span): A.Ident {
    if (!t || t.isInsertedInRecovery || !Number.isInteger(t.startOffset)) return { name: "", span: this.spanAt(fallback.end.offset, fallback.end.offset) };
    return { name: t.image, span: this.tokenSpan(t) };
  }

  private anyName(n: CstNode | undefined, fallback: Span): A.Ident {
    return this.ident(n ? tok(n.children, "token") : undefined, fallback);
  }

  // ── file and items ───────────────────────────────────────────────────────

  lowerFile(cst: CstNode, comments: readonly IToken[]): A.SourceFile {
    const items = nodes(cst.children, "item").flatMap((n) => this.item(n));
    return {
      kind: "file",
      path: this.file,
      span: this.spanAt(0, this.text.length),
      items: attachDocs(items, comments, this.text),
      comments: comments.map((c) => this.comment(c)),
    };
  }

  private comment(c: IToken): A.Comment {
    const s = this.tokenSpan(c);
    if (c.tokenType.name === "UnterminatedComment") {
      this.report("XDC1004", this.spanAt(c.startOffset, c.startOffset + 2), "block comment is not closed", {
        label: "this `/*` has no matching `*/`",
        help: { message: "close the comment with `*/`" },
      });
    }
    return { kind: c.image.startsWith("//") ? "line" : "block", span: s, text: c.image };
  }

  private item(n: CstNode): A.Item[] {
    const c = n.children;
    const sub = firstNode(c);
    if (!sub) return [];
    switch (sub.name) {
      case "importDecl":
        return [this.importDecl(sub)];
      case "scenarioDecl":
        return [this.scenario(sub)];
      case "environmentDecl":
        return [this.environment(sub)];
      case "definition":
        return [this.definition(sub)];
      case "letStmt":
        return [this.letStmt(sub)];
      default:
        return [];
    }
  }

  private importDecl(n: CstNode): A.Import {
    const s = this.nodeSpan(n);
    const pathTok = tok(n.children, "path");
    const alias = tok(n.children, "alias");
    return {
      kind: "import",
      span: s,
      path: pathTok ? this.stringToken(pathTok) : { kind: "string", span: this.spanAt(s.end.offset, s.end.offset), value: "", raw: '""' },
      ...(alias ? { alias: this.ident(alias, s) } : {}),
    };
  }

  private scenario(n: CstNode): A.Scenario {
    const s = this.nodeSpan(n);
    const c = n.children;
    const nameNode = node(c, "name");
    const members: A.ScenarioMember[] = [];
    for (const m of allNodes(c)) {
      if (m.name === "phaseBlock") members.push(this.phaseBlock(m));
      else if (m.name === "letStmt") members.push(this.letStmt(m));
      else if (m.name === "setting") members.push(this.setting(m));
    }
    members.sort((a, b) => a.span.start.offset - b.span.start.offset);
    return {
      kind: "scenario",
      span: s,
      keywordSpan: this.tokenSpan(tok(c, "Scenario")!, s),
      name: nameNode ? this.stringLit(nameNode) : { kind: "string", span: this.spanAt(s.start.offset, s.start.offset), value: "", raw: '""' },
      members,
    };
  }

  private setting(n: CstNode): A.Setting {
    const s = this.nodeSpan(n);
    return { kind: "setting", span: s, key: this.ident(tok(n.children, "key"), s), value: this.expr(node(n.children, "value"), s) };
  }

  private phaseBlock(n: CstNode): A.PhaseBlock {
    const s = this.nodeSpan(n);
    const phaseTok = tok(n.children, "phase")!;
    const phase = PHASES.find((p) => p === phaseTok.image) ?? "run";
    return { kind: "block", span: s, phase, phaseSpan: this.tokenSpan(phaseTok, s), body: this.block(node(n.children, "block"), s) };
  }

  private environment(n: CstNode): A.Environment {
    const s = this.nodeSpan(n);
    const members: (A.Setting | A.DcDecl)[] = [];
    for (const m of allNodes(n.children)) {
      if (m.name === "dcDecl") members.push(this.dc(m));
      else if (m.name === "setting") members.push(this.setting(m));
    }
    members.sort((a, b) => a.span.start.offset - b.span.start.offset);
    return { kind: "environment", span: s, name: this.ident(tok(n.children, "name"), s), members };
  }

  private dc(n: CstNode): A.DcDecl {
    const s = this.nodeSpan(n);
    return {
      kind: "dc",
      span: s,
      name: this.ident(tok(n.children, "name"), s),
      settings: nodes(n.children, "setting").map((x) => this.setting(x)),
    };
  }

  private definition(n: CstNode): A.Definition {
    const s = this.nodeSpan(n);
    const c = n.children;
    const sort = tok(c, "sort")?.image === "check" ? "check" : "fault";
    return {
      kind: sort,
      span: s,
      name: this.ident(tok(c, "name"), s),
      params: nodes(c, "param").map((p) => this.param(p)),
      body: this.block(node(c, "block"), s),
    };
  }

  private param(n: CstNode): A.Param {
    const s = this.nodeSpan(n);
    const def = node(n.children, "default");
    return {
      span: s,
      name: this.ident(tok(n.children, "name"), s),
      type: this.typeRef(node(n.children, "typeRef"), s),
      ...(def ? { default: this.expr(def, s) } : {}),
    };
  }

  private typeRef(n: CstNode | undefined, fallback: Span): A.TypeRef {
    if (!n) return { kind: "typeName", span: this.spanAt(fallback.end.offset, fallback.end.offset), name: "" };
    const s = this.nodeSpan(n);
    const element = node(n.children, "element");
    if (element) return { kind: "listType", span: s, element: this.typeRef(element, s) };
    return { kind: "typeName", span: s, name: tok(n.children, "name")?.image ?? "" };
  }

  // ── statements ───────────────────────────────────────────────────────────

  private block(n: CstNode | undefined, fallback: Span): A.Body {
    if (!n) return { span: this.spanAt(fallback.end.offset, fallback.end.offset), braced: true, stmts: [] };
    return { span: this.nodeSpan(n), braced: true, stmts: nodes(n.children, "statement").flatMap((st) => this.statement(st)) };
  }

  private body(n: CstNode | undefined, fallback: Span): A.Body {
    if (!n) return { span: this.spanAt(fallback.end.offset, fallback.end.offset), braced: true, stmts: [] };
    const blk = node(n.children, "block");
    if (blk) return this.block(blk, fallback);
    const st = node(n.children, "statement");
    return { span: this.nodeSpan(n), braced: false, stmts: st ? this.statement(st) : [] };
  }

  private statement(n: CstNode): A.Stmt[] {
    const sub = firstNode(n.children);
    if (!sub) return [];
    const s = this.nodeSpan(sub);
    const c = sub.children;
    switch (sub.name) {
      case "letStmt":
        return [this.letStmt(sub)];
      case "atStmt":
        return [{ kind: "at", span: s, time: this.expr(node(c, "time"), s), body: this.body(node(c, "body"), s) }];
      case "afterStmt":
        return [{ kind: "after", span: s, event: this.expr(node(c, "event"), s), body: this.body(node(c, "body"), s) }];
      case "everyStmt": {
        const d = node(c, "duration");
        return [{ kind: "every", span: s, interval: this.expr(node(c, "interval"), s), ...(d ? { duration: this.expr(d, s) } : {}), body: this.block(node(c, "block"), s) }];
      }
      case "parallelStmt":
        return [{ kind: "parallel", span: s, body: this.block(node(c, "block"), s) }];
      case "waitStmt":
        return [{ kind: "wait", span: s, duration: this.expr(node(c, "duration"), s) }];
      case "repeatStmt": {
        const count = node(c, "count");
        return [{ kind: "repeat", span: s, count: count ? this.expr(count, s) : { kind: "error", span: this.tokenSpan(tok(c, "Repeat")!, s) }, body: this.block(node(c, "block"), s) }];
      }
      case "expectStmt": {
        const msg = node(c, "message");
        return [{ kind: "expect", span: s, condition: this.expr(node(c, "condition"), s), ...(msg ? { message: this.stringLit(msg) } : {}) }];
      }
      case "exprStmt":
        return [this.exprStmt(sub, s)];
      default:
        return [];
    }
  }

  private exprStmt(n: CstNode, s: Span): A.Stmt {
    const c = n.children;
    const expr = this.expr(node(c, "expr"), s);
    const d = node(c, "duration");
    const asTok = tok(c, "as");
    if (asTok) {
      if (expr.kind === "await" && !d) return { kind: "awaitStmt", span: s, await: expr, as: this.ident(asTok, s) };
      this.report("XDC1001", this.tokenSpan(tok(c, "As")!, s), "`as` names the result of an `await`", {
        label: "nothing to name here",
        help: { message: "write `await CONDITION within DURATION as NAME`, or use `let NAME = …`" },
      });
    }
    if (expr.kind === "await" && !d) return { kind: "awaitStmt", span: s, await: expr };
    return { kind: "expr", span: s, expr, ...(d ? { forDuration: this.expr(d, s) } : {}) };
  }

  private letStmt(n: CstNode): A.Let {
    const s = this.nodeSpan(n);
    const c = n.children;
    const d = node(c, "duration");
    return { kind: "let", span: s, name: this.ident(tok(c, "name"), s), value: this.expr(node(c, "value"), s), ...(d ? { forDuration: this.expr(d, s) } : {}) };
  }

  // ── expressions ──────────────────────────────────────────────────────────

  expr(n: CstNode | undefined, fallback: Span): A.Expr {
    if (!n) return { kind: "error", span: this.spanAt(fallback.end.offset, fallback.end.offset) };
    const c = n.children;
    switch (n.name) {
      case "expression":
        return this.expr(firstNode(c), fallback);
      case "awaitExpr": {
        const s = this.nodeSpan(n);
        const within = node(c, "within");
        return { kind: "await", span: s, target: this.expr(node(c, "target"), s), ...(within ? { within: this.expr(within, s) } : {}) };
      }
      case "orExpr":
      case "andExpr":
      case "comparison":
      case "additive":
      case "multiplicative":
        return this.binaryChain(n, fallback);
      case "notExpr":
      case "unary": {
        const op = tok(c, "op");
        const operand = this.expr(node(c, "operand"), fallback);
        if (!op) return operand;
        const s = this.nodeSpan(n);
        return { kind: "unary", span: s, op: op.image === "not" ? "not" : "-", operand };
      }
      case "postfix":
        return this.postfix(n, fallback);
      default:
        return { kind: "error", span: this.nodeSpan(n) };
    }
  }

  private binaryChain(n: CstNode, fallback: Span): A.Expr {
    const operands = nodes(n.children, "operands");
    const ops = tokens(n.children, "ops");
    let left = this.expr(operands[0], fallback);
    for (let i = 0; i < ops.length; i++) {
      const opTok = ops[i]!;
      const right = this.expr(operands[i + 1], this.tokenSpan(opTok, left.span));
      const s = this.spanAt(left.span.start.offset, Math.max(right.span.end.offset, left.span.end.offset));
      left = { kind: "binary", span: s, op: opTok.image as A.BinaryOp, opSpan: this.tokenSpan(opTok, left.span), left, right };
    }
    return left;
  }

  private postfix(n: CstNode, fallback: Span): A.Expr {
    let e = this.primary(node(n.children, "primary"), fallback);
    for (const suffix of nodes(n.children, "suffixes")) {
      const s = this.spanAt(e.span.start.offset, Math.max(e.span.end.offset, this.nodeSpan(suffix).end.offset));
      const c = suffix.children;
      if (suffix.name === "memberSuffix") {
        e = { kind: "member", span: s, object: e, name: this.anyName(node(c, "name"), s) };
      } else if (suffix.name === "indexSuffix") {
        e = { kind: "index", span: s, object: e, index: this.expr(node(c, "index"), s) };
      } else {
        e = { kind: "call", span: s, callee: e, args: nodes(c, "arg").map((a) => this.arg(a)) };
      }
    }
    return e;
  }

  private arg(n: CstNode): A.Arg {
    const s = this.nodeSpan(n);
    const name = node(n.children, "name");
    return { span: s, value: this.expr(node(n.children, "value"), s), ...(name ? { name: this.anyName(name, s) } : {}) };
  }

  private primary(n: CstNode | undefined, fallback: Span): A.Expr {
    if (!n) return { kind: "error", span: this.spanAt(fallback.end.offset, fallback.end.offset) };
    const c = n.children;
    const s = this.nodeSpan(n);
    const num = tok(c, "number");
    if (num) return this.number(num);
    const str = node(c, "string");
    if (str) return this.stringLit(str);
    const b = tok(c, "bool");
    if (b) return { kind: "bool", span: s, value: b.image === "true" };
    const name = tok(c, "name");
    if (name) return { kind: "name", span: this.tokenSpan(name, s), name: name.image };
    const list = node(c, "list");
    if (list) return { kind: "list", span: this.nodeSpan(list), items: nodes(list.children, "items").map((i) => this.expr(i, s)) };
    const record = node(c, "record");
    if (record) return { kind: "record", span: this.nodeSpan(record), fields: nodes(record.children, "field").map((f) => this.field(f)) };
    const group = node(c, "group");
    if (group) return this.expr(group, s);
    return { kind: "error", span: s };
  }

  private field(n: CstNode): A.RecordField {
    const s = this.nodeSpan(n);
    const quoted = tok(n.children, "quotedKey");
    const name = quoted ? { name: this.stringToken(quoted).value, span: this.tokenSpan(quoted) } : this.anyName(node(n.children, "key"), s);
    return { span: s, name, quoted: quoted !== undefined, value: this.expr(node(n.children, "value"), s) };
  }

  private number(t: IToken): A.Expr {
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

  private stringLit(n: CstNode): A.StringLit {
    const t = tok(n.children, "token");
    if (!t) return { kind: "string", span: this.nodeSpan(n), value: "", raw: '""' };
    return this.stringToken(t);
  }

  private stringToken(t: IToken): A.StringLit {
    const s = this.tokenSpan(t);
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
    const found = atEof ? "end of file" : `\`${t.image}\``;
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

// ── CST access helpers ──────────────────────────────────────────────────────

function tok(c: Children, key: string): IToken | undefined {
  const e = c[key]?.[0];
  return isToken(e) ? e : undefined;
}
function tokens(c: Children, key: string): IToken[] {
  return (c[key] ?? []).filter(isToken);
}
function node(c: Children, key: string): CstNode | undefined {
  const e = c[key]?.[0];
  return isNode(e) ? e : undefined;
}
function nodes(c: Children, key: string): CstNode[] {
  return (c[key] ?? []).filter(isNode);
}
function allNodes(c: Children): CstNode[] {
  return Object.values(c).flatMap((es) => (es ?? []).filter(isNode));
}
function firstNode(c: Children): CstNode | undefined {
  return allNodes(c)[0];
}
function collectTokens(n: CstNode): IToken[] {
  const out: IToken[] = [];
  for (const es of Object.values(n.children)) {
    for (const e of es ?? []) {
      if (isToken(e)) out.push(e);
      else if (isNode(e)) out.push(...collectTokens(e));
    }
  }
  return out.sort((a, b) => a.startOffset - b.startOffset);
}

/** The run of `//` lines directly above a fault or check becomes its documentation. */
function attachDocs(items: A.Item[], comments: readonly IToken[], text: string): A.Item[] {
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
