import { connect as tcpConnect, type Socket } from "node:net";
import ssh2, { type Connection, type ServerChannel } from "ssh2";
import { fingerprintOf, parseOneKey } from "../../../src/sim/ssh/keys.js";

/** What an exec request does on the test server. */
export type ExecBehaviour = (command: string, channel: ServerChannel) => void;

export interface TestServer {
  readonly port: number;
  readonly fingerprint: string;
  readonly stats: { connections: number; open: number; active: number; maxActive: number; keepalives: number; forwards: number };
  /** Resolves once `ready(stats)` holds, checked whenever a count changes. */
  until(ready: (stats: TestServer["stats"]) => boolean): Promise<void>;
  /** Cuts every open connection (as a crashed network or a restarted sshd would). */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * A bare ssh2 server for what the twin's hosts do not do: count channels, hang a command,
 * forward TCP (a jump host), cut connections. Public keys only.
 */
export async function startTestServer(options: { address: string; hostKey: string; authorizedKeys: readonly string[]; exec?: ExecBehaviour; forward?: boolean }): Promise<TestServer> {
  const keys = options.authorizedKeys.map((k) => {
    const parsed = parseOneKey(k);
    if (parsed instanceof Error) throw parsed;
    return parsed;
  });
  const hostKey = parseOneKey(options.hostKey);
  if (hostKey instanceof Error) throw hostKey;
  const stats = { connections: 0, open: 0, active: 0, maxActive: 0, keepalives: 0, forwards: 0 };
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of [...waiters]) w();
  };
  const until = (ready: (s: typeof stats) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!ready(stats)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  const clients = new Set<Connection>();
  const sockets = new Set<Socket>();
  // Keep-alives are global requests the server answers itself; only its debug log shows them.
  const debug = (line: string) => {
    if (!line.includes("GLOBAL_REQUEST (keepalive@openssh.com)")) return;
    stats.keepalives++;
    changed();
  };
  const server = new ssh2.Server({ hostKeys: [options.hostKey], debug }, (client) => {
    stats.connections++;
    stats.open++;
    clients.add(client);
    client.on("close", () => {
      clients.delete(client);
      stats.open--;
      changed();
    });
    client.on("error", () => undefined);
    client.on("authentication", (ctx) => {
      const key = ctx.method === "publickey" ? keys.find((k) => k.getPublicSSH().equals(ctx.key.data)) : undefined;
      if (!key || (ctx.method === "publickey" && ctx.signature && key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) !== true)) return ctx.reject(["publickey"]);
      ctx.accept();
    });
    client.on("ready", () => {
      client.on("session", (acceptSession) => {
        acceptSession().on("exec", (accept, _reject, info) => {
          const channel = accept();
          stats.active++;
          stats.maxActive = Math.max(stats.maxActive, stats.active);
          channel.on("close", () => {
            stats.active--;
            changed();
          });
          (options.exec ?? echoBack)(info.command, channel);
        });
      });
      client.on("tcpip", (accept, reject, info) => {
        if (!options.forward) return reject();
        stats.forwards++;
        const upstream = tcpConnect({ host: info.destIP, port: info.destPort });
        sockets.add(upstream);
        upstream.on("close", () => sockets.delete(upstream));
        upstream.once("connect", () => {
          const channel = accept();
          channel.pipe(upstream).pipe(channel);
          channel.on("close", () => upstream.destroy());
        });
        upstream.once("error", () => reject());
      });
    });
  });
  server.on("connection", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, options.address, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    fingerprint: fingerprintOf(hostKey.getPublicSSH()),
    stats,
    until,
    dropConnections: () => {
      for (const c of clients) c.end();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Prints the command back, with its exit status 0. */
export const echoBack: ExecBehaviour = (command, channel) => {
  channel.write(`${command}\n`);
  channel.exit(0);
  channel.end();
};
