import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRun } from "../../src/report/model.js";
import { timelineData } from "../../src/report/timeline-data.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { xdc } from "../cli/spawn.js";
import { EXAMPLES, readJsonLines } from "./live-helpers.js";

type Of<K extends JournalEvent["kind"]> = Extract<JournalEvent, { kind: K }>;
const only = <K extends JournalEvent["kind"]>(events: readonly JournalEvent[], kind: K) => events.filter((e): e is Of<K> => e.kind === kind);

describe("xdc exec examples/partition.xdc: the journal the reports read (built CLI)", function () {
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "xdc-exec-journal-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let journal: JournalEvent[] = [];
  let stdout = "";

  before(async () => {
    const run = await xdc(["exec", join(EXAMPLES, "partition.xdc"), "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    stdout = run.stdout;
    journal = readJsonLines<JournalEvent>(join(dir, "out", "journal.jsonl"));
  });

  it("passes, writes the journal and the three reports, and leaves no fault applied", () => {
    expect(stdout).to.match(/PASS +DC1 partition/);
    expect(journal[0]!.kind).to.equal("run.start");
    expect(journal.at(-1)!.kind).to.equal("run.end");
    expect(only(journal, "fault.reverted").map((e) => e.status)).to.deep.equal(["undone"]);
    const ledger = readJsonLines<{ type: string }>(join(dir, "ledger.jsonl"));
    expect(ledger.map((r) => r.type)).to.deep.equal(["apply", "undone"]);
    expect(stdout).to.include(`reports: ${join(dir, "out", "junit.xml")}, ${join(dir, "out", "summary.json")}, ${join(dir, "out", "report.html")}`);
    expect(readFileSync(join(dir, "out", "junit.xml"), "utf8")).to.match(/<testsuite name="[^"]*partition.xdc"[^>]* failures="0" errors="0" skipped="0"/);
    expect(JSON.parse(readFileSync(join(dir, "out", "summary.json"), "utf8"))).to.include({ format_version: "1.3", verdict: "pass", unfinished: false });
  });

  it("holds the observer's roles: both datacenters as submitted, then dc2 active after the partition", () => {
    const roles = only(journal, "role").map((e) => `${e.dc}:${e.role}`);
    expect(roles.slice(0, 2).sort()).to.deep.equal(["dc1:active", "dc2:standby"]);
    expect(roles.slice(2)).to.include("dc2:active");
  });

  it("holds the failover with its times in order, and the same RTO and detection in scenario.end", () => {
    const [fo, ...more] = only(journal, "failover");
    expect(more).to.deep.equal([]);
    expect(fo).to.include({ from: "dc1", to: "dc2" });
    expect(fo!.faultAtMs).to.be.a("number");
    expect(fo!.faultAtMs!).to.be.at.most(fo!.takeoverAtMs);
    expect(fo!.detectionMs).to.be.closeTo(fo!.detectedAtMs - fo!.faultAtMs!, 0.001);
    expect(fo!.rtoMs).to.be.at.least(fo!.detectionMs);
    const end = only(journal, "scenario.end")[0]!;
    expect(end.figures).to.include({ rtoMs: fo!.rtoMs, detectionMs: fo!.detectionMs });
  });

  it("samples throughput per datacenter and latency every second while data moves", () => {
    const samples = only(journal, "sample");
    const throughput = samples.filter((s) => s.series === "throughput" && s.unit === "tuples/s");
    expect(new Set(throughput.map((s) => s.dc))).to.deep.equal(new Set(["dc1", "dc2"]));
    expect(Math.max(...throughput.map((s) => s.value))).to.be.greaterThan(100);
    expect(samples.some((s) => s.series === "latency p99" && s.unit === "ms" && s.value > 0)).to.equal(true);
  });

  it("accounts for each workload at the sink, and scenario.end gives the judged workload's figures, not the probes'", () => {
    const data = only(journal, "data");
    expect(data.map((d) => `${d.workload}:${d.key}:${String(d.judged)}`)).to.deep.equal(["w1:probe:false", "w2:seq:true", "w3:probe:false"]);
    const load = data.find((d) => d.judged)!;
    expect(load.acked).to.be.greaterThan(5_000);
    expect(load.received).to.equal(load.acked - load.lost);
    const end = only(journal, "scenario.end")[0]!;
    expect(end.figures).to.include({ sentTuples: load.sent, receivedTuples: load.received, lostTuples: load.lost, duplicateTuples: load.duplicates });
    // data events come at the end of verify, before the steady state is checked again; its own
    // probe is accounted once steady-after has ended, before teardown
    const steadyAfter = journal.findIndex((e) => e.kind === "phase.start" && e.phase === "steady-after");
    const steadyAfterEnd = journal.findIndex((e) => e.kind === "phase.end" && e.phase === "steady-after");
    const teardown = journal.findIndex((e) => e.kind === "phase.start" && e.phase === "teardown");
    expect(journal.indexOf(data[1]!)).to.be.below(steadyAfter);
    expect(journal.indexOf(data[2]!)).to.be.within(steadyAfterEnd, teardown);
  });

  it("renders, through xdc report, a timeline with the roles and the failover's markers", async () => {
    const again = await xdc(["report", join(dir, "out", "journal.jsonl"), "--html", join(dir, "again.html")], { cwd: dir });
    expect(again.code, again.stdout + again.stderr).to.equal(0);
    expect(readFileSync(join(dir, "again.html"), "utf8")).to.include('id="chart-0"');
    const timeline = timelineData(buildRun(journal).scenarios[0]!);
    expect(new Set(timeline.roles.map((r) => `${r.dc}:${r.role}`))).to.include.members(["dc1:active", "dc2:standby", "dc2:active"]);
    expect(timeline.markers.map((m) => m.label)).to.include.members(["fault", "detected", "takeover", "first tuple"]);
    expect(timeline.rto?.label).to.match(/^RTO \d/);
    expect(timeline.series.map((s) => s.unit)).to.deep.equal(["tuples/s", "ms"]);
  });
});
