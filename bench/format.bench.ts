// Speed of xdc fmt and of xdc check's output: format (parse, print, re-parse to verify) on
// generated 1,000- and 10,000-line files with comments, the printer alone, the renderers on
// many diagnostics, and `xdc check` (start-up included) on the example scenario.
// Every loop is bounded in count; nothing touches the network.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importBundled } from "./bundle.js";
import type * as Language from "./entries/language.js";
import { fmt, median } from "./stats.js";

const RUNS = 7;

/** A scenario of about `lines` lines: a repeated realistic block, messily spaced, with comments. */
function scenario(lines: number): string {
  const block = (i: number) => `
  // step ${i}: cut the link and watch the failover
  run {   /* timeline ${i} */
    let load${i} = inject(app.Ingest, rate: ${100 + i}/s, for: 90s, key: "seq", schema: {seq: "int64", payload: "rstring"})
    at ${i % 60}s: partition(dc1,dc2) for 30s   // the fault
    at ${i % 60 + 5}s { wait 1s; expect healthy(app, on: dc2) }
    let fo${i} = await failover(app, to: dc2) within 60s
    await healthy(app, on: dc2) within 2m as h${i}
    expect (fo${i}.rto <= 45s) and lost(load${i}, app.Results) <= 0.1%
    repeat 3 { partition(dc1, dc2) for 5s; wait 5s }
  }
`;
  const blockLines = block(0).split("\n").length - 1;
  const parts = ['scenario "generated" {\n  timeout: 10m\n  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab")\n'];
  for (let i = 0; i * blockLines < lines - 4; i++) parts.push(block(i));
  parts.push("}\n");
  return parts.join("");
}

function time(fn: () => void): number[] {
  fn(); // warm-up
  return Array.from({ length: RUNS }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  });
}

export async function run(): Promise<void> {
  const { diagnostic, format, parse, printFile, render, LineMap, span } = await importBundled<typeof Language>("bench/entries/language.ts");
  for (const lines of [1_000, 10_000]) {
    const text = scenario(lines);
    const actual = text.split("\n").length;
    const mb = Buffer.byteLength(text) / 1e6;
    const parsed = parse(text, "bench.xdc");
    if (parsed.diagnostics.length > 0) throw new Error(`bench bug: the generated text has errors: ${parsed.diagnostics[0]!.message}`);
    const ast = parsed.value;
    const fmtMs = median(time(() => format(text, "bench.xdc")));
    const printMs = median(time(() => printFile(ast, text)));
    const parseMs = median(time(() => parse(text, "bench.xdc")));
    console.log(`${actual} lines, ${fmt(mb, 2)} MB, ${ast.comments.length} comments (median of ${RUNS})`);
    console.log(`  format (parse + print + verify)  ${fmt(fmtMs)} ms  = ${fmt((fmtMs * 1000) / actual, 2)} ms per 1,000 lines, ${fmt(mb / (fmtMs / 1000), 2)} MB/s`);
    console.log(`  print alone                      ${fmt(printMs)} ms  = ${fmt((printMs * 1000) / actual, 2)} ms per 1,000 lines`);
    console.log(`  parse alone (for comparison)     ${fmt(parseMs)} ms`);
  }

  const text = scenario(1_000);
  const lines = new LineMap(text);
  const diagnostics = Array.from({ length: 1_000 }, (_, i) => {
    const at = text.indexOf("partition", (i * 37) % (text.length - 100));
    return diagnostic("XDC2002", span("bench.xdc", lines.position(at), lines.position(at + 9)), "unknown datacenter `dc_2`", {
      label: "not declared",
      labels: [{ span: span("bench.xdc", lines.position(0), lines.position(8)), message: "in this scenario" }],
      help: { message: "did you mean `dc2`?" },
    });
  });
  for (const format of ["human", "json", "github"] as const) {
    const ms = median(time(() => render(format, { diagnostics, source: () => text, fileCount: 1 }, { colour: false })));
    console.log(`render ${format.padEnd(6)} 1,000 diagnostics  ${fmt(ms)} ms`);
  }

  const root = fileURLToPath(new URL("..", import.meta.url));
  const bin = join(root, "bin", "xdc.js");
  const startup = time(() => {
    const r = spawnSync(process.execPath, [bin, "check", "examples/partition.xdc"], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`xdc check failed: ${r.stdout}${r.stderr}`);
  });
  const help = time(() => spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" }));
  const bare = time(() => spawnSync(process.execPath, ["-e", "0"]));
  console.log(`xdc check examples/partition.xdc: ${fmt(median(startup), 0)} ms; xdc --help: ${fmt(median(help), 0)} ms; node -e 0: ${fmt(median(bare), 0)} ms`);
}
