/**
 * The Cross-DC Failover toolkit's parameters for one job (reference §3.3), each taken from the
 * job's submission parameters, else the bundle manifest's `toolkit.parameters`, else the
 * twin's defaults. The real toolkit's unconfigured defaults (heartbeats every 444444444 s,
 * a 40 s start delay) would make a twin useless, so the twin's defaults are short; `xdc sim
 * --heartbeat-interval/--misses-allowed` change them for every job that sets nothing.
 *
 * Intervals are seconds, as in the toolkit's configuration files, and may be fractions
 * (`0.2`); a value may also carry a unit (`200ms`, `2s`, `1m`).
 */
export interface ToolkitParams {
  readonly localDataCenterName: string;
  readonly remoteDataCenterName: string;
  /** active (1): a remote declared DOWN is taken over; passive (0): nothing happens */
  readonly mode: "active" | "passive";
  readonly heartbeatIntervalMs: number;
  readonly missesAllowed: number;
  /** 0 = no snapshots; fires on ticks where heartbeatCnt × H is a multiple of it */
  readonly snapshotIntervalMs: number;
  readonly initDelayMs: number;
  /** the heartbeat port; data channel `ch` uses port + 1 + ch (rules may name them) */
  readonly httpPort: number;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** explicit remote machine list; empty = the remote datacenter's hosts from the peer table */
  readonly remoteMachines: readonly string[];
  readonly sendToAllRemoteMachines: boolean;
  readonly retainOlderDataSnapshotsAtStartup: boolean;
  readonly sendDataSnapshotsToOriginDCAtStartup: boolean;
}

export interface ParamDefaults {
  readonly heartbeatIntervalMs: number;
  readonly missesAllowed: number;
  /** the datacenter the job runs in */
  readonly localName: string;
  /** the other datacenter, when the twin has exactly two */
  readonly remoteName: string;
}


export type ParamSource = (name: string) => string | number | boolean | undefined;

export type ParamsResult = { ok: true; params: ToolkitParams } | { ok: false; message: string };

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, "": 1000 };

/** `0.2` (seconds), `200ms`, `2s`, `1m` → milliseconds; undefined when unreadable or negative. */
export function parseSeconds(value: string | number | boolean): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2] ?? ""]!);
}

const bool = (v: string | number | boolean): boolean | undefined =>
  typeof v === "boolean" ? v : ({ true: true, "1": true, false: false, "0": false } as Record<string, boolean>)[String(v).trim().toLowerCase()];

const wholeNumber = (v: string | number | boolean): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

const mode = (v: string | number | boolean): "active" | "passive" | undefined =>
  ({ "1": "active", active: "active", "0": "passive", passive: "passive" } as const)[String(v).trim().toLowerCase() as "1"];

interface Rule<T> {
  readonly read: (v: string | number | boolean) => T | undefined;
  readonly fallback: (d: ParamDefaults, p: Partial<Record<string, unknown>>) => T;
  readonly expects: string;
}

const rule = <T>(read: Rule<T>["read"], expects: string, fallback: Rule<T>["fallback"]): Rule<T> => ({ read, fallback, expects });
const seconds = (fallback: Rule<number>["fallback"]) => rule(parseSeconds, "a number of seconds or a duration such as 200ms", fallback);
const text = (fallback: Rule<string>["fallback"]) => rule((v) => (String(v).trim() === "" ? undefined : String(v).trim()), "a name", fallback);

/** Every key the twin reads, with how to read it and what it is without a value. */
const RULES = {
  localDataCenterName: text((d) => d.localName),
  remoteDataCenterName: text((d) => d.remoteName),
  crossDCOperationMode: rule(mode, "1 (active) or 0 (passive)", () => "active" as const),
  heartbeatExchangeInterval: seconds((d) => d.heartbeatIntervalMs),
  consecutiveHeartbeatMissesAllowed: rule(wholeNumber, "a whole number", (d) => d.missesAllowed),
  dataSnapshotExchangeInterval: seconds((_, p) => 5 * (p.heartbeatExchangeInterval as number)),
  crossDCInitDelay: seconds(() => 0),
  crossDCHttpPort: rule(wholeNumber, "a port number", () => 25091),
  // The toolkit's own: a slow link delays heartbeats, it does not lose them.
  httpConnectionTimeout: seconds(() => 25_000),
  httpReadTimeout: seconds(() => 100_000),
  remoteDataCenterApplicationMachineNames: rule(
    (v) => String(v).split(",").map((s) => s.trim()).filter(Boolean),
    "a comma-separated list of host names",
    () => [] as string[],
  ),
  sendToAllRemoteMachines: rule(bool, "true or false", () => false),
  retainOlderDataSnapshotsAtStartup: rule(bool, "true or false", () => false),
  sendDataSnapshotsToOriginDCAtStartup: rule(bool, "true or false", () => false),
} as const;

type Key = keyof typeof RULES;
type Values = { [K in Key]: ReturnType<(typeof RULES)[K]["fallback"]> };

/**
 * Reads every parameter from the first source that has a non-empty value for it (submission
 * parameters first, then the manifest), falling back to the defaults. A value that cannot be
 * read is an error, as a toolkit with a bad configuration file does not start.
 */
export function resolveParams(sources: readonly ParamSource[], defaults: ParamDefaults): ParamsResult {
  const values: Partial<Record<string, unknown>> = {};
  for (const key of Object.keys(RULES) as Key[]) {
    const r = RULES[key] as Rule<unknown>;
    const given = sources.map((s) => s(key)).find((v) => v !== undefined && String(v).trim() !== "");
    if (given === undefined) {
      values[key] = r.fallback(defaults, values);
      continue;
    }
    const read = r.read(given);
    if (read === undefined) return { ok: false, message: `the toolkit parameter ${key} is ${JSON.stringify(given)}; expected ${r.expects}` };
    values[key] = read;
  }
  const v = values as Values;
  if (v.heartbeatExchangeInterval <= 0) return { ok: false, message: "the toolkit parameter heartbeatExchangeInterval must be more than 0" };
  return {
    ok: true,
    params: {
      localDataCenterName: v.localDataCenterName,
      remoteDataCenterName: v.remoteDataCenterName,
      mode: v.crossDCOperationMode,
      heartbeatIntervalMs: v.heartbeatExchangeInterval,
      missesAllowed: v.consecutiveHeartbeatMissesAllowed,
      snapshotIntervalMs: v.dataSnapshotExchangeInterval,
      initDelayMs: v.crossDCInitDelay,
      httpPort: v.crossDCHttpPort,
      connectTimeoutMs: v.httpConnectionTimeout,
      readTimeoutMs: v.httpReadTimeout,
      remoteMachines: v.remoteDataCenterApplicationMachineNames,
      sendToAllRemoteMachines: v.sendToAllRemoteMachines,
      retainOlderDataSnapshotsAtStartup: v.retainOlderDataSnapshotsAtStartup,
      sendDataSnapshotsToOriginDCAtStartup: v.sendDataSnapshotsToOriginDCAtStartup,
    },
  };
}
