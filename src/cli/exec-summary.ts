import { visible } from "../language/literals.js";
import type { JournalEvent } from "../runtime/journal/events.js";
import { roleSpans } from "../report/intervals.js";
import { splitBrainSpans } from "../runtime/split-brain.js";
import { workloadName } from "../report/text.js";
import { toolkitLine, toolkitTells } from "../report/toolkit.js";
import { formatCount, formatDuration, formatShare } from "../text/numbers.js";
import { runPaint, type RunPaint } from "./colour.js";

type DataEvent = Extract<JournalEvent, { kind: "data" }>;

const seconds = (ms: number | undefined) => (ms === undefined ? "-" : formatDuration(ms));

/** One line per workload and sink: the figures a data check judged, never a sum across workloads. */
const dataLine = (d: DataEvent) =>
  `          ${workloadName(d)} -> ${d.sink}: lost ${formatCount(d.lost)}/${formatCount(d.acked)} (${formatShare(d.lost, d.acked)})  duplicates ${formatCount(d.duplicates)}  RPO ${seconds(d.rpoMs)}`;

/**
 * The data a scenario's checks judged; when no check judged any (a scenario that only measures
 * the failover), every workload the journal accounts for, so the figures are still shown.
 */
function judgedData(mine: readonly JournalEvent[]): DataEvent[] {
  const data = mine.filter((e): e is DataEvent => e.kind === "data");
  const judged = data.filter((d) => d.judged === true);
  return judged.length > 0 ? judged : data;
}

/**
 * The summary a run ends with, one block per scenario, from the journal alone: verdict, RTO and
 * detection (as docs/language.md defines them), the data figures per workload and sink, and
 * each failed expectation with its line and both values.
 */
export function summaryLines(events: readonly JournalEvent[], paint: RunPaint = runPaint(false)): string[] {
  const lines: string[] = ["", "summary:"];
  // Which lines start a scenario's block, and its verdict: their verdict word is painted once the text is escaped.
  const verdictAt = new Map<number, Extract<JournalEvent, { kind: "scenario.end" }>["verdict"]>();
  for (const end of events) {
    if (end.kind !== "scenario.end") continue;
    const mine = events.filter((e) => e.scenario === end.scenario);
    const f = end.figures;
    verdictAt.set(lines.length, end.verdict);
    lines.push(`  ${end.verdict.toUpperCase().padEnd(7)} ${end.scenario}${end.reason ? ` (${end.errorClass ?? end.verdict}: ${end.reason})` : ""}`);
    lines.push(`          RTO ${seconds(f.rtoMs)}  detection ${seconds(f.detectionMs)}`);
    // A job whose settings are all the deployment's own defaults says nothing worth a line here; the report's table has it.
    for (const e of mine) if (e.kind === "toolkit" && toolkitTells(e)) lines.push(`          ${toolkitLine(e)}`);
    for (const d of judgedData(mine)) lines.push(dataLine(d));
    // Two datacenters active at once is said whatever the verdict: the toolkit does not prevent it (docs/twin.md).
    const start = mine.find((e) => e.kind === "scenario.start")?.t ?? end.t;
    const roles = mine.filter((e): e is Extract<JournalEvent, { kind: "role" }> => e.kind === "role");
    for (const b of splitBrainSpans(roleSpans(roles, end.t))) {
      lines.push(`          split brain: ${b.dcs.join(" and ")} active at once for ${formatDuration(b.toMs - b.fromMs)} (from +${formatDuration(b.fromMs - start)})`);
    }
    for (const e of mine) {
      if (e.kind !== "expect" || e.ok || e.deferred === true) continue;
      const at = e.span ? `${e.span.file}:${e.span.line}: ` : "";
      verdictAt.set(lines.length, e.noData ? "no-data" : "fail");
      lines.push(`          ${e.noData ? "no data" : "failed"}: ${at}${e.source}`);
      lines.push(`            expected ${e.expected}, actual ${e.actual}${e.message ? ` (${e.message})` : ""}`);
      for (const f of e.findings ?? []) lines.push(`              ${f}`);
    }
  }
  // The journal keeps scenario text raw; on the terminal it is escaped, as `xdc plan` shows it.
  return lines.map((line, i) => {
    const shown = visible(line);
    const verdict = verdictAt.get(i);
    if (verdict === undefined) return shown;
    // The first word after the indent: the verdict (PASS, FAIL…) or `failed`/`no data`'s word.
    const [, indent = "", word = "", rest = ""] = /^(\s*)(no data|\S+)(.*)$/s.exec(shown) ?? [];
    return `${indent}${paint.tone(verdict, word)}${rest}`;
  });
}
