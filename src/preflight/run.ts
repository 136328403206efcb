import type { DriverContext } from "../drivers/context.js";
import type { FaultHost } from "../drivers/faults/types.js";
import type { HostKeyPolicy } from "../drivers/ssh/host-key.js";
import type { SshAuth } from "../drivers/ssh/auth.js";
import { SshPool } from "../drivers/ssh/pool.js";
import type { Clock } from "../runtime/clock.js";
import type { LiveDc, LiveEnvironment } from "../runtime/live/environment.js";
import { silentLogger } from "../runtime/logger.js";
import { seededRandom } from "../runtime/random.js";
import { Redactor } from "../runtime/redact.js";
import { checkExchange } from "./check-exchange.js";
import { checkBundle, checkDataFile, type BundleCheck } from "./check-files.js";
import { detectionLines, readAppConfig, type AppConfigReading } from "./check-toolkit.js";
import { checkHost } from "./check-host.js";
import { checkPrometheus } from "./check-prometheus.js";
import { checkRest } from "./check-rest.js";
import type { Needs } from "./needs.js";
import { failed, passed, type CheckLine } from "./types.js";

export interface PreflightOptions {
  readonly env: LiveEnvironment;
  readonly needs: Needs;
  readonly ssh: { readonly auth: SshAuth; readonly hostKeys: HostKeyPolicy };
  readonly clock: Clock;
  /** Each request and command; a check that waits longer fails. */
  readonly timeoutMs: number;
  readonly maxSkewMs: number;
}

/** The `detection` lines: the bundles as read, and the app config of each datacenter a failover is awaited in or from. */
async function detection(o: PreflightOptions, bundleChecks: Promise<readonly (readonly [string, BundleCheck])[]>, rest: ReadonlyMap<string, Promise<CheckLine[]>>, ctx: DriverContext): Promise<CheckLine[]> {
  const awaits = o.needs.failoverAwaits;
  if (awaits.length === 0) return [];
  const involved = new Set(awaits.flatMap((a) => [a.to, ...a.peers.map((p) => p.dc)]));
  // After the datacenter's REST checks, and only when they passed: a failed `rest` line stands
  // for its datacenter's REST checks, and the requests go in the order they always went.
  const read = async (dc: LiveDc): Promise<readonly [string, AppConfigReading]> => {
    const lines = await rest.get(dc.name)!;
    const reading = passed(lines) ? await readAppConfig(dc, ctx, o.timeoutMs) : { problem: "its REST checks failed" };
    return [dc.name, reading];
  };
  const [checks, configs] = await Promise.all([bundleChecks, Promise.all(o.env.dcs.filter((d) => involved.has(d.name)).map(read)).then((r) => new Map(r))]);
  const bundles = new Map(checks.flatMap(([path, c]) => (c.contents ? [[path, c.contents] as const] : [])));
  return detectionLines(awaits, configs, bundles);
}

/**
 * Every check the needs call for, against the environment, all at once (each datacenter and
 * each host on its own, every request bounded by `timeoutMs`), in a fixed order: the scenario's
 * own problems, files, datacenters, then hosts by name. Changes nothing anywhere.
 */
export async function runPreflight(o: PreflightOptions): Promise<CheckLine[]> {
  const redactor = new Redactor();
  for (const dc of o.env.dcs) if (dc.password) redactor.add(dc.password);
  const ctx: DriverContext = { clock: o.clock, random: seededRandom(1), logger: silentLogger, redactor };
  const pool = SshPool.create({ auth: o.ssh.auth, hostKeys: o.ssh.hostKeys, clock: o.clock, connectTimeoutMs: o.timeoutMs, commandTimeoutMs: o.timeoutMs });
  const endpoints = [...o.needs.endpoints.values()];
  const hostKeySource = o.ssh.hostKeys.kind === "off" ? "not checked" : `known_hosts (${o.ssh.hostKeys.file})`;
  const hosts = [...o.needs.hosts.values()].sort((a, b) => a.host.localeCompare(b.host));
  const hostOf = (name: string): FaultHost | undefined => o.env.dcs.flatMap((d) => d.hosts).find((h) => h.ssh.name === name);
  try {
    const restChecks = new Map<string, Promise<CheckLine[]>>();
    const awaited = new Set(o.needs.failoverAwaits.map((a) => a.survivor?.bundlePath));
    const bundleChecks = Promise.all([...o.needs.bundles].map(async ([path, written]) => [path, await checkBundle(path, written, awaited.has(path))] as const));
    const groups: Promise<CheckLine[]>[] = [
      Promise.resolve(o.needs.problems.map((p) => failed("fault", o.env.name, p, "list the datacenter's hosts (`hosts: [host(…)]`) in the environment file"))),
      bundleChecks.then((checks) => checks.flatMap(([, c]) => c.lines)),
      Promise.all([...o.needs.dataFiles.values()].map((need) => checkDataFile(need.written, need))),
      // A query that names no datacenter asks the one server they all name: there must be one.
      Promise.resolve(
        o.needs.prometheus.has("*") && o.env.dcs.every((dc) => dc.prometheus === undefined)
          ? [failed("prometheus", o.env.name, "a scenario queries Prometheus, and no datacenter of the environment names a server", "set `prometheus` in the environment file to the server's base URL, such as http://prometheus:9090")]
          : [],
      ),
      ...o.env.dcs.map(async (dc) => {
        const restCheck = checkRest(o.env, dc, ctx, o.timeoutMs);
        restChecks.set(dc.name, restCheck);
        const [rest, exchange, prometheus] = await Promise.all([
          restCheck,
          checkExchange(dc, endpoints, ctx, o.timeoutMs),
          o.needs.prometheus.has(dc.name) || o.needs.prometheus.has("*") ? checkPrometheus(dc, ctx, o.timeoutMs, o.needs.prometheus.has(dc.name)) : Promise.resolve([]),
        ]);
        return [...rest, ...exchange, ...prometheus];
      }),
      // After the datacenters' groups, which have started their REST checks by now.
      detection(o, bundleChecks, restChecks, ctx),
      ...hosts.map(async (need) => {
        const host = hostOf(need.host);
        if (!host) return [failed("fault", need.host, `the faults act on ${need.host}, which the environment does not list`, "list it under its datacenter's `hosts`")];
        if (!pool.ok) return [failed("login", need.host, pool.error, "give a key xdc can use with --identity")];
        return checkHost(host, need, { pool: pool.value, clock: o.clock, timeoutMs: o.timeoutMs, maxSkewMs: o.maxSkewMs, hostKeySource });
      }),
    ];
    const lines = (await Promise.all(groups)).flat();
    return lines.map((l) => ({ ...l, detail: redactor.redact(l.detail), ...(l.fix !== undefined ? { fix: redactor.redact(l.fix) } : {}) }));
  } finally {
    if (pool.ok) await pool.value.close();
  }
}
