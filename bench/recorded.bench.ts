// Recorded data (issue 18): a 1 GB JSON-lines file of orders, generated into a temp folder
// and deleted afterwards.
//   1. One full pass over the file in its own process (bench/recorded-child.ts): every row
//      read, typed by the schema and tagged, as `inject(file: …)` does before sending; its
//      peak RSS shows the file is streamed, not loaded.
//   2. `xdc exec` of a scenario on the twin (`environment: sim`) that streams the file into
//      FailoverDemo's Ingest at RATE for FOR, RUNS times: the exec process's peak RSS (VmHWM)
//      and the rate achieved (tuples sent over the workload's duration) against the one asked.
// Targets: peak RSS under 200 MB; achieved rate within 2% of the requested one. The run on the
// twin is bounded by FOR (the twin's demo app processes 20 000 tuples/s, so streaming the
// whole gigabyte at a rate it sustains would take minutes): it reads the file's first
// RATE × FOR rows, the full pass of part 1 reads all of them.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ORDER_SCHEMA, writeOrders } from "./recorded-file.js";
import { fmt, median } from "./stats.js";

const GB = 1024 ** 3;
const RATE = 5_000;
const FOR_S = 20;
const RUNS = 3;
const BIN = fileURLToPath(new URL("../bin/xdc.js", import.meta.url));
const APPS = fileURLToPath(new URL("../examples/apps", import.meta.url));
const CHILD = fileURLToPath(new URL("./recorded-child.ts", import.meta.url));

const schemaText = Object.entries(ORDER_SCHEMA).map(([k, v]) => `${k}: "${v}"`).join(", ");
const SCENARIO = `scenario "a recorded gigabyte streamed into the twin" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, role: "primary")
    await healthy(app, on: dc1) within 1m
  }

  run {
    let load = inject(app.Ingest, rate: ${RATE}/s, for: ${FOR_S}s, schema: {${schemaText}}, file: "orders.jsonl")
  }

  verify {
    expect load.sent >= 1 else "nothing was sent"
  }

  teardown {
    cancel(app, on: dc1)
  }
}
`;

interface Figures {
  readonly ms: number;
  readonly maxRssMB: number;
}

/** A child's output as JSON, and its own peak RSS. */
function fullPass(file: string): Promise<Figures & { rows: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", CHILD, file], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    p.once("error", reject);
    p.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Figures & { rows: number }) : reject(new Error(`the full pass exited with ${code}`))));
  });
}

/** The high-water mark of a process's resident memory, in MB, from /proc (0 once it has gone). */
function vmHwmMB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** One `xdc exec`: its exit code, its peak RSS (polled every 100 ms), and the tuples its workload sent. */
function execOnce(dir: string, n: number): Promise<{ code: number | null; maxRssMB: number; sent: number }> {
  const out = join(dir, `out-${n}`);
  const p = spawn(process.execPath, [BIN, "exec", "recorded.xdc", "--out", out, "--ledger", join(dir, "ledger.jsonl")], { cwd: dir, stdio: "ignore" });
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, vmHwmMB(p.pid!))), 100);
  return new Promise((resolve, reject) => {
    p.once("error", reject);
    p.once("exit", (code) => {
      clearInterval(poll);
      const data = readFileSync(join(out, "journal.jsonl"), "utf8").split("\n").filter((l) => l.includes('"kind":"data"')).map((l) => JSON.parse(l) as { sent: number });
      resolve({ code, maxRssMB: peak, sent: data[0]?.sent ?? 0 });
    });
  });
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "xdc-bench-recorded-"));
  try {
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
    // The file, and room to spare for the journals and the rest of the machine.
    const bytes = free >= 3 * GB ? GB : Math.floor(free / 4);
    if (bytes < GB) console.log(`  note: only ${fmt(free / GB, 2)} GB free in ${tmpdir()}: the file is scaled down to ${fmt(bytes / GB, 2)} GB`);
    const file = join(dir, "orders.jsonl");
    const wrote = performance.now();
    const rows = await writeOrders(file, bytes);
    console.log(`recorded file: ${rows.toLocaleString("en")} rows, ${fmt(bytes / GB, 2)} GB of JSON lines (written in ${fmt((performance.now() - wrote) / 1000)} s)`);

    const pass = await fullPass(file);
    console.log(
      `  full pass (read, typed, tagged; no sending): ${pass.rows.toLocaleString("en")} rows in ${fmt(pass.ms / 1000)} s, ` +
        `${fmt(pass.rows / (pass.ms / 1000) / 1000, 0)} k rows/s, peak RSS ${fmt(pass.maxRssMB, 0)} MB (target < 200 MB)`,
    );

    cpSync(APPS, join(dir, "apps"), { recursive: true });
    writeFileSync(join(dir, "recorded.xdc"), SCENARIO);
    const runs: { maxRssMB: number; rate: number }[] = [];
    for (let n = 0; n < RUNS; n++) {
      const r = await execOnce(dir, n);
      if (r.code !== 0) throw new Error(`xdc exec exited with ${r.code} (journal in ${dir}/out-${n})`);
      runs.push({ maxRssMB: r.maxRssMB, rate: r.sent / FOR_S });
    }
    const rate = median(runs.map((r) => r.rate));
    const rss = median(runs.map((r) => r.maxRssMB));
    console.log(`  xdc exec into the twin, ${RATE.toLocaleString("en")}/s for ${FOR_S} s, medians of ${RUNS} runs:`);
    console.log(`    requested ${RATE.toLocaleString("en")}/s, achieved ${fmt(rate, 0)}/s (${fmt(((rate - RATE) / RATE) * 100, 2)}%, target within ±2%); runs: ${runs.map((r) => fmt(r.rate, 0)).join(", ")}`);
    console.log(`    xdc's peak RSS ${fmt(rss, 0)} MB (target < 200 MB); runs: ${runs.map((r) => fmt(r.maxRssMB, 0)).join(", ")}`);
    // Sending, the twin and reading the sink back share the machine's cores: a busy machine starves them.
    console.log(`    load average at the end ${loadavg().map((l) => fmt(l)).join(", ")} on this machine`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
