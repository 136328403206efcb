import { createServer, type Server as NetServer, type Socket } from "node:net";
import { timingSafeEqual } from "node:crypto";
import ssh2, { type AuthContext, type Connection, type ParsedKey, type ServerChannel } from "ssh2";
import type { SimHost } from "../host/sim-host.js";
import { fingerprintOf, parseOneKey, publicKeyLine } from "./keys.js";

const { Server } = ssh2;

export interface SshServerOptions {
  /** The simulated host whose shell runs the commands. */
  readonly host: SimHost;
  /** The loopback address to listen on (the host's own, 127.0.1.x); nothing else is bound. */
  readonly address: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The host's private key, PEM or OpenSSH. */
  readonly hostKey: string;
  /** authorized_keys lines (`ssh-ed25519 AAAA… comment`); only these keys may log in. */
  readonly authorizedKeys: readonly string[];
  /** Login names accepted; any name when absent. */
  readonly users?: readonly string[];
  /** Server keep-alive probes (ssh2's keepaliveInterval and keepaliveCountMax); 15 s and 3 by default. */
  readonly keepaliveIntervalMs?: number;
  readonly keepaliveCountMax?: number;
}

export interface SshServer {
  readonly port: number;
  /** `ssh-ed25519 AAAA…`, for known_hosts. */
  readonly hostKeyPublic: string;
  /** `SHA256:…`. */
  readonly fingerprint: string;
  close(): Promise<void>;
}

const SHELL_REFUSED = "This is a simulated host of the xdc twin: it runs commands (ssh HOST COMMAND), it has no interactive shell.\n";

function authorizedKeySet(lines: readonly string[]): ParsedKey[] {
  const keys: ParsedKey[] = [];
  for (const line of lines) {
    const text = line.trim();
    if (text === "" || text.startsWith("#")) continue;
    const key = parseOneKey(text);
    if (key instanceof Error) throw new Error(`authorized key ${keys.length + 1} cannot be read: ${key.message}`);
    keys.push(key);
  }
  return keys;
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Public-key authentication only, with the signature checked as ssh2's README shows. */
function authenticate(ctx: AuthContext, keys: readonly ParsedKey[], users: readonly string[] | undefined): void {
  if (ctx.method !== "publickey" || (users && !users.includes(ctx.username))) {
    ctx.reject(["publickey"]);
    return;
  }
  const key = keys.find((k) => sameBytes(k.getPublicSSH(), ctx.key.data));
  if (!key) {
    ctx.reject(["publickey"]);
    return;
  }
  // Without a signature the client only asks whether this key would do.
  if (ctx.signature && key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) !== true) {
    ctx.reject(["publickey"]);
    return;
  }
  ctx.accept();
}

/** Runs one exec request and reports stdout, stderr and the exit status on the channel. */
function runExec(host: SimHost, user: string, command: string, channel: ServerChannel): void {
  let open = true;
  channel.on("close", () => (open = false));
  channel.on("data", () => undefined);
  host.exec(command, user).then(
    (r) => {
      if (!open) return;
      if (r.stdout) channel.write(r.stdout);
      if (r.stderr) channel.stderr.write(r.stderr);
      channel.exit(r.code);
      channel.end();
    },
    (e: unknown) => {
      if (!open) return;
      channel.stderr.write(`xdc twin: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      channel.exit(255);
      channel.end();
    },
  );
}

function serveClient(client: Connection, options: SshServerOptions, keys: readonly ParsedKey[]): void {
  let user = "";
  client.on("error", () => undefined);
  client.on("authentication", (ctx) => {
    user = ctx.username;
    // The failure switch `keyRevoked` (docs/twin.md): as if xdc's key left authorized_keys.
    authenticate(ctx, options.host.switches.keyRevoked ? [] : keys, options.users);
  });
  client.on("ready", () => {
    client.on("session", (acceptSession) => {
      const session = acceptSession();
      session.on("exec", (accept, _reject, info) => runExec(options.host, user, info.command, accept()));
      session.on("shell", (accept) => {
        const channel = accept();
        channel.stderr.write(SHELL_REFUSED);
        channel.exit(1);
        channel.end();
      });
      session.on("pty", (accept) => accept?.());
      session.on("env", (accept) => accept?.());
      session.on("subsystem", (_accept, reject) => reject?.());
      session.on("sftp", (_accept, reject) => reject?.());
      session.on("x11", (_accept, reject) => reject?.());
      session.on("auth-agent", (_accept, reject) => reject?.());
    });
    client.on("tcpip", (_accept, reject) => reject());
  });
}

const peerAddress = (socket: Socket) => (socket.remoteAddress ?? "").replace(/^::ffff:/, "");

/**
 * An SSH server for one simulated host, on the host's own loopback address. A new connection
 * first passes the host's INPUT chain as management traffic (so only a rule that names it can
 * stop it): a DROP leaves the client waiting, a REJECT resets the connection.
 */
export async function startSshServer(options: SshServerOptions): Promise<SshServer> {
  const hostKey = parseOneKey(options.hostKey);
  if (hostKey instanceof Error) throw new Error(`the host key cannot be read: ${hostKey.message}`);
  const keys = authorizedKeySet(options.authorizedKeys);
  const ssh = new Server(
    {
      hostKeys: [options.hostKey],
      ident: "xdc-twin",
      ...(options.keepaliveIntervalMs !== undefined ? { keepaliveInterval: options.keepaliveIntervalMs } : {}),
      ...(options.keepaliveCountMax !== undefined ? { keepaliveCountMax: options.keepaliveCountMax } : {}),
    },
    (client) => serveClient(client, options, keys),
  );
  const sockets = new Set<Socket>();
  let port = options.port;
  const tcp: NetServer = createServer((socket) => {
    sockets.add(socket);
    // Small request/response packets: without this, Nagle and delayed ACKs add ~40 ms a command.
    socket.setNoDelay(true);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    // The failure switch `unreachable` (docs/twin.md): a host that is down refuses every connection.
    if (options.host.switches.unreachable) {
      socket.resetAndDestroy();
      return;
    }
    const verdict = options.host.filter(
      { direction: "in", protocol: "tcp", src: peerAddress(socket), dst: options.address, sport: socket.remotePort, dport: port, management: true },
      0,
    );
    if (verdict.action === "accept") ssh.injectSocket(socket);
    else if (verdict.action === "reject") socket.resetAndDestroy();
    else socket.pause();
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(options.port, options.address, () => {
      tcp.off("error", reject);
      resolve();
    });
  });
  const address = tcp.address();
  port = typeof address === "object" && address ? address.port : options.port;
  return {
    port,
    hostKeyPublic: publicKeyLine(hostKey),
    fingerprint: fingerprintOf(hostKey.getPublicSSH()),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
}
