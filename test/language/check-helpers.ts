import type { Diagnostic } from "../../src/language/diagnostics.js";
import { checkText, memoryHost } from "../../src/language/index.js";

/** Checks a text as `main.xdc`, with other files reachable by import. */
export const checked = (text: string, files: Record<string, string> = {}, path = "main.xdc") =>
  checkText(text, path, memoryHost(files));

export const codes = (text: string, files: Record<string, string> = {}) => checked(text, files).diagnostics.map((d) => d.code);

/** The one diagnostic a text produces; fails with the list when there is not exactly one. */
export function only(text: string, files: Record<string, string> = {}): Diagnostic {
  const ds = checked(text, files).diagnostics;
  if (ds.length !== 1) throw new Error(`expected one diagnostic, got ${ds.length}:\n${ds.map(line).join("\n")}`);
  return ds[0]!;
}

export const line = (d: Diagnostic) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`;

/** The text a span covers. */
export const textAt = (text: string, d: { span: Diagnostic["span"] }) => text.slice(d.span.start.offset, d.span.end.offset);

export const APP = `let app = application("Demo", bundle: "demo.sab", sources: ["Ingest"], sinks: ["Results"])`;

/** A scenario on the twin with an application, a `setup` that submits it, and the given blocks. */
export const scenario = (blocks: string, settings = "timeout: 10m") =>
  `scenario "t" {\n  ${settings}\n  ${APP}\n  setup { submit(app, to: dc1) }\n${blocks}\n}\n`;

/** `scenario` with statements in `run`. */
export const inRun = (stmts: string, settings?: string) => scenario(`  run {\n${stmts}\n  }`, settings);

/** `scenario` with a workload and a failover bound in `run` and statements in `verify`. */
export const inVerify = (stmts: string) =>
  scenario(`  run {
    let load = inject(app.Ingest, rate: 100/s, for: 1m)
    let fo = await failover(app, to: dc2) within 3m
  }
  verify {
    expect fo.rto >= 0s
    expect lost(load, app.Results) <= 100%
${stmts}
  }`);
