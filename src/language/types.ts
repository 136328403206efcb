import type { BinaryOp } from "./ast.js";
import type { Span } from "./span.js";

/**
 * The types of .xdc. Units are types: a duration and a percentage are as different as a
 * string and a datacenter, so `30s + 5%` is caught before anything runs. Read by the
 * checker, the registry (signatures), `xdc builtins`, hover and the reference pages.
 */

export const SCALARS = ["Number", "Duration", "Rate", "Percent", "Bytes", "String", "Bool", "Time"] as const;
export type ScalarName = (typeof SCALARS)[number];

export const ENTITIES = [
  "DC", "Host", "Application", "Job", "PE", "Endpoint", "Workload", "RateShape", "Fault", "Failover", "Environment", "Secret",
] as const;
export type EntityName = (typeof ENTITIES)[number];

export type Direction = "source" | "sink";

/**
 * What the checker knows about one application: the endpoints the scenario declared for it
 * (go-cty style, computed from the arguments of `application(…)`), and where.
 */
export interface AppShape {
  readonly name?: string;
  /** Undefined when the list was not a literal: any member is then accepted. */
  readonly sources?: readonly string[];
  readonly sinks?: readonly string[];
  readonly span: Span;
}

export interface FieldType {
  readonly name: string;
  readonly type: Type;
  /** May be left out of a record literal (the fields of a settings record such as `toolkit:`). */
  readonly optional?: boolean;
  /** For the reference and hover: what the field means. */
  readonly doc?: string;
  /** Bounds on a known quantity (XDC3013). */
  readonly range?: QuantityRange;
  /** Other names people write for it (the toolkit's own key): an unknown field by one of these is pointed here. */
  readonly aliases?: readonly string[];
}

/** Bounds on a known quantity, in ms, /s, %, bytes or plain numbers: XDC3013. */
export interface QuantityRange {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  /** A count: no fractions. */
  readonly whole?: boolean;
}

export type Type =
  | { readonly kind: "scalar"; readonly name: ScalarName }
  | {
      readonly kind: "entity";
      readonly name: EntityName;
      /** On Application, and on an Endpoint read from one: the application's declared endpoints. */
      readonly app?: AppShape;
      /** Only on Endpoint: which way tuples flow, when known. */
      readonly direction?: Direction;
    }
  | { readonly kind: "list"; readonly element: Type }
  /**
   * `open` records accept any fields (a `params` record); closed ones have `fields`, of which
   * the optional ones may be left out. An `exact` one has no other fields: a settings record
   * (`toolkit: {heartbeat: 200ms}`), shown by its `name` in signatures.
   */
  | { readonly kind: "record"; readonly fields: readonly FieldType[]; readonly open: boolean; readonly exact?: boolean; readonly name?: string }
  | { readonly kind: "event"; readonly payload: Type }
  /** `sample EXPR every D`: readings of one unit over time; `max(s)`, `expect s <= 80% throughout` read it. */
  | { readonly kind: "series"; readonly element: Type }
  /** Parameter types only: one of several (`PE | Host`). */
  | { readonly kind: "oneOf"; readonly options: readonly Type[] }
  /** Parameter types only: a string that must be one of a few words (`"primary" | "standby"`). */
  | { readonly kind: "choice"; readonly values: readonly string[] }
  | { readonly kind: "function"; readonly name: string }
  /** A module imported `as NAME`: only its members mean something. */
  | { readonly kind: "namespace"; readonly name: string }
  /** What a call that returns no value (`log`, `revert`) gives. */
  | { readonly kind: "nothing" }
  /** The type of anything already reported: compatible with everything, so nothing is reported twice. */
  | { readonly kind: "error" };

// ── constructors ─────────────────────────────────────────────────────────────

const scalar = (name: ScalarName): Type => ({ kind: "scalar", name });
const entity = (name: EntityName): Type => ({ kind: "entity", name });

