import { DC_SETTINGS, ENVIRONMENT_SETTINGS } from "../language/environment.js";
import { SCENARIO_SETTINGS } from "../language/scenario.js";
import type { SettingSpec } from "../language/settings.js";
import { ARITHMETIC, ENTITY_FIELDS, ENTITIES, ORDERED, SCALARS, show, syntax, TYPE_NAMES, UNIT_SUFFIX, type FieldType, type Type } from "../language/types.js";
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
    for (const p of b.params) if (p.type.kind === "record" && p.type.name !== undefined) out.push(...settingsRecord(p.name, p.type));
  }
  if (b.fault) {
    out.push(`A fault: undoing it will ${b.fault.undo}. ${b.fault.lasting ? "It stays applied until undone, so give it `for` and a duration or `revert` it." : "Its effect ends by itself."}`, "");
  }
  out.push("```xdc fragment", b.example, "```", "");
  return out;
}

/** A settings record's fields (`toolkit: {…}`): each with its type, bounds and meaning. */
function settingsRecord(param: string, t: Extract<Type, { kind: "record" }>): string[] {
  const bounds = (f: FieldType) => {
    const r = f.range;
    if (r === undefined) return "";
    const parts = [r.whole === true ? "whole" : "", r.min !== undefined ? `${r.minExclusive === true ? ">" : ">="} ${r.min}` : "", r.max !== undefined ? `<= ${r.max}` : ""];
    return parts.filter((x) => x !== "").join(", ");
  };
  return [
    `\`${param}\` is a \`${t.name}\` record; every field may be left out, and any other field is error XDC2005:`,
    "",
    "| field | type | bounds | meaning |",
    "| --- | --- | --- | --- |",
    ...t.fields.map((f) => `| ${code(f.name)} | ${code(syntax(f.type))} | ${bounds(f)} | ${f.doc ?? ""} |`),
    "",
  ];
}

const LIST_BEGIN = "<!-- builtins:begin (generated by `npm run reference`; do not edit) -->";
const LIST_END = "<!-- builtins:end -->";

/** The short list of builtins in docs/language.md: one table per category, signatures and one-line docs. */
export function builtinList(): string {
  const out = [LIST_BEGIN, ""];
  for (const c of CATEGORIES) {
    const members = BUILTINS.filter((b) => b.category === c.name);
    if (members.length === 0) continue;
    out.push(`**${c.title}**: ${c.doc}`, "", "| builtin | what it does |", "|---|---|");
    for (const b of members) out.push(`| [${code(signature(b))}](reference.md#${b.name}) | ${b.doc.replaceAll("|", "\\|")} |`);
    out.push("");
  }
  out.push(LIST_END);
  return out.join("\n");
}

/** `page` with its generated builtin list replaced by the current one; the markers must be there. */
export function withBuiltinList(page: string): string {
  const begin = page.indexOf(LIST_BEGIN.slice(0, LIST_BEGIN.indexOf(" (")));
  const end = page.indexOf(LIST_END);
  if (begin < 0 || end < begin) throw new Error("docs/language.md has no `<!-- builtins:begin … -->` … `<!-- builtins:end -->` markers");
  return page.slice(0, begin) + builtinList() + page.slice(end + LIST_END.length);
}
