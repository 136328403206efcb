import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { xdc } from "../cli/spawn.js";
import { EXAMPLES, readJsonLines } from "./live-helpers.js";

/** A short scenario on the twin: the sink's throughput sampled every second while a workload runs, and judged at every sample. */
const SCENARIO = `scenario "throughput holds while the load runs" {
  environment: sim
  timeout: 2m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, role: "primary")
    await healthy(app, on: dc1) within 1m
  }

  run {
    let _load = inject(app.Ingest, rate: 300/s, for: 5s, key: "seq")
    let rate = sample throughput(app.Results, over: 1s) every 1s
    expect rate >= 30/s throughout
  }

  teardown {
    cancel(app, on: dc1)
  }
}
`;

describe("xdc exec: a sampled series and a `throughout` check on the twin (built CLI)", function () {
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "xdc-exec-series-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("journals a sample a second and passes the check over all of them; the report draws the series", async () => {
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
    writeFileSync(join(dir, "series.xdc"), SCENARIO);
    const run = await xdc(["exec", "series.xdc", "--out", "out", "--ledger", "ledger.jsonl"], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const journal = readJsonLines<JournalEvent>(join(dir, "out", "journal.jsonl"));
    const samples = journal.filter((e): e is Extract<JournalEvent, { kind: "series.sample" }> => e.kind === "series.sample");
    // Readings wait for 1s of `run`, then come every second until the workload ends at 5s.
    expect(samples.length).to.be.within(3, 5);
    expect(samples.every((s) => s.series === "rate" && s.unit === "/s" && s.value >= 30)).to.equal(true);
    const check = journal.find((e) => e.kind === "expect");
    expect(check).to.include({ ok: true, series: "rate", limit: 30, expected: ">= 30/s throughout" });
    expect(check?.kind === "expect" && check.actual).to.match(new RegExp(`^${samples.length} samples, the worst \\d`));
    expect(readFileSync(join(dir, "out", "report.html"), "utf8")).to.include("Series: rate (/s)");
  });
});
