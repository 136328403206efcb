import { request } from "node:http";
import { clientVerdict, egressDelay, type TrafficPolicy } from "../net/traffic.js";
import { channelPort, receiverPath, type Channel } from "./wire.js";

/**
 * `CrossDataCenterSender`: one HTTP POST of a toolkit message from the sender PE's host to a
 * remote machine, a real request between datacenter processes whose source address is the
 * host's own (`localAddress`), so the receiver sees who sent it. The sending host's iptables
 * and qdiscs act first: DROP (or a message netem loses every time) means silence until the
 * timeout, REJECT an immediate refusal, a delay or a rate a later send.
 */
export interface Machine {
  /** the host name, for logs */
  readonly name: string;
  readonly address: string;
  /** the real port of the machine's data server */
  readonly port: number;
}

export interface SendRequest {
  readonly localAddress: string;
  readonly policy: TrafficPolicy;
  readonly machine: Machine;
  readonly httpPort: number;
  readonly channel: Channel;
  readonly body: Buffer;
  /** how long the message may take to get through (a connection that never opens fails after it) */
  readonly connectTimeoutMs: number;
  /** how long the answer may take once the message is through */
  readonly readTimeoutMs: number;
  /** aborts a pending send when the toolkit stops */
  readonly signal: AbortSignal;
}

export type SendOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "timeout" | "refused" | "reset" | "status" | "aborted"; readonly detail: string };

export function send(req: SendRequest): Promise<SendOutcome> {
  const port = channelPort(req.httpPort, req.channel);
  const verdict = clientVerdict(req.policy, req.localAddress, req.machine.address, port, req.body.length);
  if (verdict === "reject") return Promise.resolve({ ok: false, reason: "refused", detail: "rejected by the sending host's firewall" });
  const flow = { direction: "out", protocol: "tcp", src: req.localAddress, dst: req.machine.address, dport: port } as const;
  const delay = verdict === "drop" ? "lost" : egressDelay(req.policy, flow, req.body.length);
  // A message that is lost, or slower than the connect timeout, never gets through.
  const arrives = delay !== "lost" && delay < req.connectTimeoutMs;
  return new Promise((resolve) => {
    let settled = false;
    let cancelRequest = () => {};
    let timer: NodeJS.Timeout | undefined;
    const after = (ms: number, then: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(then, ms);
      timer.unref();
    };
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal.removeEventListener("abort", onAbort);
      cancelRequest();
      resolve(outcome);
    };
    const onAbort = () => finish({ ok: false, reason: "aborted", detail: "the sender stopped" });
    req.signal.addEventListener("abort", onAbort);
    if (req.signal.aborted) return onAbort();
    if (!arrives) {
      after(req.connectTimeoutMs, () => finish({ ok: false, reason: "timeout", detail: `no connection within ${req.connectTimeoutMs} ms` }));
      return;
    }
    after(delay, () => {
      cancelRequest = post(req, port, finish);
      after(req.readTimeoutMs, () => finish({ ok: false, reason: "timeout", detail: `no answer within ${req.readTimeoutMs} ms` }));
    });
  });
}

/** The HTTP exchange itself; returns how to abandon it. */
function post(req: SendRequest, port: number, finish: (o: SendOutcome) => void): () => void {
  const http = request({
    host: req.machine.address,
    port: req.machine.port,
    localAddress: req.localAddress,
    method: "POST",
    path: receiverPath(port, req.channel),
    agent: false,
    headers: { "Content-Type": "application/octet-stream", "Content-Length": req.body.length, Connection: "close" },
  });
  http.on("response", (res) => {
    res.resume();
    if (res.statusCode === 204 || res.statusCode === 200) finish({ ok: true });
    else finish({ ok: false, reason: "status", detail: `HTTP ${res.statusCode}` });
  });
  http.on("error", (e: NodeJS.ErrnoException) => {
    const reason = e.code === "ECONNREFUSED" ? "refused" : "reset";
    finish({ ok: false, reason, detail: e.code ?? e.message });
  });
  http.end(req.body);
  return () => http.destroy();
}
