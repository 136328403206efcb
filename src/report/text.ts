import type { Figures } from "../runtime/journal/events.js";
import { formatCount, formatDuration } from "../text/numbers.js";
import { place, type Expectation, type ScenarioReport } from "./model.js";

/** Plain-text lines shared by the reports that show text: JUnit bodies and messages. */

const FIGURE_LABELS: readonly (readonly [keyof Figures, string, "ms" | "tuples"])[] = [
  ["rtoMs", "RTO", "ms"],
  ["detectionMs", "detection", "ms"],
  ["rpoMs", "RPO", "ms"],
  ["rpoTuples", "RPO in tuples", "tuples"],
  ["lostTuples", "lost", "tuples"],
  ["duplicateTuples", "duplicates", "tuples"],
  ["sentTuples", "sent", "tuples"],
  ["receivedTuples", "received", "tuples"],
];

/** How every report names a workload: the `let` it was bound to (`load`), else its id (`w1`). */
export const workloadName = (d: { readonly workload: string; readonly name?: string }): string => d.name ?? d.workload;

/** `file:line:col: ` before a message, or nothing when the event has no place. */
const at = (where: string | undefined): string => (where === undefined ? "" : `${where}: `);

/** A duration as people read it (src/text/numbers.ts): `698 ms`, `11.1 s`. */
export const seconds = (ms: number): string => formatDuration(ms);

/** The figures that were measured, as `label value` pairs in a fixed order. */
export const figureList = (figures: Figures): { key: keyof Figures; label: string; value: string }[] =>
  FIGURE_LABELS.flatMap(([key, label, unit]) => {
    const v = figures[key];
    return v === undefined ? [] : [{ key, label, value: unit === "ms" ? formatDuration(v) : `${formatCount(v)} tuples` }];
  });

/** `file:line:col: expect …: expected X, actual Y (message)` */
export const expectationLine = (x: Expectation): string =>
  `${at(place(x.span))}${x.verdict.toUpperCase()} ${x.source}: expected ${x.expected}, actual ${x.actual}${x.message !== undefined ? ` (${x.message})` : ""}`;

/** The headline of what went wrong (or why nothing could be judged), pointing at a line. */
export function problemLine(s: ScenarioReport): string {
  const failed = s.expectations.filter((x) => x.verdict === "fail");
  if (s.verdict === "fail" && failed.length > 0) {
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : "";
    return `${expectationLine(failed[0]!)}${more}`;
  }
  const where = place(s.endSpan ?? s.span);
  const why = s.reason ?? (s.verdict === "no-data" ? "nothing to judge" : s.verdict);
  return `${at(where)}${s.errorClass !== undefined ? `${s.errorClass}: ` : ""}${why}`;
}

/** The body of a scenario's report: figures, then every expectation. */
export function scenarioText(s: ScenarioReport): string {
  const figures = figureList(s.figures).map((f) => `${f.label}: ${f.value}`);
  return [
    `scenario: ${s.name} (${s.file})`,
    `verdict: ${s.verdict}${s.reason !== undefined ? ` (${s.reason})` : ""}`,
    ...(figures.length > 0 ? [`figures: ${figures.join(", ")}`] : []),
    ...s.data.map((d) => `data: ${workloadName(d)} at ${d.sink}: sent ${formatCount(d.sent)}, received ${formatCount(d.received)}, lost ${formatCount(d.lost)}, duplicates ${formatCount(d.duplicates)}${d.rpoMs !== undefined ? `, RPO ${formatDuration(d.rpoMs)}` : ""}`),
    ...s.expectations.flatMap((x) => [expectationLine(x), ...(x.findings ?? []).map((f) => `  ${f}`)]),
  ].join("\n");
}
