import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runEvery } from "../../src/cli/exec-every.js";
import { ParallelProgress } from "../../src/cli/exec-progress-parallel.js";
import { datacenterKeys } from "../../src/cli/exec-datacenters.js";
import { SIM } from "../../src/language/environment.js";
import type { CheckedScenario } from "../../src/language/index.js";
import { VirtualClock } from "../../src/runtime/clock.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import type { LiveEnvironment } from "../../src/runtime/live/environment.js";

const at = (kind: string, scenario: string, extra: Record<string, unknown> = {}) => ({ t: 0, wall: "", scenario, kind, ...extra }) as unknown as JournalEvent;

describe("xdc exec --jobs: output of scenarios running side by side", () => {
  it("prints each scenario's lines as one block when it ends, never interleaved (a CI log)", () => {
    const out: string[] = [];
    const p = new ParallelProgress(new VirtualClock(), false, (l) => out.push(l));
    const a = p.open("a");
    const b = p.open("b", "repeat 2 of 3");
    a.view.event(at("scenario.start", "a", { file: "a.xdc" }));
    b.view.event(at("scenario.start", "b", { file: "b.xdc" }));
    a.view.event(at("phase.start", "a", { phase: "run" }));
    b.view.event(at("phase.start", "b", { phase: "setup" }));
    b.view.log("warn", "slow answer");
    a.view.log("info", "stays in the journal");
    expect(out).to.deep.equal([]);
    b.close();
    a.view.event(at("scenario.end", "a", { verdict: "pass", durationMs: 1, figures: {} }));
    a.close();
    p.stop();
    expect(out).to.deep.equal(["repeat 2 of 3", 'scenario "b" (b.xdc)', "  setup", "    warn: slow answer", 'scenario "a" (a.xdc)', "  run", "  => pass"]);
  });

  it("on a terminal keeps one status line per running scenario under the finished blocks", async () => {
    const clock = new VirtualClock();
    const out: string[] = [];
    const screen: string[] = [];
    const p = new ParallelProgress(clock, true, (l) => out.push(l), undefined, (t) => void screen.push(t), () => 80);
    const a = p.open("first");
    const b = p.open("second");
    a.view.event(at("phase.start", "first", { phase: "run" }));
    a.view.faults(["f1 partition"]);
    await clock.advance(500);
    expect(screen).to.deep.equal(["[first run 0.5s] faults: f1 partition\n", "[second starting 0.5s] faults: none\n"]);
    screen.length = 0;
    a.close();
    // The two status lines are cleared (cursor up two lines, clear below) before the block, and the one left is drawn again.
    expect(screen).to.deep.equal(["\x1b[2F\x1b[J", "[second starting 0.5s] faults: none\n"]);
    expect(out).to.deep.equal(["  run"]);
    b.close();
    p.stop();
  });
});

describe("xdc exec --jobs against a deployment: which scenarios may overlap", () => {
  const dc = (name: string, streams: string) => ({ name, streams, instance: "inst", user: "u", password: "p", passwordEnv: "P", hosts: [] });
  const given: LiveEnvironment = { name: "prod", dcs: [dc("dc1", "https://a:8443/streams/rest"), dc("dc2", "https://b:8443/streams/rest")] };
  const scenario = (environment: CheckedScenario["environment"]) => ({ environment }) as CheckedScenario;

  it("keys a scenario by the datacenters it touches: the ones of --env it names, by endpoint", () => {
    expect(datacenterKeys(scenario(SIM), given)).to.deep.equal(["https://a:8443/streams/rest#inst", "https://b:8443/streams/rest#inst"]);
    expect(datacenterKeys(scenario({ name: "one", dcs: [{ name: "dc2", hosts: [] }] } as unknown as CheckedScenario["environment"]), given)).to.deep.equal(["https://b:8443/streams/rest#inst"]);
  });

  it("gives a scenario on its own embedded twin no key: it shares nothing", () => {
    expect(datacenterKeys(scenario(SIM), undefined)).to.deep.equal([]);
  });
});

describe("xdc exec --every: runs on a schedule until stopped", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "xdc-every-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("starts a run every period (at once after a run longer than it) and exits 130 when stopped between runs", async () => {
    const clock = new VirtualClock();
    const starts: number[] = [];
    let stop: () => void = () => undefined;
    const signals = { on: (l: () => void) => ((stop = l), () => (stop = () => undefined)) };
    const durations = [1_000, 90_000, 1_000];
    const out: string[] = [];
    const done = runEvery(60_000, async () => {
      starts.push(clock.now());
      await clock.sleep(durations[starts.length - 1] ?? 1_000);
      return 0;
    }, { ledger: join(dir, "ledger.jsonl") }, (l) => out.push(l), () => undefined, clock, signals);
    // Time moves in steps, each after the run's real file reads (the ledger) are done.
    const step = async () => {
      await new Promise((r) => setTimeout(r, 5));
      await clock.advance(1_000);
    };
    for (let i = 0; i < 1000 && out.filter((l) => l.startsWith("xdc exec: next run")).length < 4; i++) await step();
    // Stopping while the schedule waits after the fourth run ends it.
    stop();
    expect(await done).to.equal(130);
    expect(starts.slice(0, 4)).to.deep.equal([0, 60_000, 150_000, 210_000]);
    expect(out.filter((l) => l.includes("ended with exit code 0"))).to.have.length.greaterThan(2);
  });
});
