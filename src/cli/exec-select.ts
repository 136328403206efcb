import { createHash } from "node:crypto";
import { relative } from "node:path";
import type { CheckedProgram, CheckedScenario } from "../language/index.js";
import type { ScenarioFile } from "./scenario-files.js";

/** One scenario of one checked file: the unit `xdc exec` selects, shards, repeats and runs. */
export interface Selected {
  readonly file: ScenarioFile;
  readonly program: CheckedProgram;
  readonly scenario: CheckedScenario;
  /** Where its `scenario` keyword is, 1-based. */
  readonly line: number;
}

/** How `xdc exec` picks scenarios (docs/cli.md, "Choosing scenarios"). */
export interface Selection {
  /** Each entry one `--tag`: a scenario is picked when it has every tag of some entry (`a+b` = a and b). */
  readonly tags?: readonly (readonly string[])[];
  readonly excludeTags?: readonly string[];
  readonly grep?: RegExp;
  readonly shard?: Shard;
}

/** `--shard i/n`: the i-th (1-based) of n disjoint parts. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `--shard` as written: `i/n` with 1 <= i <= n; undefined when it is not one. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** `--tag a+b` is one entry needing both; `+` cannot be part of a tag name, as tags are identifiers-like labels. */
export const parseTagEntry = (text: string): string[] => text.split("+").map((t) => t.trim()).filter((t) => t !== "");

/**
 * The shard a scenario falls in: a hash of its file (relative to `cwd`, with `/` separators, so
 * every CI runner computes the same) and its name. It depends on nothing else, so adding or
 * removing a scenario never moves another one to a different shard.
 */
export function shardOf(path: string, name: string, count: number, cwd: string = process.cwd()): number {
  const file = relative(cwd, path).split("\\").join("/") || path;
  const digest = createHash("sha256").update(`${file}\0${name}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** Every scenario of the files, in file order and then source order. */
export function allScenarios(files: readonly ScenarioFile[]): Selected[] {
  return files.flatMap((file) => file.program.scenarios.map((scenario) => ({ file, program: file.program, scenario, line: scenario.node.span.start.line })));
}

/** Whether a scenario passes the tag and name filters (not the shard: that splits what they select). */
export function matches(s: Selected, sel: Selection): boolean {
  const tags = new Set(s.scenario.settings.tags);
  if (sel.tags !== undefined && sel.tags.length > 0 && !sel.tags.some((all) => all.every((t) => tags.has(t)))) return false;
  if ((sel.excludeTags ?? []).some((t) => tags.has(t))) return false;
  return sel.grep === undefined || sel.grep.test(s.scenario.name);
}

/** What the filters select, and of that what this shard runs. */
export function select(files: readonly ScenarioFile[], sel: Selection, cwd?: string): { readonly matched: Selected[]; readonly run: Selected[] } {
  const matched = allScenarios(files).filter((s) => matches(s, sel));
  const shard = sel.shard;
  const run = shard === undefined ? matched : matched.filter((s) => shardOf(s.file.path, s.scenario.name, shard.count, cwd) === shard.index);
  return { matched, run };
}

/** Whether any selection flag was given: without one, a file with no scenario is "nothing to run" as before. */
export const selects = (sel: Selection): boolean => (sel.tags?.length ?? 0) > 0 || (sel.excludeTags?.length ?? 0) > 0 || sel.grep !== undefined;

/** `xdc exec --list`: one line per scenario that would run, `file:line  name  [tags]`. */
export const listLine = (s: Selected): string => `${s.file.path}:${s.line}  ${s.scenario.name}${s.scenario.settings.tags.length ? `  [${s.scenario.settings.tags.join(", ")}]` : ""}`;
