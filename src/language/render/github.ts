import type { Diagnostic, Severity } from "../diagnostics.js";
import type { Renderer } from "./input.js";
import { short } from "./short.js";
import { summarize } from "./summary.js";

/**
 * GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull
 * request. GitHub keeps only 10 per step and drops the rest silently, so at most 10 are
 * written as commands (errors first), the rest as plain `short` lines in the log, and the
 * output ends with a plain count.
 */
export const MAX_ANNOTATIONS = 10;

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The message part: `%`, CR and LF escaped. */
export const escapeData = (s: string) => s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
/** A property value: also `:` and `,`, which separate properties. */
export const escapeProperty = (s: string) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");

function annotation(d: Diagnostic): string {
  const { file, start, end } = d.span;
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${start.line}`,
    `col=${start.column}`,
    `endLine=${end.line}`,
    `endColumn=${end.column}`,
    `title=${escapeProperty(d.code)}`,
  ].join(",");
  const body = [d.message, ...d.notes.map((n) => `note: ${n}`), ...(d.help !== undefined ? [`help: ${d.help.message}`] : [])].join("\n");
  return `::${COMMAND[d.severity]} ${properties}::${escapeData(body)}\n`;
}

export const github: Renderer = (input, options) => {
  const ranked = [...input.diagnostics].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const annotated = ranked.slice(0, MAX_ANNOTATIONS);
  const rest = ranked.slice(MAX_ANNOTATIONS);
  const overflow =
    rest.length === 0
      ? ""
      : `${rest.length} more not annotated (GitHub keeps ${MAX_ANNOTATIONS} annotations per step):\n` +
        short({ ...input, diagnostics: rest }, options);
  return annotated.map(annotation).join("") + overflow + `${summarize(input.diagnostics, input.fileCount).text}\n`;
};
