import type * as A from "./ast.js";
import type { Context } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { stdlibModules } from "./module-host.js";
import { parse } from "./parse.js";
import { syntaxErrorSpans } from "./syntax-errors.js";
import { again, didYouMean } from "./problems.js";
import { bindingSpan, type Binding, type CheckedModule, type CheckedScenario, type ImportInfo } from "./program.js";
import type { Scope } from "./scope.js";
import { T } from "./types.js";

type CheckModule = (ctx: Context, root: Scope, file: A.SourceFile, stack: readonly string[]) => { module: CheckedModule; scenarios: CheckedScenario[] };

/**
 * `import "std/faults"` or `import "./envs/lab.xdc" as lab`: finds the module through the
 * host (XDC2004), refuses cycles (XDC2008), checks it once per run, and brings its
 * definitions, environments and top-level lets into scope, by name or under the alias.
 * Problems inside the imported file are reported with that file's spans.
 */
export function importModule(
  ctx: Context,
  root: Scope,
  scope: Scope,
  imp: A.Import,
  from: string,
  stack: readonly string[],
  checkModule: CheckModule,
): ImportInfo {
  const spec = imp.path.value;
  ctx.typed(imp.path, T.String, { kind: "string", value: spec });
  if (spec === "") return { node: imp };
  const path = ctx.host.resolve(from, spec);
  const cycleStart = stack.indexOf(path);
  if (cycleStart >= 0 || ctx.modules.get(path) === "in progress") {
    const chain = [...stack.slice(Math.max(0, cycleStart)), path].map((p) => `\`${p}\``).join(" → ");
    ctx.report(diagnostic("XDC2008", imp.path.span, `import cycle through \`${spec}\``, {
      label: "this import leads back to the importing file",
      notes: [`the imports go ${chain}`],
      help: { message: "move what both files need into a third file that imports neither" },
    }));
    return { node: imp };
  }
  let module = ctx.modules.get(path);
  if (module === undefined) {
    const text = ctx.host.read(path);
    if (text === undefined) {
      const std = spec.startsWith("std/") ? didYouMean(imp.path.span, spec, stdlibModules()) : undefined;
      ctx.report(diagnostic("XDC2004", imp.path.span, `cannot find module \`${spec}\``, {
        label: spec.startsWith("std/") ? "not in the standard library" : `no file at \`${path}\``,
        notes: std?.help ? std.notes : spec.startsWith("std/") ? [`the standard library has ${stdlibModules().map((m) => `\`${m}\``).join(", ")}`] : ["relative paths start from the importing file's directory"],
        ...(std?.help ? { help: { ...std.help, edit: { ...std.help.edit!, newText: `"${std.best!}"` } } } : {}),
      }));
      return { node: imp };
    }
    ctx.modules.set(path, "in progress");
    const parsed = parse(text, path);
    for (const d of parsed.diagnostics) ctx.report(d);
    ctx.syntaxErrors.push(...syntaxErrorSpans(parsed.diagnostics));
    module = checkModule(ctx, root, parsed.value, [...stack, path]).module;
    ctx.modules.set(path, module);
  }
  if (module === "in progress") return { node: imp };
  if (imp.alias && imp.alias.name !== "") {
    const alias: Binding = { kind: "module", name: imp.alias.name, span: imp.alias.span, module };
    if (bring(ctx, scope, alias, imp.alias.span)) ctx.declarations.set(imp.alias, alias);
  } else {
    for (const b of module.exports.values()) bring(ctx, scope, b, imp.path.span);
  }
  return { node: imp, path };
}

/** Puts an imported name in scope; the same name from two imports is XDC2003 at the second. */
function bring(ctx: Context, scope: Scope, b: Binding, at: A.Ident["span"]): boolean {
  const taken = scope.local(b.name) ?? scope.parent?.lookup(b.name);
  if (taken === b) return true;
  if (!taken) {
    scope.declare(b);
    return true;
  }
  ctx.report(again("XDC2003", at, `this import brings a second \`${b.name}\``, bindingSpan(taken), `import one of the modules with \`as NAME\` and write \`NAME.${b.name}\``));
  return false;
}
