import type { JournalEvent, ToolkitSettingsRecord } from "../runtime/journal/events.js";

type ToolkitEvent = Extract<JournalEvent, { kind: "toolkit" }>;

/** The settings in the order and words of `submit(…, toolkit: {…})`, each with how to show its value. */
const ROWS: readonly { readonly setting: string; readonly label: string; readonly show: (s: ToolkitSettingsRecord) => string | undefined }[] = [
  { setting: "heartbeat", label: "heartbeat", show: (s) => ms(s.heartbeatMs) },
  { setting: "misses_allowed", label: "misses allowed", show: (s) => s.missesAllowed?.toString() },
  { setting: "init_delay", label: "init delay", show: (s) => ms(s.initDelayMs) },
  { setting: "snapshot_interval", label: "snapshot interval", show: (s) => ms(s.snapshotIntervalMs) },
  { setting: "mode", label: "mode", show: (s) => s.mode },
];

function ms(n: number | undefined): string | undefined {
  if (n === undefined) return undefined;
  return n % 1000 === 0 ? `${n / 1000}s` : `${n}ms`;
}

/** A setting as the reports show it: `200ms (submission)`, `unset`, `from the configuration file`. */
export function toolkitCells(e: ToolkitEvent): { readonly label: string; readonly text: string }[] {
  return ROWS.map((r) => {
    const source = e.sources[r.setting] ?? "unset";
    const value = r.show(e.settings);
    const text = value !== undefined ? `${value} (${source})` : source === "config-file" ? "in the configuration file" : source === "unset" ? "unset" : `unreadable (${source})`;
    return { label: r.label, text };
  });
}

/** `400ms–800ms`: from a fault to the peer declared down, when the settings tell. */
export const detectionRange = (e: ToolkitEvent) => (e.detection !== undefined ? `${ms(e.detection.minMs)}–${ms(e.detection.maxMs)}` : undefined);

/** The time from a fault to the peer declared down, or why it is not known. */
export const detectionText = (e: ToolkitEvent) => {
  const range = detectionRange(e);
  return range !== undefined ? `declares its peer down ${range} after a fault` : "detection time unknown (heartbeat or misses allowed not readable)";
};

/** Whether the event tells anything beyond "nothing readable is set": what the console's summary shows. */
export const toolkitTells = (e: ToolkitEvent): boolean =>
  Object.values(e.sources).some((s) => s !== "unset") || e.configFile !== undefined || e.missingOperators.length > 0 || e.problems.length > 0;

/** One line: `dc2 job 3 (FailoverDemo): heartbeat 200ms (submission), …; declares its peer down 400ms–800ms after a fault`. */
export function toolkitLine(e: ToolkitEvent): string {
  const parts = [
    `toolkit on ${e.dc}, job ${e.job} (${e.app}): ${toolkitCells(e).map((c) => `${c.label} ${c.text}`).join(", ")}`,
    detectionText(e),
    ...(e.configFile !== undefined ? [`configuration file ${e.configFile}, which the REST API does not show`] : []),
    ...(e.missingOperators.length > 0 ? [`the job lacks the toolkit's ${e.missingOperators.join(", ")}`] : []),
    ...e.problems,
  ];
  return parts.join("; ");
}
