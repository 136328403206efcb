import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { xdc, type Run } from "../cli/spawn.js";
import { EXAMPLES, readJsonLines } from "./live-helpers.js";
import { prometheusMissing } from "../../src/cli/exec-prometheus.js";
import { haveXmllint, xmllint } from "../report/xmllint.js";

/**
 * The reference scenarios, each run as a user runs it: `xdc exec` starts and stops its own twin.
 * monitoring.xdc queries Prometheus, so it needs Debian's binary (.ci/run installs it).
 */
const MISSING = prometheusMissing();
const SIX = ["partition", "api-cancel", "process-kill", "degradation", "data-validation", "performance", ...(MISSING === undefined ? (["monitoring"] as const) : [])] as const;
/** Each run is a twin (three processes) and exec: three at a time keep two shared cores from starving the twins' timers. */
const AT_ONCE = 3;

interface ExampleRun {
  readonly run: Run;
  readonly out: string;
  readonly ledger: string;
}

async function pool<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

describe("the reference scenarios pass on the twin (xdc exec, built CLI)", function () {
  this.timeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "xdc-examples-"));
  const runs = new Map<string, ExampleRun>();
  before(async () => {
    const done = await pool(SIX, AT_ONCE, async (name) => {
      const out = join(dir, name);
      const ledger = join(dir, `${name}.ledger.jsonl`);
      return { name, run: await xdc(["exec", join(EXAMPLES, `${name}.xdc`), "--out", out, "--ledger", ledger], { cwd: dir }), out, ledger };
    });
    for (const d of done) runs.set(d.name, d);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of SIX) {
    it(`${name}.xdc passes, measures the failover, and leaves no fault applied`, () => {
      const { run, out, ledger } = runs.get(name)!;
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.match(/^ {2}PASS /m);
      expect(run.stdout).to.match(/RTO \d+\.\d{3}s {2}detection \d+\.\d{3}s/);
      const journal = readJsonLines<{ kind: string; status?: string; rtoMs?: number; detectionMs?: number }>(join(out, "journal.jsonl"));
      expect(journal[0]!.kind).to.equal("run.start");
      expect(journal.at(-1)!.kind).to.equal("run.end");
      const failovers = journal.filter((e) => e.kind === "failover");
      expect(failovers).to.have.length(1);
      // detection ends at the takeover, the RTO at the first tuple after it: never the other way round
      expect(failovers[0]!.rtoMs).to.be.at.least(failovers[0]!.detectionMs!);
      const reverted = journal.filter((e) => e.kind === "fault.reverted").map((e) => e.status);
      expect(reverted).to.not.include("failed");
      const records = readJsonLines<{ type: string; id?: string; fault?: { id: string } }>(ledger);
      const applied = records.filter((r) => r.type === "apply").map((r) => r.fault!.id);
      const undone = new Set(records.filter((r) => r.type === "undone").map((r) => r.id));
      expect(applied, "no fault was applied").to.not.be.empty;
      expect(applied.filter((id) => !undone.has(id)), "faults without an undone record").to.deep.equal([]);
    });
  }

  it("monitoring.xdc samples its Prometheus and JMX series through the fault, and its report draws them", function () {
    if (MISSING !== undefined) {
      this.test!.title += ` (skipped: ${MISSING})`;
      this.skip();
    }
    const { out } = runs.get("monitoring")!;
    const journal = readJsonLines<JournalEvent>(join(out, "journal.jsonl"));
    const samples = journal.filter((e): e is Extract<JournalEvent, { kind: "series.sample" }> => e.kind === "series.sample");
    const fault = journal.find((e) => e.kind === "fault.applied")!;
    const reverted = journal.find((e) => e.kind === "fault.reverted")!;
    for (const name of ["up", "running"]) {
      const own = samples.filter((e) => e.series === name);
      // sampled before, during and after the partition
      expect(own.some((e) => e.t < fault.t) && own.some((e) => e.t > fault.t && e.t < reverted.t) && own.some((e) => e.t > reverted.t), name).to.equal(true);
    }
    expect(samples.filter((e) => e.series === "up").every((e) => e.value === 2)).to.equal(true);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).to.include("Series: up").and.include("Series: running");
  });

  it("partition.xdc's run writes the three reports beside the journal", () => {
    const { run, out } = runs.get("partition")!;
    expect(run.stdout).to.include(`reports: ${join(out, "junit.xml")}, ${join(out, "summary.json")}, ${join(out, "report.html")}`);
    expect(readFileSync(join(out, "junit.xml"), "utf8")).to.match(/<testsuite name="[^"]*partition.xdc"[^>]* failures="0" errors="0" skipped="0"/);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8"))).to.include({ format_version: "1.3", verdict: "pass", unfinished: false });
    expect(readFileSync(join(out, "report.html"), "utf8")).to.include('id="chart-0"');
  });

  it("every reference scenario's junit.xml is valid against the Ant JUnit schema, and so is their merge (xdc report --merge)", async function () {
    if (!haveXmllint()) this.skip(); // CI installs libxml2-utils (.ci/run)
    const files = SIX.map((name) => join(runs.get(name)!.out, "junit.xml"));
    const output = await xmllint(...files);
    for (const f of files) expect(output, output).to.include(`${f} validates`);
    const merged = await xdc(["report", "--merge", ...SIX.map((name) => runs.get(name)!.out), "--out", join(dir, "merged")], { cwd: dir });
    expect(merged.code, merged.stderr).to.equal(0);
    expect(await xmllint(join(dir, "merged", "junit.xml"))).to.include("validates");
    const summary = JSON.parse(readFileSync(join(dir, "merged", "summary.json"), "utf8")) as { verdict: string; scenarios: unknown[] };
    expect(summary).to.include({ verdict: "pass" });
    expect(summary.scenarios).to.have.length(SIX.length);
  });

  it("partition.xdc's summary gives the data figures per workload and sink, not summed over the steady probes", () => {
    const { run } = runs.get("partition")!;
    expect(run.stdout).to.match(/^ {10}seq -> Results: lost \d+\/\d+ \(\d+\.\d\d%\) {2}duplicates \d+ {2}RPO \d+\.\d{3}s$/m);
    expect(run.stdout).to.not.match(/probe -> Results/);
  });

  it("api-cancel.xdc's revert submits the cancelled job again", () => {
    const journal = readJsonLines<{ kind: string; fault?: string; status?: string }>(join(runs.get("api-cancel")!.out, "journal.jsonl"));
    expect(journal.filter((e) => e.kind === "fault.reverted").map((e) => [e.fault, e.status])).to.deep.equal([["cancel_job", "undone"]]);
  });

  it("data-validation.xdc accounts for the undisturbed workload exactly", () => {
    expect(runs.get("data-validation")!.run.stdout).to.match(/calm_seq -> Results: lost 0\/\d+ \(0\.00%\) {2}duplicates 0 /);
  });

  it("process-kill.xdc's RPO counts only the failover's window, not what the PE kills before it lost", () => {
    const journal = readJsonLines<JournalEvent>(join(runs.get("process-kill")!.out, "journal.jsonl"));
    const fo = journal.find((e): e is Extract<JournalEvent, { kind: "failover" }> => e.kind === "failover")!;
    const load = journal.find((e): e is Extract<JournalEvent, { kind: "data" }> => e.kind === "data" && e.judged === true)!;
    const end = journal.find((e): e is Extract<JournalEvent, { kind: "scenario.end" }> => e.kind === "scenario.end")!;
    const window = load.rpoWindow!;
    expect(window, "the RPO of a run with a failover has the failover's window").to.be.an("object");
    // from before the failover's fault (tuples in flight when dc1 was lost are its losses) to after it
    expect(window.fromMs).to.be.at.most(fo.faultAtMs!);
    expect(window.toMs).to.be.greaterThan(fo.faultAtMs!);
    const size = (r: { from: number; to: number }) => r.to - r.from + 1;
    const sum = (rs: readonly { from: number; to: number }[]) => rs.reduce((n, r) => n + size(r), 0);
    const inside = load.lostRanges.filter((r) => r.sentFromMs! >= window.fromMs && r.sentToMs! <= window.toMs);
    const outside = load.lostRanges.filter((r) => r.sentToMs! < window.fromMs || r.sentFromMs! > window.toMs);
    const across = load.lostRanges.filter((r) => !inside.includes(r) && !outside.includes(r));
    expect(end.figures.rpoTuples).to.be.within(sum(inside), sum(inside) + sum(across));
    if (across.length === 0) {
      const span = inside.length === 0 ? 0 : Math.max(...inside.map((r) => r.sentToMs!)) - Math.min(...inside.map((r) => r.sentFromMs!));
      expect(load.rpoMs).to.be.closeTo(span, 0.001);
    }
    expect(load.rpoMs).to.be.at.most(window.toMs - window.fromMs);
    expect(end.figures.rpoMs).to.equal(load.rpoMs);
  });

  it("partition.xdc's steady state after verify is judged on its own probe, which the data accounts like any workload", () => {
    const { out } = runs.get("partition")!;
    const journal = readJsonLines<JournalEvent>(join(out, "journal.jsonl"));
    const after = journal.find((e) => e.kind === "phase.start" && e.phase === "steady-after")!;
    const reading = journal.find((e): e is Extract<JournalEvent, { kind: "expect" }> => e.kind === "expect" && e.t > after.t && e.source.startsWith("expect throughput"))!;
    expect(reading.t - after.t, "the 2 s window lies within steady-after").to.be.at.least(2000);
    const probes = journal.filter((e): e is Extract<JournalEvent, { kind: "data" }> => e.kind === "data" && e.key === "probe");
    expect(probes.map((d) => d.workload)).to.deep.equal(["w1", "w3"]);
    const second = probes[1]!;
    expect(journal.indexOf(second)).to.be.greaterThan(journal.indexOf(reading));
    // accounted once its last tuples had time to arrive: the probe lost nothing
    expect(second.acked).to.be.greaterThan(400);
    expect(second).to.include({ lost: 0, received: second.acked });
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as { scenarios: { data: { workload: string; key?: string }[] }[] };
    expect(summary.scenarios[0]!.data.map((d) => `${d.workload}:${d.key}`)).to.deep.equal(["w1:probe", "w2:seq", "w3:probe"]);
  });

  it("degradation.xdc logs the level in force when dc1 was declared down", () => {
    const { run } = runs.get("degradation")!;
    const lines = run.stdout.split("\n");
    const declared = lines.findIndex((l) => l.includes("dc1 declared down"));
    expect(declared, run.stdout).to.be.greaterThan(0);
    expect(lines.slice(0, declared).filter((l) => /log: level \d/.test(l)).length).to.be.at.least(1);
  });
});
