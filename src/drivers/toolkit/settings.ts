import type { CallOptions, StreamsApi, StreamsError } from "../streams/api.js";
import type { Job, Operator } from "../streams/models.js";
import { err, ok, type Result } from "../result.js";

/**
 * The Cross-DC Failover toolkit's settings that decide when a datacenter is declared down
 * (reference §3.3), as xdc names them, with the toolkit's key and unit for each. One table:
 * the registry's `submit(…, toolkit: {…})` takes these names, the runtime turns them into
 * submission parameters with it, and the reader below reads them back.
 */
export type ToolkitMode = "active" | "passive";

export interface ToolkitSettings {
  readonly heartbeatMs?: number;
  readonly missesAllowed?: number;
  readonly initDelayMs?: number;
  readonly snapshotIntervalMs?: number;
  readonly mode?: ToolkitMode;
}

type Kind = "duration" | "count" | "mode";
export type ToolkitSettingName = "heartbeat" | "misses_allowed" | "init_delay" | "snapshot_interval" | "mode";

export interface ToolkitKey {
  /** The name in `submit(…, toolkit: {…})`. */
  readonly setting: ToolkitSettingName;
  readonly field: keyof ToolkitSettings;
  /** The toolkit's own key: a submission parameter, or `<namespace>::<Main>_<key>` in the app config. */
  readonly key: string;
  readonly kind: Kind;
  /** The toolkit's value when nothing configures it (reference §3.3), in xdc's units. */
  readonly unconfigured: number | ToolkitMode;
  readonly doc: string;
  /** What else people call it, besides `key`: the checker points these at `setting`. */
  readonly aliases: readonly string[];
}

export const TOOLKIT_KEYS: readonly ToolkitKey[] = [
  { setting: "heartbeat", field: "heartbeatMs", key: "heartbeatExchangeInterval", kind: "duration", unconfigured: 444_444_444_000,
    doc: "`heartbeatExchangeInterval`: the period *H* of the heartbeats and of the watchdog's ticks.",
    aliases: ["heartbeat_interval", "interval"] },
  { setting: "misses_allowed", field: "missesAllowed", key: "consecutiveHeartbeatMissesAllowed", kind: "count", unconfigured: 4,
    doc: "`consecutiveHeartbeatMissesAllowed` *A*: the remote is declared down on the (*A*+1)-th silent tick.",
    aliases: ["misses", "allowed_misses", "heartbeat_misses"] },
  { setting: "init_delay", field: "initDelayMs", key: "crossDCInitDelay", kind: "duration", unconfigured: 40_000,
    doc: "`crossDCInitDelay`: how long the toolkit waits after it starts before its first tick and heartbeat.",
    aliases: ["delay", "initial_delay", "start_delay"] },
  { setting: "snapshot_interval", field: "snapshotIntervalMs", key: "dataSnapshotExchangeInterval", kind: "duration", unconfigured: 888_888_888_000,
    doc: "`dataSnapshotExchangeInterval`: how often the application's state goes to the remote, a multiple of `heartbeat`.",
    aliases: ["snapshot", "snapshots", "data_snapshot_interval"] },
  { setting: "mode", field: "mode", key: "crossDCOperationMode", kind: "mode", unconfigured: "active",
    doc: "`crossDCOperationMode`: `\"active\"` (1) takes over when the remote is declared down, `\"passive\"` (0) only declares it.",
    aliases: ["operation_mode", "operationMode"] },
];

/** The toolkit reads intervals in seconds; fractions are allowed (`0.2`). */
const seconds = (ms: number) => String(Number((ms / 1000).toPrecision(12)));

const WRITE: Readonly<Record<Kind, (v: number | ToolkitMode) => string>> = {
  duration: (v) => seconds(v as number),
  count: (v) => String(v),
  mode: (v) => (v === "passive" ? "0" : "1"),
};

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, "": 1000 };

const READ: Readonly<Record<Kind, (text: string) => number | ToolkitMode | undefined>> = {
  // Seconds, as the toolkit's files have them; a unit as well, as the twin accepts.
  duration: (t) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(t);
    return m ? Math.round(Number(m[1]) * DURATION_UNITS[m[2] ?? ""]!) : undefined;
  },
  count: (t) => (/^\s*\d+\s*$/.test(t) ? Number(t) : undefined),
  mode: (t) => ({ "1": "active", active: "active", "0": "passive", passive: "passive" } as Record<string, ToolkitMode>)[t.trim().toLowerCase()],
};

const EXPECTS: Readonly<Record<Kind, string>> = {
  duration: "a number of seconds",
  count: "a whole number",
  mode: "1 (active) or 0 (passive)",
};

/** The submission parameters that set `settings`, by the toolkit's key, in its units. */
export function toolkitParameters(settings: ToolkitSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of TOOLKIT_KEYS) {
    const v = settings[k.field];
    if (v !== undefined) out[k.key] = WRITE[k.kind](v);
  }
  return out;
}

/** Where a job's setting came from: what the REST API shows of it. */
export type SettingSource =
  /** a submission parameter of the job */
  | "submission"
  /** the application configuration `CrossDCFailover` */
  | "app-config"
  /** the job names a configuration file, which wins over the app config and which REST does not show */
  | "config-file"
  /** nothing xdc can read sets it: the toolkit's built-in default (`unconfigured`) applies, or the bundle's own */
  | "unset";

