import { posix } from "node:path";
import type { CallArgs } from "../builtins/builtin.js";
import { checkRecording, describeProblem, formatOf, parseSchema, RECORDED_EXTENSIONS, type SchemaText } from "../data/index.js";
import type * as A from "./ast.js";
import type { Context } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { encodeString } from "./literals.js";
import { STD_SCHEME } from "./module-host.js";
import type { Value } from "./values.js";

/** How much of a recording `check` reads: its first rows, never the whole (it may be larger than memory). */
export const HEAD_ROWS = 100;
const HEAD_BYTES = 256 * 1024;

const WHAT = { bundle: "bundle", data: "recorded data file" } as const;

/**
 * A file a call names (a bundle, a recording), relative to the scenario: XDC2014 when it is
 * not there; for a recording, XDC3017 when its format is unknown or its first rows do not fit
 * the call's `schema` and `timestamps`, at the line of the file. Files are reached through the
 * host (ModuleHost.files); a host that cannot tell checks nothing.
 */
export function checkFile(ctx: Context, role: "bundle" | "data", e: A.Expr, args: CallArgs): void {
  const probe = ctx.host.files;
  const v = ctx.values.get(e);
  // A string with a slip in it (an unknown escape) names no file anyone meant: one error is enough.
  if (probe === undefined || v?.kind !== "string" || v.value === "" || e.span.file.startsWith(STD_SCHEME) || ctx.brokenWithin(e.span)) return;
  const path = resolveAsset(e.span.file, v.value);
  if (!probe.exists(path)) {
    ctx.report(diagnostic("XDC2014", e.span, `no ${WHAT[role]} ${encodeString(v.value)}`, {
      label: "no such file",
      notes: [`looked for ${path}`],
      help: { message: "paths are relative to the scenario file's directory" },
    }));
    return;
  }
  if (role === "data") checkRecordingHead(ctx, e, v.value, path, args);
}

/** A path as a scenario writes it, resolved against the scenario file's directory. */
export function resolveAsset(scenario: string, written: string): string {
  const p = written.replaceAll("\\", "/");
  return posix.isAbsolute(p) ? posix.normalize(p) : posix.normalize(posix.join(posix.dirname(scenario.replaceAll("\\", "/")), p));
}

function checkRecordingHead(ctx: Context, e: A.Expr, written: string, path: string, args: CallArgs): void {
  const misfit = (message: string, label: string, notes: string[] = []) => ctx.report(diagnostic("XDC3017", e.span, message, { label, notes }));
  const format = formatOf(path);
  if (format === undefined) {
    misfit(`${encodeString(written)} is not a recording xdc reads`, "unknown kind of file", [`recordings are JSON lines (.jsonl, .ndjson, .json) or CSV with a header (.csv): ${RECORDED_EXTENSIONS.join(", ")}`]);
    return;
  }
  const schemaValue = args.get("schema")?.value;
  if (args.has("schema") && schemaValue === undefined) return; // known only at run time: the run checks it
  const parsed = parseSchema(schemaValue?.kind === "record" ? schemaText(schemaValue) : {});
  if (parsed.problems.length > 0) return; // XDC3014 says what is wrong with it
  const stamps = args.get("timestamps")?.value;
  const head = ctx.host.files?.head(path, HEAD_BYTES);
  if (head === undefined) return;
  const lines = head.split("\n");
  // The last line of a head shorter than the file may be cut short: it is not read.
  if (head.length >= HEAD_BYTES - 4) lines.pop();
  const checked = checkRecording(lines, { format, schema: parsed.schema, ...(stamps?.kind === "string" && stamps.value !== "" ? { timestamps: stamps.value } : {}) }, HEAD_ROWS);
  if (checked.problem) {
    const p = checked.problem;
    misfit(describeProblem(written, p), p.line > 0 ? `line ${p.line} of this file` : "this file", [`\`check\` reads the first ${HEAD_ROWS} rows; \`exec\` stops at the first row that does not fit`]);
    return;
  }
  if (checked.rows === 0 && checked.complete && head.length < HEAD_BYTES - 4) misfit(`${encodeString(written)} holds no rows`, "an empty recording", [format === "csv" ? "a CSV recording is a header line, then one row per line" : "a JSON-lines recording is one JSON object per line"]);
}

function schemaText(v: Extract<Value, { kind: "record" }>): SchemaText {
  const out: Record<string, string | SchemaText> = {};
  for (const f of v.fields) {
    if (f.value.kind === "string") out[f.name] = f.value.value;
    else if (f.value.kind === "record") out[f.name] = schemaText(f.value);
  }
  return out;
}
