import type { IncomingMessage } from "node:http";
import type { Route } from "../dc/host-server.js";
import { readBody } from "../rest/body.js";
import { decodeMessage, type HeartbeatMessage } from "./message.js";
import { channelPort, parseReceiverPath, type Channel } from "./wire.js";

/**
 * The toolkit receivers listening on a datacenter's hosts: which job's toolkit holds which
 * toolkit port on which host, as bound sockets would. A second job asking for a port that is
 * taken on the same host gets nothing, as `bind` would fail.
 */
export interface ReceiverOwner {
  readonly jobId: string;
  receive(message: HeartbeatMessage): void;
  /** resolves true when the receiving process can work (at once, or after SIGCONT), false if it ended */
  ready(): Promise<boolean>;
}

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export class ReceiverTable {
  private readonly bound = new Map<string, ReceiverOwner>();

  /** Takes both ports of a toolkit (heartbeats and data channel 0); false when one is taken. */
  claim(hostId: string, httpPort: number, owner: ReceiverOwner): boolean {
    const keys = (["heartbeat", "data"] as Channel[]).map((c) => key(hostId, channelPort(httpPort, c)));
    if (keys.some((k) => this.bound.has(k) && this.bound.get(k) !== owner)) return false;
    for (const k of keys) this.bound.set(k, owner);
    return true;
  }

  release(owner: ReceiverOwner): void {
    for (const [k, o] of this.bound) if (o === owner) this.bound.delete(k);
  }

  /** The route of a toolkit path on a host: undefined when it is not a toolkit path. */
  route(hostId: string, path: string): Route | undefined {
    const target = parseReceiverPath(path);
    if (!target) return undefined;
    return { port: target.port, handle: (req) => this.deliver(this.bound.get(key(hostId, target.port)), req) };
  }

  private async deliver(owner: ReceiverOwner | undefined, req: IncomingMessage) {
    // Nothing listens on that port: the connection is refused.
    if (!owner) {
      req.socket.destroy();
      return "hold" as const;
    }
    const body = await readBody(req, MAX_MESSAGE_BYTES);
    if (!body.ok) return body.error;
    const decoded = decodeMessage(body.value);
    if (!decoded.ok) return { status: 400, json: { message: decoded.error } };
    if (!(await owner.ready())) {
      req.socket.destroy();
      return "hold" as const;
    }
    owner.receive(decoded.message);
    return { status: 204 };
  }
}

const key = (hostId: string, port: number) => `${hostId}:${port}`;
