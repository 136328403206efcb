import { T } from "../language/types.js";
import type { Builtin, ParamSpec } from "./builtin.js";
import { numberOf, stressPlan, stringOf } from "./fault-plan.js";

const host: ParamSpec = { name: "host", type: T.Host, doc: "The host to load." };
const STOP = { undo: "stop the stress processes and free what they hold", lasting: true } as const;

export const resource: readonly Builtin[] = [
  {
    name: "stress_cpu",
    doc: "Keeps CPU cores of a host busy.",
    category: "resource",
    params: [
      host,
      { name: "workers", type: T.Number, default: "1", doc: "How many cores to load.", rule: { kind: "range", min: 1 } },
      { name: "load", type: T.Percent, default: "100%", doc: "How busy each loaded core is.", rule: { kind: "range", min: 0, max: 100 } },
    ],
    returns: T.Fault,
    fault: { ...STOP, plan: (i) => stressPlan(i, { kind: "stress_cpu", workers: numberOf(i, "workers"), loadPercent: numberOf(i, "load") }) },
    example: "stress_cpu(hosts(dc1)[0], workers: 4, load: 90%) for 1m",
    describe: (a) => `load ${a["workers"]} CPU cores of ${a["host"]} to ${a["load"]}`,
  },
  {
    name: "stress_memory",
    doc: "Allocates memory on a host and holds it.",
    category: "resource",
    params: [host, { name: "size", type: T.Bytes, doc: "How much memory to hold.", rule: { kind: "range", min: 0, minExclusive: true } }],
    returns: T.Fault,
    fault: { ...STOP, plan: (i) => stressPlan(i, { kind: "stress_memory", bytes: numberOf(i, "size") }) },
    example: "stress_memory(hosts(dc1)[0], size: 2GiB) for 1m",
    describe: (a) => `hold ${a["size"]} of memory on ${a["host"]}`,
  },
  {
    name: "stress_disk",
    doc: "Fills a host's disk with a file of the given size.",
    category: "resource",
    params: [
      host,
      { name: "size", type: T.Bytes, doc: "How much to write.", rule: { kind: "range", min: 0, minExclusive: true } },
      { name: "path", type: T.String, default: '"/tmp"', doc: "The directory to write the file in." },
    ],
    returns: T.Fault,
    fault: { ...STOP, plan: (i) => stressPlan(i, { kind: "stress_disk", bytes: numberOf(i, "size"), path: stringOf(i, "path") || "/tmp" }) },
    example: "stress_disk(hosts(dc1)[0], size: 10GB) for 2m",
    describe: (a) => `write ${a["size"]} to ${a["path"]} on ${a["host"]}`,
  },
];
