import type { Diagnostic } from "../diagnostics.js";
import { LineMap, type Span } from "../span.js";
import type { Renderer } from "./input.js";
import { paintFor, type Paint } from "./paint.js";
import { snippet, type Annotation, type Part, type Row } from "./snippet.js";
import { summarize } from "./summary.js";

/**
 * The format people read: rustc's shape, with the user's own lines under the message.
 *
 *     error[XDC2001]: unknown datacenter `dc_2`
 *       --> scenarios/dc-partition.xdc:22:28
 *        |
 *     22 |     at 20s: partition(dc1, dc_2) for 30s
 *        |                            ^^^^ not declared in environment `lab`
 *        |
 *        = help: did you mean `dc2`?
 *
 * Every diagnostic is followed by a blank line; the output ends with a summary line.
 */
export const human: Renderer = (input, { colour }) => {
  const paint = paintFor(colour);
  // One line map per file, however many diagnostics point into it.
  const maps = new Map<string, LineMap | undefined>();
  const lines = (file: string) => {
    if (!maps.has(file)) {
      const text = input.source(file);
      maps.set(file, text === undefined ? undefined : new LineMap(text));
    }
    return maps.get(file);
  };
  const blocks = input.diagnostics.map((d) => renderOne(d, lines, paint));
  const summary = summarize(input.diagnostics, input.fileCount);
  const last =
    summary.level === "ok" ? summary.text : paint.severity(summary.level, summary.level) + paint.bold(summary.text.slice(summary.level.length));
  return blocks.map((b) => `${b}\n\n`).join("") + `${last}\n`;
};

interface Section {
  readonly file: string;
  readonly annotations: Annotation[];
}

/** The primary span's file first, then every other file a label points into, in the order they appear. */
function sections(d: Diagnostic): Section[] {
  const result: Section[] = [{ file: d.span.file, annotations: [{ span: d.span, primary: true, ...(d.label !== undefined ? { message: d.label } : {}) }] }];
  for (const l of d.labels) {
    const section = result.find((s) => s.file === l.span.file);
    const annotation = { span: l.span, primary: false, message: l.message };
    if (section) section.annotations.push(annotation);
    else result.push({ file: l.span.file, annotations: [annotation] });
  }
  return result;
}

const location = (s: Span) => `${s.file}:${s.start.line}:${s.start.column}`;

function renderOne(d: Diagnostic, lines: (file: string) => LineMap | undefined, paint: Paint): string {
  const shown = sections(d).map((section) => {
    const map = lines(section.file);
    return { section, rows: map === undefined ? [] : snippet(map, section.annotations) };
  });
  const widest = Math.max(1, ...shown.flatMap((s) => s.rows.map((r) => (r.kind === "source" ? r.line : 0))));
  const pad = " ".repeat(String(widest).length);
  const bar = paint.gutter(`${pad} |`);
  const out = [paint.severity(d.severity, `${d.severity}[${d.code}]`) + paint.bold(`: ${d.message}`)];
  shown.forEach(({ section, rows }, i) => {
    const first = section.annotations[0]!;
    if (i === 0) out.push(`${paint.gutter(`${pad}-->`)} ${location(first.span)}`);
    else {
      out.push(bar);
      // Without the file's text the label has no line to hang from; keep its words with the location.
      const words = rows.length === 0 && first.message !== undefined ? `: ${first.message}` : "";
      out.push(`${paint.gutter(`${pad}:::`)} ${location(first.span)}${words}`);
    }
    if (rows.length > 0) out.push(bar, ...rows.map((r) => row(r, pad, paint, d)));
  });
  const extras = [
    ...d.notes.map((n) => extra("note", n, pad, paint)),
    ...(d.help !== undefined ? [extra("help", d.help.message, pad, paint)] : []),
  ];
  if (extras.length > 0 && shown.some((s) => s.rows.length > 0)) out.push(bar);
  out.push(...extras);
  return out.join("\n");
}

function row(r: Row, pad: string, paint: Paint, d: Diagnostic): string {
  switch (r.kind) {
    case "source":
      return `${paint.gutter(`${String(r.line).padStart(pad.length)} |`)}${r.text.trimEnd() === "" ? "" : ` ${r.text.trimEnd()}`}`;
    case "marks":
      return `${paint.gutter(`${pad} |`)} ${r.parts.map((p) => part(p, paint, d)).join("")}`;
    case "gap":
      return paint.gutter("...");
  }
}

function part(p: Part, paint: Paint, d: Diagnostic): string {
  switch (p.style) {
    case "primary":
      return paint.severity(d.severity, p.text);
    case "secondary":
      return paint.secondary(p.text);
    case "plain":
      return p.text;
  }
}

/** `= note: …`, with the lines of a long note aligned under its first. */
function extra(kind: "note" | "help", text: string, pad: string, paint: Paint): string {
  const indent = " ".repeat(pad.length + ` = ${kind}: `.length);
  return `${paint.gutter(`${pad} =`)} ${paint.bold(`${kind}:`)} ${text.split("\n").join(`\n${indent}`)}`;
}
