// Diagnostics latency of `xdc lsp --stdio` after an edit in a 2,000-line file, measured as an
// editor sees it: from sending didChange over the pipe to receiving publishDiagnostics for
// that version. Each edit breaks or mends one name, so every round checks the whole file and
// publishes a changed list. Reported with the default debounce (what users get: an edit after
// a pause is checked at once) and with none. Target: p95 under 50 ms with the default.
import { readFileSync } from "node:fs";
import { LspClient } from "../test/lsp/client.js";
import { scenario } from "./checker.bench.js";
import { fmt, median, quantile } from "./stats.js";

const LINES = 2_000;
const EDITS = 60;
/** Edits before measuring, so the figures are of a warmed-up server, as an editor session has. */
const WARM_UP = 20;
const URI = "file:///tmp/xdc-bench/lsp-2000.xdc";

function corpus(): string {
  const parts: string[] = [];
  let lines = 0;
  for (let i = 0; lines < LINES; i++) {
    const s = scenario(i);
    parts.push(s);
    lines += s.split("\n").length;
  }
  return parts.join("\n");
}

/** The process's CPU time in ms (user + system) from /proc, or NaN where there is none: the machine may be shared, so wall time alone misleads. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function measure(args: readonly string[], text: string): Promise<{ times: number[]; cpuPerEdit: number }> {
  const client = new LspClient(args);
  try {
    await client.initialize();
    await client.open(URI, text);
    await client.diagnostics(URI);
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes("partition(dc1, dc2)"));
    const character = lines[line]!.indexOf("dc2");
    const range = (length: number) => ({ start: { line, character }, end: { line, character: character + length } });
    const times: number[] = [];
    let cpu0 = 0;
    for (let i = 0; i < WARM_UP + EDITS; i++) {
      if (i === WARM_UP) cpu0 = cpuMs(client.pid);
      const broken = i % 2 === 0;
      const t0 = performance.now();
      const version = await client.edit(URI, range(broken ? 3 : 4), broken ? "dc_2" : "dc2");
      await client.diagnostics(URI, (p) => p.version === version);
      if (i >= WARM_UP) times.push(performance.now() - t0);
    }
    return { times, cpuPerEdit: (cpuMs(client.pid) - cpu0) / EDITS };
  } finally {
    await client.close();
  }
}

export async function run(): Promise<void> {
  const text = corpus();
  console.log(`file: ${text.split("\n").length} lines, ${fmt(text.length / 1e3)} kB; ${EDITS} edits each after ${WARM_UP} to warm up`);
  for (const [label, args] of [["default (--debounce 10)", []], ["--debounce 0", ["--debounce", "0"]]] as const) {
    const { times, cpuPerEdit } = await measure(args, text);
    console.log(`${label.padEnd(26)} median ${fmt(median(times))} ms   p95 ${fmt(quantile(times, 0.95))} ms   max ${fmt(Math.max(...times))} ms   server CPU ${fmt(cpuPerEdit)} ms/edit`);
  }
}
