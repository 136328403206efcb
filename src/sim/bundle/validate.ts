import { topologyOf, viewableStreams, viewFeedOf } from "../app/topology.js";
import { err, ok, type Result } from "../model/result.js";
import {
  METRIC_KINDS,
  VIEW_ACTIVATE_OPTIONS,
  type AppManifest,
  type ComputeSpec,
  type ConnectionSpec,
  type CustomMetricSpec,
  type JsonValue,
  type MetricKind,
  type OperatorSpec,
  type PeSpec,
  type PortRefSpec,
  type SubmissionParameterSpec,
  type ToolkitSpec,
  type ViewActivateOption,
  type ViewAttributeSpec,
  type ViewSpec,
} from "./manifest.js";

/** One problem with a manifest; `field` is a path such as `pes[1].operators[0].kind`. */
export interface ManifestIssue {
  readonly field: string;
  readonly message: string;
}

export const formatIssue = (i: ManifestIssue): string => `${i.field}: ${i.message}`;

const QUALIFIED_NAME = /^(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*::)?[A-Za-z_][A-Za-z0-9_]*$/;
const KIND = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*::[A-Za-z_][A-Za-z0-9_]*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPERATOR_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?:\[[0-9]+\])?$/;
const VERSION = /^[0-9]+(?:\.[0-9]+){0,3}$/;
const MAX_PORTS = 64;

const TOP_FIELDS = ["application", "name", "version", "pes", "connections", "toolkit", "processing", "submissionParameters", "customMetrics", "views"];
const VIEW_FIELDS = ["name", "description", "operator", "port", "attributes", "bufferTuples", "bufferSeconds", "maximumTupleRate", "activateOption", "filter"];
/** SPL's types, as a view's attributes name them. */
const SPL_TYPE = /^(?:boolean|u?int(?:8|16|32|64)|float(?:32|64)|decimal(?:32|64|128)|complex(?:32|64)|rstring(?:\[[0-9]+\])?|ustring|blob|timestamp|xml|(?:list|set)<.+>(?:\[[0-9]+\])?|map<.+,.+>(?:\[[0-9]+\])?|tuple<.+>)$/;
const VIEW_DEFAULT_TUPLES = 1000;
const VIEW_DEFAULT_RATE = 100;
const OPERATOR_FIELDS = ["name", "kind", "inputPorts", "outputPorts", "params"];

type ParamRule = { readonly type: "number" | "integer" | "string"; readonly min?: number; readonly max?: number; readonly values?: readonly number[] };
/** The Cross-DC Failover toolkit's keys (reference §3.3) with the values each accepts; others pass unchecked. */
const TOOLKIT_PARAMETERS: Readonly<Record<string, ParamRule>> = {
  heartbeatExchangeInterval: { type: "number", min: Number.MIN_VALUE },
  consecutiveHeartbeatMissesAllowed: { type: "integer", min: 0 },
  crossDCOperationMode: { type: "integer", values: [0, 1] },
  dataSnapshotExchangeInterval: { type: "number", min: 0 },
  crossDCInitDelay: { type: "number", min: 0 },
  crossDCHttpPort: { type: "integer", min: 1, max: 65535 },
  httpConnectionTimeout: { type: "number", min: Number.MIN_VALUE },
  httpReadTimeout: { type: "number", min: Number.MIN_VALUE },
  localDataCenterName: { type: "string" },
  remoteDataCenterApplicationMachineNames: { type: "string" },
};

/**
 * Checks a parsed manifest and fills in defaults (no ports, no params, no connections…).
 * Reports every problem it finds, each naming its field, so one run of `xdc bundle` shows all.
 */