export const T = {
  Number: scalar("Number"),
  Duration: scalar("Duration"),
  Rate: scalar("Rate"),
  Percent: scalar("Percent"),
  Bytes: scalar("Bytes"),
  String: scalar("String"),
  Bool: scalar("Bool"),
  Time: scalar("Time"),
  DC: entity("DC"),
  Host: entity("Host"),
  Application: entity("Application"),
  Job: entity("Job"),
  PE: entity("PE"),
  Endpoint: entity("Endpoint"),
  Workload: entity("Workload"),
  RateShape: entity("RateShape"),
  Fault: entity("Fault"),
  Failover: entity("Failover"),
  Environment: entity("Environment"),
  Secret: entity("Secret"),
  nothing: { kind: "nothing" } as Type,
  error: { kind: "error" } as Type,
  anyRecord: { kind: "record", fields: [], open: true } as Type,
  list: (element: Type): Type => ({ kind: "list", element }),
  event: (payload: Type): Type => ({ kind: "event", payload }),
  series: (element: Type): Type => ({ kind: "series", element }),
  oneOf: (...options: Type[]): Type => ({ kind: "oneOf", options }),
  choice: (...values: string[]): Type => ({ kind: "choice", values }),
  record: (fields: readonly FieldType[]): Type => ({ kind: "record", fields, open: false }),
  /** A record of named, optional settings and nothing else, such as `submit`'s `toolkit`. */
  settings: (name: string, fields: readonly FieldType[]): Type => ({ kind: "record", fields: fields.map((f) => ({ ...f, optional: true })), open: false, exact: true, name }),
  fn: (name: string): Type => ({ kind: "function", name }),
  endpoint: (direction: Direction, app: AppShape): Type => ({ kind: "entity", name: "Endpoint", direction, app }),
  application: (app: AppShape): Type => ({ kind: "entity", name: "Application", app }),
} as const;

/** The names a parameter's type may be written with (`cycles: Number`, `targets: [Host]`). */
export const TYPE_NAMES: ReadonlyMap<string, Type> = new Map<string, Type>([
  ...SCALARS.map((n) => [n, scalar(n)] as const),
  ...ENTITIES.map((n) => [n, entity(n)] as const),
]);

export const isScalar = (t: Type, name?: ScalarName): t is Extract<Type, { kind: "scalar" }> =>
  t.kind === "scalar" && (name === undefined || t.name === name);

// ── how types read in messages ───────────────────────────────────────────────

/** Article + noun (messages), plural (lists), and the name as written in code. */
const WORDS: Record<ScalarName | EntityName, { readonly noun: string; readonly plural: string }> = {
  Number: { noun: "a number", plural: "numbers" },
  Duration: { noun: "a duration", plural: "durations" },
  Rate: { noun: "a rate", plural: "rates" },
  Percent: { noun: "a percentage", plural: "percentages" },
  Bytes: { noun: "a size in bytes", plural: "sizes" },
  String: { noun: "a string", plural: "strings" },
  Bool: { noun: "a condition", plural: "conditions" },
  Time: { noun: "a point in time", plural: "points in time" },
  DC: { noun: "a datacenter", plural: "datacenters" },
  Host: { noun: "a host", plural: "hosts" },
  Application: { noun: "an application", plural: "applications" },
  Job: { noun: "a job", plural: "jobs" },
  PE: { noun: "a processing element", plural: "processing elements" },
  Endpoint: { noun: "an endpoint", plural: "endpoints" },
  Workload: { noun: "a workload", plural: "workloads" },
  RateShape: { noun: "a rate shape", plural: "rate shapes" },
  Fault: { noun: "a fault", plural: "faults" },
  Failover: { noun: "a failover", plural: "failovers" },
  Environment: { noun: "an environment", plural: "environments" },
  Secret: { noun: "a secret", plural: "secrets" },
};

/** A type as a phrase for messages: "a duration", "a list of datacenters", "a sink endpoint". */
export function show(t: Type): string {
  switch (t.kind) {
    case "scalar":
      return WORDS[t.name].noun;
    case "entity":
      return t.direction ? `a ${t.direction} endpoint` : WORDS[t.name].noun;
    case "list":
      return `a list of ${plural(t.element)}`;
    case "record":
      return "a record";
    case "event":
      return `an event (\`${syntax(t)}\`)`;
    case "series":
      return `a series of ${plural(t.element)}`;
    case "oneOf":
      return t.options.map(show).join(" or ");
    case "choice":
      return t.values.map((v) => `"${v}"`).join(" or ");
    case "function":
      return `the function \`${t.name}\``;
    case "namespace":
      return `the module \`${t.name}\``;
    case "nothing":
      return "nothing";
    case "error":
      return "an unknown value";
  }
}

/** A type as a plural noun: "datacenters", "lists of durations". */
export function plural(t: Type): string {
  if (t.kind === "scalar" || t.kind === "entity") return WORDS[t.name].plural;
  if (t.kind === "list") return `lists of ${plural(t.element)}`;
  if (t.kind === "oneOf") return t.options.map(plural).join(" or ");
  return `values of type \`${syntax(t)}\``;
}

