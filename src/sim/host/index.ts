/** The simulated hosts of the twin: what sim-runtime and the SSH server use (see README.md). */
export { SimHost, type SimHostOptions } from "./sim-host.js";
export { InMemoryProcessTable } from "./memory-process-table.js";
export { seededRandom } from "../model/random.js";
export type { ExecResult, Flow, HostEvent, HostEventKind, HostLoad, NetAction, NetVerdict, ProcessTable, Shaping, SignalResult, SimProcess } from "./types.js";
export { type HostSwitches } from "./switches.js";
