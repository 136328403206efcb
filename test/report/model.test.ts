import { expect } from "chai";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { buildRun, UNFINISHED_RUN } from "../../src/report/model.js";
import { readJournal } from "../../src/runtime/journal/reader.js";
import { errorScenario, failoverScenario, journalFixture, noDataScenario, passScenario, oneHourJournal, toJsonLines, Writer } from "../support/journal-fixture.js";

describe("report: buildRun", () => {
  const run = buildRun(journalFixture());

  it("is fed journals that the journal reader accepts, with time never going back", () => {
    for (const events of [journalFixture(), oneHourJournal()]) {
      const read = readJournal(toJsonLines(events));
      expect(read.ok && read.value.length).to.equal(events.length);
      for (let i = 1; i < events.length; i++) expect(events[i]!.t).to.be.at.least(events[i - 1]!.t);
    }
  });

  it("keeps the run's facts and counts the verdicts of its scenarios", () => {
    expect(run).to.include({ xdc: "0.1.0", seed: 20261123, environment: "sim", exitCode: 3, interrupted: false, verdict: "error" });
    expect(run.verdicts).to.deep.equal({ pass: 0, fail: 1, error: 1, "no-data": 1 });
    expect(run.scenarios.map((s) => [s.name, s.verdict])).to.deep.equal([
      ["DC1 partition fails over to DC2 within 45s", "fail"],
      ["standby keeps up when nothing is sent", "no-data"],
      ["rolling restart keeps the standby warm", "error"],
    ]);
  });

  it("turns faults into intervals from applied to reverted", () => {
    const [partition] = run.scenarios[0]!.faults;
    const applied = journalFixture().find((e) => e.kind === "fault.applied" && e.id === "f1")!;
    const reverted = journalFixture().find((e) => e.kind === "fault.reverted" && e.id === "f1")!;
    expect(partition).to.deep.include({ id: "f1", fault: "partition", dcs: ["dc1", "dc2"], hosts: [], fromMs: applied.t, toMs: reverted.t, status: "undone" });
  });

  it("holds each role until the same datacenter's next role, the last until the scenario ends", () => {
    const s = run.scenarios[0]!;
    const dc1 = s.roles.filter((r) => r.dc === "dc1").map((r) => r.role);
    expect(dc1).to.deep.equal(["active", "down", "standby"]);
    for (const dc of ["dc1", "dc2"]) {
      const spans = s.roles.filter((r) => r.dc === dc);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.fromMs).to.equal(spans[i - 1]!.toMs);
      expect(spans.at(-1)!.toMs).to.equal(s.endMs);
    }
  });

  it("judges each expectation: pass, fail, or no data", () => {
    expect(run.scenarios[0]!.expectations.map((x) => x.verdict)).to.deep.equal(["pass", "fail", "fail", "pass"]);
    expect(run.scenarios[1]!.expectations.map((x) => x.verdict)).to.deep.equal(["no-data"]);
  });

  it("calls a scenario the journal never ends an interrupted error, and a fault never reverted still applied", () => {
    const events = journalFixture({ scenarios: [failoverScenario({ durationMs: 60_000 })] });
    const cut = events.filter((e) => !(e.kind === "scenario.end" || e.kind === "run.end" || (e.kind === "fault.reverted" && e.id === "f1")));
    const s = buildRun(cut).scenarios[0]!;
    expect(s).to.include({ verdict: "error", errorClass: "interrupted", reason: "the journal ends before the scenario does" });
    expect(s.faults[0]).to.include({ status: "still-applied", toMs: s.endMs });
  });

  it("proves nothing when there is no scenario", () => {
    const w = new Writer();
    w.emit({ kind: "run.start", version: 1, xdc: "0.1.0", seed: 1, environment: "sim", files: [] });
    w.emit({ kind: "run.end", exitCode: 4, interrupted: false, verdicts: { pass: 0, fail: 0, error: 0, "no-data": 0 } });
    expect(buildRun(w.events as JournalEvent[])).to.include({ verdict: "no-data", unfinished: false });
  });

  it("calls a run killed while starting (no run.end) an unfinished error, not a run that proved nothing", () => {
    const w = new Writer();
    w.emit({ kind: "run.start", version: 1, xdc: "0.1.0", seed: 1, environment: "sim", files: [] });
    expect(buildRun(w.events as JournalEvent[])).to.include({ verdict: "error", unfinished: true, reason: UNFINISHED_RUN });
  });

  it("calls a run whose scenarios all passed but whose journal does not end an unfinished error", () => {
    const events = journalFixture({ scenarios: [passScenario()] });
    expect(buildRun(events)).to.include({ verdict: "pass", unfinished: false });
    const run = buildRun(events.filter((e) => e.kind !== "run.end"));
    expect(run).to.include({ verdict: "error", unfinished: true });
    expect(run.verdicts, "the scenarios keep their own verdicts").to.deep.equal({ pass: 1, fail: 0, error: 0, "no-data": 0 });
  });

  it("keeps scenarios of the same name apart", () => {
    const events = journalFixture({ scenarios: [noDataScenario("same"), errorScenario("same")] });
    expect(buildRun(events).scenarios.map((s) => s.verdict)).to.deep.equal(["no-data", "error"]);
  });
});
