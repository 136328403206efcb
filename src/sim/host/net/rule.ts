import type { Flow } from "../types.js";
import { contains, formatIpv4, listAddress, maskSuffix, parseIpv4, type Cidr } from "./ipv4.js";
import { serviceName } from "./services.js";

/** One iptables rule of the filter table, in the shape `iptables -S` prints it. */
export interface Rule {
  readonly src?: Condition<Cidr>;
  readonly dst?: Condition<Cidr>;
  readonly inIface?: Condition<string>;
  readonly outIface?: Condition<string>;
  /** Absent means `-p all`. */
  readonly proto?: Condition<number>;
  readonly matches: readonly Match[];
  readonly target?: Target;
}

export interface Condition<T> {
  readonly value: T;
  readonly invert: boolean;
}

export interface PortRange {
  readonly min: number;
  readonly max: number;
}

export type Match =
  | { readonly kind: "tcp" | "udp"; readonly sport?: Condition<PortRange>; readonly dport?: Condition<PortRange> }
  /** `probability` as the kernel keeps it: a fraction of 2^31. */
  | { readonly kind: "statistic"; readonly probability: number }
  | { readonly kind: "comment"; readonly text: string };

export type Target =
  | { readonly kind: "verdict"; readonly name: "ACCEPT" | "DROP" | "RETURN" }
  | { readonly kind: "reject"; readonly with: string }
  | { readonly kind: "jump"; readonly chain: string };

export const PROTOCOLS: readonly { readonly num: number; readonly name: string }[] = [
  { num: 0, name: "all" },
  { num: 1, name: "icmp" },
  { num: 6, name: "tcp" },
  { num: 17, name: "udp" },
];
export const protocolName = (num: number): string => PROTOCOLS.find((p) => p.num === num)?.name ?? String(num);
const FLOW_PROTOCOL: Readonly<Record<Flow["protocol"], number>> = { icmp: 1, tcp: 6, udp: 17 };

export const PROBABILITY_SCALE = 0x80000000;
export const FULL_RANGE: PortRange = { min: 0, max: 65535 };

export const targetName = (t: Target | undefined): string => (!t ? "" : t.kind === "verdict" ? t.name : t.kind === "reject" ? "REJECT" : t.chain);

// ---- -S (save) form ---------------------------------------------------------------------

const inv = (c: Condition<unknown>) => (c.invert ? "! " : "");
const range = (r: PortRange) => (r.min === r.max ? `${r.min}` : `${r.min}:${r.max}`);

/** xtables_save_string: bare when only [A-Za-z0-9_-], otherwise double-quoted with " \ ' escaped. */
export function saveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

function saveMatch(m: Match): string {
  switch (m.kind) {
    case "tcp":
    case "udp": {
      // Like tcp_save, a full range is not printed (not even inverted).
      const port = (flag: string, c: Condition<PortRange> | undefined) =>
        c && !(c.value.min === FULL_RANGE.min && c.value.max === FULL_RANGE.max) ? ` ${c.invert ? "! " : ""}--${flag} ${range(c.value)}` : "";
      return `-m ${m.kind}${port("sport", m.sport)}${port("dport", m.dport)}`;
    }
    case "statistic":
      return `-m statistic --mode random --probability ${(m.probability / PROBABILITY_SCALE).toFixed(11)}`;
    case "comment":
      return `-m comment --comment ${saveString(m.text)}`;
  }
}

const saveTarget = (t: Target) => (t.kind === "reject" ? `-j REJECT --reject-with ${t.with}` : `-j ${targetName(t)}`);

/**
 * The rule as `iptables -S` prints it, `-A CHAIN …`; with counters as `iptables -v -S` does.
 * Two rules are the same rule exactly when this text is the same, which is how -C and -D compare.
 */
export function saveRule(chain: string, rule: Rule, counters?: { pkts: number; bytes: number }): string {
  const parts = [`-A ${chain}`];
  if (rule.src) parts.push(`${inv(rule.src)}-s ${formatIpv4(rule.src.value.addr)}${maskSuffix(rule.src.value.mask)}`);
  if (rule.dst) parts.push(`${inv(rule.dst)}-d ${formatIpv4(rule.dst.value.addr)}${maskSuffix(rule.dst.value.mask)}`);
  if (rule.inIface) parts.push(`${inv(rule.inIface)}-i ${rule.inIface.value}`);
  if (rule.outIface) parts.push(`${inv(rule.outIface)}-o ${rule.outIface.value}`);
  if (rule.proto) parts.push(`${inv(rule.proto)}-p ${protocolName(rule.proto.value)}`);
  for (const m of rule.matches) parts.push(saveMatch(m));
  if (counters) parts.push(`-c ${counters.pkts} ${counters.bytes}`);
  if (rule.target) parts.push(saveTarget(rule.target));
  return parts.join(" ");
}

