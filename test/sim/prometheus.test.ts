import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import { snake } from "../../src/sim/prometheus/render.js";
import { makeInstance, upload } from "./fixtures.js";
import { startTwin, type Twin } from "./rest-helpers.js";

const promtoolAvailable = spawnSync("promtool", ["--version"]).status === 0;

function promtool(text: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("promtool", ["check", "metrics"], { stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
    child.stdin.end(text);
  });
}

/** A small reader of the text format: families with HELP and TYPE before their samples. */
function parseExposition(text: string): Map<string, { type: string; samples: Array<{ labels: Record<string, string>; value: number }> }> {
  const families = new Map<string, { type: string; samples: Array<{ labels: Record<string, string>; value: number }> }>();
  let help = "";
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === "HELP") help = meta[2]!;
      else {
        expect(help, `HELP before TYPE for ${meta[2]}`).to.equal(meta[2]);
        expect(families.has(meta[2]!), `${meta[2]} declared once`).to.equal(false);
        families.set(meta[2]!, { type: meta[3]!, samples: [] });
      }
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(sample, line).to.not.equal(null);
    const family = families.get(sample![1]!);
    expect(family, `sample of an undeclared family: ${line}`).to.not.equal(undefined);
    const labels: Record<string, string> = {};
    for (const m of (sample![2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    family!.samples.push({ labels, value: Number(sample![3]) });
  }
  return families;
}

describe("sim Prometheus exposition", () => {
  let t: Twin;
  before(async () => {
    t = await startTwin();
    const bundleId = upload(t.instance);
    const job = t.instance.submitJob({ bundleId, startedBy: "u", jobName: 'we"ird\\name' });
    if (!job.ok) throw new Error(job.error.message);
    t.instance.metric("1", "Ingest", "nTuplesSubmitted")!.add(42);
    t.instance.metric("1", "Process", "nEnriched")!.add(7);
    t.instance.crashPe("3");
    t.clock.advance(10_000);
  });
  after(() => t.close());

  const checked = "passes `promtool check metrics` (Debian's prometheus package)";
  // CI installs the `prometheus` package (.ci/run); only a machine without it skips, and says why.
  (promtoolAvailable ? it : it.skip)(promtoolAvailable ? checked : `${checked}: SKIPPED, promtool is not installed (apt-get install prometheus)`, async () => {
    const text = await (await fetch(`${t.origin}/metrics`)).text();
    const result = await promtool(text);
    expect(result, result.output).to.deep.equal({ code: 0, output: "" });
  });

  it("names families streams_… with labels, counters ending in _total", async () => {
    const families = parseExposition(await (await fetch(`${t.origin}/metrics`)).text());
    for (const [name, f] of families) {
      expect(name).to.match(/^streams_[a-z0-9_]+$/);
      if (f.type === "counter") expect(name).to.match(/_total$/);
    }
    const submitted = families.get("streams_operator_output_port_tuples_submitted_total")!.samples.find((s) => s.labels["operator"] === "Ingest");
    expect(submitted).to.deep.equal({ labels: { instance: "dc1", job: "1", job_name: 'we"ird\\name', pe: "1", operator: "Ingest", port: "0" }, value: 42 });
    expect(families.get("streams_operator_custom_enriched_total")!.samples[0]!.value).to.equal(7);
    const launches = families.get("streams_pe_launches_total")!.samples.find((s) => s.labels["pe"] === "3");
    expect(launches!.value).to.equal(2);
    expect(families.get("streams_pe_cpu_seconds_total")!.samples.every((s) => s.value > 0)).to.equal(true);
    expect(families.get("streams_host_up")!.samples.map((s) => s.labels["host"])).to.deep.equal(["dc1-h1", "dc1-h2", "dc1-h3"]);
  });

  it("turns Streams metric names into snake case", () => {
    expect(["nEnriched", "queueSize", "nTuplesProcessed", "weird-name.x", "n"].map(snake)).to.deep.equal(["enriched", "queue_size", "tuples_processed", "weird_name_x", "n"]);
  });

  it("renders an instance without jobs", async () => {
    const { instance } = makeInstance();
    const { renderMetrics } = await import("../../src/sim/prometheus/render.js");
    const families = parseExposition(renderMetrics(instance));
    expect(families.get("streams_instance_jobs")!.samples[0]!.value).to.equal(0);
  });
});
