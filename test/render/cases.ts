import { readFileSync } from "node:fs";
import { diagnostic, type Diagnostic } from "../../src/language/diagnostics.js";
import { parse } from "../../src/language/parse.js";
import { LineMap, span, type Span } from "../../src/language/span.js";

/**
 * The diagnostics the render goldens show, on the sources in cases/. The checker does not
 * exist yet, so its diagnostics are written here by hand (shaped like the examples in
 * STYLE.md); syntax errors come from the real parser.
 */
const root = new URL("./cases/", import.meta.url);
export const source = (file: string): string | undefined => {
  try {
    return readFileSync(new URL(file, root), "utf8");
  } catch {
    return undefined;
  }
};

/**
 * The span of the `nth` occurrence of `needle` in a case file (searching from the first
 * occurrence of `inside`, when given), or the empty span just after it with `after`.
 */
function spanOf(file: string, needle: string, options: { nth?: number; after?: boolean; length?: number; inside?: string } = {}): Span {
  const text = source(file)!;
  let at = options.inside !== undefined ? text.indexOf(options.inside) - 1 : -1;
  for (let i = 0; i <= (options.nth ?? 0); i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle} in ${file}`);
  const lines = new LineMap(text);
  const start = options.after ? at + needle.length : at;
  const end = options.after ? start : at + (options.length ?? needle.length);
  return span(file, lines.position(start), lines.position(end));
}

const SCENARIO = "scenarios/dc-partition.xdc";
const LAB = "envs/lab.xdc";

export function cases(): Diagnostic[] {
  return [
    diagnostic("XDC3004", spanOf(SCENARIO, "5s", { inside: "<= 5s" }), "expected a percentage, found a duration", {
      label: "this is a duration",
      labels: [{ span: spanOf(SCENARIO, "lost(load, app.Results)"), message: "`lost` returns a percentage" }],
      help: { message: "write the limit as a percentage, for example `0.1%`" },
    }),
    diagnostic("XDC2002", spanOf(SCENARIO, "dc_2"), "unknown datacenter `dc_2`", {
      label: "not declared in environment `lab`",
      labels: [{ span: spanOf(LAB, "dc2", { nth: 0 }), message: "`dc2` is declared here" }],
      help: { message: "did you mean `dc2`?", edit: { span: spanOf(SCENARIO, "dc_2"), newText: "dc2", applicability: "maybe-incorrect" } },
    }),
    diagnostic("XDC4001", spanOf(SCENARIO, "failover(app, to: dc2)", { after: true }), "`await` has no time bound", {
      label: "add `within DURATION` here",
      labels: [{ span: spanOf(SCENARIO, "timeout: 10m"), message: "the whole scenario is bounded by this" }],
      notes: ["an await without a bound can wait until the scenario times out,\nwhich says nothing about why"],
      help: {
        message: "bound it: `await failover(app, to: dc2) within 60s`",
        edit: { span: spanOf(SCENARIO, "failover(app, to: dc2)", { after: true }), newText: " within 60s", applicability: "has-placeholders" },
      },
    }),
    diagnostic("XDC2010", spanOf(SCENARIO, "load"), "`load` is never used", { severity: "warning", label: "bound here" }),
    diagnostic("XDC2001", spanOf("wide.xdc", "名前"), "unknown name `名前`", {
      label: "not declared",
      labels: [
        { span: spanOf("wide.xdc", "name", { nth: 0 }), message: "did you mean this?" },
        { span: spanOf("wide.xdc", "🎉", { nth: 1 }), message: "not a name either" },
      ],
    }),
    diagnostic("XDC4002", spanOf("multiline.xdc", "partition(", { length: "partition(\n      dc1,\n      dc2,\n    )".length }), "fault left applied", {
      severity: "warning",
      label: "this partition is never reverted",
      labels: [{ span: spanOf("multiline.xdc", "wait 30s"), message: "the run ends after this" }],
      help: { message: "add `for DURATION`, or call `revert(f)`" },
    }),
    diagnostic("XDC2004", spanOf(SCENARIO, '"envs/lab.xdc"'), "module `envs/lab.xdc` not found", {
      severity: "info",
      labels: [{ span: spanOf(SCENARIO, '"envs/lab.xdc"'), message: "shown as an info to test the severity" }],
      notes: ["a label in a file that cannot be read keeps its words"],
    }),
    diagnostic("XDC2004", spanOf(SCENARIO, "import"), "a label in a file that is not there", {
      labels: [{ span: span("missing/nowhere.xdc", { offset: 0, line: 3, column: 1 }, { offset: 4, line: 3, column: 5 }), message: "would be here" }],
    }),
    ...parse(source("eof.xdc")!, "eof.xdc").diagnostics,
  ];
}
