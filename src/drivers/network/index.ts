/** Network fault builders: pure functions from a fault and its targets to command lines. */
export { partition, isolate } from "./partition.js";
export { packetLoss } from "./packet-loss.js";
export { latency, bandwidth, qdiscHandle, type QdiscFaultInput } from "./qdisc.js";
export type { FilterFaultInput } from "./filter-fault.js";
export type { KeptChannel } from "./keep.js";
