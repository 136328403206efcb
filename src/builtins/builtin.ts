import type { Phase } from "../language/ast.js";
import type { Span } from "../language/span.js";
import type { Direction, QuantityRange, Type } from "../language/types.js";
import type { Value } from "../language/values.js";
import type { Category } from "./categories.js";
import type { Effect } from "./effect.js";
import type { Built, FaultBuilding, FaultPlanInput } from "./fault-plan.js";

/**
 * One row of the registry: everything the checker, `xdc plan`, `xdc builtins`, hover and the
 * reference pages know about a primitive. Adding a primitive is adding a row.
 */
export interface Builtin {
  readonly name: string;
  /** One line, shown by hover, `xdc builtins` and the reference. */
  readonly doc: string;
  readonly category: Category;
  readonly params: readonly ParamSpec[];
  /** The result type, as signatures show it. */
  readonly returns: Type;
  /**
   * A sharper result type computed from what is known of the arguments (go-cty style):
   * `application(…, sources: ["Ingest"])` is an Application whose `Ingest` is a source.
   */
  readonly refine?: (args: CallArgs, call: Span) => Type;
  /** Statements (or a whole file when `exampleIn` is "file") that use the builtin; a test checks them clean. */
  readonly example: string;
  /** Where the example's statements go; "run" unless said. "file" means the example is a file of its own. */
  readonly exampleIn?: Phase | "file";
  /** The call's value when the arguments make it known without running anything (`secret("X")`, `host("a")`). */
  readonly known?: (args: CallArgs) => Value | undefined;
  /** A short text for `xdc plan`: `partition dc1 <-> dc2`. Gets each argument as source text, defaults filled in. */
  readonly describe: (args: Readonly<Record<string, string>>) => string;
  /**
   * Two parameters that must not be the same value (`partition(dc1, dc1)` cuts nothing):
   * XDC3019 when both are known and equal. `why` ends the message: "a link joins two datacenters".
   */
  readonly distinct?: { readonly params: readonly [string, string]; readonly why: string };
  /** Present exactly for faults: what undoing one does. */
  readonly fault?: FaultInfo;
  /** What running it does (a function over drivers); rows get one when the runtime lands. */
  readonly effect?: Effect;
}

export interface FaultInfo {
  /** What the undo does, for `xdc plan` and the ledger: "restore the network paths". */
  readonly undo: string;
  /**
   * Whether the fault stays applied until undone. A killed PE is restarted by Streams on its
   * own, so `kill` is not lasting and needs no `for`; a partition is (XDC4002).
   */
  readonly lasting: boolean;
  /** How its arguments become a plan of commands: its driver's builder, fed by fault-plan.ts's helpers. */
  readonly plan: (input: FaultPlanInput) => FaultBuilding | Built;
}

export interface ParamSpec {
  readonly name: string;
  readonly type: Type;
  readonly doc: string;
  /** The default as source text (`"0ms"`, `"[]"`); a test checks that it has the parameter's type. */
  readonly default?: string;
  /** May be left out even without a default (`failover(…, from:)`: from any datacenter). */
  readonly optional?: boolean;
  readonly rule?: ParamRule;
  /** A message: a string literal here may hold `{expressions}`, written in with their units when it runs. */
  readonly template?: true;
}

/** Checks on an argument beyond its type, stated as data so the checker has one place for each. */
export type ParamRule =
  /** An Endpoint that must be a source (inject) or a sink (collect, checks): XDC3008. */
  | { readonly kind: "direction"; readonly direction: Direction }
  /** A known quantity must lie within bounds (in ms, /s, %, bytes or plain numbers): XDC3013. */
  | ({ readonly kind: "range" } & QuantityRange)
  /** A record describing tuple attributes by type name: XDC3014. */
  | { readonly kind: "schema" }
  /** A string that must not be empty (a PromQL query): XDC3013. */
  | { readonly kind: "text"; readonly nonEmpty: true }
  /** A value the checker must know before the run, because the call's type depends on it: XDC3013. */
  | { readonly kind: "known" }
  /**
   * A path relative to the scenario that must name a file (XDC2014); a recorded data file's
   * first rows must also fit the call's `schema` (and `timestamps`): XDC3017.
   */
  | { readonly kind: "file"; readonly role: "bundle" | "data" }
  /**
   * A condition on each tuple at a sink, judged as it arrives: it reads the output tuple as `out`
   * and the input tuple with the same key as `in`, and otherwise only values known before the
   * run (XDC3013), since it is judged before the statement that names it runs.
   */
  | { readonly kind: "tuple" };

/** What is known of one argument of a call, for computed return types. */
export interface ArgInfo {
  readonly type: Type;
  readonly value?: Value;
  readonly span: Span;
}
export type CallArgs = ReadonlyMap<string, ArgInfo>;

export const isRequired = (p: ParamSpec) => p.default === undefined && p.optional !== true;

/** The return type of a call, computed when the row says how. */
export const returnType = (b: Builtin, args: CallArgs, call: Span): Type => (b.refine ? b.refine(args, call) : b.returns);
