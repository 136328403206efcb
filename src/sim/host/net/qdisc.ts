import type { Shaping } from "../types.js";
import { formatPercent, formatRate, formatSize, formatTime } from "./tc-units.js";

/** The qdiscs the twin simulates, with the numbers `tc qdisc show` prints. */
export type QdiscSpec =
  | {
      readonly kind: "netem";
      readonly limit: number;
      readonly delayUs: number;
      readonly jitterUs: number;
      readonly delayCorrelation?: number;
      /** Fraction of messages lost, in [0, 1]. */
      readonly loss: number;
      readonly lossCorrelation?: number;
      readonly rateBytes?: number;
    }
  | {
      readonly kind: "tbf";
      readonly rateBytes: number;
      readonly burstBytes: number;
      /** Bytes that may wait in the queue (tc computes it from `latency` when that is given). */
      readonly limitBytes: number;
    };

export const INTERFACES = ["lo", "eth0"] as const;
export type Interface = (typeof INTERFACES)[number];

/** What each interface has before anyone installs a qdisc (Debian 12 with systemd's fq_codel). */
const DEFAULT_QDISC: Readonly<Record<Interface, string>> = {
  lo: "noqueue 0: ROOT refcnt 2 ",
  eth0: "fq_codel 0: ROOT refcnt 2 limit 10240p flows 1024 quantum 1514 target 5ms interval 100ms memory_limit 32Mb ecn drop_batch 64 ",
};

export interface QdiscStats {
  bytes: number;
  packets: number;
  drops: number;
}

/** An installed root qdisc and the state its shaping keeps between messages. */
export interface Qdisc {
  readonly handle: number;
  spec: QdiscSpec;
  readonly stats: QdiscStats;
  /** tbf: tokens in the bucket (negative while bytes wait) at `updatedAt`. */
  tokens: number;
  updatedAt: number;
  /** netem rate: when the link has sent everything handed to it so far. */
  busyUntil: number;
}

/** The options part of a `tc qdisc show` line. */
export function describeOptions(spec: QdiscSpec): string {
  if (spec.kind === "tbf") {
    const rate = spec.rateBytes;
    // tc prints the latency it derives from limit, rate and burst, or the limit when that is negative.
    const latencyUs = rate > 0 ? Math.round((1e6 * (spec.limitBytes - spec.burstBytes)) / rate) : -1;
    const tail = latencyUs >= 0 ? `lat ${formatTime(latencyUs)} ` : `limit ${formatSize(spec.limitBytes)} `;
    return `rate ${formatRate(rate)} burst ${formatSize(spec.burstBytes)} ${tail}`;
  }
  let text = `limit ${spec.limit}`;
  if (spec.delayUs > 0) {
    text += ` delay ${formatTime(spec.delayUs)}`;
    if (spec.jitterUs > 0) text += `  ${formatTime(spec.jitterUs)}`;
    if (spec.jitterUs > 0 && spec.delayCorrelation) text += ` ${formatPercent(spec.delayCorrelation)}`;
  }
  if (spec.loss > 0) {
    text += ` loss ${formatPercent(spec.loss)}`;
    if (spec.lossCorrelation) text += ` ${formatPercent(spec.lossCorrelation)}`;
  }
  if (spec.rateBytes) text += ` rate ${formatRate(spec.rateBytes)}`;
  return text;
}

/** One line of `tc qdisc show`; `dev` is printed only when listing every device. */
export function showLine(dev: Interface, qdisc: Qdisc | undefined, withDev: boolean): string {
  const where = `${withDev ? `dev ${dev} ` : ""}root`;
  if (!qdisc) return `qdisc ${DEFAULT_QDISC[dev].replace("ROOT", where)}\n`;
  return `qdisc ${qdisc.spec.kind} ${qdisc.handle.toString(16)}: ${where} refcnt 2 ${describeOptions(qdisc.spec)}\n`;
}

/** The statistics lines `tc -s qdisc show` adds under each qdisc. */
export function statsLines(qdisc: Qdisc | undefined): string {
  const s = qdisc?.stats ?? { bytes: 0, packets: 0, drops: 0 };
  return ` Sent ${s.bytes} bytes ${s.packets} pkt (dropped ${s.drops}, overlimits 0 requeues 0) \n backlog 0b 0p requeues 0\n`;
}

export function newQdisc(handle: number, spec: QdiscSpec, now: number): Qdisc {
  return { handle, spec, stats: { bytes: 0, packets: 0, drops: 0 }, tokens: spec.kind === "tbf" ? spec.burstBytes : 0, updatedAt: now, busyUntil: now };
}

const NO_SHAPING: Shaping = { dropped: false, delayMs: 0 };

/**
 * What the qdisc does to one message of `bytes`: netem loses it with its loss probability
 * (one draw per message) or delays it by delay ± jitter (uniform, one more draw; correlation is
 * ignored) plus the time its rate needs; tbf lets it through on tokens, queues it behind the
 * bytes already waiting, and drops it when the queue is over its limit.
 */
export function shapeMessage(qdisc: Qdisc | undefined, bytes: number, now: number, random: () => number): Shaping {
  if (!qdisc) return NO_SHAPING;
  const spec = qdisc.spec;
  if (spec.kind === "netem") {
    if (spec.loss > 0 && random() < spec.loss) {
      qdisc.stats.drops++;
      return { dropped: true, delayMs: 0, ...(spec.rateBytes ? { bytesPerSecond: spec.rateBytes } : {}) };
    }
    let delayMs = spec.delayUs / 1000;
    if (spec.jitterUs > 0) delayMs += ((2 * random() - 1) * spec.jitterUs) / 1000;
    if (spec.rateBytes) {
      const start = Math.max(now, qdisc.busyUntil);
      qdisc.busyUntil = start + (bytes / spec.rateBytes) * 1000;
      delayMs += qdisc.busyUntil - now;
    }
    qdisc.stats.bytes += bytes;
    qdisc.stats.packets++;
    return { dropped: false, delayMs: Math.max(0, delayMs), ...(spec.rateBytes ? { bytesPerSecond: spec.rateBytes } : {}) };
  }
  const elapsedMs = Math.max(0, now - qdisc.updatedAt);
  qdisc.tokens = Math.min(spec.burstBytes, qdisc.tokens + (elapsedMs / 1000) * spec.rateBytes);
  qdisc.updatedAt = now;
  const after = qdisc.tokens - bytes;
  if (-after > spec.limitBytes) {
    qdisc.stats.drops++;
    return { dropped: true, delayMs: 0, bytesPerSecond: spec.rateBytes };
  }
  qdisc.tokens = after;
  qdisc.stats.bytes += bytes;
  qdisc.stats.packets++;
  const delayMs = after >= 0 ? 0 : (-after / spec.rateBytes) * 1000;
  return { dropped: false, delayMs, bytesPerSecond: spec.rateBytes };
}
