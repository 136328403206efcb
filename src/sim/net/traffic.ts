/**
 * How a simulated host's iptables rules and qdiscs act on the twin's TCP traffic (heartbeats,
 * snapshots, Data Exchange). Each side of a connection judges only its own host, as each
 * kernel does: a connection needs its first packet to leave through the client's OUTPUT and
 * enter through the server's INPUT, and the answers to go back through the server's OUTPUT
 * and the client's INPUT. There is no connection tracking: a rule that drops the answers
 * breaks the connection as surely as one that drops the requests.
 */
import type { Flow, NetAction } from "../host/types.js";

export type Verdict = NetAction;

/** What the twin asks of a host about traffic: `SimHost` has both, a machine outside the twin neither. */
export interface TrafficPolicy {
  filter(flow: Flow, bytes?: number): { action: Verdict };
  shape(flow: Flow, bytes: number): { dropped: boolean; delayMs: number };
}

/** A machine outside the simulation (xdc itself, the coordinator): no rules, no qdiscs. */
export const OPEN_POLICY: TrafficPolicy = {
  filter: () => ({ action: "accept" }),
  shape: () => ({ dropped: false, delayMs: 0 }),
};

const worst = (a: Verdict, b: Verdict): Verdict => (a === "reject" || b === "reject" ? "reject" : a === "drop" || b === "drop" ? "drop" : "accept");

/**
 * The client side of a connection from `local` to `remote:dport`: may its packets leave
 * (OUTPUT) and the answers come in (INPUT)? REJECT wins over DROP, as the client learns of a
 * rejection at once and of a drop only by waiting.
 */
export function clientVerdict(policy: TrafficPolicy, local: string, remote: string, dport: number, bytes = 0): Verdict {
  const out = policy.filter({ direction: "out", protocol: "tcp", src: local, dst: remote, dport }, bytes).action;
  const back = policy.filter({ direction: "in", protocol: "tcp", src: remote, dst: local, sport: dport }).action;
  return worst(out, back);
}

/** The server side of a connection from `remote:rport` to `local:lport`. */
export function serverVerdict(policy: TrafficPolicy, local: string, lport: number, remote: string, rport: number | undefined, bytes = 0): Verdict {
  const inbound = policy.filter({ direction: "in", protocol: "tcp", src: remote, dst: local, dport: lport, ...(rport === undefined ? {} : { sport: rport }) }, bytes).action;
  const back = policy.filter({ direction: "out", protocol: "tcp", src: local, dst: remote, sport: lport, ...(rport === undefined ? {} : { dport: rport }) }).action;
  return worst(inbound, back);
}

// Linux retransmits a lost TCP segment after its retransmission timeout (at least 200 ms),
// doubling it each time; after a few tries the connection is given up.
const FIRST_RTO_MS = 200;
const RETRIES = 5;

/**
 * The extra time a message of `bytes` takes through the host's egress qdiscs: netem delay and
 * a rate's queueing, plus a retransmission timeout for every time netem loses it. `lost` when
 * it is lost every time: the peer then hears nothing until its timeout.
 */
export function egressDelay(policy: TrafficPolicy, flow: Flow, bytes: number): number | "lost" {
  let waited = 0;
  let rto = FIRST_RTO_MS;
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    const s = policy.shape(flow, bytes);
    if (!s.dropped) return waited + s.delayMs;
    waited += rto;
    rto *= 2;
  }
  return "lost";
}
