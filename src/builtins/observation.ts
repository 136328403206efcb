import { T } from "../language/types.js";
import type { Builtin } from "./builtin.js";

/** What `role(…)` answers: the failover observer's roles (src/runtime/journal/events.ts, DcRole). */
export const DC_ROLES = ["active", "standby", "down", "unknown"] as const;

export const observation: readonly Builtin[] = [
  {
    name: "healthy",
    doc: "Whether every job of the application in a datacenter is running and healthy.",
    category: "observation",
    params: [
      { name: "app", type: T.Application, doc: "The application." },
      { name: "on", type: T.DC, doc: "The datacenter." },
    ],
    returns: T.Bool,
    exampleIn: "setup",
    example: "await healthy(app, on: dc1) within 2m",
    describe: (a) => `${a["app"]} healthy on ${a["on"]}`,
  },
  {
    name: "failover",
    doc: "The event of the application failing over to a datacenter: the Cross-DC toolkit declared the other one down and took over.",
    category: "observation",
    params: [
      { name: "app", type: T.Application, doc: "The application." },
      { name: "to", type: T.DC, doc: "The datacenter that takes over." },
      { name: "from", type: T.DC, optional: true, doc: "The datacenter given up; any other when left out." },
    ],
    distinct: { params: ["to", "from"], why: "a failover moves the application from one datacenter to another" },
    returns: T.event(T.Failover),
    example: `after failover(app, to: dc2, from: dc1): log("dc2 took over")`,
    describe: (a) => `${a["app"]} fails over to ${a["to"]}${a["from"] !== undefined ? ` from ${a["from"]}` : ""}`,
  },
  {
    name: "role",
    doc: "The role the failover observer gives the application in a datacenter now: `\"active\"` (it processes and delivers), `\"standby\"`, `\"down\"` (no job, or unreachable), or `\"unknown\"` (not yet inferred). No data when xdc was not yet watching the application's roles (it starts at the first look at it after it is submitted).",
    category: "observation",
    params: [
      { name: "app", type: T.Application, doc: "The application." },
      { name: "on", type: T.DC, doc: "The datacenter." },
    ],
    returns: T.choice(...DC_ROLES),
    exampleIn: "verify",
    example: `expect role(app, on: dc2) == "active" else "dc2 did not take over"`,
    describe: (a) => `role of ${a["app"]} on ${a["on"]}`,
  },
  {
    name: "metric",
    doc: "The current value of a Streams metric of an application (summed over its operators), job, PE or host.",
    category: "observation",
    params: [
      { name: "target", type: T.oneOf(T.Application, T.Job, T.PE, T.Host), doc: "What the metric is about." },
      { name: "name", type: T.String, doc: "The metric's name, such as `nTuplesProcessed`." },
      { name: "on", type: T.DC, optional: true, doc: "The datacenter, for an application." },
    ],
    returns: T.Number,
    exampleIn: "verify",
    example: `expect metric(pe(app, "Ingest", on: dc2), "nTuplesProcessed") > 0`,
    describe: (a) => `metric ${a["name"]} of ${a["target"]}`,
  },
  {
    name: "jmx",
    doc: "The current value of a numeric JMX attribute (or of a key inside one) of an MBean in a datacenter, read through the datacenter's Jolokia agent.",
    category: "observation",
    params: [
      { name: "mbean", type: T.String, doc: "The MBean's ObjectName, such as `java.lang:type=Memory`." },
      { name: "attribute", type: T.String, doc: "The attribute, such as `HeapMemoryUsage`." },
      { name: "on", type: T.DC, doc: "The datacenter whose Jolokia agent (`jolokia:` in the environment) answers." },
      { name: "path", type: T.String, default: '""', doc: "Keys into a composite or map value, `/`-separated, such as `used`; empty for the attribute itself." },
    ],
    returns: T.Number,
    exampleIn: "verify",
    example: `expect jmx("java.lang:type=Memory", "HeapMemoryUsage", path: "used", on: dc1) < 2000000000`,
    describe: (a) => `JMX ${a["mbean"]} ${a["attribute"]}${a["path"] && a["path"] !== '""' ? ` ${a["path"]}` : ""} on ${a["on"]}`,
  },
  {
    name: "throughput",
    doc: "Tuples per second through an endpoint, averaged over the last `over`; the window never begins before the phase that reads it, so the reading waits until `over` of its phase has passed.",
    category: "observation",
    params: [
      { name: "endpoint", type: T.Endpoint, doc: "The endpoint." },
      { name: "over", type: T.Duration, default: "10s", doc: "The window to average over.", rule: { kind: "range", min: 0, minExclusive: true } },
    ],
    returns: T.Rate,
    exampleIn: "steady",
    example: "expect throughput(app.Results, over: 30s) >= 400/s",
    describe: (a) => `throughput of ${a["endpoint"]} over ${a["over"]}`,
  },
];
