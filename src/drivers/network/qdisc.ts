import { createHash } from "node:crypto";
import { check, onHost, perHostPlan, privileged, type HostSteps } from "../faults/command.js";
import { exactly } from "../faults/expect.js";
import { commonProblem, inputError, type FaultInputError } from "../faults/input.js";
import { faultTag, type FaultHost, type FaultKind, type FaultPlan } from "../faults/types.js";
import { err, ok, type Result } from "../result.js";

/**
 * Root qdiscs on a host's interface, for latency (netem) and bandwidth (tbf). A qdisc cannot
 * carry a comment, so its handle is the tag: derived from the run and fault ids, it lets the
 * undo (`tc qdisc del … root handle H:`) remove this fault's qdisc and nothing else; the kernel
 * refuses the delete with "Invalid handle" when the root qdisc is somebody else's. `add`, never
 * `replace`: a host that already has a root qdisc of its own refuses the fault instead of
 * losing its configuration.
 */
export interface QdiscFaultInput {
  readonly run: string;
  readonly id: string;
  /** Every host whose outgoing traffic is shaped: both sides, for a link. */
  readonly hosts: readonly FaultHost[];
  readonly label: string;
}

/** A handle major in 1..7fff (the kernel numbers its own from 8001), from the fault's tag. */
export function qdiscHandle(run: string, id: string): string {
  const n = createHash("sha256").update(faultTag(run, id)).digest().readUInt16BE(0) % 0x7fff;
  return (n + 1).toString(16);
}

function qdiscFault(kind: FaultKind, verb: string, input: QdiscFaultInput, qdisc: string, params: readonly string[]): Result<FaultPlan, FaultInputError> {
  const problem = commonProblem(input.run, input.id, input.hosts);
  if (problem) return err(inputError(`${kind}: ${problem}`));
  const handle = qdiscHandle(input.run, input.id);
  const stepsOn = (host: FaultHost): HostSteps => {
    const show = privileged(host, ["tc", "qdisc", "show", "dev", host.device]);
    return {
      apply: onHost(host, privileged(host, ["tc", "qdisc", "add", "dev", host.device, "root", "handle", `${handle}:`, qdisc, ...params])),
      undo: onHost(host, privileged(host, ["tc", "qdisc", "del", "dev", host.device, "root", "handle", `${handle}:`])),
      verify: check(`${host.ssh.name} shows ${qdisc} ${handle}: as the root qdisc of ${host.device}`, host, show, exactly(1, `^qdisc ${qdisc} ${handle}: root`)),
      verifyUndone: check(`${host.ssh.name} shows no qdisc ${handle}: on ${host.device}`, host, show, exactly(0, `^qdisc \\S+ ${handle}: `)),
    };
  };
  return ok(perHostPlan({ run: input.run, id: input.id, kind, verb, label: input.label }, input.hosts, stepsOn));
}

/** tc's time syntax: whole milliseconds as `ms`, anything finer as `us`. */
const tcTime = (ms: number): string => (Number.isInteger(ms) ? `${ms}ms` : `${Math.round(ms * 1000)}us`);

/**
 * netem loss hits every packet the interface sends, xdc's SSH session included, so it stays
 * at a level TCP works through; a heavier loss is `packet_loss`, which spares xdc's channels.
 */
export const NETEM_LOSS_LIMIT_PERCENT = 20;

/** Adds `delayMs` (± `jitterMs`, uniform) to everything the hosts send, and optionally loses some of it. */
export function latency(input: QdiscFaultInput & { readonly delayMs: number; readonly jitterMs: number; readonly lossPercent?: number }): Result<FaultPlan, FaultInputError> {
  const { delayMs, jitterMs, lossPercent = 0 } = input;
  if (!(delayMs >= 0 && jitterMs >= 0 && Number.isFinite(delayMs + jitterMs))) return err(inputError(`latency: delay ${delayMs} ms and jitter ${jitterMs} ms must be 0 or more`));
  if (!(lossPercent >= 0 && lossPercent <= NETEM_LOSS_LIMIT_PERCENT)) {
    return err(inputError(`latency: a loss of ${lossPercent}% would starve xdc's own SSH session; netem loss is limited to ${NETEM_LOSS_LIMIT_PERCENT}%, use packet_loss for more`));
  }
  const params = ["delay", tcTime(delayMs), ...(jitterMs > 0 ? [tcTime(jitterMs)] : []), ...(lossPercent > 0 ? ["loss", `${lossPercent}%`] : [])];
  const what = `+${tcTime(delayMs)}${jitterMs > 0 ? ` ±${tcTime(jitterMs)}` : ""}${lossPercent > 0 ? ` ${lossPercent}% loss` : ""}`;
  return qdiscFault("latency", `delay (${what})`, input, "netem", params);
}

/** Limits what each host sends to `bytesPerSecond` with a token bucket. */
export function bandwidth(input: QdiscFaultInput & { readonly bytesPerSecond: number }): Result<FaultPlan, FaultInputError> {
  const rate = input.bytesPerSecond;
  if (!(Number.isInteger(rate) && rate >= 125)) return err(inputError(`bandwidth: ${rate} bytes/s is not a whole number of at least 125 (1 kbit/s)`));
  // The bucket must hold a few full frames or nothing ever passes; 20 ms of traffic beyond that.
  const burst = Math.max(10 * 1514, Math.ceil(rate / 50));
  return qdiscFault("bandwidth", `limit to ${rate} bytes/s`, input, "tbf", ["rate", `${rate}bps`, "burst", String(burst), "latency", "100ms"]);
}
