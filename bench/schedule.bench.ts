// Scheduling accuracy on the real clock: how late `every` ticks run, over more than 1000 of
// them (target: p99 under 10 ms on an idle machine). The World is a stub; nothing leaves the process.
import { checkText, memoryHost } from "../src/language/index.js";
import { realClock } from "../src/runtime/clock.js";
import { runScenario } from "../src/runtime/interpreter/scenario.js";
import { memorySink } from "../src/runtime/journal/sink.js";
import { planWorld } from "../src/plan/plan-world.js";
import { fmt, median, quantile } from "./stats.js";

const INTERVAL_MS = 3;
const TICKS = 1100;

export async function run(): Promise<void> {
  const text = `scenario "tick" {\n  environment: sim\n  timeout: 1m\n  run {\n    every ${INTERVAL_MS}ms for ${INTERVAL_MS * TICKS}ms { log("t") }\n  }\n}\n`;
  const checked = checkText(text, "tick.xdc", memoryHost());
  const clock = realClock();
  const sink = memorySink();
  const scenario = checked.value.scenarios[0]!;
  await runScenario(checked.value, scenario, { clock, world: planWorld({ environment: scenario.environment, sshUser: "root", sshPortsKnownOnlyLive: false }, clock), journal: sink, source: () => text });
  const start = sink.events.find((e) => e.kind === "phase.start" && e.phase === "run")!.t;
  const lateness = sink.events.filter((e) => e.kind === "log").map((e, k) => e.t - (start + k * INTERVAL_MS));
  console.log(`every ${INTERVAL_MS}ms, ${lateness.length} ticks: lateness median ${fmt(median(lateness), 2)} ms, p99 ${fmt(quantile(lateness, 0.99), 2)} ms, max ${fmt(Math.max(...lateness), 2)} ms`);
}
