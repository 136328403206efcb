import type { StdlibEntry } from "../language/stdlib-index.js";

/**
 * The standard library's faults and checks as `xdc builtins` shows them, beside the builtins:
 * written in xdc (stdlib/*.xdc) and used after an `import`, so each says which.
 */

const importLine = (e: StdlibEntry) => `import "${e.module}"`;

/** The first sentence of a doc comment, on one line. */
const firstSentence = (doc: string) => {
  const flat = doc.replace(/\s*\n\s*/g, " ");
  return /^.*?\.(?=\s|$)/.exec(flat)?.[0] ?? flat;
};

/** The section after the builtins' listing: one block per module. */
export function stdlibListing(entries: readonly StdlibEntry[]): string {
  const out = ["Standard library: faults and checks written in xdc, used after `import \"std/…\"`.", ""];
  for (const module of [...new Set(entries.map((e) => e.module))]) {
    out.push(`  ${importLine(entries.find((e) => e.module === module)!)}`);
    for (const e of entries.filter((x) => x.module === module)) out.push(`    ${e.signature}`, `        ${firstSentence(e.definition.doc ?? "")}`);
    out.push("");
  }
  out.push("`xdc builtins NAME` shows one in full.");
  return out.join("\n");
}

/** One definition in full: signature, doc, where it comes from, parameters, how it is used. */
export function stdlibDetail(e: StdlibEntry): string {
  const d = e.definition;
  const out = [e.signature, "", ...(d.doc !== undefined ? [d.doc, ""] : []), `From the standard library: \`${importLine(e)}\` (stdlib/${e.module.slice("std/".length)}.xdc)`];
  if (e.params.length > 0) out.push("", "Parameters:", ...e.params.map((p) => `  ${p}`));
  out.push(
    "",
    d.kind === "fault"
      ? "Fault: used like a builtin fault. Give it `for` and a duration, or bind it with `let` and `revert` it; undoing it undoes whatever part of it is still applied."
      : "Check: call it like a statement in `verify` (or `steady`); each of its expectations is judged and reported.",
  );
  out.push("", "Example:", `  ${importLine(e)}`, `  ${usage(e)}`);
  return out.join("\n");
}

/** A call with the required parameters named by themselves: `flap(a, b) for 1m`. */
const usage = (e: StdlibEntry) => {
  const args = e.definition.params.filter((p) => p.default === undefined).map((p) => p.name).join(", ");
  return `${e.definition.name}(${args})${e.definition.kind === "fault" ? " for 1m" : ""}`;
};

/** `xdc builtins --format json` with the standard library's definitions added (format 1.1). */
export function withStdlib(json: unknown, entries: readonly StdlibEntry[]): unknown {
  return {
    ...(json as Record<string, unknown>),
    format_version: "1.1",
    stdlib: entries.map((e) => ({
      name: e.definition.name,
      kind: e.definition.kind,
      module: e.module,
      doc: e.definition.doc ?? "",
      signature: e.signature,
      params: e.definition.params.map((p, i) => ({ name: p.name, required: p.default === undefined, label: e.params[i] })),
    })),
  };
}
