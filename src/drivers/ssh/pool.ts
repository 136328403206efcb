import type { Client } from "ssh2";
import { prepareAuth, type SshAuth } from "./auth.js";
import { openConnection, type ConnectSettings, type Connection } from "./connect.js";
import type { Clock } from "../../runtime/clock.js";
import { execOn } from "./exec.js";
import type { HostKeyPolicy } from "./host-key.js";
import { Limit } from "./limit.js";
import { targetKey, type ExecResult, type RemoteShell, type SshError, type SshTarget } from "./types.js";
import { err, ok, type Result } from "../result.js";

export interface SshPoolOptions {
  readonly auth: SshAuth;
  /** Host-key checking; `{ kind: "off" }` must be asked for by name. */
  readonly hostKeys: HostKeyPolicy;
  /** Per-command timeouts run on it. */
  readonly clock: Clock;
  readonly connectTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
  readonly keepaliveIntervalMs?: number;
  readonly keepaliveCountMax?: number;
  /** Commands running at once on one host. */
  readonly maxChannelsPerHost?: number;
}

/** What a pooled connection tells about itself: for the ledger and for never cutting it. */
export interface SessionInfo {
  readonly hostKey: string;
  /** This end's address as the socket sees it; absent through a jump host. */
  readonly localAddress: string | undefined;
}

interface Entry {
  readonly limit: Limit;
  connection?: Promise<Result<Connection, SshError>>;
}

const DEFAULTS = { connectTimeoutMs: 10_000, commandTimeoutMs: 30_000, keepaliveIntervalMs: 15_000, keepaliveCountMax: 3, maxChannelsPerHost: 8 };

/**
 * SSH connections, one per host (and way of reaching it), opened on first use and reused by
 * every later command; a connection that dies is forgotten and the next command opens a new
 * one. Jump hosts are pooled like any other host.
 */
export class SshPool implements RemoteShell {
  private readonly entries = new Map<string, Entry>();
  private readonly ended = new WeakSet<Client>();
  private readonly settings: ConnectSettings;
  private readonly options: Required<Omit<SshPoolOptions, "auth" | "hostKeys">>;
  private closed = false;

  private constructor(settings: ConnectSettings, options: SshPoolOptions) {
    this.settings = settings;
    this.options = { ...DEFAULTS, ...options };
  }

  /** A pool, or why its keys cannot be used. */
  static create(options: SshPoolOptions): Result<SshPool, string> {
    const auth = prepareAuth(options.auth);
    if (!auth.ok) return auth;
    const o = { ...DEFAULTS, ...options };
    return ok(new SshPool({ auth: auth.value, hostKeys: options.hostKeys, readyTimeoutMs: o.connectTimeoutMs, keepaliveIntervalMs: o.keepaliveIntervalMs, keepaliveCountMax: o.keepaliveCountMax }, options));
  }

  /** Opens (or reuses) the connection to `target` and describes it. */
  async session(target: SshTarget): Promise<Result<SessionInfo, SshError>> {
    const c = await this.connection(target);
    return c.ok ? ok({ hostKey: c.value.hostKey, localAddress: c.value.localAddress }) : c;
  }

  async exec(target: SshTarget, line: string, options: { readonly timeoutMs?: number } = {}): Promise<Result<ExecResult, SshError>> {
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs;
    return this.entry(target).limit.run(async () => {
      // A command that never got a channel never ran, so it is safe to try once more on a fresh connection.
      for (let attempt = 0; ; attempt++) {
        const c = await this.connection(target);
        if (!c.ok) return c;
        const r = await execOn(c.value.client, target.name, line, timeoutMs, this.options.clock);
        if (r.ok || r.error.code !== "channel" || attempt > 0) return r;
        this.forget(target, c.value.client);
      }
    });
  }

  /** Ends every connection; later calls fail with `closed`. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.entries.values()].map((e) => e.connection);
    this.entries.clear();
    await Promise.all(
      all.map(async (p) => {
        const c = await p;
        if (c?.ok && !this.ended.has(c.value.client)) await endClient(c.value.client);
      }),
    );
  }

  private entry(target: SshTarget): Entry {
    const key = targetKey(target);
    let e = this.entries.get(key);
    if (!e) {
      e = { limit: new Limit(this.options.maxChannelsPerHost) };
      this.entries.set(key, e);
    }
    return e;
  }

  private connection(target: SshTarget): Promise<Result<Connection, SshError>> {
    if (this.closed) return Promise.resolve(err({ code: "closed", host: target.name, message: "the SSH pool is closed" }));
    const e = this.entry(target);
    if (!e.connection) {
      const opening = this.open(target);
      e.connection = opening;
      void opening.then((c) => {
        if (!c.ok) {
          if (e.connection === opening) e.connection = undefined;
          return;
        }
        const drop = () => {
          this.ended.add(c.value.client);
          this.forget(target, c.value.client);
        };
        c.value.client.on("close", drop).on("end", drop).on("error", drop);
      });
    }
    return e.connection;
  }

  private async open(target: SshTarget): Promise<Result<Connection, SshError>> {
    let via: Client | undefined;
    if (target.jump) {
      const jump = await this.connection(target.jump);
      if (!jump.ok) return err({ ...jump.error, message: `through jump host: ${jump.error.message}` });
      via = jump.value.client;
    }
    return openConnection(target, this.settings, via);
  }

  private forget(target: SshTarget, client: Client): void {
    const e = this.entries.get(targetKey(target));
    if (!e?.connection) return;
    const current = e.connection;
    void current.then((c) => {
      if (c.ok && c.value.client === client && e.connection === current) {
        e.connection = undefined;
        client.end();
      }
    });
  }
}

const endClient = (client: Client): Promise<void> =>
  new Promise((resolve) => {
    client.once("close", () => resolve());
    client.end();
  });
