import type { DriverContext } from "../drivers/context.js";
import { connectStreams } from "../drivers/streams/index.js";
import { detectionBound, type BoundSettings } from "../drivers/toolkit/bound.js";
import { APP_CONFIG, effectiveSettings, TOOLKIT_KEYS, type SettingSource, type ToolkitSettingName } from "../drivers/toolkit/settings.js";
import { formatQuantity } from "../language/values.js";
import type { LiveDc } from "../runtime/live/environment.js";
import type { BundleContents } from "./bundle-contents.js";
import type { FailoverAwait, SubmitNeed } from "./needs.js";
import { failed, ok, warn, type CheckLine } from "./types.js";

/**
 * `detection`: an `await failover(app, to: X) within T` that can never pass, because X's
 * toolkit declares its peer down later than T after any fault (reference §3.4, the bound of
 * drivers/toolkit/bound.ts, the one XDC4007 applies to what a scenario sets). Each setting is
 * taken as the job will start with it: the scenario's submission (its `toolkit:` or
 * `params:`), else the app config `CrossDCFailover` read from X's instance (keys
 * `<application>_<key>`, the application named by the bundle), else what the bundle itself
 * declares. What none of them sets is unknown (a configuration file, the toolkit's or the
 * twin's defaults): said, never failed.
 */

/** An app config as read from one datacenter: its properties, none, or why it could not be read. */
export type AppConfigReading = { readonly properties?: Readonly<Record<string, string>> } | { readonly problem: string };

type Source = SettingSource | "bundle";

interface Known {
  readonly value?: number;
  readonly source: Source;
}

const BOUND_SETTINGS: readonly { readonly setting: ToolkitSettingName; readonly field: keyof BoundSettings; readonly label: string }[] = [
  { setting: "heartbeat", field: "heartbeatMs", label: "heartbeat" },
  { setting: "misses_allowed", field: "missesAllowed", label: "misses" },
];

const keyOf = (setting: ToolkitSettingName) => TOOLKIT_KEYS.find((k) => k.setting === setting)!.key;

/** One datacenter's settings for one submit, with where each came from. */
export function survivorSettings(submit: SubmitNeed, config: AppConfigReading, bundle: BundleContents | undefined): Map<ToolkitSettingName, Known> {
  const application = bundle?.description?.application;
  const properties = "properties" in config ? config.properties : undefined;
  const job = effectiveSettings(Object.entries(submit.parameters).map(([name, value]) => ({ name, value })), properties, application);
  // The bundle's declarations, read by the same parser as a submission's parameters.
  const declared = effectiveSettings(Object.entries(bundle?.description?.declared ?? {}).map(([name, value]) => ({ name, value })), undefined, undefined);
  const out = new Map<ToolkitSettingName, Known>();
  for (const e of job.entries) {
    const fromBundle = declared.entries.find((d) => d.setting === e.setting);
    const known = e.source === "unset" && fromBundle?.value !== undefined ? { value: fromBundle.value as number, source: "bundle" as const } : { ...(typeof e.value === "number" ? { value: e.value } : {}), source: e.source };
    out.set(e.setting, known);
  }
  return out;
}

const boundOf = (s: Map<ToolkitSettingName, Known>): BoundSettings =>
  Object.fromEntries(BOUND_SETTINGS.flatMap((b) => (s.get(b.setting)?.value !== undefined ? [[b.field, s.get(b.setting)!.value]] : []))) as BoundSettings;

const ms = (n: number) => formatQuantity("Duration", n);

const sourceText = (source: Source, dc: string): string =>
  ({
    submission: "from the scenario",
    "app-config": `from ${dc}'s app config ${APP_CONFIG}`,
    bundle: "declared by the bundle",
    "config-file": "in the job's configuration file, which REST does not show",
    unset: "unset",
  })[source];

const shown = (b: (typeof BOUND_SETTINGS)[number], k: Known, dc: string) =>
  `${b.label} ${b.field === "heartbeatMs" ? ms(k.value!) : k.value} ${sourceText(k.source, dc)}`;

