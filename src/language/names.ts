import { stdlibDefinitions } from "./stdlib-index.js";
import { span } from "./span.js";
import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { diagnostic, type Label } from "./diagnostics.js";
import { didYouMean } from "./problems.js";
import type { Binding } from "./program.js";
import { T, type Type } from "./types.js";
import type { Value } from "./values.js";

/** The type (and known value) a name has when it is used as a value. */
export function bindingType(b: Binding): { type: Type; value?: Value } {
  switch (b.kind) {
    case "builtin":
    case "definition":
      return { type: T.fn(b.name) };
    case "value":
      return b.value !== undefined ? { type: b.type, value: b.value } : { type: b.type };
    case "dc":
      return { type: T.DC, value: { kind: "ref", what: "dc", name: b.name } };
    case "environment":
      return { type: T.Environment, value: { kind: "ref", what: "environment", name: b.name } };
    case "module":
      return { type: { kind: "namespace", name: b.name } };
  }
}

const wantsDc = (t: Type | undefined): boolean =>
  t !== undefined && ((t.kind === "entity" && t.name === "DC") || (t.kind === "oneOf" && t.options.some(wantsDc)) || (t.kind === "list" && wantsDc(t.element)));

/** Reports a name that resolves to nothing: XDC2002 for what must be a datacenter, else XDC2001. */
export function reportUnknownName(ctx: Context, where: Where, node: A.Name, expected?: Type): void {
  const name = node.name;
  // A definition the parser repaired may have lost the parameter that defined the name.
  if (name === "" || (where.definition && ctx.brokenWithin(where.definition.node.span))) return;
  if (expected?.kind === "choice" && expected.values.includes(name)) {
    ctx.report(diagnostic("XDC2001", node.span, `unknown name \`${name}\``, {
      label: "a name, where a string is expected",
      help: { message: `write \`"${name}"\``, edit: { span: node.span, newText: `"${name}"`, applicability: "machine-applicable" } },
    }));
    return;
  }
  const all = [...where.scope.all()];
  const dcs = all.filter((b) => b.kind === "dc");
  const env = where.environment;
  const looksLikeDc = wantsDc(expected) || (dcs.length > 0 && /^dc/i.test(name));
  // The environment itself is unknown (already reported): so is which datacenters exist.
  if (env?.unresolved && (looksLikeDc || /^dc/i.test(name))) return;
  if (looksLikeDc && env) {
    const hint = didYouMean(node.span, name, dcs.map((d) => d.name));
    const best = dcs.find((d) => d.name === hint.best);
    const labels: Label[] = [];
    if (best?.span) labels.push({ span: best.span, message: `\`${best.name}\` is declared here` });
    else if (env.span) labels.push({ span: env.span, message: `environment \`${env.name}\` is declared here` });
    const notes = [...hint.notes];
    if (!env.span) notes.push(`the built-in environment \`${env.name}\` has ${env.dcs.map((d) => `\`${d.name}\``).join(" and ")}`);
    ctx.report(diagnostic("XDC2002", node.span, `unknown datacenter \`${name}\``, {
      label: `not declared in environment \`${env.name}\``,
      labels,
      notes,
      ...(hint.help ? { help: hint.help } : {}),
    }));
    return;
  }
  const hint = didYouMean(node.span, name, all.map((b) => b.name));
  // The suggested binding was probably meant: do not also call it unused.
  const meant = all.find((b) => b.name === hint.best);
  if (meant) ctx.used.add(meant);
  const notes = [...hint.notes];
  if (wantsDc(expected) && (where.place === "fault" || where.place === "check")) {
    notes.push("a definition knows no environment: take the datacenter as a parameter");
  } else if (!env && /^dc\d*$/i.test(name)) {
    notes.push("datacenter names come from a scenario's environment, and this is outside any scenario");
  }
  ctx.report(diagnostic("XDC2001", node.span, `unknown name \`${name}\``, {
    label: "not defined here",
    notes,
    ...(hint.help ? { help: hint.help } : {}),
  }));
}

/** XDC2009: a call to a name that is no function in scope. */
export function reportUnknownFunction(ctx: Context, where: Where, node: A.Name): void {
  if (node.name === "") return;
  const all = [...where.scope.all()];
  // `exactly_once(…)` after `import "std/checks" as checks`: the name is there, under the alias.
  const aliased = all.find((b) => b.kind === "module" && b.module.exports.get(node.name)?.kind === "definition");
  if (aliased) {
    const qualified = `${aliased.name}.${node.name}`;
    ctx.report(diagnostic("XDC2009", node.span, `unknown function \`${node.name}\``, {
      label: `imported as \`${qualified}\``,
      help: { message: `write \`${qualified}\``, edit: { span: node.span, newText: qualified, applicability: "machine-applicable" } },
    }));
    return;
  }
  // `flap(…)` without `import "std/faults"`: the standard library has it.
  const std = stdlibDefinitions().get(node.name);
  if (std) {
    const top = span(node.span.file, { offset: 0, line: 1, column: 1 }, { offset: 0, line: 1, column: 1 });
    ctx.report(diagnostic("XDC2009", node.span, `unknown function \`${node.name}\``, {
      label: `a ${std.definition.kind} of the standard library, not imported`,
      notes: [`\`${std.signature}\` is in \`${std.module}\``],
      help: { message: `add \`import "${std.module}"\` at the top of the file`, edit: { span: top, newText: `import "${std.module}"\n`, applicability: "machine-applicable" } },
    }));
    return;
  }
  const functions = all.filter((b) => b.kind === "builtin" || b.kind === "definition").map((b) => b.name);
  const hint = didYouMean(node.span, node.name, functions);
  ctx.report(diagnostic("XDC2009", node.span, `unknown function \`${node.name}\``, {
    label: "no builtin or definition has this name",
    notes: hint.notes.length > 0 || hint.help ? hint.notes : ["`xdc builtins` lists every builtin"],
    ...(hint.help ? { help: hint.help } : {}),
  }));
}
