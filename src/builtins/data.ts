import { T } from "../language/types.js";
import type { Builtin } from "./builtin.js";

/**
 * Attribute types a workload's `schema` may name, with what the generator puts in them. The
 * names are SPL's, so a schema reads like the application's tuple type.
 */
export const SCHEMA_TYPES: Readonly<Record<string, string>> = {
  int32: "a counter, wrapping at 2^31",
  int64: "a counter",
  uint32: "a counter, wrapping at 2^32",
  uint64: "a counter",
  float32: "a pseudo-random number in [0, 1)",
  float64: "a pseudo-random number in [0, 1)",
  rstring: "a pseudo-random word",
  boolean: "alternately true and false",
  timestamp: "the sending time",
};

export const data: readonly Builtin[] = [
  {
    name: "inject",
    doc: "Sends generated tuples (or the rows of a recorded file) into a source endpoint at a rate (steady, or a shape such as `ramp(…)`), for a while.",
    category: "data",
    params: [
      { name: "endpoint", type: T.Endpoint, doc: "A source endpoint of an application (`app.Ingest`).", rule: { kind: "direction", direction: "source" } },
      { name: "rate", type: T.oneOf(T.Rate, T.RateShape), doc: "Tuples per second, or how that changes over time: `ramp`, `steps`, `bursts`, `replayed`.", rule: { kind: "range", min: 0, minExclusive: true } },
      { name: "for", type: T.Duration, doc: "How long to send.", rule: { kind: "range", min: 0, minExclusive: true } },
      { name: "key", type: T.String, default: '"seq"', doc: "The attribute that numbers the tuples 0, 1, 2, …; checks match tuples by it." },
      {
        name: "schema",
        type: T.anyRecord,
        default: "{}",
        doc: `Further attributes and their SPL types (${Object.keys(SCHEMA_TYPES).join(", ")}), an enumeration (\`"enum{red, green}"\`) or a nested record of these.`,
        rule: { kind: "schema" },
      },
      {
        name: "file",
        type: T.String,
        default: '""',
        doc: "A recorded file to send instead of generated tuples, relative to the scenario: JSON lines (`.jsonl`, `.ndjson`, `.json`) or CSV with a header (`.csv`), its rows typed by `schema`. The key is still added.",
        rule: { kind: "file", role: "data" },
      },
      { name: "timestamps", type: T.String, default: '""', doc: "With `file`: the attribute holding when each row was recorded (ms or a date); rows are sent at those times, relative to the first, never faster than `rate`." },
      { name: "speed", type: T.Number, default: "1", doc: "With `timestamps`: how many times faster than recorded to replay (2 = twice as fast).", rule: { kind: "range", min: 0, minExclusive: true } },
      { name: "loop", type: T.Bool, default: "false", doc: "With `file`: start again at the first row after the last, until `for` is over." },
      {
        name: "keys",
        type: T.Number,
        default: "0",
        doc: "How many keys the tuples spread over (an account, a sensor), each with its own sequence in `key`, so order is judged per key; 0 for one sequence.",
        rule: { kind: "range", min: 0, whole: true },
      },
      { name: "keyed_by", type: T.String, default: '"stream"', doc: "The attribute holding each tuple's key (`k0`, `k1`, …) when `keys` is set." },
      { name: "spread", type: T.choice("uniform", "zipf"), default: '"uniform"', doc: "How tuples spread over the keys: evenly in turn, or zipf-like, the first keys hot (key k has weight 1/(k+1))." },
      { name: "payload", type: T.Bytes, default: "0B", doc: "Adds a `payload` attribute of this many characters to each tuple, for realistic bandwidth.", rule: { kind: "range", min: 0, whole: true } },
    ],
    returns: T.Workload,
    example: `inject(app.Ingest, rate: 500/s, for: 90s, schema: {orderId: "rstring", qty: "int32"})`,
    describe: (a) => `send ${a["rate"]} into ${a["endpoint"]} for ${a["for"]}`,
  },
  {
    name: "collect",
    doc: "Starts reading every tuple that arrives at a sink endpoint, so that checks see tuples from this moment on.",
    category: "data",
    params: [
      { name: "endpoint", type: T.Endpoint, doc: "A sink endpoint of an application (`app.Results`).", rule: { kind: "direction", direction: "sink" } },
    ],
    returns: T.nothing,
    exampleIn: "setup",
    example: "collect(app.Results)",
    describe: (a) => `collect from ${a["endpoint"]}`,
  },
];
