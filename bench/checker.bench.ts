// The checker's throughput next to the parser's, on a generated corpus of realistic
// scenarios (deterministic, not committed): medians of several runs, in MB/s. The checker
// should never be what makes `xdc check` slow.
import { importBundled } from "./bundle.js";
import type * as Language from "./entries/language.js";
import { fmt, median } from "./stats.js";

const ROUNDS = 7;

export function scenario(i: number): string {
  const dcs = i % 2 === 0 ? ["dc1", "dc2"] : ["dc2", "dc1"];
  return `// scenario ${i}: a fault, a failover, and what must hold afterwards
scenario "case ${i}: ${dcs[0]} cut off" {
  tags: ["network", "generated"]
  environment: sim
  timeout: ${10 + (i % 5)}m
  seed: ${i}

  let app = application("App${i}", bundle: "apps/App${i}.sab", sources: ["Ingest", "Control"], sinks: ["Results", "Status"])
  let period = ${10 + (i % 7)}s

  setup {
    submit(app, to: ${dcs[0]}, role: "primary", params: {configFileName: "${dcs[0]}.txt"})
    submit(app, to: ${dcs[1]}, role: "standby", params: {configFileName: "${dcs[1]}.txt"})
    await healthy(app, on: ${dcs[0]}) within 2m
    collect(app.Results)
  }

  steady {
    expect throughput(app.Results, over: 10s) >= ${100 + i % 50}/s
  }

  run {
    let load = inject(app.Ingest, rate: ${200 + (i % 300)}/s, for: 3m, key: "seq", schema: {orderId: "rstring", qty: "int32"})
    at 20s: partition(${dcs[0]}, ${dcs[1]}) for period * 3
    at 2m {
      latency(${dcs[0]}, ${dcs[1]}, delay: 150ms, jitter: 10ms) for 30s
      kill(pe(app, "Ingest", on: ${dcs[1]}))
    }
    repeat 3 {
      packet_loss(${dcs[0]}, ${dcs[1]}, rate: ${i % 10}%) for period / 2
      wait period
    }
    let fo = await failover(app, to: ${dcs[1]}) within 4m
    after load: log("workload done")
  }

  verify {
    expect fo.rto <= 150s else "took too long"
    expect lost(load, app.Results) <= 0.1%
    expect duplicates(load, app.Results) == 0
    expect ordered(app.Results, by: "seq")
    expect rpo(load, app.Results) <= 30s
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;
}

export async function run(): Promise<void> {
  const { check, memoryHost, parse } = await importBundled<typeof Language>("bench/entries/language.ts");
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 2_000_000; i++) {
    const s = scenario(i);
    parts.push(s);
    size += s.length;
  }
  const text = parts.join("\n");
  const mb = text.length / 1e6;
  const host = memoryHost();
  const parseMs: number[] = [];
  const checkMs: number[] = [];
  let diagnostics = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const parsed = parse(text, "corpus.xdc");
    const t1 = performance.now();
    const checked = check(parsed.value, host);
    const t2 = performance.now();
    parseMs.push(t1 - t0);
    checkMs.push(t2 - t1);
    diagnostics = parsed.diagnostics.length + checked.diagnostics.length;
  }
  const rate = (ms: number) => fmt(mb / (ms / 1000));
  const p = median(parseMs);
  const c = median(checkMs);
  console.log(`corpus: ${fmt(mb, 2)} MB, ${parts.length} scenarios, ${diagnostics} diagnostics (want 0)`);
  console.log(`parse:         ${fmt(p, 0)} ms  ${rate(p)} MB/s`);
  console.log(`check:         ${fmt(c, 0)} ms  ${rate(c)} MB/s`);
  console.log(`parse + check: ${fmt(p + c, 0)} ms  ${rate(p + c)} MB/s   (medians of ${ROUNDS})`);
}
