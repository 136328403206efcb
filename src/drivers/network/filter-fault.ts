import { chain, check, onHost, perHostPlan, privileged, type HostSteps } from "../faults/command.js";
import { exactly } from "../faults/expect.js";
import { commonProblem, inputError, isIpv4OrCidr, type FaultInputError } from "../faults/input.js";
import { faultTag, type FaultHost, type FaultKind, type FaultPlan } from "../faults/types.js";
import { err, ok, type Result } from "../result.js";
import { deleteRule, insertRule, LIST_RULES, taggedLine, type FilterRule } from "./iptables.js";
import { keepRules, type KeptChannel } from "./keep.js";

export interface FilterFaultInput {
  readonly run: string;
  readonly id: string;
  /** The hosts that get the rules: one side of the cut. */
  readonly hosts: readonly FaultHost[];
  /** Addresses or CIDR blocks on the other side. */
  readonly peers: readonly string[];
  /** Connections xdc keeps open to those hosts, exempt from the rules. */
  readonly keep: readonly KeptChannel[];
  /** `dc1 <-> dc2`, for the summary. */
  readonly label: string;
}

/**
 * The shared shape of partition, isolate and packet loss: on each host, DROP rules for the
 * peers in both directions (INPUT from them, OUTPUT to them), below ACCEPT rules for the
 * channels xdc keeps. All of a host's inserts run as one command line; the ACCEPTs go in
 * first and come out last, so there is no moment at which the channel is cut.
 */
export function filterFault(kind: FaultKind, verb: string, input: FilterFaultInput, extraMatch: readonly string[]): Result<FaultPlan, FaultInputError> {
  const problem = commonProblem(input.run, input.id, input.hosts) ?? peersProblem(input.peers) ?? keepProblem(input.keep, input.hosts);
  if (problem) return err(inputError(`${kind}: ${problem}`));
  const tag = faultTag(input.run, input.id);
  const stepsOn = (host: FaultHost): HostSteps => {
    const keeps = input.keep.filter((c) => c.host === host.ssh.name).flatMap(keepRules);
    const drops: FilterRule[] = input.peers.flatMap((p) => [
      { chain: "INPUT", match: ["-s", p, ...extraMatch], target: "DROP" },
      { chain: "OUTPUT", match: ["-d", p, ...extraMatch], target: "DROP" },
    ]);
    // Positions count per chain: the ACCEPTs take the top places of INPUT and OUTPUT, each DROP goes right below them.
    const placed = new Map<string, number>();
    const top = (chain: string) => placed.get(chain) ?? 0;
    const keepInserts = keeps.map((r) => {
      placed.set(r.chain, top(r.chain) + 1);
      return insertRule(r, top(r.chain), tag);
    });
    const inserts = [...keepInserts, ...drops.map((r) => insertRule(r, top(r.chain) + 1, tag))];
    const deletes = [...drops, ...keeps].map((r) => deleteRule(r, tag));
    const list = privileged(host, LIST_RULES);
    const total = keeps.length + drops.length;
    return {
      apply: onHost(host, chain(inserts.map((argv) => privileged(host, argv)), "&&")),
      undo: onHost(host, chain(deletes.map((argv) => privileged(host, argv)), ";")),
      verify: check(`${host.ssh.name} lists ${total} rules tagged ${tag}`, host, list, exactly(total, taggedLine(tag))),
      verifyUndone: check(`${host.ssh.name} lists no rule tagged ${tag}`, host, list, exactly(0, taggedLine(tag))),
    };
  };
  return ok(perHostPlan({ run: input.run, id: input.id, kind, verb, label: input.label }, input.hosts, stepsOn));
}

function peersProblem(peers: readonly string[]): string | undefined {
  if (peers.length === 0) return "no peer address to cut off";
  const bad = peers.find((p) => !isIpv4OrCidr(p));
  return bad === undefined ? undefined : `peer \`${bad}\` is not an IPv4 address or CIDR block`;
}

function keepProblem(keep: readonly KeptChannel[], hosts: readonly FaultHost[]): string | undefined {
  for (const c of keep) {
    if (!hosts.some((h) => h.ssh.name === c.host)) continue;
    if (!isIpv4OrCidr(c.peer) || c.peer.includes("/")) return `kept ${c.what} channel of \`${c.host}\`: \`${c.peer}\` is not an IPv4 address`;
    if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) return `kept ${c.what} channel of \`${c.host}\`: port ${c.port} is out of range`;
  }
  return undefined;
}
