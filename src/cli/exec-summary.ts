import type { JournalEvent } from "../runtime/journal/events.js";

const seconds = (ms: number | undefined) => (ms === undefined ? "-" : `${(ms / 1000).toFixed(3)}s`);

/**
 * The summary a run ends with, one block per scenario, from the journal alone: verdict, RTO,
 * detection, lost and duplicate tuples, RPO, and each failed expectation with its line and
 * both values.
 */
export function summaryLines(events: readonly JournalEvent[]): string[] {
  const lines: string[] = ["", "summary:"];
  for (const end of events) {
    if (end.kind !== "scenario.end") continue;
    const mine = events.filter((e) => e.scenario === end.scenario);
    const data = mine.filter((e): e is Extract<JournalEvent, { kind: "data" }> => e.kind === "data");
    const lost = data.reduce((s, d) => s + d.lost, 0);
    const dups = data.reduce((s, d) => s + d.duplicates, 0);
    const acked = data.reduce((s, d) => s + d.acked, 0);
    const rpo = data.map((d) => d.rpoMs ?? 0);
    const f = end.figures;
    lines.push(`  ${end.verdict.toUpperCase().padEnd(7)} ${end.scenario}${end.reason ? ` (${end.errorClass ?? end.verdict}: ${end.reason})` : ""}`);
    lines.push(`          RTO ${seconds(f.rtoMs)}  detection ${seconds(f.detectionMs)}  lost ${data.length ? `${lost}/${acked}` : "-"}  duplicates ${data.length ? dups : "-"}  RPO ${rpo.length ? seconds(Math.max(...rpo)) : "-"}`);
    for (const e of mine) {
      if (e.kind !== "expect" || e.ok) continue;
      const at = e.span ? `${e.span.file}:${e.span.line}: ` : "";
      lines.push(`          ${e.noData ? "no data" : "failed"}: ${at}${e.source}`);
      lines.push(`            expected ${e.expected}, actual ${e.actual}${e.message ? ` (${e.message})` : ""}`);
    }
  }
  return lines;
}
