import type { JournalEvent } from "../runtime/journal/events.js";
import { duration } from "../runtime/interpreter/source.js";
import type { ScenarioPlan } from "./plan.js";

/** One line of the plan per event worth showing; the rest (starts of scenarios, ends of phases) frame it. */
function line(e: JournalEvent): string | undefined {
  switch (e.kind) {
    case "phase.start":
      return `${e.phase}`;
    case "action":
      return `${e.what}${e.detail ? ` (${e.detail})` : ""}`;
    case "fault.applied":
      return `apply ${e.id}: ${e.summary ?? e.what}${e.forMs !== undefined ? `, for ${duration(e.forMs)}` : ""}${e.undo && e.undo.length > 0 ? `; undo: ${e.undo.join("; ")}` : ""}${e.commands && e.commands.length > 0 ? `\n${e.commands.map((c) => `        $ ${c}`).join("\n")}` : ""}`;
    case "fault.reverted":
      return `revert ${e.id} (${e.fault})`;
    case "expect":
      return `expect ${e.source}`;
    case "log":
      return `log ${JSON.stringify(e.message)}`;
    default:
      return undefined;
  }
}

const offset = (ms: number) => `+${duration(ms)}`.padStart(7);

/** The plan as text: offset from the scenario's start, the line in the file, what happens. */
export function planText(plans: readonly ScenarioPlan[]): string {
  const out: string[] = [];
  for (const p of plans) {
    out.push(`scenario ${JSON.stringify(p.name)}`);
    const main = p.events.find((e) => e.kind === "scenario.start")?.span?.file;
    for (const e of p.events) {
      const text = line(e);
      if (text === undefined) continue;
      // A statement of an imported module (a stdlib fault's body) names its module.
      const where = e.span ? (e.span.file === main ? `L${e.span.line}` : `${e.span.file}:${e.span.line}`).padEnd(5) : "     ";
      out.push(e.kind === "phase.start" ? `${offset(e.t)}        ${text}` : `${offset(e.t)}  ${where}   ${text}`);
    }
    out.push(`${offset(p.result.durationMs)}        end${p.result.verdict === "pass" ? "" : `: ${p.result.verdict}${p.result.reason ? ` (${p.result.reason})` : ""}`}`, "");
  }
  out.push(
    "Known only live: awaited conditions are shown as met at their first poll, awaited events",
    "(failovers) at their deadline; readings and the expectations over them are judged when the",
    "scenario runs; `after` an event known only live does not run its body here.",
  );
  return `${out.join("\n")}\n`;
}

/** `--format json`: a minor version only adds fields. */
export function planJson(plans: readonly ScenarioPlan[]): string {
  const strip = ({ wall: _wall, scenario: _scenario, ...rest }: JournalEvent) => rest;
  return `${JSON.stringify({ format_version: "1.0", scenarios: plans.map((p) => ({ name: p.name, durationMs: p.result.durationMs, steps: p.events.map(strip) })) }, null, 2)}\n`;
}
