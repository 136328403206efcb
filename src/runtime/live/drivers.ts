import { streamsFaultPort } from "../../drivers/api-faults/streams-port.js";
import type { DriverContext } from "../../drivers/context.js";
import type { HostKeyPolicy } from "../../drivers/ssh/host-key.js";
import type { SshAuth } from "../../drivers/ssh/auth.js";
import { SshPool } from "../../drivers/ssh/pool.js";
import { connectExchange, type Exchange } from "../../drivers/exchange/index.js";
import { connectJolokia, type JolokiaApi } from "../../drivers/jolokia/index.js";
import { connectStreams, type StreamsApi } from "../../drivers/streams/index.js";
import { connectPrometheus, type PrometheusApi } from "../../drivers/prometheus/index.js";
import { err, ok, type Result } from "../../drivers/result.js";
import { FaultRunner } from "../fault-runner.js";
import { Ledger, type LedgerTarget } from "../ledger.js";
import type { LiveEnvironment } from "./environment.js";

/**
 * How often a call that failed for a passing reason (a 503, a reset, a timeout) is sent again:
 * the run's REST calls, and everything `xdc preflight` asks, so that a flaky control plane is
 * judged the same way before the run as during it. Six sends: at 30 % of requests failing
 * (`xdc sim --flaky 0.3`), three left two runs in ten with a call that failed every time.
 */
export const REST_RETRY = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 } as const;
/** The other services (Data Exchange discovery, Prometheus, Jolokia). */
export const SERVICE_RETRY = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 } as const;

/** Everything a live World talks through, opened once per run and closed at its end. */
export interface LiveDrivers {
  readonly env: LiveEnvironment;
  readonly ctx: DriverContext;
  readonly streams: Readonly<Record<string, StreamsApi>>;
  /**
   * The failover observer's own REST clients, one attempt each: a round must see an error as it
   * came (a 503 is an answer, a reset is none) rather than spend a second retrying it, since
   * the next round asks again anyway.
   */
  readonly watch: Readonly<Record<string, StreamsApi>>;
  /** The Data Exchange of every datacenter that has a data service. */
  readonly exchanges: Readonly<Record<string, Exchange>>;
  /** The Prometheus client of every datacenter that names a server (`prometheus:`). */
  readonly prometheus: Readonly<Record<string, PrometheusApi>>;
  /** The Jolokia agent of every datacenter that names one (`jolokia:`), for `jmx(…)`. */
  readonly jolokias: Readonly<Record<string, JolokiaApi>>;
  readonly ssh: SshPool;
  readonly ledger: Ledger;
  readonly faults: FaultRunner;
  /** The run's id: the ledger's and every host tag's (`xdc.RUN.FAULT`). */
  readonly run: string;
  close(): Promise<void>;
}

export interface DriverOptions {
  readonly env: LiveEnvironment;
  readonly ctx: DriverContext;
  readonly run: string;
  readonly ledgerPath: string;
  /**
   * The ledger already open, shared by scenarios running side by side (`xdc exec --jobs`): one
   * writer, whose appends never interleave, instead of one per scenario. The caller closes it.
   */
  readonly ledger?: Ledger;
  readonly ssh: { readonly auth: SshAuth; readonly hostKeys: HostKeyPolicy };
  /** The embedded twin the run started, if any: the ledger records it, so `xdc recover` knows its faults died with it. */
  readonly target?: LedgerTarget;
  /** REST calls, SSH commands and checks; short on the twin, Streams' own defaults otherwise. */
  readonly timeoutMs?: number;
}

/**
 * Opens the drivers of a run: a REST client per datacenter (its password registered with the
 * redactor first), one SSH pool, the ledger, and the fault runner over both. Nothing is sent
 * yet; a configuration mistake (a URL that is not one, an unusable key) fails here.
 */