/** A type as written in signatures: `Duration`, `[DC]`, `Event<Failover>`, `PE | Host`. */
export function syntax(t: Type): string {
  switch (t.kind) {
    case "scalar":
    case "entity":
      return t.name;
    case "list":
      return `[${syntax(t.element)}]`;
    case "record":
      if (t.name !== undefined) return t.name;
      return t.open && t.fields.length === 0 ? "Record" : `{${t.fields.map((f) => `${f.name}${f.optional === true ? "?" : ""}: ${syntax(f.type)}`).join(", ")}}`;
    case "event":
      return `Event<${syntax(t.payload)}>`;
    case "series":
      return `Series<${syntax(t.element)}>`;
    case "oneOf":
      return t.options.map(syntax).join(" | ");
    case "choice":
      return t.values.map((v) => `"${v}"`).join(" | ");
    case "function":
      return "Function";
    case "namespace":
      return "Module";
    case "nothing":
      return "Nothing";
    case "error":
      return "?";
  }
}

// ── assignability ────────────────────────────────────────────────────────────

/** Whether a value of type `from` may stand where `to` is expected. */
export function assignable(from: Type, to: Type): boolean {
  if (from.kind === "error" || to.kind === "error") return true;
  switch (to.kind) {
    case "scalar":
      return (from.kind === "scalar" && from.name === to.name) || (to.name === "String" && from.kind === "choice");
    case "entity":
      return from.kind === "entity" && from.name === to.name;
    case "list":
      return from.kind === "list" && assignable(from.element, to.element);
    case "record":
      if (from.kind !== "record") return false;
      if (to.open) return true;
      if (to.exact === true && !from.fields.every((g) => to.fields.some((f) => f.name === g.name))) return false;
      return to.fields.every((f) => {
        const g = from.fields.find((x) => x.name === f.name);
        return g === undefined ? f.optional === true : assignable(g.type, f.type);
      });
    case "event":
      return from.kind === "event" && assignable(from.payload, to.payload);
    case "series":
      return from.kind === "series" && assignable(from.element, to.element);
    case "oneOf":
      return to.options.some((o) => assignable(from, o));
    case "choice":
      // Which string it is gets checked on the value (XDC3013), not on the type.
      return (from.kind === "scalar" && from.name === "String") || (from.kind === "choice" && from.values.every((v) => to.values.includes(v)));
    case "function":
    case "namespace":
    case "nothing":
      return from.kind === to.kind;
  }
}

// ── units ────────────────────────────────────────────────────────────────────

/** The suffix a bare number needs to become a value of a unit type: the fix-it of XDC3001. */
export const UNIT_SUFFIX: Partial<Record<ScalarName, string>> = { Duration: "s", Rate: "/s", Percent: "%", Bytes: "B" };

/** The unit type a bare number should have had where `expected` is wanted, if a suffix would fix it. */
export function unitWanted(expected: Type): ScalarName | undefined {
  if (expected.kind === "scalar" && UNIT_SUFFIX[expected.name] !== undefined) return expected.name;
  if (expected.kind === "oneOf") return expected.options.map(unitWanted).find((u) => u !== undefined);
  return undefined;
}

export type ArithmeticOp = "+" | "-" | "*" | "/" | "of";
type Row = readonly [left: ScalarName, op: ArithmeticOp, right: ScalarName, result: ScalarName];

/**
 * Unit arithmetic, one row per allowed combination; anything not here is an error.
 * Beyond the draft's table: P/N, P/P, B/B and R/R (ratios), and String + String (joining text for `log`).
 */
