import type { RateShape } from "../../data/rates.js";
import { encodeString } from "../../language/literals.js";
import { formatQuantity, formatValue } from "../../language/values.js";
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
      return `workload ${v.id} (${v.shape ? renderShape(v.shape) : formatQuantity("Rate", v.ratePerSecond)} into ${v.endpoint.app.name}.${v.endpoint.name})`;
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
    default:
      return formatValue(v);
  }
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