export async function openDrivers(o: DriverOptions): Promise<Result<LiveDrivers, string>> {
  for (const dc of o.env.dcs) if (dc.password) o.ctx.redactor.add(dc.password);
  const streams: Record<string, StreamsApi> = {};
  const watch: Record<string, StreamsApi> = {};
  const exchanges: Record<string, Exchange> = {};
  const prometheus: Record<string, PrometheusApi> = {};
  const jolokias: Record<string, JolokiaApi> = {};
  const closeApis = () => [...Object.values(streams), ...Object.values(watch), ...Object.values(exchanges), ...Object.values(prometheus), ...Object.values(jolokias)].forEach((a) => a.close());
  for (const dc of o.env.dcs) {
    const tls = dc.tls ? { tls: dc.tls } : {};
    const rest = { url: dc.streams, instanceId: dc.instance, credentials: { user: dc.user, password: dc.password }, ...tls, timeoutMs: o.timeoutMs ?? 30_000 };
    const api = await connectStreams({ ...rest, retry: REST_RETRY }, o.ctx);
    const watcher = await connectStreams({ ...rest, retry: { attempts: 1 } }, o.ctx);
    if (!api.ok || !watcher.ok) {
      if (api.ok) api.value.close();
      closeApis();
      return err(`datacenter ${dc.name}: ${!api.ok ? api.error.message : !watcher.ok ? watcher.error.message : ""}`);
    }
    streams[dc.name] = api.value;
    watch[dc.name] = watcher.value;
    if (dc.prometheus !== undefined) {
      // The datacenter's credentials go only over HTTPS, to a server whose certificate is
      // checked: most Prometheus servers ask for none, and a password must not cross the
      // network in clear to one that never wanted it.
      const credentials = dc.prometheus.startsWith("https://") && dc.password !== "" ? { credentials: { user: dc.user, password: dc.password } } : {};
      const prom = await connectPrometheus({ url: dc.prometheus, ...credentials, ...tls, timeoutMs: o.timeoutMs ?? 30_000, retry: SERVICE_RETRY }, o.ctx);
      if (!prom.ok) {
        closeApis();
        return err(`datacenter ${dc.name}: prometheus: ${prom.error.message}`);
      }
      prometheus[dc.name] = prom.value;
    }
    if (dc.jolokia !== undefined) {
      // The REST API's user and password, as Jolokia agents set up next to Streams take them; none when the environment gives none.
      const credentials = dc.password !== "" ? { credentials: { user: dc.user, password: dc.password } } : {};
      const jolokia = await connectJolokia({ url: dc.jolokia, ...credentials, ...tls, timeoutMs: o.timeoutMs ?? 10_000, retry: SERVICE_RETRY }, o.ctx);
      if (!jolokia.ok) {
        closeApis();
        return err(`datacenter ${dc.name}: jolokia: ${jolokia.error.message}`);
      }
      jolokias[dc.name] = jolokia.value;
    }
    if (dc.data === undefined) continue;
    const exchange = await connectExchange({ url: dc.data, credentials: { user: dc.user, password: dc.password }, ...tls, timeoutMs: o.timeoutMs ?? 10_000 }, o.ctx);
    if (!exchange.ok) {
      closeApis();
      return err(`datacenter ${dc.name}: ${exchange.error.message}`);
    }
    exchanges[dc.name] = exchange.value;
  }
  const pool = SshPool.create({ auth: o.ssh.auth, hostKeys: o.ssh.hostKeys, clock: o.ctx.clock, connectTimeoutMs: 10_000, commandTimeoutMs: o.timeoutMs ?? 30_000 });
  if (!pool.ok) {
    closeApis();
    return err(pool.error);
  }
  const ledger = o.ledger !== undefined ? ok(o.ledger) : await Ledger.open(o.ledgerPath);
  if (!ledger.ok) {
    closeApis();
    await pool.value.close();
    return err(ledger.error.message);
  }
  const faults = new FaultRunner({ shell: pool.value, api: streamsFaultPort(streams), ledger: ledger.value, clock: o.ctx.clock, by: "run", ...(o.target ? { target: o.target } : {}) });
  return ok({
    env: o.env,
    ctx: o.ctx,
    streams,
    watch,
    exchanges,
    prometheus,
    jolokias,
    ssh: pool.value,
    ledger: ledger.value,
    faults,
    run: o.run,
    close: async () => {
      closeApis();
      await pool.value.close();
      if (o.ledger === undefined) await ledger.value.close();
    },
  });
}
