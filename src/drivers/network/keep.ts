import type { FilterRule } from "./iptables.js";

/**
 * A TCP connection xdc needs while a fault is on: its SSH session to the host, or the REST
 * endpoint it watches the datacenter through. `peer` is xdc's address as the host sees it
 * (from `$SSH_CONNECTION`, or the socket's local address), `port` the host's end.
 */
export interface KeptChannel {
  readonly host: string;
  readonly peer: string;
  readonly port: number;
  readonly what: string;
}

/**
 * ACCEPT rules that let a kept channel through in both directions. They go above the fault's
 * DROP rules, so no partition or loss rule ever matches the connection xdc repairs it over.
 */
export const keepRules = (c: KeptChannel): FilterRule[] => [
  { chain: "INPUT", match: ["-s", c.peer, "-p", "tcp", "--dport", String(c.port)], target: "ACCEPT" },
  { chain: "OUTPUT", match: ["-d", c.peer, "-p", "tcp", "--sport", String(c.port)], target: "ACCEPT" },
];
