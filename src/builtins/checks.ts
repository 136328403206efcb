import { T } from "../language/types.js";
import type { Builtin, ParamSpec } from "./builtin.js";

const workload: ParamSpec = { name: "workload", type: T.Workload, doc: "The workload whose tuples to follow." };
const sink: ParamSpec = {
  name: "endpoint",
  type: T.Endpoint,
  doc: "The sink endpoint where they should arrive.",
  rule: { kind: "direction", direction: "sink" },
};

export const checks: readonly Builtin[] = [
  {
    name: "lost",
    doc: "The share of the workload's tuples that never arrived at the endpoint.",
    category: "checks",
    params: [workload, sink],
    returns: T.Percent,
    exampleIn: "verify",
    example: "expect lost(load, app.Results) <= 0.1%",
    describe: (a) => `tuples of ${a["workload"]} lost before ${a["endpoint"]}`,
  },
  {
    name: "duplicates",
    doc: "How many of the workload's tuples arrived at the endpoint more than once.",
    category: "checks",
    params: [workload, sink],
    returns: T.Number,
    exampleIn: "verify",
    example: "expect duplicates(load, app.Results) == 0",
    describe: (a) => `duplicates of ${a["workload"]} at ${a["endpoint"]}`,
  },
  {
    name: "ordered",
    doc: "Whether the tuples arrived at the endpoint in increasing order of an attribute: per key for a keyed workload (`inject(…, keys:)`).",
    category: "checks",
    params: [
      sink,
      { name: "by", type: T.String, doc: "The attribute, usually the workload's key." },
      { name: "per", type: T.String, default: '""', doc: "Judge only workloads keyed by this attribute (`keyed_by`), each key on its own; empty for every workload numbered by `by`." },
    ],
    returns: T.Bool,
    exampleIn: "verify",
    example: `expect ordered(app.Results, by: "seq")`,
    describe: (a) => `${a["endpoint"]} ordered by ${a["by"]}${a["per"] && a["per"] !== '""' ? ` per ${a["per"]}` : ""}`,
  },
  {
    name: "rpo",
    doc: "The recovery point: how much sending time the lost tuples cover, the data a failover gave up. Counted within the window of each failover the scenario awaited (the worst one's); over the whole run when it awaited none.",
    category: "checks",
    params: [workload, sink],
    returns: T.Duration,
    exampleIn: "verify",
    example: "expect rpo(load, app.Results) <= 30s",
    describe: (a) => `recovery point of ${a["workload"]} at ${a["endpoint"]}`,
  },
  {
    name: "latency_p",
    doc: "A quantile of the time from sending a tuple of the workload to its arrival at the endpoint.",
    category: "checks",
    params: [
      workload,
      sink,
      { name: "q", type: T.Number, default: "0.99", doc: "The quantile, between 0 and 1.", rule: { kind: "range", min: 0, max: 1 } },
    ],
    returns: T.Duration,
    exampleIn: "verify",
    example: "expect latency_p(load, app.Results, q: 0.5) <= 2s",
    describe: (a) => `latency quantile ${a["q"]} of ${a["workload"]} at ${a["endpoint"]}`,
  },
  {
    name: "all",
    doc: "Whether every tuple of the workload that arrived at the endpoint meets a condition on its fields (`out`) and those of the input tuple with the same key (`in`), judged as each arrives; the failures are counted and listed by key.",
    category: "checks",
    params: [
      workload,
      sink,
      { name: "where", type: T.Bool, doc: "The condition: `out.total == in.qty * in.price`, `out.qty >= 0 and out.qty <= 100`. It reads only `out`, `in` and values known before the run.", rule: { kind: "tuple" } },
    ],
    returns: T.Bool,
    exampleIn: "verify",
    example: "expect all(load, app.Results, where: out.total == in.qty * in.price)",
    describe: (a) => `every tuple of ${a["workload"]} at ${a["endpoint"]} meets ${a["where"]}`,
  },
  {
    name: "conforms",
    doc: "Whether every tuple of the workload that arrived at the endpoint has the attributes of a schema, each of its type; the mismatches are counted and listed with examples.",
    category: "checks",
    params: [
      workload,
      sink,
      { name: "schema", type: T.anyRecord, doc: "The attributes the output must have and their SPL types, as `inject`'s `schema`.", rule: { kind: "schema" } },
    ],
    returns: T.Bool,
    exampleIn: "verify",
    example: `expect conforms(load, app.Results, schema: {seq: "int64", total: "float64"})`,
    describe: (a) => `tuples of ${a["workload"]} at ${a["endpoint"]} conform to ${a["schema"]}`,
  },
  {
    name: "continues",
    doc: "Whether a keyed running aggregate in the output (a count, or a sum of an input attribute) continues across failovers: per key it never exceeds what was sent, never goes down (a reset), and never rises by more than was sent in between (a double count).",
    category: "checks",
    params: [
      workload,
      sink,
      { name: "value", type: T.String, doc: "The output attribute holding the aggregate of the tuple's key so far." },
      { name: "of", type: T.String, default: '""', doc: "The input attribute it sums (never negative); empty for a count of the key's tuples." },
    ],
    returns: T.Bool,
    exampleIn: "verify",
    example: `expect continues(load, app.Results, value: "qtyTotal", of: "qty")`,
    describe: (a) => `${a["value"]} of ${a["workload"]} at ${a["endpoint"]} continues per key`,
  },
];