export function validateManifest(input: unknown): Result<AppManifest, ManifestIssue[]> {
  const issues: ManifestIssue[] = [];
  const v = new Checker(issues);
  if (!isObject(input)) return err([{ field: "(manifest)", message: `expected a JSON object, found ${describe(input)}` }]);
  v.unknownFields(input, TOP_FIELDS, "");
  const application = v.string(input, "application", "application", QUALIFIED_NAME, "a name such as `com.acme::FailoverDemo`");
  const name = v.string(input, "name", "name", IDENTIFIER, "an identifier such as `FailoverDemo`");
  const version = v.string(input, "version", "version", VERSION, "a version such as `1.0.0`");
  const pes = v.pes(input["pes"]);
  const operators = new Map(pes.flatMap((pe) => pe.operators.map((op) => [op.name, op] as const)));
  const connections = v.connections(input["connections"], operators);
  const toolkit = input["toolkit"] === undefined ? undefined : v.toolkit(input["toolkit"]);
  const processing = v.processing(input["processing"]);
  const submissionParameters = v.submissionParameters(input["submissionParameters"]);
  const customMetrics = v.customMetrics(input["customMetrics"], operators);
  if (issues.length > 0) return err(issues);
  const views = v.views(input["views"], { application: application!, name: name!, version: version!, pes, connections, ...(toolkit ? { toolkit } : {}), processing: processing!, submissionParameters, customMetrics });
  if (issues.length > 0) return err(issues);
  return ok({
    application: application!,
    name: name!,
    version: version!,
    pes,
    connections,
    ...(toolkit ? { toolkit } : {}),
    processing: processing!,
    submissionParameters,
    customMetrics,
    ...(views.length > 0 ? { views } : {}),
  });
}

class Checker {
  constructor(private readonly issues: ManifestIssue[]) {}

