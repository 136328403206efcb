import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
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
  /**
   * HTTPS for the Data Exchange endpoints (`xdc sim --tls`). The toolkit's messages between
   * the twin's hosts stay plain HTTP on the same port: a connection is TLS when its first byte
   * opens a TLS handshake.
   */
  readonly tls?: { readonly cert: string; readonly key: string };
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
  const http: Server = createServer((req, res) => serve(req, res));
  http.keepAliveTimeout = 5_000;
  const https = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => serve(req, res)) : undefined;
  if (https) https.keepAliveTimeout = 5_000;
  const server: Server | NetServer = https ? sniffing(http, https) : http;

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
        http.closeAllConnections();
        https?.closeAllConnections();
      }),
  };
}

/** The TLS record type of a handshake: the first byte a TLS client sends. */
const TLS_HANDSHAKE = 0x16;

/** One listening socket for both: each connection goes to `https` if it starts a TLS handshake, else to `http`. */
function sniffing(http: Server, https: Server): NetServer {
  return createNetServer((socket: Socket) => {
    socket.once("data", (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      // TLS takes over the socket's handle and first feeds itself what is buffered, so the
      // socket must stay paused: flowing, it would hand the handshake to nobody.
      if (first[0] === TLS_HANDSHAKE) https.emit("connection", socket);
      else {
        http.emit("connection", socket);
        socket.resume();
      }
    });
  });
}
