import type { Span } from "./span.js";

/**
 * The typed AST. Every node is readonly, has a `kind` and a `span`; every switch over a
 * union ends in assertNever. Produced by lower.ts from the CST; read by the checker, the
 * formatter, the planner and the interpreter.
 */

export interface Ident {
  readonly name: string;
  readonly span: Span;
}

// ── expressions ────────────────────────────────────────────────────────────

/** A number with its unit, as written: `5`, `250ms`, `500/s`, `0.1%`, `64KB`. */
export interface NumberLit {
  readonly kind: "number";
  readonly span: Span;
  readonly value: number;
  readonly raw: string;
}
export interface DurationLit {
  readonly kind: "duration";
  readonly span: Span;
  readonly ms: number;
  readonly raw: string;
}
export interface RateLit {
  readonly kind: "rate";
  readonly span: Span;
  /** Events per second. */
  readonly perSecond: number;
  readonly raw: string;
}
export interface PercentLit {
  readonly kind: "percent";
  readonly span: Span;
  /** 0.1% is 0.1, not 0.001. */
  readonly value: number;
  readonly raw: string;
}
export interface BytesLit {
  readonly kind: "bytes";
  readonly span: Span;
  readonly bytes: number;
  readonly raw: string;
}
export interface StringLit {
  readonly kind: "string";
  readonly span: Span;
  readonly value: string;
  readonly raw: string;
}
export interface BoolLit {
  readonly kind: "bool";
  readonly span: Span;
  readonly value: boolean;
}
export interface Name {
  readonly kind: "name";
  readonly span: Span;
  readonly name: string;
}
export interface ListExpr {
  readonly kind: "list";
  readonly span: Span;
  readonly items: readonly Expr[];
}
export interface RecordField {
  readonly name: Ident;
  /** Whether the key was written as a string (`"x-y": 1`), which fmt keeps. */
  readonly quoted: boolean;
  readonly value: Expr;
  readonly span: Span;
}
export interface RecordExpr {
  readonly kind: "record";
  readonly span: Span;
  readonly fields: readonly RecordField[];
}
export interface Member {
  readonly kind: "member";
  readonly span: Span;
  readonly object: Expr;
  readonly name: Ident;
}
export interface Index {
  readonly kind: "index";
  readonly span: Span;
  readonly object: Expr;
  readonly index: Expr;
}
export interface Arg {
  /** Present for a named argument `to: dc2`. */
  readonly name?: Ident;
  readonly value: Expr;
  readonly span: Span;
}
export interface Call {
  readonly kind: "call";
  readonly span: Span;
  readonly callee: Expr;
  readonly args: readonly Arg[];
}
export type UnaryOp = "-" | "not";
export interface Unary {
  readonly kind: "unary";
  readonly span: Span;
  readonly op: UnaryOp;
  readonly operand: Expr;
}
/** `of` takes a share of a value: `90% of base` is 0.9 × base, in base's unit. */
export type BinaryOp = "+" | "-" | "*" | "/" | "of" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";
export interface Binary {
  readonly kind: "binary";
  readonly span: Span;
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}
/** `await COND within D`. `within` is optional in the syntax so that the checker can say XDC4001 with a fix. */
export interface Await {
  readonly kind: "await";
  readonly span: Span;
  readonly target: Expr;
  readonly within?: Expr;
}
/**
 * `sample EXPR every D`, only as the value of a `let`: a time series of EXPR read every D in
 * the background, from the `let` to the end of its phase (or of the scenario, for a `let`
 * among the scenario's settings).
 */
export interface Sample {
  readonly kind: "sample";
  readonly span: Span;
  readonly measure: Expr;
  readonly every: Expr;
}
/** `baseline EXPR`, only as the value of a `let` in `steady`: read once, kept when `steady` runs again after `verify`. */
export interface Baseline {
  readonly kind: "baseline";
  readonly span: Span;
  readonly measure: Expr;
}
/** Stands where the parser recovered from a syntax error; the checker gives it an error type silently. */
export interface ErrorExpr {
  readonly kind: "error";
  readonly span: Span;
}

export type Literal = NumberLit | DurationLit | RateLit | PercentLit | BytesLit | StringLit | BoolLit;
export type Expr = Literal | Name | ListExpr | RecordExpr | Member | Index | Call | Unary | Binary | Await | Sample | Baseline | ErrorExpr;

// ── statements ─────────────────────────────────────────────────────────────