  report(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  unknownFields(obj: Record<string, unknown>, known: readonly string[], prefix: string): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= Math.max(1, Math.floor(k.length * 0.3)));
      this.report(`${prefix}${key}`, `unknown field${near ? `; did you mean \`${near}\`?` : ""}`);
    }
  }

  string(obj: Record<string, unknown>, key: string, field: string, pattern: RegExp, example: string): string | undefined {
    const value = obj[key];
    if (typeof value !== "string" || value.length === 0) {
      this.report(field, `expected ${example}, found ${describe(value)}`);
      return undefined;
    }
    if (!pattern.test(value)) {
      this.report(field, `expected ${example}, found ${JSON.stringify(value)}`);
      return undefined;
    }
    return value;
  }

  count(obj: Record<string, unknown>, key: string, field: string): number {
    const value = obj[key];
    if (value === undefined) return 0;
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_PORTS) {
      this.report(field, `expected a whole number of ports from 0 to ${MAX_PORTS}, found ${describe(value)}`);
      return 0;
    }
    return value as number;
  }

  array(value: unknown, field: string, required: boolean): readonly unknown[] {
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) {
      this.report(field, `expected an array, found ${describe(value)}`);
      return [];
    }
    return value;
  }

  object(value: unknown, field: string): Record<string, unknown> | undefined {
    if (isObject(value)) return value;
    this.report(field, `expected an object, found ${describe(value)}`);
    return undefined;
  }

  pes(value: unknown): PeSpec[] {
    const list = this.array(value, "pes", true);
    if (Array.isArray(value) && list.length === 0) this.report("pes", "an application needs at least one PE");
    const seen = new Set<string>();
    return list.flatMap((raw, i): PeSpec[] => {
      const field = `pes[${i}]`;
      const pe = this.object(raw, field);
      if (!pe) return [];
      if (pe["index"] !== i) this.report(`${field}.index`, `expected ${i} (PEs are listed in index order from 0), found ${describe(pe["index"])}`);
      const ops = this.array(pe["operators"], `${field}.operators`, true);
      if (Array.isArray(pe["operators"]) && ops.length === 0) this.report(`${field}.operators`, "a PE needs at least one operator");
      const operators = ops.flatMap((op, j) => {
        const spec = this.operator(op, `${field}.operators[${j}]`);
        if (!spec) return [];
        if (seen.has(spec.name)) this.report(`${field}.operators[${j}].name`, `the operator name \`${spec.name}\` is used twice; names are unique within an application`);
        seen.add(spec.name);
        return [spec];
      });
      return [{ index: i, operators }];
    });
  }

  operator(raw: unknown, field: string): OperatorSpec | undefined {
    const op = this.object(raw, field);
    if (!op) return undefined;
    this.unknownFields(op, OPERATOR_FIELDS, `${field}.`);
    const name = this.string(op, "name", `${field}.name`, OPERATOR_NAME, "an operator name such as `Ingest` or `CrossDCFailover.Sender`");
    const kind = this.string(op, "kind", `${field}.kind`, KIND, "an operator kind such as `spl.endpoint::EndpointSource`");
    const inputPorts = this.count(op, "inputPorts", `${field}.inputPorts`);
    const outputPorts = this.count(op, "outputPorts", `${field}.outputPorts`);
    const params = op["params"] === undefined ? {} : this.object(op["params"], `${field}.params`);
    if (!name || !kind || !params) return undefined;
    return { name, kind, inputPorts, outputPorts, params: params as Record<string, JsonValue> };
  }

  connections(value: unknown, operators: ReadonlyMap<string, OperatorSpec>): ConnectionSpec[] {
    const seen = new Set<string>();
    return this.array(value, "connections", false).flatMap((raw, i): ConnectionSpec[] => {
      const field = `connections[${i}]`;
      const c = this.object(raw, field);
      if (!c) return [];
      const from = this.portRef(c["from"], `${field}.from`, operators, "outputPorts");
      const to = this.portRef(c["to"], `${field}.to`, operators, "inputPorts");
      if (!from || !to) return [];
      const key = `${from.operator}:${from.port}>${to.operator}:${to.port}`;
      if (seen.has(key)) this.report(field, `the same connection is listed twice`);
      seen.add(key);
      return [{ from, to }];
    });
  }

  portRef(raw: unknown, field: string, operators: ReadonlyMap<string, OperatorSpec>, ports: "inputPorts" | "outputPorts"): PortRefSpec | undefined {
    const ref = this.object(raw, field);
    if (!ref) return undefined;
    const name = ref["operator"];
    const op = typeof name === "string" ? operators.get(name) : undefined;
    if (!op) {
      this.report(`${field}.operator`, `expected the name of an operator of this application, found ${describe(name)}`);
      return undefined;
    }
    const port = ref["port"];
    const what = ports === "inputPorts" ? "input" : "output";
    if (!Number.isInteger(port) || (port as number) < 0 || (port as number) >= op[ports]) {
      const range = op[ports] === 0 ? `\`${op.name}\` has no ${what} ports` : `\`${op.name}\` has ${what} ports 0 to ${op[ports] - 1}`;
      this.report(`${field}.port`, `${range}, found ${describe(port)}`);
      return undefined;
    }
    return { operator: op.name, port: port as number };
  }

  toolkit(value: unknown): ToolkitSpec | undefined {
    const t = this.object(value, "toolkit");
    if (!t) return undefined;
    this.unknownFields(t, ["composite", "parameters"], "toolkit.");
    const composite = this.string(t, "composite", "toolkit.composite", IDENTIFIER, "the composite's instance name such as `CrossDCFailover`");
    const raw = t["parameters"] === undefined ? {} : this.object(t["parameters"], "toolkit.parameters");
    if (!raw || !composite) return undefined;
    const parameters: Record<string, string | number | boolean> = {};
    for (const [key, v] of Object.entries(raw)) {
      const field = `toolkit.parameters.${key}`;
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
        this.report(field, `expected a string, number or boolean, found ${describe(v)}`);
        continue;
      }
      const rule = TOOLKIT_PARAMETERS[key];
      if (rule && !fitsRule(v, rule)) {
        this.report(field, `expected ${describeRule(rule)}, found ${describe(v)}`);
        continue;
      }
      parameters[key] = v;
    }
    return { composite, parameters };
  }

  processing(value: unknown): AppManifest["processing"] | undefined {
    const p = this.object(value, "processing");
    if (!p) return undefined;
    this.unknownFields(p, ["ratePerSecond", "latencyMs", "compute"], "processing.");
    const rate = p["ratePerSecond"];
    const latency = p["latencyMs"];
    const rateOk = typeof rate === "number" && Number.isFinite(rate) && rate > 0;
    const latencyOk = typeof latency === "number" && Number.isFinite(latency) && latency >= 0;
    if (!rateOk) this.report("processing.ratePerSecond", `expected a positive number of tuples per second, found ${describe(rate)}`);
    if (!latencyOk) this.report("processing.latencyMs", `expected a number of milliseconds, 0 or more, found ${describe(latency)}`);
    const compute = p["compute"] === undefined ? undefined : this.compute(p["compute"]);
    return rateOk && latencyOk ? { ratePerSecond: rate, latencyMs: latency, ...(compute ? { compute } : {}) } : undefined;
  }

  compute(value: unknown): ComputeSpec | undefined {
    const c = this.object(value, "processing.compute");
    if (!c) return undefined;
    this.unknownFields(c, ["key", "products", "running", "stateParameter"], "processing.compute.");
    const name = (o: Record<string, unknown>, k: string, field: string) => this.string(o, k, field, IDENTIFIER, "an attribute name such as `qty`");
    const key = name(c, "key", "processing.compute.key");
    const products = this.array(c["products"], "processing.compute.products", false).flatMap((raw, i) => {
      const field = `processing.compute.products[${i}]`;
      const p = this.object(raw, field);
      if (!p) return [];
      this.unknownFields(p, ["as", "of"], `${field}.`);
      const as = name(p, "as", `${field}.as`);
      const of = this.array(p["of"], `${field}.of`, true).flatMap((x, j) => (typeof x === "string" && IDENTIFIER.test(x) ? [x] : (this.report(`${field}.of[${j}]`, `expected an attribute name, found ${describe(x)}`), [])));
      return as !== undefined ? [{ as, of }] : [];
    });
    const running = this.array(c["running"], "processing.compute.running", false).flatMap((raw, i) => {
      const field = `processing.compute.running[${i}]`;
      const r = this.object(raw, field);
      if (!r) return [];
      this.unknownFields(r, ["as", "sum"], `${field}.`);
      const as = name(r, "as", `${field}.as`);
      const sum = r["sum"] === undefined ? undefined : name(r, "sum", `${field}.sum`);
      return as !== undefined ? [{ as, ...(sum !== undefined ? { sum } : {}) }] : [];
    });
    const stateParameter = c["stateParameter"] === undefined ? undefined : name(c, "stateParameter", "processing.compute.stateParameter");
    return key !== undefined ? { key, products, running, ...(stateParameter !== undefined ? { stateParameter } : {}) } : undefined;
  }

  submissionParameters(value: unknown): SubmissionParameterSpec[] {
    const seen = new Set<string>();
    return this.array(value, "submissionParameters", false).flatMap((raw, i): SubmissionParameterSpec[] => {
      const field = `submissionParameters[${i}]`;
      const p = this.object(raw, field);
      if (!p) return [];
      this.unknownFields(p, ["name", "default"], `${field}.`);
      const name = this.string(p, "name", `${field}.name`, /^[A-Za-z_][A-Za-z0-9_.:]*$/, "a parameter name such as `role`");
      const dflt = p["default"];
      if (dflt !== undefined && typeof dflt !== "string") this.report(`${field}.default`, `expected a string (submission parameters are strings), found ${describe(dflt)}`);
      if (!name) return [];
      if (seen.has(name)) this.report(`${field}.name`, `the parameter \`${name}\` is declared twice`);
      seen.add(name);
      return [typeof dflt === "string" ? { name, default: dflt } : { name }];
    });
  }

  customMetrics(value: unknown, operators: ReadonlyMap<string, OperatorSpec>): CustomMetricSpec[] {
    const seen = new Set<string>();
    return this.array(value, "customMetrics", false).flatMap((raw, i): CustomMetricSpec[] => {
      const field = `customMetrics[${i}]`;
      const m = this.object(raw, field);
      if (!m) return [];
      this.unknownFields(m, ["operator", "name", "kind", "description"], `${field}.`);
      const operator = m["operator"];
      if (typeof operator !== "string" || !operators.has(operator)) {
        this.report(`${field}.operator`, `expected the name of an operator of this application, found ${describe(operator)}`);
      }
      const name = this.string(m, "name", `${field}.name`, /^[A-Za-z_][A-Za-z0-9_.]*$/, "a metric name such as `nEnriched`");
      const kind = m["kind"];
      if (!METRIC_KINDS.includes(kind as MetricKind)) this.report(`${field}.kind`, `expected one of ${METRIC_KINDS.join(", ")}, found ${describe(kind)}`);
      const description = m["description"];
      if (description !== undefined && typeof description !== "string") this.report(`${field}.description`, `expected a string, found ${describe(description)}`);
      if (typeof operator !== "string" || !name || !METRIC_KINDS.includes(kind as MetricKind)) return [];
      const key = `${operator}/${name}`;
      if (seen.has(key)) this.report(`${field}.name`, `\`${operator}\` declares the metric \`${name}\` twice`);
      seen.add(key);
      return [{ operator, name, kind: kind as MetricKind, ...(typeof description === "string" ? { description } : {}) }];
    });
  }

  /** Views need the streams' roles, so they are checked against an otherwise valid manifest. */
  views(value: unknown, manifest: AppManifest): ViewSpec[] {
    const topology = topologyOf(manifest);
    const operators = new Map(manifest.pes.flatMap((pe) => pe.operators.map((op) => [op.name, op] as const)));
    const seen = new Set<string>();
    return this.array(value, "views", false).flatMap((raw, i): ViewSpec[] => {
      const field = `views[${i}]`;
      const view = this.object(raw, field);
      if (!view) return [];
      this.unknownFields(view, VIEW_FIELDS, `${field}.`);
      const name = this.string(view, "name", `${field}.name`, IDENTIFIER, "a view name such as `ResultsView`");
      if (name && seen.has(name)) this.report(`${field}.name`, `the view name \`${name}\` is used twice; names are unique within an application`);
      if (name) seen.add(name);
      const description = view["description"];
      if (description !== undefined && typeof description !== "string") this.report(`${field}.description`, `expected a string, found ${describe(description)}`);
      const stream = this.portRef({ operator: view["operator"], port: view["port"] }, field, operators, "outputPorts");
      if (stream && viewFeedOf(topology, stream.operator, stream.port) === undefined) {
        this.report(`${field}.port`, `the twin carries no tuples on \`${stream.operator}\` output port ${stream.port}; a view can watch ${viewableStreams(topology).map((s) => `\`${s}\``).join(", ")}`);
      }
      const attributes = this.viewAttributes(view["attributes"], `${field}.attributes`);
      const buffer = this.viewBuffer(view, field);
      const rate = view["maximumTupleRate"] ?? VIEW_DEFAULT_RATE;
      if (!Number.isInteger(rate) || (rate as number) < 1) this.report(`${field}.maximumTupleRate`, `expected a whole number of tuples a second, 1 or more, found ${describe(rate)}`);
      const activate = view["activateOption"] ?? "automatic";
      if (!VIEW_ACTIVATE_OPTIONS.includes(activate as ViewActivateOption)) this.report(`${field}.activateOption`, `expected one of ${VIEW_ACTIVATE_OPTIONS.join(", ")}, found ${describe(activate)}`);
      const filter = view["filter"] === undefined ? undefined : this.viewFilter(view["filter"], `${field}.filter`, attributes);
      if (!name || !stream || !attributes || !buffer || !Number.isInteger(rate) || (rate as number) < 1 || !VIEW_ACTIVATE_OPTIONS.includes(activate as ViewActivateOption)) return [];
      if (view["filter"] !== undefined && !filter) return [];
      return [
        {
          name,
          ...(typeof description === "string" ? { description } : {}),
          operator: stream.operator,
          port: stream.port,
          attributes,
          ...buffer,
          maximumTupleRate: rate as number,
          activateOption: activate as ViewActivateOption,
          ...(filter ? { filter } : {}),
        },
      ];
    });
  }

  viewAttributes(value: unknown, field: string): ViewAttributeSpec[] | undefined {
    const list = this.array(value, field, true);
    if (Array.isArray(value) && list.length === 0) this.report(field, "a view shows at least one attribute");
    const seen = new Set<string>();
    const attributes = list.flatMap((raw, j): ViewAttributeSpec[] => {
      const at = `${field}[${j}]`;
      const a = this.object(raw, at);
      if (!a) return [];
      this.unknownFields(a, ["name", "type"], `${at}.`);
      const name = this.string(a, "name", `${at}.name`, IDENTIFIER, "an attribute name such as `seq`");
      const type = this.string(a, "type", `${at}.type`, SPL_TYPE, "an SPL type such as `int64` or `rstring`");
      if (name && seen.has(name)) this.report(`${at}.name`, `the attribute \`${name}\` is listed twice`);
      if (name) seen.add(name);
      return name && type ? [{ name, type }] : [];
    });
    return attributes.length === list.length && list.length > 0 ? attributes : undefined;
  }

  viewBuffer(view: Record<string, unknown>, field: string): { bufferTuples: number } | { bufferSeconds: number } | undefined {
    const tuples = view["bufferTuples"];
    const seconds = view["bufferSeconds"];
    if (tuples !== undefined && seconds !== undefined) {
      this.report(`${field}.bufferSeconds`, "a view's window is either `bufferTuples` or `bufferSeconds`, not both");
      return undefined;
    }
    const [key, n] = seconds !== undefined ? (["bufferSeconds", seconds] as const) : (["bufferTuples", tuples ?? VIEW_DEFAULT_TUPLES] as const);
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 1_000_000) {
      this.report(`${field}.${key}`, `expected a whole number from 1 to 1000000, found ${describe(n)}`);
      return undefined;
    }
    return key === "bufferSeconds" ? { bufferSeconds: n as number } : { bufferTuples: n as number };
  }

  viewFilter(value: unknown, field: string, attributes: readonly ViewAttributeSpec[] | undefined): ViewSpec["filter"] | undefined {
    const f = this.object(value, field);
    if (!f) return undefined;
    this.unknownFields(f, ["attribute", "regularExpression"], `${field}.`);
    const attribute = f["attribute"];
    if (typeof attribute !== "string" || (attributes !== undefined && !attributes.some((a) => a.name === attribute))) {
      this.report(`${field}.attribute`, `expected one of the view's attributes, found ${describe(attribute)}`);
      return undefined;
    }
    const expression = f["regularExpression"];
    if (typeof expression !== "string") {
      this.report(`${field}.regularExpression`, `expected a regular expression as a string, found ${describe(expression)}`);
      return undefined;
    }
    try {
      new RegExp(expression);
    } catch (e) {
      this.report(`${field}.regularExpression`, `not a regular expression: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    return { attribute, regularExpression: expression };
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function fitsRule(v: string | number | boolean, rule: ParamRule): boolean {
  if (rule.type === "string") return typeof v === "string";
  if (typeof v !== "number" || !Number.isFinite(v)) return false;
  if (rule.type === "integer" && !Number.isInteger(v)) return false;
  if (rule.values && !rule.values.includes(v)) return false;
  return (rule.min === undefined || v >= rule.min) && (rule.max === undefined || v <= rule.max);
}

function describeRule(rule: ParamRule): string {
  if (rule.type === "string") return "a string";
  if (rule.values) return `one of ${rule.values.join(", ")}`;
  const what = rule.type === "integer" ? "a whole number" : "a number";
  if (rule.min === Number.MIN_VALUE) return `${what} greater than 0`;
  if (rule.min !== undefined && rule.max !== undefined) return `${what} from ${rule.min} to ${rule.max}`;
  return rule.min !== undefined ? `${what}, ${rule.min} or more` : what;
}

/** How a value is named in a message: its type, and the value itself when short. */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  switch (typeof v) {
    case "string":
      return v.length === 0 ? "an empty string" : `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    case "number":
      return `the number ${v}`;
    case "boolean":
      return `${v}`;
    case "object":
      return "an object";
    default:
      return typeof v;
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