/** Where an unknown setting would have come from, so the line says what to set. */
function unknownWhy(setting: ToolkitSettingName, k: Known | undefined, dc: string, config: AppConfigReading, application: string | undefined): string {
  if (k?.source === "config-file") return `${setting} is in the job's configuration file, which REST does not show`;
  if (k?.source === "submission" || k?.source === "app-config") return `${setting} ${sourceText(k.source, dc)} is not a value the toolkit reads`;
  const configPart =
    "problem" in config
      ? `${dc}'s app config ${APP_CONFIG} could not be read (${config.problem})`
      : application === undefined
        ? "the bundle does not name its application, so its app-config keys are not known"
        : `no ${application}_${keyOf(setting)} in ${dc}'s app config ${APP_CONFIG}${config.properties === undefined ? " (there is none)" : ""}`;
  return `${setting}: not set by the scenario, ${configPart}, not declared by the bundle`;
}

/** The lines of every failover the scenarios await, given the app configs read and the bundles. */
export function detectionLines(awaits: readonly FailoverAwait[], configs: ReadonlyMap<string, AppConfigReading>, bundles: ReadonlyMap<string, BundleContents>): CheckLine[] {
  return awaits.map((a) => detectionLine(a, configs, bundles));
}

function detectionLine(a: FailoverAwait, configs: ReadonlyMap<string, AppConfigReading>, bundles: ReadonlyMap<string, BundleContents>): CheckLine {
  const what = `await failover(${a.app}, to: ${a.to}${a.from !== undefined ? `, from: ${a.from}` : ""}) within ${ms(a.withinMs)} at ${a.at}`;
  if (!a.survivor) return ok("detection", a.to, `not compared: ${what}: the scenario submits ${a.app} to ${a.to} nowhere before it`);
  const config = configs.get(a.to) ?? { problem: "not read" };
  const bundle = bundles.get(a.survivor.bundlePath);
  const own = survivorSettings(a.survivor, config, bundle);
  const unknown = BOUND_SETTINGS.filter((b) => own.get(b.setting)?.value === undefined);
  if (unknown.length > 0) {
    const why = unknown.map((b) => unknownWhy(b.setting, own.get(b.setting), a.to, config, bundle?.description?.application)).join("; ");
    return ok("detection", a.to, `not compared: ${what}: ${a.to}'s detection time is not known before the run (${why})`);
  }
  // The peers' heartbeat sets how early a fault may fall after the last heartbeat; unknown
  // there, the survivor's is assumed, as XDC4007 does: one application, usually one setting.
  const peerHeartbeats = a.peers.map((p) => survivorSettings(p, configs.get(p.dc) ?? { problem: "not read" }, bundles.get(p.bundlePath)).get("heartbeat")?.value).filter((v): v is number => v !== undefined);
  const settings = boundOf(own);
  const bound = detectionBound(settings, { heartbeatMs: Math.max(settings.heartbeatMs!, ...peerHeartbeats) })!;
  const from = BOUND_SETTINGS.map((b) => shown(b, own.get(b.setting)!, a.to)).join(", ");
  const declares = `${a.to}'s toolkit declares a peer down ${ms(bound.minMs)}–${ms(bound.maxMs)} after a fault (${from})`;
  const fix = `raise \`within\` to at least ${ms(bound.maxMs)} plus the time to take over, or lower the heartbeat`;
  if (a.withinMs < bound.minMs) return failed("detection", a.to, `${what} can never pass: ${declares}`, fix);
  if (a.withinMs < bound.maxMs) return warn("detection", a.to, `${what} may run out before the failover: ${declares}`, fix);
  return ok("detection", a.to, `${what}: ${declares}`);
}

/** A datacenter's app config `CrossDCFailover`, read over REST (a GET). */
export async function readAppConfig(dc: LiveDc, ctx: DriverContext, timeoutMs: number): Promise<AppConfigReading> {
  const api = await connectStreams({ url: dc.streams, instanceId: dc.instance, credentials: { user: dc.user, password: dc.password }, ...(dc.tls ? { tls: dc.tls } : {}), timeoutMs, retry: { attempts: 1 } }, ctx);
  if (!api.ok) return { problem: api.error.message };
  try {
    const config = await api.value.appConfiguration(APP_CONFIG);
    if (!config.ok) return { problem: config.error.message };
    return config.value ? { properties: config.value.properties } : {};
  } finally {
    api.value.close();
  }
}