export interface Let {
  readonly kind: "let";
  readonly span: Span;
  readonly name: Ident;
  readonly value: Expr;
  /** `let f = partition(a, b) for 30s`: the fault is reverted after the duration. */
  readonly forDuration?: Expr;
}
/** A call or other expression used as a statement, optionally `for D`. */
export interface ExprStmt {
  readonly kind: "expr";
  readonly span: Span;
  readonly expr: Expr;
  readonly forDuration?: Expr;
}
/** `at T: stmt` or `at T { … }`: T is an offset from the start of the enclosing timeline. */
export interface At {
  readonly kind: "at";
  readonly span: Span;
  readonly time: Expr;
  readonly body: Body;
}
/** `after E: stmt`: runs when the event E happens (or the handle E ends). */
export interface After {
  readonly kind: "after";
  readonly span: Span;
  readonly event: Expr;
  readonly body: Body;
}
/** `every T for D { … }`. */
export interface Every {
  readonly kind: "every";
  readonly span: Span;
  readonly interval: Expr;
  readonly duration?: Expr;
  readonly body: Body;
}
export interface Parallel {
  readonly kind: "parallel";
  readonly span: Span;
  readonly body: Body;
}
/** `await COND within D as name` as a statement. */
export interface AwaitStmt {
  readonly kind: "awaitStmt";
  readonly span: Span;
  readonly await: Await;
  readonly as?: Ident;
}
export interface Wait {
  readonly kind: "wait";
  readonly span: Span;
  readonly duration: Expr;
}
export interface Repeat {
  readonly kind: "repeat";
  readonly span: Span;
  readonly count: Expr;
  readonly body: Body;
}
/** `for NAME in LIST { … }`: the body once per item of the list, in order, NAME bound to it. */
export interface ForEach {
  readonly kind: "forEach";
  readonly span: Span;
  readonly name: Ident;
  /** The `in` (a contextual keyword, like `dc`), for the formatter's comments. */
  readonly inSpan: Span;
  readonly list: Expr;
  readonly body: Body;
}
export interface Expect {
  readonly kind: "expect";
  readonly span: Span;
  readonly condition: Expr;
  /** `expect C throughout [PHASE]`: C holds at every sample of the series it reads. */
  readonly throughout?: Throughout;
  readonly message?: StringLit;
}
export interface Throughout {
  readonly span: Span;
  /** Only the samples taken while this block ran. */
  readonly phase?: Phase;
}

export type Stmt = Let | ExprStmt | At | After | Every | Parallel | AwaitStmt | Wait | Repeat | ForEach | Expect;

/**
 * A statement list. `braced` says whether it was written `{ … }` or, after `at T:` or
 * `after E:`, as one statement; fmt keeps the choice.
 */
export interface Body {
  readonly span: Span;
  readonly braced: boolean;
  readonly stmts: readonly Stmt[];
}

// ── declarations ───────────────────────────────────────────────────────────

export interface Setting {
  readonly kind: "setting";
  readonly span: Span;
  readonly key: Ident;
  readonly value: Expr;
}

export const PHASES = ["setup", "steady", "run", "verify", "teardown"] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseBlock {
  readonly kind: "block";
  readonly span: Span;
  readonly phase: Phase;
  readonly phaseSpan: Span;
  readonly body: Body;
}

export type ScenarioMember = Setting | Let | PhaseBlock;

export interface Scenario {
  readonly kind: "scenario";
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly name: StringLit;
  /**
   * `scenario "sweep" (rate: Rate = 500/s) { … }`: parameters with defaults, which
   * `--set rate=800/s` overrides. Absent when the scenario has no parentheses.
   */
  readonly params?: readonly Param[];
  readonly members: readonly ScenarioMember[];
}

export interface DcDecl {
  readonly kind: "dc";
  readonly span: Span;
  readonly name: Ident;
  readonly settings: readonly Setting[];
}

export interface Environment {
  readonly kind: "environment";
  readonly span: Span;
  readonly name: Ident;
  readonly members: readonly (Setting | DcDecl)[];
}

export type TypeRef =
  | { readonly kind: "typeName"; readonly span: Span; readonly name: string }
  | { readonly kind: "listType"; readonly span: Span; readonly element: TypeRef };

export interface Param {
  readonly span: Span;
  readonly name: Ident;
  readonly type: TypeRef;
  readonly default?: Expr;
}

/** `fault name(params) { … }` or `check name(params) { … }`: user definitions. */
export interface Definition {
  readonly kind: "fault" | "check";
  readonly span: Span;
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly body: Body;
  /** The `//` comment lines right above the definition: its hover text. */
  readonly doc?: string;
}

export interface Import {
  readonly kind: "import";
  readonly span: Span;
  readonly path: StringLit;
  readonly alias?: Ident;
}

export type Item = Import | Scenario | Environment | Definition | Let;

export interface Comment {
  readonly kind: "line" | "block";
  readonly span: Span;
  readonly text: string;
}

export interface SourceFile {
  readonly kind: "file";
  readonly span: Span;
  readonly path: string;
  readonly items: readonly Item[];
  /** Every comment, in order, for fmt. */
  readonly comments: readonly Comment[];
}
