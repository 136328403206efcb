import type { RateShape } from "../../data/rates.js";
import { encodeString } from "../../language/literals.js";
import { formatQuantity, formatValue, type QuantityUnit } from "../../language/values.js";
import { formatBytes, formatCount, formatDuration, formatPercent, formatSignificant } from "../../text/numbers.js";
import type { RuntimeValue } from "../value.js";

/** A runtime value as people read it, with its unit: `52.3s`, `0.4%`, `dc2`, `FailoverDemo.Results`. */
export function render(v: RuntimeValue): string {
  switch (v.kind) {
    case "app":
      return v.name;
    case "endpoint":
      return `${v.app.name}.${v.name}`;
    case "job":
      return `job ${v.id} of ${v.app.name} on ${v.dc}`;
    case "pe":
      return `PE${v.id !== undefined ? ` ${v.id}` : ""} of ${v.operator} in ${v.app.name} on ${v.dc}`;
    case "host":
      return v.name;
    case "workload":
      return `workload ${v.name ?? v.id} (${v.shape ? renderShape(v.shape) : formatQuantity("Rate", v.ratePerSecond)} into ${v.endpoint.app.name}.${v.endpoint.name})`;
    case "rate-shape":
      return renderShape(v.shape);
    case "fault":
      return `fault ${v.id} (${v.name})`;
    case "failover":
      return `failover ${v.from} -> ${v.to} (rto ${formatQuantity("Duration", v.rtoMs)})`;
    case "event":
      return `${v.event.app.name} fails over to ${v.event.to}${v.event.from !== undefined ? ` from ${v.event.from}` : ""}`;
    case "time":
      return `+${formatQuantity("Duration", Math.round(v.ms))}`;
    case "series":
      return `series ${v.name}`;
    case "nothing":
      return "nothing";
    case "unknown":
      return "unknown";
    case "list":
      return `[${v.items.map((i) => render(i as RuntimeValue)).join(", ")}]`;
    case "quantity":
      return readableQuantity(v.unit, v.value);
    default:
      return formatValue(v);
  }
}

/** How a measured amount reads when its exact form is long (`697.775413ms`): src/text/numbers.ts. */
const READABLE: Record<QuantityUnit, (n: number) => string> = {
  Number: (n) => (Number.isInteger(n) ? formatCount(n) : formatSignificant(n)),
  Duration: formatDuration,
  Rate: (n) => `${formatSignificant(n)}/s`,
  Percent: formatPercent,
  Bytes: formatBytes,
};

/**
 * An amount as written (`45s`, `0.1%`, `500/s`) while it has at most four significant digits,
 * which literals and limits do, so `expected <= 45s` still reads as the scenario says it; a
 * measurement with more (`697.775413ms`, `5.47875064004%`) is rounded for people.
 */
function readableQuantity(unit: QuantityUnit, value: number): string {
  const exact = formatQuantity(unit, value);
  const digits = (/[\d.]+/.exec(exact)?.[0] ?? "").replace(".", "").replace(/^0+/, "").length;
  return digits <= 4 ? exact : READABLE[unit](value);
}

const rate = (perSecond: number) => formatQuantity("Rate", perSecond);
const ms = (value: number) => formatQuantity("Duration", value);

/** A rate shape as the scenario writes it: `ramp(100/s, 1000/s, over: 20s)`. */
export function renderShape(s: RateShape): string {
  switch (s.kind) {
    case "ramp":
      return `ramp(${rate(s.fromPerSecond)}, ${rate(s.toPerSecond)}, over: ${ms(s.overMs)})`;
    case "steps":
      return `steps([${s.perSecond.map(rate).join(", ")}], every: ${ms(s.everyMs)})`;
    case "bursts":
      return `bursts(${rate(s.peakPerSecond)}, on: ${ms(s.onMs)}, every: ${ms(s.everyMs)}, base: ${rate(s.basePerSecond)})`;
    case "replayed":
      return `replayed(by: ${encodeString(s.by)}, speed: ${s.speed})`;
  }
}
