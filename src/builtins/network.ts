import { T } from "../language/types.js";
import { bandwidth, isolate, latency, packetLoss, partition } from "../drivers/network/index.js";
import type { Builtin, ParamSpec } from "./builtin.js";
import { built, dcOf, filterPlan, linkHosts, numberOf } from "./fault-plan.js";

const link: readonly ParamSpec[] = [
  { name: "a", type: T.DC, doc: "One end of the link." },
  { name: "b", type: T.DC, doc: "The other end." },
];
const RESTORE = { undo: "restore the link as it was", lasting: true } as const;
/** A link's two ends: the same datacenter twice is no link, and the fault would do nothing. */
const TWO_ENDS = { params: ["a", "b"], why: "a link joins two different datacenters" } as const;

export const network: readonly Builtin[] = [
  {
    name: "partition",
    doc: "Cuts every network path between two datacenters, in both directions.",
    category: "network",
    params: link,
    returns: T.Fault,
    fault: { ...RESTORE, plan: (i) => filterPlan(i, dcOf(i, "a"), [dcOf(i, "b")], `${dcOf(i, "a")} <-> ${dcOf(i, "b")}`, partition) },
    distinct: TWO_ENDS,
    example: "at 20s: partition(dc1, dc2) for 30s",
    describe: (a) => `partition ${a["a"]} <-> ${a["b"]}`,
  },
  {
    name: "isolate",
    doc: "Cuts a datacenter off from every other datacenter.",
    category: "network",
    params: [{ name: "dc", type: T.DC, doc: "The datacenter to cut off." }],
    returns: T.Fault,
    fault: {
      undo: "reconnect the datacenter",
      lasting: true,
      plan: (i) => {
        const dc = dcOf(i, "dc");
        const others = i.f.dcs.filter((n) => n !== dc);
        return filterPlan(i, dc, others, `${dc} from ${others.join(", ")}`, isolate);
      },
    },
    example: "isolate(dc1) for 1m",
    describe: (a) => `isolate ${a["dc"]}`,
  },
  {
    name: "latency",
    doc: "Delays every packet between two datacenters by `delay`, varied by up to `jitter`.",
    category: "network",
    params: [
      ...link,
      { name: "delay", type: T.Duration, doc: "Added one-way delay.", rule: { kind: "range", min: 0 } },
      { name: "jitter", type: T.Duration, default: "0ms", doc: "Random variation of the delay, either way.", rule: { kind: "range", min: 0 } },
    ],
    returns: T.Fault,
    fault: {
      ...RESTORE,
      plan: function* (i) {
        const link = yield* linkHosts(i);
        return link.ok ? built(latency({ run: i.f.run, id: i.id, ...link.value, delayMs: numberOf(i, "delay"), jitterMs: numberOf(i, "jitter") || 0 })) : link;
      },
    },
    distinct: TWO_ENDS,
    example: "latency(dc1, dc2, delay: 200ms, jitter: 20ms) for 1m",
    describe: (a) => `latency ${a["a"]} <-> ${a["b"]} +${a["delay"]} ±${a["jitter"]}`,
  },
  {
    name: "packet_loss",
    doc: "Drops a share of the packets between two datacenters, in both directions.",
    category: "network",
    params: [...link, { name: "rate", type: T.Percent, doc: "The share of packets dropped.", rule: { kind: "range", min: 0, max: 100 } }],
    returns: T.Fault,
    fault: {
      ...RESTORE,
      plan: (i) => filterPlan(i, dcOf(i, "a"), [dcOf(i, "b")], `${dcOf(i, "a")} <-> ${dcOf(i, "b")}`, (input) => packetLoss({ ...input, lossPercent: numberOf(i, "rate") })),
    },
    distinct: TWO_ENDS,
    example: "packet_loss(dc1, dc2, rate: 5%) for 1m",
    describe: (a) => `drop ${a["rate"]} of packets ${a["a"]} <-> ${a["b"]}`,
  },
  {
    name: "bandwidth",
    doc: "Limits the traffic between two datacenters to `limit` bytes per second in each direction.",
    category: "network",
    params: [
      ...link,
      { name: "limit", type: T.Bytes, doc: "Bytes per second allowed each way (`1MB` is 1,000,000 bytes/s).", rule: { kind: "range", min: 0, minExclusive: true } },
    ],
    returns: T.Fault,
    fault: {
      ...RESTORE,
      plan: function* (i) {
        const link = yield* linkHosts(i);
        return link.ok ? built(bandwidth({ run: i.f.run, id: i.id, ...link.value, bytesPerSecond: numberOf(i, "limit") })) : link;
      },
    },
    distinct: TWO_ENDS,
    example: "bandwidth(dc1, dc2, limit: 1MB) for 1m",
    describe: (a) => `limit ${a["a"]} <-> ${a["b"]} to ${a["limit"]}/s`,
  },
];
