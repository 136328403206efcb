import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { egressDelay, serverVerdict, type TrafficPolicy } from "../net/traffic.js";
import type { Reply } from "../rest/reply.js";
import { serializeReply, writeReply } from "../net/write-reply.js";

/**
 * A simulated host's data server: one HTTP server bound to the host's own address, carrying
 * what real Streams processes on that host would serve (Data Exchange endpoints, the toolkit's
 * receivers). Before a request is handled the host's iptables judge it (INPUT for the request,
 * OUTPUT for the answer): DROP leaves the client waiting, REJECT resets the connection. The
 * answer then leaves through the host's qdiscs (delay, loss as retransmissions, rate).
 */
export interface Route {
  /** the port iptables sees: the server's own, or the toolkit port a path names */
  readonly port: number;
  /** the answer, or "hold" to answer nothing (a stopped process) */
  readonly handle: (req: IncomingMessage) => Promise<Reply | "hold"> | Reply | "hold";
}

export interface HostServerOptions {
  readonly address: string;
  /** 0 = a free port */
  readonly port: number;
  readonly policy: TrafficPolicy;
  /** finds the route of a path; undefined answers 404 */
  readonly route: (path: string, serverPort: number) => Route | undefined;
}

export interface HostServer {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  let port = 0;
  const server: Server = createServer((req, res) => serve(req, res));
  server.keepAliveTimeout = 5_000;

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const route = options.route(path, port);
    const lport = route?.port ?? port;
    const client = req.socket.remoteAddress ?? "";
    const verdict = serverVerdict(options.policy, options.address, lport, client, req.socket.remotePort, Number(req.headers["content-length"] ?? 0) || 0);
    if (verdict === "reject") {
      req.socket.destroy();
      return;
    }
    if (verdict === "drop") return; // the client hears nothing; closing the server ends it
    if (!route) {
      deliver(res, { status: 404, json: { message: `nothing is served at ${path} on ${options.address}` } }, client, lport);
      return;
    }
    Promise.resolve(route.handle(req)).then(
      (reply) => {
        if (reply !== "hold") deliver(res, reply, client, lport);
      },
      (e: unknown) => deliver(res, { status: 500, json: { message: `internal error: ${e instanceof Error ? e.message : String(e)}` } }, client, lport),
    );
  };

  const deliver = (res: ServerResponse, reply: Reply, client: string, lport: number): void => {
    const flow = { direction: "out", protocol: "tcp", src: options.address, dst: client, sport: lport } as const;
    const wire = serializeReply(reply);
    const delay = egressDelay(options.policy, flow, wire.bytes);
    if (delay === "lost") return;
    if (delay <= 0) writeReply(res, wire);
    else setTimeout(() => writeReply(res, wire), delay).unref();
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.address, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    address: options.address,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
