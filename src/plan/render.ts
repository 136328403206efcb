import { BUILTINS_BY_NAME } from "../builtins/index.js";
import type { JournalEvent } from "../runtime/journal/events.js";
import { encodeString, visible } from "../language/literals.js";
import { duration } from "../runtime/interpreter/source.js";
import type { ScenarioPlan } from "./plan.js";

type Applied = Extract<JournalEvent, { kind: "fault.applied" }>;

/** One line of the plan per event worth showing; the rest (starts of scenarios, ends of phases) frame it. */
function line(e: JournalEvent): string | undefined {
  switch (e.kind) {
    case "phase.start":
      return `${e.phase}`;
    case "action":
      return `${e.what}${e.detail ? ` (${e.detail})` : ""}`;
    case "fault.applied":
      return `apply ${e.id}: ${e.summary ?? e.what}${e.forMs !== undefined ? `, for ${duration(e.forMs)}` : ""}`;
    case "fault.reverted": {
      const undo = BUILTINS_BY_NAME.get(e.fault)?.fault?.undo;
      return `revert ${e.id} (${e.fault})${e.status === "nothing-to-undo" ? ": nothing to undo" : undo ? `: ${undo}` : ""}`;
    }
    case "expect":
      return `expect ${e.source}`;
    case "log":
      return `log ${encodeString(e.message)}`;
    default:
      return undefined;
  }
}

/**
 * A step's command as lines: `host: first &&`, then each further command of a chain under the
 * first. Breaking after `&&` or `;` keeps it one shell command line, except inside quotes,
 * where a break would change an argument, so a quoted `&&` stays on its line.
 */
function commandLines(step: string, indent: string): string[] {
  const colon = step.indexOf(": ");
  const head = step.slice(0, colon + 2);
  const lines: string[] = [];
  for (const part of step.slice(colon + 2).split(/(?<= &&| ;) /)) {
    const last = lines.length - 1;
    const open = last >= 0 && (lines[last]!.split("'").length - 1) % 2 === 1;
    if (open) lines[last] = `${lines[last]} ${part}`;
    else lines.push(part);
  }
  return lines.map((l, k) => `${indent}${k === 0 ? head : " ".repeat(head.length)}${l}`);
}

/** The commands that show under an event: a fault's when it is applied, its undo when it is reverted. */
function commandsOf(e: JournalEvent, applied: ReadonlyMap<string, Applied>): readonly string[] {
  if (e.kind === "fault.applied") return e.commands ?? [];
  if (e.kind === "fault.reverted" && e.status !== "nothing-to-undo") return applied.get(e.id)?.undo ?? [];
  return [];
}

const offset = (ms: number) => `+${duration(ms)}`.padStart(7);
const TIME_WIDTH = 7 + 14;
const WHERE_WIDTH = 5;

/**
 * The plan as text: the offset from the scenario's start (and, in `run`, from the start of
 * `run`, which `at` times count from), the line in the file, what happens, and under each
 * fault the commands it runs on each host, and under its revert those that undo it.
 */
export function planText(plans: readonly ScenarioPlan[]): string {
  const out: string[] = [];
  for (const p of plans) {
    out.push(`scenario ${encodeString(p.name)} (environment ${p.environment})`);
    const main = p.events.find((e) => e.kind === "scenario.start")?.span?.file;
    const applied = new Map(p.events.filter((e): e is Applied => e.kind === "fault.applied").map((e) => [e.id, e]));
    let runStart: number | undefined;
    for (const e of p.events) {
      if (e.kind === "phase.start") runStart = e.phase === "run" ? e.t : undefined;
      const text = line(e);
      if (text === undefined) continue;
      const time = `${offset(e.t)}${runStart !== undefined && e.kind !== "phase.start" ? ` (run +${duration(e.t - runStart)})` : ""}`.padEnd(TIME_WIDTH);
      // A statement of an imported module (a stdlib fault's body) names its module.
      const where = e.span && e.kind !== "phase.start" ? (e.span.file === main ? `L${e.span.line}` : `${e.span.file}:${e.span.line}`) : "";
      out.push(`${time}  ${where.padEnd(WHERE_WIDTH)}   ${text}`);
      const indent = " ".repeat(TIME_WIDTH + 2 + Math.max(WHERE_WIDTH, where.length) + 3 + 4);
      for (const step of commandsOf(e, applied)) out.push(...commandLines(step, indent));
    }
    out.push(`${offset(p.result.durationMs).padEnd(TIME_WIDTH)}  ${"".padEnd(WHERE_WIDTH)}   end${p.result.verdict === "pass" ? "" : `: ${p.result.verdict}${p.result.reason ? ` (${p.result.reason})` : ""}`}`, "");
  }
  out.push(
    "Known only live: awaited conditions are shown as met at their first poll, awaited events",
    "(failovers) at their deadline; readings and the expectations over them are judged when the",
    "scenario runs; `after` an event known only live does not run its body here. In commands,",
    "<…> stands for what the live run looks up: the run's id, pids, REST ids, xdc's own address.",
  );
  // Names, messages and commands come from the scenario: none may move the terminal's cursor.
  return `${out.map(visible).join("\n")}\n`;
}

/** `--format json`: a minor version only adds fields (1.1: `environment`, `runStartMs`). */
export function planJson(plans: readonly ScenarioPlan[]): string {
  const strip = ({ wall: _wall, scenario: _scenario, ...rest }: JournalEvent) => rest;
  const runStart = (p: ScenarioPlan) => p.events.find((e) => e.kind === "phase.start" && e.phase === "run")?.t;
  return `${JSON.stringify(
    {
      format_version: "1.1",
      scenarios: plans.map((p) => ({ name: p.name, environment: p.environment, durationMs: p.result.durationMs, ...(runStart(p) !== undefined ? { runStartMs: runStart(p) } : {}), steps: p.events.map(strip) })),
    },
    null,
    2,
  )}\n`;
}
