import { suggest } from "../language/did-you-mean.js";
/**
 * `--set NAME=VALUE` (repeatable): values for scenario parameters, as written in the
 * language (`--set rate=800/s`). Several values separated by commas make a sweep
 * (`--set rate=100/s,500/s,1000/s`): one run of each scenario per value, and per
 * combination when several parameters have several values. The values are checked by the
 * checker, as the language's own literals, against each parameter's type.
 */

/** commander's collector for a repeatable option. */
export const collectSet = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

/** Every combination of the values given, in the order given (the first parameter varies slowest). */
export function setCombinations(options: readonly string[]): { combinations: ReadonlyMap<string, string>[] } | { problem: string } {
  const params: [string, string[]][] = [];
  for (const option of options) {
    const eq = option.indexOf("=");
    const name = eq < 0 ? "" : option.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { problem: `--set ${option}: write NAME=VALUE, such as --set rate=800/s` };
    if (params.some(([n]) => n === name)) return { problem: `--set ${name} is given twice; give several values in one, separated by commas: --set ${name}=A,B` };
    const values = splitTopLevel(option.slice(eq + 1));
    if (values.some((v) => v.trim() === "")) return { problem: `--set ${option}: a value is empty` };
    params.push([name, values.map((v) => v.trim())]);
  }
  let combinations: Map<string, string>[] = [new Map()];
  for (const [name, values] of params) combinations = combinations.flatMap((c) => values.map((v) => new Map([...c, [name, v]])));
  return { combinations };
}

/** Splits at the commas outside brackets, braces, parentheses and strings: `[1s, 2s],3s` is two values. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * The `--set` names no scenario has as a parameter, with the closest one each: a misspelt
 * name must not silently run the defaults.
 */
export function unknownSets(given: ReadonlyMap<string, string>, known: ReadonlySet<string>): string[] {
  return [...given.keys()].filter((n) => !known.has(n));
}

/** The parameter names of a checked program's scenarios (anything else has none). */
export function scenarioParamNames(program: unknown): string[] {
  const scenarios = (program as { scenarios?: readonly { node: { params?: readonly { name: { name: string } }[] } }[] } | undefined)?.scenarios ?? [];
  return scenarios.flatMap((s) => (s.node.params ?? []).map((p) => p.name.name));
}

/** The one line for a `--set` name no scenario has. */
export function unknownSetProblem(name: string, known: ReadonlySet<string>): string {
  const s = suggest(name, known);
  return `--set ${name}: no scenario has a parameter \`${name}\`${s ? `; did you mean \`${s.best}\`?` : known.size > 0 ? ` (parameters: ${[...known].join(", ")})` : " (the scenarios have no parameters)"}`;
}