export const ARITHMETIC: readonly Row[] = [
  ["Number", "+", "Number", "Number"], ["Number", "-", "Number", "Number"],
  ["Number", "*", "Number", "Number"], ["Number", "/", "Number", "Number"],
  ["Duration", "+", "Duration", "Duration"], ["Duration", "-", "Duration", "Duration"],
  ["Duration", "*", "Number", "Duration"], ["Number", "*", "Duration", "Duration"],
  ["Duration", "/", "Number", "Duration"], ["Duration", "/", "Duration", "Number"],
  ["Rate", "*", "Duration", "Number"], ["Duration", "*", "Rate", "Number"],
  ["Rate", "+", "Rate", "Rate"], ["Rate", "-", "Rate", "Rate"],
  ["Rate", "*", "Number", "Rate"], ["Number", "*", "Rate", "Rate"],
  ["Rate", "/", "Number", "Rate"], ["Rate", "/", "Rate", "Number"],
  ["Percent", "+", "Percent", "Percent"], ["Percent", "-", "Percent", "Percent"],
  ["Percent", "*", "Number", "Percent"], ["Number", "*", "Percent", "Percent"],
  ["Percent", "/", "Number", "Percent"], ["Percent", "/", "Percent", "Number"],
  ["Bytes", "+", "Bytes", "Bytes"], ["Bytes", "-", "Bytes", "Bytes"],
  ["Bytes", "*", "Number", "Bytes"], ["Number", "*", "Bytes", "Bytes"],
  ["Bytes", "/", "Number", "Bytes"], ["Bytes", "/", "Bytes", "Number"],
  ["Time", "+", "Duration", "Time"], ["Duration", "+", "Time", "Time"],
  ["Time", "-", "Duration", "Time"], ["Time", "-", "Time", "Duration"],
  ["String", "+", "String", "String"],
  // `90% of base`: a share of a value keeps the value's unit.
  ["Percent", "of", "Number", "Number"], ["Percent", "of", "Duration", "Duration"],
  ["Percent", "of", "Rate", "Rate"], ["Percent", "of", "Percent", "Percent"],
  ["Percent", "of", "Bytes", "Bytes"],
];

/** What can be sampled into a series and reduced by `max`, `mean`, …: the quantities. */
export const MEASURABLE: Type = { kind: "oneOf", options: [T.Number, T.Duration, T.Rate, T.Percent, T.Bytes] };

const ARITHMETIC_INDEX: ReadonlyMap<string, ScalarName> = new Map(ARITHMETIC.map(([l, op, r, res]) => [`${l}${op}${r}`, res]));

/** The result of `left op right`, or undefined when the table has no such row. */
export const arithmetic = (left: ScalarName, op: ArithmeticOp, right: ScalarName): ScalarName | undefined =>
  ARITHMETIC_INDEX.get(`${left}${op}${right}`);

/** Types whose values have an order, so `<`, `<=`, `>`, `>=` mean something. */
export const ORDERED: ReadonlySet<ScalarName> = new Set(["Number", "Duration", "Rate", "Percent", "Bytes", "Time"]);

export type OperatorClass = "arithmetic" | "ordering" | "equality" | "logic";

/** What kind of operator each binary operator is. */
export const OPERATORS: Record<BinaryOp, OperatorClass> = {
  "+": "arithmetic", "-": "arithmetic", "*": "arithmetic", "/": "arithmetic", of: "arithmetic",
  "<": "ordering", "<=": "ordering", ">": "ordering", ">=": "ordering",
  "==": "equality", "!=": "equality",
  and: "logic", or: "logic",
};

/** Verbs for messages about arithmetic: "cannot add a percentage to a duration". */
export const OPERATOR_VERBS: Record<ArithmeticOp, (l: string, r: string) => string> = {
  "+": (l, r) => `cannot add ${r} to ${l}`,
  "-": (l, r) => `cannot subtract ${r} from ${l}`,
  "*": (l, r) => `cannot multiply ${l} by ${r}`,
  "/": (l, r) => `cannot divide ${l} by ${r}`,
  of: (l, r) => `cannot take ${l} of ${r}`,
};

/** Scalars with a unit: mixing two different ones is XDC3003. */
export const hasUnit = (t: Type): t is Extract<Type, { kind: "scalar" }> =>
  t.kind === "scalar" && (UNIT_SUFFIX[t.name] !== undefined || t.name === "Time");

// ── members of entities ──────────────────────────────────────────────────────

/** Fields readable with `.` on entities; Application members are its declared endpoints instead. */
export const ENTITY_FIELDS: Partial<Record<EntityName, readonly FieldType[]>> = {
  Failover: [
    { name: "rto", type: T.Duration },
    { name: "detected_at", type: T.Time },
    { name: "at", type: T.Time },
    { name: "from", type: T.DC },
    { name: "to", type: T.DC },
    { name: "detected_by", type: T.String },
  ],
  Workload: [
    { name: "endpoint", type: T.Endpoint },
    { name: "rate", type: T.Rate },
    { name: "sent", type: T.Number },
  ],
  DC: [{ name: "name", type: T.String }],
  Host: [
    { name: "name", type: T.String },
    { name: "address", type: T.String },
  ],
  Job: [
    { name: "id", type: T.String },
    { name: "dc", type: T.DC },
  ],
};
