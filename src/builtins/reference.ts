import { DC_SETTINGS, ENVIRONMENT_SETTINGS } from "../language/environment.js";
import { SCENARIO_SETTINGS } from "../language/scenario.js";
import type { SettingSpec } from "../language/settings.js";
import { ARITHMETIC, ENTITY_FIELDS, ENTITIES, ORDERED, SCALARS, show, syntax, TYPE_NAMES, UNIT_SUFFIX } from "../language/types.js";
import type { Builtin } from "./builtin.js";
import { CATEGORIES } from "./categories.js";
import { signature } from "./describe.js";
import { BUILTINS } from "./index.js";

/**
 * docs/reference.md, generated from the tables the checker itself reads (types, unit
 * arithmetic, settings, the registry), so the reference cannot drift from what is checked.
 * `npm run reference` rewrites it; a test fails when it is stale.
 */
export function reference(): string {
  return [
    "# Reference",
    "",
    "Generated from xdc's own tables by `npm run reference`; do not edit by hand.",
    "`xdc builtins` prints the same, and `xdc builtins NAME` one builtin in full.",
    "",
    ...types(),
    ...settings("Scenario settings", "`key: value` lines at the top of a `scenario`.", SCENARIO_SETTINGS),
    ...settings("Environment settings", "`key: value` lines in an `environment`, outside its `dc` blocks.", ENVIRONMENT_SETTINGS),
    ...settings("Datacenter settings", "`key: value` lines in a `dc` block of an environment.", DC_SETTINGS),
    ...builtins(),
  ].join("\n");
}

const code = (s: string) => `\`${s.replaceAll("|", "\\|")}\``;

function types(): string[] {
  const fields = (name: string) => {
    const fs = ENTITY_FIELDS[name as keyof typeof ENTITY_FIELDS];
    return fs ? fs.map((f) => `${code(f.name)}: ${syntax(f.type)}`).join(", ") : name === "Application" ? "its endpoints, as declared: `app.Ingest`" : "";
  };
  return [
    "## Types",
    "",
    "Units are types: a bare number where a duration, rate, percentage or size belongs is",
    "error XDC3001, and mixing units is XDC3003.",
    "",
    "| type | what | literal | fields |",
    "| --- | --- | --- | --- |",
    ...[...SCALARS, ...ENTITIES].map((n) => {
      const t = TYPE_NAMES.get(n)!;
      const suffix = t.kind === "scalar" ? UNIT_SUFFIX[t.name] : undefined;
      return `| ${code(n)} | ${show(t)} | ${suffix !== undefined ? code(`5${suffix}`) : ""} | ${fields(n)} |`;
    }),
    "",
    "Also lists `[T]`, records `{name: T}`, and events `Event<T>`, which `await` turns into a `T`.",
    "",
    "### Unit arithmetic",
    "",
    "Every combination not listed here is an error.",
    "",
    "| left | operator | right | result |",
    "| --- | --- | --- | --- |",
    ...ARITHMETIC.map(([l, op, r, res]) => `| ${l} | ${code(op)} | ${r} | ${res} |`),
    "",
    `Comparisons need two values of the same type; \`<\`, \`<=\`, \`>\`, \`>=\` only on ${[...ORDERED].join(", ")}. \`and\`, \`or\` and \`not\` take conditions (Bool).`,
    "",
  ];
}

function settings(title: string, intro: string, table: Readonly<Record<string, SettingSpec>>): string[] {
  return [
    `## ${title}`,
    "",
    intro,
    "",
    "| key | type | required | meaning |",
    "| --- | --- | --- | --- |",
    ...Object.entries(table).map(([k, s]) => `| ${code(k)} | ${code(syntax(s.type))} | ${s.required === true ? "yes" : ""} | ${s.doc} |`),
    "",
  ];
}

function builtins(): string[] {
  const out = ["## Builtins", ""];
  for (const c of CATEGORIES) {
    out.push(`### ${c.title}`, "", c.doc, "");
    for (const b of BUILTINS.filter((x) => x.category === c.name)) out.push(...builtin(b));
  }
  return out;
}

function builtin(b: Builtin): string[] {
  const out = [`#### ${b.name}`, "", "```", signature(b), "```", "", b.doc, ""];
  if (b.params.length > 0) {
    out.push("| parameter | type | default | meaning |", "| --- | --- | --- | --- |");
    for (const p of b.params) {
      const def = p.default !== undefined ? code(p.default) : p.optional === true ? "optional" : "required";
      out.push(`| ${code(p.name)} | ${code(syntax(p.type))} | ${def} | ${p.doc} |`);
    }
    out.push("");
  }
  if (b.fault) {
    out.push(`A fault: undoing it will ${b.fault.undo}. ${b.fault.lasting ? "It stays applied until undone, so give it `for` and a duration or `revert` it." : "Its effect ends by itself."}`, "");
  }
  out.push("```xdc fragment", b.example, "```", "");
  return out;
}