export interface EffectiveSetting {
  readonly setting: ToolkitSettingName;
  readonly key: string;
  readonly source: SettingSource;
  /** Known only from a submission parameter or the app config. */
  readonly value?: number | ToolkitMode;
  /** The text it was read from. */
  readonly raw?: string;
}

export interface EffectiveToolkitSettings {
  /** The values known, for `detectionBound`. */
  readonly settings: ToolkitSettings;
  /** Every setting of TOOLKIT_KEYS, in its order. */
  readonly entries: readonly EffectiveSetting[];
  /** The `configFileName` submission parameter, when the job names a file. */
  readonly configFile?: string;
  /** Values that are there but cannot be read (`heartbeatExchangeInterval=fast`): the toolkit would not start. */
  readonly problems: readonly string[];
}

export const APP_CONFIG = "CrossDCFailover";

/**
 * The toolkit's effective settings from what a job shows: its submission parameters first,
 * then the app config `CrossDCFailover` (keys `<applicationName>_<key>`). A job that names a
 * configuration file (`configFileName`) takes every key the file sets from it, ahead of the
 * app config (reference §3.3: the file wins), and the file is not visible through REST: what
 * no submission parameter sets is then `config-file`, value unknown. An empty value sets
 * nothing, as for the toolkit.
 */
export function effectiveSettings(
  parameters: readonly { readonly name: string; readonly value: string }[],
  appConfig: Readonly<Record<string, string>> | undefined,
  applicationName: string | undefined,
): EffectiveToolkitSettings {
  const param = (name: string) => {
    const v = parameters.find((p) => p.name === name)?.value;
    return v !== undefined && v.trim() !== "" ? v : undefined;
  };
  const configFile = param("configFileName");
  const fromConfig = (key: string) => {
    const v = applicationName !== undefined ? appConfig?.[`${applicationName}_${key}`] : undefined;
    return v !== undefined && v.trim() !== "" ? v : undefined;
  };
  const settings: Record<string, number | ToolkitMode> = {};
  const problems: string[] = [];
  const entries = TOOLKIT_KEYS.map((k): EffectiveSetting => {
    const submitted = param(k.key);
    const configured = configFile === undefined ? fromConfig(k.key) : undefined;
    const raw = submitted ?? configured;
    const source: SettingSource = submitted !== undefined ? "submission" : configFile !== undefined ? "config-file" : configured !== undefined ? "app-config" : "unset";
    if (raw === undefined) return { setting: k.setting, key: k.key, source };
    const value = READ[k.kind](raw);
    if (value === undefined) {
      problems.push(`${k.key} is ${JSON.stringify(raw)} (${source}); the toolkit expects ${EXPECTS[k.kind]}`);
      return { setting: k.setting, key: k.key, source, raw };
    }
    settings[k.field] = value;
    return { setting: k.setting, key: k.key, source, value, raw };
  });
  return { settings: settings as ToolkitSettings, entries, ...(configFile !== undefined ? { configFile } : {}), problems };
}

/** The toolkit's operators xdc's observer reads; a job without them has no failover to observe. */
export const TOOLKIT_OPERATORS = ["RemoteDataCenterHeartbeatWatchdog", "CrossDataCenterReceiverForHB"] as const;

/** Matched by the end of the name or the kind: `CrossDCFailover.…`, `com.teracloud.streams.crossdcfailover::…`. */
const isOperator = (op: OperatorName, name: string) => op.name === name || op.name.endsWith(`.${name}`) || op.kind.endsWith(`::${name}`);

/** What the match needs of an operator: a job's (REST) or a bundle's (its ADL or twin manifest). */
export type OperatorName = Pick<Operator, "name" | "kind">;

/** The toolkit's operators a job or bundle lacks: all of them for an application built without the toolkit. */
export function missingToolkitOperators(operators: readonly OperatorName[]): string[] {
  return TOOLKIT_OPERATORS.filter((name) => !operators.some((op) => isOperator(op, name)));
}

export interface JobToolkit extends EffectiveToolkitSettings {
  /** TOOLKIT_OPERATORS the job's operator list lacks; empty when the toolkit is there. */
  readonly missingOperators: readonly string[];
}

/**
 * Reads a submitted job's toolkit settings through the REST API: the job's submission
 * parameters (the job as given, or read afresh by id), the app config `CrossDCFailover` (none
 * is no error) and the job's operator list. Three requests at most.
 */
export async function readToolkitSettings(api: StreamsApi, job: Job | string, o?: CallOptions): Promise<Result<JobToolkit, StreamsError>> {
  const found = typeof job === "string" ? await api.job(job, o) : ok(job);
  if (!found.ok) return found;
  const [config, operators] = await Promise.all([api.appConfiguration(APP_CONFIG, o), api.operators(found.value, o)]);
  if (!config.ok) return config;
  if (!operators.ok) return err(operators.error);
  const effective = effectiveSettings(found.value.submitParameters, config.value?.properties, found.value.applicationName);
  return ok({ ...effective, missingOperators: missingToolkitOperators(operators.value) });
}
