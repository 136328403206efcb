import type { JournalEvent } from "../runtime/journal/events.js";
import { place } from "./model.js";
import { formatCount, formatDuration } from "../text/numbers.js";
import { workloadName } from "./text.js";
import { toolkitLine } from "./toolkit.js";

/**
 * One line of plain text per notable event, for the JSON summary's `events` and the HTML
 * report's narrative. Samples are left out (the charts and series statistics show them),
 * and so are debug logs.
 */
const LINE: { readonly [K in JournalEvent["kind"]]: ((e: Extract<JournalEvent, { kind: K }>) => string | undefined) | undefined } = {
  "run.start": (e) => `run started on environment ${e.environment} (seed ${e.seed})`,
  "scenario.start": (e) => `scenario started (${e.file}${e.params ? `; ${Object.entries(e.params).map(([k, v]) => `${k} = ${v}`).join(", ")}` : ""})`,
  "phase.start": (e) => `${e.phase} started`,
  "phase.end": (e) => `${e.phase} ${e.ok ? "finished" : "failed"}`,
  action: (e) => `${e.ok ? "" : "FAILED "}${e.what}${e.detail !== undefined ? `: ${e.detail}` : ""}`,
  "fault.applied": (e) => `fault ${e.id} applied: ${e.what}`,
  "fault.reverted": (e) => `fault ${e.id} (${e.fault}) ${e.status}${e.problems.length > 0 ? `: ${e.problems.join("; ")}` : ""}`,
  role: (e) => `${e.dc} is ${e.role}${e.signals.length > 0 ? ` (${e.signals.join(", ")})` : ""}`,
  toolkit: (e) => toolkitLine(e),
  failover: (e) => `failover ${e.from} → ${e.to}: RTO ${formatDuration(e.rtoMs)}, detected after ${formatDuration(e.detectionMs)}`,
  sample: undefined,
  "series.sample": undefined,
  data: (e) => `${workloadName(e)} at ${e.sink}: sent ${formatCount(e.sent)}, received ${formatCount(e.received)}, lost ${formatCount(e.lost)}, duplicates ${formatCount(e.duplicates)}`,
  expect: (e) => `${e.deferred === true ? "recorded for the repeats" : e.ok ? "pass" : e.noData ? "no data" : "FAIL"}: ${e.source}: expected ${e.expected}, actual ${e.actual}`,
  log: (e) => (e.level === "debug" ? undefined : `${e.level}: ${e.message}`),
  "scenario.end": (e) => `scenario ended: ${e.verdict}${e.reason !== undefined ? ` (${e.reason})` : ""}`,
  "run.end": (e) => `run ended with exit code ${e.exitCode}${e.interrupted ? " (interrupted)" : ""}`,
};

export interface NarrativeLine {
  readonly t: number;
  readonly kind: JournalEvent["kind"];
  readonly text: string;
  readonly location?: string;
}

export function narrativeLine(e: JournalEvent): NarrativeLine | undefined {
  const line = LINE[e.kind] as ((e: JournalEvent) => string | undefined) | undefined;
  const text = line?.(e);
  if (text === undefined) return undefined;
  const location = place(e.span);
  return { t: e.t, kind: e.kind, text, ...(location !== undefined ? { location } : {}) };
}
