import { connect as tcpConnect } from "node:net";
import type { Readable } from "node:stream";
import ssh2, { type Client } from "ssh2";
import { authMethods, type PreparedAuth } from "./auth.js";
import { algorithmsFor, checkHostKey, keyTypeOf, type HostKeyPolicy } from "./host-key.js";
import { type SshError, type SshTarget } from "./types.js";
import { err, ok, type Result } from "../result.js";

export interface ConnectSettings {
  readonly auth: PreparedAuth;
  readonly hostKeys: HostKeyPolicy;
  /** From the first TCP packet to an authenticated session. */
  readonly readyTimeoutMs: number;
  readonly keepaliveIntervalMs: number;
  readonly keepaliveCountMax: number;
}

export interface Connection {
  readonly client: Client;
  /** The key the host presented, `ssh-ed25519 AAAA…`: the ledger keeps it so `xdc recover` can check the same key. */
  readonly hostKey: string;
  /** This end of the TCP connection; absent when the connection runs through a jump host. */
  readonly localAddress: string | undefined;
}

const where = (t: SshTarget) => `${t.name} (${t.user}@${t.address}:${t.port})`;

interface Ssh2Error extends Error {
  level?: string;
  code?: string;
}

function classify(e: Ssh2Error, t: SshTarget, settings: ConnectSettings): SshError {
  switch (e.level) {
    case "client-authentication": {
      const tried = [`${settings.auth.keys.length} key${settings.auth.keys.length === 1 ? "" : "s"}`, ...(settings.auth.agent ? ["the agent's keys"] : [])].join(" and ");
      return { code: "auth", host: t.name, message: `${where(t)} accepted none of ${tried}` };
    }
    case "client-timeout":
      return { code: "timeout", host: t.name, message: `no SSH session with ${where(t)} within ${settings.readyTimeoutMs} ms` };
    default:
      return { code: "connect", host: t.name, message: `cannot reach ${where(t)}: ${e.code ?? e.message}` };
  }
}

/**
 * Opens one authenticated SSH connection to `target`, over its own TCP socket with Nagle off
 * (small request/response packets otherwise wait ~40 ms on delayed ACKs), or through `via`,
 * an open connection to the target's jump host.
 */
export function openConnection(target: SshTarget, settings: ConnectSettings, via?: Client): Promise<Result<Connection, SshError>> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let keyError: SshError | undefined;
    let presented = "";
    let localAddress: string | undefined;
    let settled = false;
    const settle = (r: Result<Connection, SshError>) => {
      if (settled) return;
      settled = true;
      if (!r.ok) client.end();
      resolve(r);
    };
    client.on("ready", () => settle(ok({ client, hostKey: presented, localAddress })));
    client.on("error", (e: Ssh2Error) => settle(err(keyError ?? classify(e, target, settings))));
    client.on("close", () => settle(err(keyError ?? { code: "closed", host: target.name, message: `${where(target)} closed the connection during the handshake` })));
    const serverHostKey = algorithmsFor(settings.hostKeys, target);
    const start = (sock: Readable) =>
      client.connect({
        sock,
        username: target.user,
        authHandler: authMethods(settings.auth, target.user),
        hostVerifier: (key: Buffer) => {
          presented = `${keyTypeOf(key)} ${key.toString("base64")}`;
          keyError = checkHostKey(settings.hostKeys, target, key);
          return keyError === undefined;
        },
        ...(serverHostKey ? { algorithms: { serverHostKey } } : {}),
        readyTimeout: settings.readyTimeoutMs,
        keepaliveInterval: settings.keepaliveIntervalMs,
        keepaliveCountMax: settings.keepaliveCountMax,
      });
    if (via) {
      const unreachable = (e: Error) => settle(err({ code: "connect", host: target.name, message: `the jump host cannot reach ${where(target)}: ${e.message}` }));
      try {
        via.forwardOut("127.0.0.1", 0, target.address, target.port, (e, stream) => (e ? unreachable(e) : start(stream)));
      } catch (e) {
        unreachable(e as Error);
      }
      return;
    }
    const socket = tcpConnect({ host: target.address, port: target.port, noDelay: true });
    socket.once("connect", () => (localAddress = socket.localAddress?.replace(/^::ffff:/, "")));
    start(socket);
  });
}
