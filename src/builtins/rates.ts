import { T } from "../language/types.js";
import type { Builtin } from "./builtin.js";

const atLeastZero = { kind: "range", min: 0 } as const;
const positive = { kind: "range", min: 0, minExclusive: true } as const;

/**
 * Shapes of rate for `inject(…, rate:)`: how the rate changes over the workload's `for`. A
 * plain rate (`500/s`) is constant. Each shape is a value (a RateShape); `xdc plan` shows the
 * rate it plans over time.
 */
export const rates: readonly Builtin[] = [
  {
    name: "ramp",
    doc: "A rate that changes linearly from one rate to another over a while, then holds the second to the workload's end.",
    category: "data",
    params: [
      { name: "from", type: T.Rate, doc: "The rate at the workload's start.", rule: atLeastZero },
      { name: "to", type: T.Rate, doc: "The rate reached after `over`, and kept.", rule: atLeastZero },
      { name: "over", type: T.Duration, doc: "How long the change takes (longer than the workload's `for`: it ends part-way).", rule: positive },
    ],
    returns: T.RateShape,
    example: "inject(app.Ingest, rate: ramp(100/s, 1000/s, over: 20s), for: 60s)",
    describe: (a) => `ramp(${a["from"]}, ${a["to"]}, over: ${a["over"]})`,
  },
  {
    name: "steps",
    doc: "A rate that holds each of a list of rates for a while in turn, the last one to the workload's end.",
    category: "data",
    params: [
      { name: "rates", type: T.list(T.Rate), doc: "The rates, in order." },
      { name: "every", type: T.Duration, doc: "How long each rate holds.", rule: positive },
    ],
    returns: T.RateShape,
    example: "inject(app.Ingest, rate: steps([200/s, 400/s, 800/s], every: 30s), for: 2m)",
    describe: (a) => `steps(${a["rates"]}, every: ${a["every"]})`,
  },
  {
    name: "bursts",
    doc: "A rate that is `peak` for the first `on` of every `every` and `base` for the rest: on/off traffic.",
    category: "data",
    params: [
      { name: "peak", type: T.Rate, doc: "The rate during a burst.", rule: positive },
      { name: "on", type: T.Duration, doc: "How long each burst lasts, at the start of each period.", rule: positive },
      { name: "every", type: T.Duration, doc: "The period: a burst starts every this long.", rule: positive },
      { name: "base", type: T.Rate, default: "0/s", doc: "The rate between bursts.", rule: atLeastZero },
    ],
    returns: T.RateShape,
    example: "inject(app.Ingest, rate: bursts(2000/s, on: 2s, every: 10s, base: 100/s), for: 1m)",
    describe: (a) => `bursts(${a["peak"]}, on: ${a["on"]}, every: ${a["every"]}, base: ${a["base"]})`,
  },
  {
    name: "replayed",
    doc: "The rate of a recorded file (`inject(…, file:)`): each tuple is sent when it was recorded, relative to the first, `speed` times faster.",
    category: "data",
    params: [
      { name: "by", type: T.String, doc: "The attribute of each record holding when it was recorded (ms, or a date string)." },
      { name: "speed", type: T.Number, default: "1", doc: "How much faster than recorded: 2 sends twice as fast.", rule: positive },
    ],
    returns: T.RateShape,
    example: `inject(app.Ingest, rate: replayed(by: "placedAt", speed: 2), for: 5m, file: "orders.jsonl")`,
    describe: (a) => `replayed(by: ${a["by"]}, speed: ${a["speed"]})`,
  },
];
