import { visible } from "../language/literals.js";
import type { FigureStats, RepeatFigure, RepeatsSummary } from "../report/repeats.js";
import { REPEAT_FIGURES } from "../report/repeats.js";
import type { Verdict } from "../runtime/journal/events.js";
import { runPaint, type RunPaint } from "./colour.js";

/** How each figure is named and shown on the terminal. */
const SHOWN: Readonly<Record<RepeatFigure, { readonly label: string; readonly value: (n: number) => string }>> = {
  rtoMs: { label: "RTO", value: (ms) => `${(ms / 1000).toFixed(3)}s` },
  detectionMs: { label: "detection", value: (ms) => `${(ms / 1000).toFixed(3)}s` },
  rpoMs: { label: "RPO", value: (ms) => `${(ms / 1000).toFixed(3)}s` },
  lostTuples: { label: "lost", value: (n) => String(n) },
  duplicateTuples: { label: "duplicates", value: (n) => String(n) },
};

const statsLine = (f: RepeatFigure, s: FigureStats): string => {
  const v = SHOWN[f].value;
  return `          ${SHOWN[f].label.padEnd(10)} min ${v(s.min!)}  median ${v(s.median!)}  p95 ${v(s.p95!)}  max ${v(s.max!)}  (${s.count} value${s.count === 1 ? "" : "s"})`;
};

const CHECK_WORD: Readonly<Record<Verdict, string>> = { pass: "ok", fail: "FAILED", "no-data": "NO DATA", error: "ERROR" };

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The summary a repeat run ends with: per scenario its verdict over the repeats, pass rate, and the spread of each figure it had. */
export function repeatSummaryLines(summary: RepeatsSummary, paint: RunPaint = runPaint(false)): string[] {
  const lines = ["", "summary over the repeats:"];
  for (const s of summary.scenarios) {
    const word = s.verdict.toUpperCase().padEnd(7);
    lines.push(`  ${paint.tone(s.verdict, word)} ${visible(s.name)}${s.reason ? ` (${visible(s.reason)})` : ""}`);
    lines.push(`          passed ${s.passed} of ${s.runs}${s.pass_rate === null ? "" : ` (${percent(s.pass_rate)})`}, ${percent(s.min_pass)} needed`);
    for (const f of REPEAT_FIGURES) if (s.figures[f].count > 0) lines.push(statsLine(f, s.figures[f]));
    for (const c of s.checks) lines.push(`          ${paint.tone(c.verdict, CHECK_WORD[c.verdict])}: ${c.location}: ${visible(c.source)} (expected ${c.expected}, ${c.actual})`);
  }
  return lines;
}
