import fc from "fast-check";
import type * as A from "../../src/language/ast.js";
import { PHASES } from "../../src/language/ast.js";
import { KEYWORDS } from "../../src/language/lexer.js";
import { BYTES, classifyNumber, DURATION_MS, encodeString } from "../../src/language/literals.js";
import { span } from "../../src/language/span.js";

/**
 * Generated ASTs in the shapes `parse` produces (spans are dummies: the round-trip
 * comparison ignores them). Every node kind, operator, literal form and statement form
 * appears, nested, including shapes a person would rarely write, such as `(a < b) == c`
 * or a statement that starts with `[`, which the printer must parenthesise or guard.
 */

const at = { offset: 0, line: 1, column: 1 };
const S = span("gen.xdc", at, at);

const keywords = new Set<string>(KEYWORDS);
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/).filter((n) => !keywords.has(n));
/** Names after `.`, before `:` in arguments and records: keywords are allowed there. */
const anyName = fc.oneof(identifier, fc.constantFrom(...KEYWORDS));
const ident = (name: fc.Arbitrary<string>): fc.Arbitrary<A.Ident> => name.map((n) => ({ name: n, span: S }));

const digits = fc.oneof(
  fc.nat(100_000).map(String),
  fc.tuple(fc.nat(999), fc.nat(99)).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom("1_000", "1e3", "2.5E-3", "0"),
);
const suffix = fc.constantFrom("", "%", ...Object.keys(DURATION_MS), ...Object.keys(DURATION_MS).map((u) => `/${u}`), ...Object.keys(BYTES));

const numberLit: fc.Arbitrary<A.Expr> = fc.tuple(digits, suffix).map(([d, u]) => {
  const raw = d + u;
  const k = classifyNumber(raw);
  switch (k.kind) {
    case "number": return { kind: "number", span: S, value: k.value, raw };
    case "duration": return { kind: "duration", span: S, ms: k.ms, raw };
    case "rate": return { kind: "rate", span: S, perSecond: k.perSecond, raw };
    case "percent": return { kind: "percent", span: S, value: k.value, raw };
    case "bytes": return { kind: "bytes", span: S, bytes: k.bytes, raw };
    case "badUnit": throw new Error(`generator bug: ${raw}`);
  }
});

const stringValue = fc.string({
  unit: fc.oneof(fc.constantFrom('"', "\\", "\n", "\t", "\r", "\0", "\x7f", "é", "日", "🎉", "\u2028", "{", "//", "/*"), fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 })),
  maxLength: 12,
});
export const stringLit: fc.Arbitrary<A.StringLit> = stringValue.map((value) => ({ kind: "string", span: S, value, raw: encodeString(value) }));

const BINARY_OPS: readonly A.BinaryOp[] = ["+", "-", "*", "/", "of", "==", "!=", "<", "<=", ">", ">=", "and", "or"];

export const { expr } = fc.letrec<{ expr: A.Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    numberLit,
    stringLit,
    fc.boolean().map((value): A.Expr => ({ kind: "bool", span: S, value })),
    identifier.map((name): A.Expr => ({ kind: "name", span: S, name })),
    fc.array(tie("expr"), { maxLength: 5 }).map((items): A.Expr => ({ kind: "list", span: S, items })),
    fc
      .array(fc.tuple(fc.boolean(), fc.boolean()).chain(([quoted]) => fc.record({ quoted: fc.constant(quoted), name: ident(quoted ? stringValue : anyName), value: tie("expr") })), { maxLength: 4 })
      .map((fields): A.Expr => ({ kind: "record", span: S, fields: fields.map((f) => ({ ...f, span: S })) })),
    fc.tuple(tie("expr"), ident(anyName)).map(([object, name]): A.Expr => ({ kind: "member", span: S, object, name })),
    fc.tuple(tie("expr"), tie("expr")).map(([object, index]): A.Expr => ({ kind: "index", span: S, object, index })),
    fc
      .tuple(tie("expr"), fc.array(fc.tuple(fc.option(ident(anyName), { nil: undefined }), tie("expr")), { maxLength: 5 }))
      .map(([callee, args]): A.Expr => ({ kind: "call", span: S, callee, args: args.map(([name, value]) => ({ span: S, value, ...(name ? { name } : {}) })) })),
    fc.tuple(fc.constantFrom<A.UnaryOp>("-", "not"), tie("expr")).map(([op, operand]): A.Expr => ({ kind: "unary", span: S, op, operand })),
    fc.tuple(fc.constantFrom(...BINARY_OPS), tie("expr"), tie("expr")).map(([op, left, right]): A.Expr => ({ kind: "binary", span: S, op, opSpan: S, left, right })),
    fc.tuple(tie("expr"), fc.option(tie("expr"), { nil: undefined })).map(([target, within]): A.Expr => ({ kind: "await", span: S, target, ...(within ? { within } : {}) })),
  ),
}));

const optionalExpr = fc.option(expr, { nil: undefined, freq: 3 });
const awaitExpr: fc.Arbitrary<A.Await> = fc.tuple(expr, optionalExpr).map(([target, within]) => ({ kind: "await", span: S, target, ...(within ? { within } : {}) }));