// ---- -L (list) form ---------------------------------------------------------------------

function listPort(kind: "tcp" | "udp", port: number, numeric: boolean): string {
  return numeric ? String(port) : (serviceName(kind, port) ?? String(port));
}

function listMatch(m: Match, numeric: boolean): string {
  switch (m.kind) {
    case "tcp":
    case "udp": {
      const port = (label: string, c: Condition<PortRange> | undefined) => {
        if (!c || (c.value.min === 0 && c.value.max === 65535 && !c.invert)) return "";
        const bang = c.invert ? "!" : "";
        return c.value.min === c.value.max
          ? ` ${label}:${bang}${listPort(m.kind, c.value.min, numeric)}`
          : ` ${label}s:${bang}${listPort(m.kind, c.value.min, numeric)}:${listPort(m.kind, c.value.max, numeric)}`;
      };
      return ` ${m.kind}${port("spt", m.sport)}${port("dpt", m.dport)}`;
    }
    case "statistic":
      return ` statistic mode random probability ${(m.probability / PROBABILITY_SCALE).toFixed(11)}`;
    case "comment":
      return ` /* ${m.text} */`;
  }
}

/** The text after the address columns of `iptables -L`: each match, then the target's options. */
export function listExtras(rule: Rule, numeric: boolean): string {
  const reject = rule.target?.kind === "reject" ? ` reject-with ${rule.target.with}` : "";
  return rule.matches.map((m) => listMatch(m, numeric)).join("") + reject;
}

/** An address column of `iptables -L`: `anywhere` (or 0.0.0.0/0 with -n) when unrestricted. */
export function listAddressColumn(c: Condition<Cidr> | undefined, numeric: boolean): string {
  if (!c) return numeric ? "0.0.0.0/0" : "anywhere";
  if (!numeric && c.value.addr === 0x7f000001 && c.value.mask === 0xffffffff) return "localhost";
  return listAddress(c.value);
}

// ---- matching ---------------------------------------------------------------------------

/** The interface a flow travels over: `lo` when a host talks to itself, `eth0` otherwise. */
export const flowInterface = (flow: Flow): string => (flow.src === flow.dst ? "lo" : "eth0");

const ifaceMatches = (pattern: string, name: string) =>
  pattern.endsWith("+") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;

const portMatches = (c: Condition<PortRange> | undefined, port: number | undefined) => {
  if (!c) return true;
  const inside = port !== undefined && port >= c.value.min && port <= c.value.max;
  return inside !== c.invert;
};

const addressMatches = (c: Condition<Cidr> | undefined, address: string) => {
  if (!c) return true;
  const ip = parseIpv4(address);
  return (ip !== undefined && contains(c.value, ip)) !== c.invert;
};

/**
 * Whether the rule's conditions hold for the flow. Conditions are checked in the kernel's order
 * (addresses, interfaces, protocol, then each match), so a `statistic` match draws a random
 * number only when every condition before it held.
 */
export function ruleMatches(rule: Rule, flow: Flow, random: () => number): boolean {
  if (!addressMatches(rule.src, flow.src) || !addressMatches(rule.dst, flow.dst)) return false;
  const iface = flowInterface(flow);
  if (rule.inIface && (flow.direction !== "in" || ifaceMatches(rule.inIface.value, iface) === rule.inIface.invert)) return false;
  if (rule.outIface && (flow.direction !== "out" || ifaceMatches(rule.outIface.value, iface) === rule.outIface.invert)) return false;
  if (rule.proto && rule.proto.value !== 0 && (FLOW_PROTOCOL[flow.protocol] === rule.proto.value) === rule.proto.invert) return false;
  for (const m of rule.matches) {
    switch (m.kind) {
      case "tcp":
      case "udp":
        if (flow.protocol !== m.kind || !portMatches(m.sport, flow.sport) || !portMatches(m.dport, flow.dport)) return false;
        break;
      case "statistic":
        if (Math.floor(random() * PROBABILITY_SCALE) >= m.probability) return false;
        break;
      case "comment":
        break;
    }
  }
  return true;
}

/**
 * Whether the rule names a flow explicitly: a positive address condition narrower than
 * 0.0.0.0/0, or a positive port condition. Only such rules may stop management traffic.
 */
export function namesFlow(rule: Rule): boolean {
  const address = (c: Condition<Cidr> | undefined) => !!c && !c.invert && c.value.mask !== 0;
  const port = (c: Condition<PortRange> | undefined) => !!c && !c.invert && !(c.value.min === 0 && c.value.max === 65535);
  return (
    address(rule.src) ||
    address(rule.dst) ||
    rule.matches.some((m) => (m.kind === "tcp" || m.kind === "udp") && (port(m.sport) || port(m.dport)))
  );
}
