/**
 * A deterministic corpus of realistic scenario files for the benchmarks: the shapes of
 * examples/ and docs/language.md (deploy, steady state, a timeline of faults under load,
 * expectations, teardown), varied by a seeded random source (the twin's mulberry32, which
 * gives the same sequence everywhere for a seed). Every file binds what it uses,
 * so a checker spends its time on checking, not on reporting.
 */

import { seededRandom } from "../../src/sim/model/random.js";

/** The seed of the benchmark corpus; the tests check that this corpus checks cleanly. */
export const BENCHMARK_SEED = 20261123;

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

const APPS = [
  { name: "FailoverDemo", sources: ["Ingest"], sinks: ["Results"] },
  { name: "TradeCapture", sources: ["Orders", "Quotes"], sinks: ["Fills", "Audit"] },
  { name: "SensorRollup", sources: ["Readings"], sinks: ["Rollups", "Alerts"] },
];
const PROSE = [
  "Proves that the standby datacenter takes over when the primary loses its network.",
  "The toolkit declares the peer down after the configured number of missed heartbeats.",
  "Data loss must stay within what the snapshot interval allows.",
  "Runs on the embedded twin; point it at a lab with --env.",
  "Written after the incident where a flapping link caused duplicate fills.",
  "Keeps the load below the rate the sinks can absorb during catch-up.",
];

function scenario(rng: Rng, n: number): string[] {
  const app = pick(rng, APPS);
  const src = pick(rng, app.sources);
  const sink = pick(rng, app.sinks);
  const rate = pick(rng, [50, 100, 200, 500, 1000, 2000]);
  const loadFor = int(rng, 30, 180);
  const cutAt = int(rng, 5, 30);
  const cutFor = int(rng, 10, 60);
  const rto = pick(rng, [30, 45, 60, 90]);
  const out = [
    `scenario "${app.name} ${n}: partition for ${cutFor}s fails over within ${rto}s" {`,
    `  tags: [${pick(rng, ['"network"', '"network", "smoke"', '"nightly"', '"data", "network"'])}]`,
    "  environment: sim",
    `  timeout: ${int(rng, 12, 20)}m`,
    "",
    `  let app = application("${app.name}", bundle: "apps/${app.name}.sab", sources: [${app.sources.map((s) => `"${s}"`).join(", ")}], sinks: [${app.sinks.map((s) => `"${s}"`).join(", ")}])`,
    "",
    "  setup {",
    '    submit(app, to: dc1, role: "primary")',
    '    submit(app, to: dc2, role: "standby")',
    `    await healthy(app, on: dc1) within ${int(rng, 1, 3)}m`,
    ...(rng() < 0.5 ? [`    await healthy(app, on: dc2) within ${int(rng, 1, 3)}m`] : []),
    "  }",
    "",
    "  steady {",
    "    // steady-state hypothesis: checked before `run` and again after `verify`",
    `    expect throughput(app.${sink}, over: ${int(rng, 5, 30)}s) >= ${Math.round(rate * 0.8)}/s`,
    "  }",
    "",
    "  run {",
    `    let load = inject(app.${src}, rate: ${rate}/s, for: ${loadFor}s, key: "seq")`,
  ];
  const style = int(rng, 0, 3);
  if (style === 0) out.push(`    at ${cutAt}s: partition(dc1, dc2) for ${cutFor}s`);
  if (style === 1) out.push(`    at ${cutAt}s: flap(dc1, dc2, cycles: ${int(rng, 2, 6)}, period: ${int(rng, 4, 12)}s) for ${cutFor}s`);
  if (style === 2) out.push("    parallel {", `      at ${cutAt}s: partition(dc1, dc2) for ${cutFor}s`, `      at ${cutAt + 2}s {`, `        wait ${int(rng, 1, 5)}s`, `        partition(dc1, dc2) for ${int(rng, 2, 9)}s`, "      }", "    }");
  if (style === 3) out.push(`    every ${int(rng, 10, 20)}s for ${int(rng, 1, 3)}m {`, `      partition(dc1, dc2) for ${int(rng, 1, 5)}s  // short cuts`, "    }");
  out.push(
    `    let fo = await failover(app, to: dc2) within ${rto + 30}s`,
    `    after load: expect lost(load, app.${sink}) <= 1% else "tuples were lost while the load ran"`,
    "  }",
    "",
    "  verify {",
    `    expect fo.rto <= ${rto}s`,
    `    expect lost(load, app.${sink}) <= ${pick(rng, ["0%", "0.1%", "0.5%", "1%"])}`,
  );
  if (rng() < 0.7) out.push(`    expect duplicates(load, app.${sink}) <= ${rate} * ${int(rng, 1, 5)}`);
  if (rng() < 0.6) out.push(`    expect ordered(app.${sink}, by: "seq") else "tuples arrived out of order"`);
  out.push("  }", "", "  teardown {", "    // always runs, also after a failure or Ctrl-C", "    cancel(app, on: [dc1, dc2])", "  }", "}");
  return out;
}

const FLAP = [
  "// Cuts the link between two datacenters on and off.",
  "fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 10s) {",
  "  repeat cycles {",
  "    partition(a, b) for period / 2",
  "    wait period / 2",
  "  }",
  "}",
];

/** One file: a header comment, the fault it uses, and (by default one to three) scenarios. */
export function realisticFile(rng: Rng, n: number, scenarioCount = int(rng, 1, 3)): string {
  const header = Array.from({ length: int(rng, 1, 3) }, () => `// ${pick(rng, PROSE)}`);
  const scenarios = Array.from({ length: scenarioCount }, (_, i) => scenario(rng, n * 10 + i));
  return [...header, "", ...FLAP, "", ...scenarios.flatMap((s) => [...s, ""])].join("\n");
}

/** Files until their UTF-8 size reaches `minBytes`; the same seed gives the same files. */
export function realisticCorpus(seed: number, minBytes: number): string[] {
  const rng = seededRandom(seed);
  const files: string[] = [];
  for (let bytes = 0, n = 0; bytes < minBytes; n++) {
    const f = realisticFile(rng, n);
    files.push(f);
    bytes += Buffer.byteLength(f);
  }
  return files;
}