/** `sample …` and `baseline …` stand only as the value of a `let`. */
const letValue: fc.Arbitrary<A.Expr> = fc.oneof(
  { arbitrary: expr, weight: 4 },
  fc.tuple(expr, expr).map(([measure, every]): A.Expr => ({ kind: "sample", span: S, measure, every })),
  expr.map((measure): A.Expr => ({ kind: "baseline", span: S, measure })),
);
const letStmt: fc.Arbitrary<A.Let> = fc.tuple(ident(identifier), letValue, optionalExpr).map(([name, value, d]) => ({ kind: "let", span: S, name, value, ...(d ? { forDuration: d } : {}) }));
const throughout: fc.Arbitrary<A.Throughout | undefined> = fc.option(
  fc.option(fc.constantFrom(...PHASES), { nil: undefined }).map((phase): A.Throughout => ({ span: S, ...(phase ? { phase } : {}) })),
  { nil: undefined },
);

export const { stmt } = fc.letrec<{ stmt: A.Stmt; block: A.Body; body: A.Body }>((tie) => ({
  block: fc.array(tie("stmt"), { maxLength: 3 }).map((stmts) => ({ span: S, braced: true, stmts })),
  body: fc.oneof(tie("block"), tie("stmt").map((s) => ({ span: S, braced: false, stmts: [s] }))),
  stmt: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    letStmt,
    // An `await` statement without `for` is an awaitStmt in the AST, as lower.ts makes it.
    fc.tuple(expr, optionalExpr).map(([e, d]): A.Stmt =>
      e.kind === "await" && d === undefined ? { kind: "awaitStmt", span: S, await: e } : { kind: "expr", span: S, expr: e, ...(d ? { forDuration: d } : {}) }),
    fc.tuple(awaitExpr, fc.option(ident(identifier), { nil: undefined })).map(([a, as]): A.Stmt => ({ kind: "awaitStmt", span: S, await: a, ...(as ? { as } : {}) })),
    fc.tuple(expr, tie("body")).map(([time, body]): A.Stmt => ({ kind: "at", span: S, time, body })),
    fc.tuple(expr, tie("body")).map(([event, body]): A.Stmt => ({ kind: "after", span: S, event, body })),
    fc.tuple(expr, optionalExpr, tie("block")).map(([interval, d, body]): A.Stmt => ({ kind: "every", span: S, interval, body, ...(d ? { duration: d } : {}) })),
    tie("block").map((body): A.Stmt => ({ kind: "parallel", span: S, body })),
    expr.map((duration): A.Stmt => ({ kind: "wait", span: S, duration })),
    fc.tuple(expr, tie("block")).map(([count, body]): A.Stmt => ({ kind: "repeat", span: S, count, body })),
    fc.tuple(ident(identifier), expr, tie("block")).map(([name, list, body]): A.Stmt => ({ kind: "forEach", span: S, name, inSpan: S, list, body })),
    fc.tuple(expr, throughout, fc.option(stringLit, { nil: undefined })).map(([condition, t, message]): A.Stmt => ({ kind: "expect", span: S, condition, ...(t ? { throughout: t } : {}), ...(message ? { message } : {}) })),
  ),
}));

const block = fc.array(stmt, { maxLength: 3 }).map((stmts): A.Body => ({ span: S, braced: true, stmts }));
const setting: fc.Arbitrary<A.Setting> = fc.tuple(ident(identifier), expr).map(([key, value]) => ({ kind: "setting", span: S, key, value }));

const typeRef: fc.Arbitrary<A.TypeRef> = fc.letrec<{ t: A.TypeRef }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small" },
    identifier.map((name): A.TypeRef => ({ kind: "typeName", span: S, name })),
    tie("t").map((element): A.TypeRef => ({ kind: "listType", span: S, element })),
  ),
})).t;

const scenarioMember: fc.Arbitrary<A.ScenarioMember> = fc.oneof(
  setting,
  letStmt,
  fc.tuple(fc.constantFrom(...PHASES), block).map(([phase, body]): A.ScenarioMember => ({ kind: "block", span: S, phase, phaseSpan: S, body })),
);

export const item: fc.Arbitrary<A.Item> = fc.oneof(
  fc.tuple(stringLit, fc.option(ident(identifier), { nil: undefined })).map(([path, alias]): A.Item => ({ kind: "import", span: S, path, ...(alias ? { alias } : {}) })),
  fc
    .tuple(stringLit, fc.option(fc.array(fc.tuple(ident(identifier), typeRef, optionalExpr), { maxLength: 3 }), { nil: undefined }), fc.array(scenarioMember, { maxLength: 4 }))
    .map(([name, params, members]): A.Item => ({
      kind: "scenario", span: S, keywordSpan: S, name, members,
      ...(params ? { params: params.map(([n, type, d]) => ({ span: S, name: n, type, ...(d ? { default: d } : {}) })) } : {}),
    })),
  fc
    .tuple(ident(identifier), fc.array(fc.oneof(setting, fc.tuple(ident(identifier), fc.array(setting, { maxLength: 3 })).map(([name, settings]): A.DcDecl => ({ kind: "dc", span: S, name, settings }))), { maxLength: 3 }))
    .map(([name, members]): A.Item => ({ kind: "environment", span: S, name, members })),
  fc
    .tuple(fc.constantFrom<"fault" | "check">("fault", "check"), ident(identifier), fc.array(fc.tuple(ident(identifier), typeRef, optionalExpr), { maxLength: 4 }), block)
    .map(([kind, name, params, body]): A.Item => ({ kind, span: S, name, body, params: params.map(([n, type, d]) => ({ span: S, name: n, type, ...(d ? { default: d } : {}) })) })),
  letStmt,
);

export const sourceFile: fc.Arbitrary<A.SourceFile> = fc.array(item, { maxLength: 4 }).map((items) => ({ kind: "file", span: S, path: "gen.xdc", items, comments: [] }));
