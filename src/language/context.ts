import type * as A from "./ast.js";
import type { Diagnostic } from "./diagnostics.js";
import type { ModuleHost } from "./module-host.js";
import type { TemplatePart } from "./template.js";
import type { Binding, CallTarget, CheckedModule, EnvironmentInfo, ScopeAt, UserDefinition } from "./program.js";
import type { Scope } from "./scope.js";
import type { Span } from "./span.js";
import type { Type } from "./types.js";
import type { Value } from "./values.js";

/** Where a statement stands, which decides what it may do (XDC4006). */
export type Place = "module" | "scenario" | A.Phase | "fault" | "check";

/** Faults applied in a `run` block without `for`, and the `let` names `revert` was called on (XDC4002). */
export interface FaultLedger {
  readonly applied: { readonly span: Span; readonly binding?: Binding }[];
  readonly reverted: Set<Binding>;
}

/** The position the checker is at: names in scope, the kind of block, and what the block tracks. */
export interface Where {
  readonly scope: Scope;
  readonly place: Place;
  /** In a scenario: its environment, for datacenter names. */
  readonly environment?: EnvironmentInfo;
  /** In a `run` block. */
  readonly ledger?: FaultLedger;
  /** In the condition of `expect … throughout`: the series it reads sample by sample are collected here. */
  readonly pointwise?: Set<Binding>;
  /** In a definition's body: which one, for the call graph (recursion is unbounded). */
  readonly definition?: UserDefinition;
  /** In a scenario: its `submit` calls so far, for the failover timing warning (XDC4007). */
  readonly submits?: SubmitRecord[];
}

/** A `submit(…)` as far as the checker knows it: which application, where, and the toolkit settings it sets. */
export interface SubmitRecord {
  readonly app?: Binding;
  readonly dc?: string;
  /** The known values of `toolkit: {…}`, by setting name (`heartbeat` in ms). */
  readonly toolkit: ReadonlyMap<string, Value>;
  /** The `toolkit:` argument, when given. */
  readonly toolkitSpan?: Span;
  /** The call, when it submits the application as primary (XDC3020). */
  readonly primary?: Span;
}

/** The state of one `check` call: what it found and what it learned about each node. */
export class Context {
  readonly diagnostics: Diagnostic[] = [];
  /** Values of scenario parameters given on the command line (`--set rate=800/s`), as written. */
  set: ReadonlyMap<string, string> = new Map();
  /** The environment `--env` names, which every scenario runs in whatever its `environment:` says. */
  environment: EnvironmentInfo | undefined;
  readonly types = new Map<A.Expr, Type>();
  readonly values = new Map<A.Expr, Value>();
  readonly symbols = new Map<A.Name | A.Member, Binding>();
  readonly declarations = new Map<A.Ident, Binding>();
  readonly calls = new Map<A.Call, CallTarget>();
  /** Each resolved call's arguments by parameter name, positional ones included. */
  readonly callArgs = new Map<A.Call, ReadonlyMap<string, A.Expr>>();
  /** The parts of each message that holds `{expressions}` (a `log` text, an `else` message). */
  readonly templates = new Map<A.StringLit, readonly TemplatePart[]>();
  /** How many items the list of a `for … in` has, when known before the run (for the timeline, XDC4005). */
  readonly loopLengths = new Map<A.Expr, number>();
  /** Every block's scope with the span it covers, for completion of the names visible at a position. */
  readonly scopes: ScopeAt[] = [];
  readonly used = new Set<Binding>();
  /** Bindings that XDC2010 reports when nothing uses them. */
  readonly unusedCandidates: Binding[] = [];
  /** Calls between user definitions, with where they are made. */
  readonly callGraph = new Map<UserDefinition, { readonly callee: UserDefinition; readonly span: Span }[]>();
  /** Modules by resolved path: checked, or in progress (an import of one in progress is a cycle). */
  readonly modules = new Map<string, CheckedModule | "in progress">();

  /** The calls an `expect` compares directly: where `median`, `p95` and `p99` over repeats may stand (XDC3021). */
  readonly overRepeats = new Set<A.Call>();

  /** Where the parser found syntax errors: what it dropped there must not be reported as missing. */
  readonly syntaxErrors: Span[] = [];

  constructor(readonly host: ModuleHost) {}

  /** Whether a syntax error lies within the span, so that parts of it may have been dropped. */
  brokenWithin(s: Span): boolean {
    return this.syntaxErrors.some((e) => e.file === s.file && e.start.offset >= s.start.offset && e.start.offset <= s.end.offset);
  }

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  /** Records and returns the type of an expression. */
  typed(e: A.Expr, t: Type, value?: Value): Type {
    this.types.set(e, t);
    if (value !== undefined) this.values.set(e, value);
    return t;
  }
}
