import { expect } from "chai";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendHistory, HISTORY_FORMAT, HISTORY_FORMAT_VERSION, historyProblem, readHistory, type HistoryRun } from "../../src/report/history.js";

const run = (started: string, verdict: "pass" | "fail", rtoMs: number): HistoryRun => ({
  format: HISTORY_FORMAT,
  format_version: HISTORY_FORMAT_VERSION,
  started,
  finished: started,
  xdc: "0.1.0",
  commit: "0123456789abcdef0123456789abcdef01234567",
  environment: "sim",
  exitCode: verdict === "pass" ? 0 : 1,
  interrupted: false,
  scenarios: [{ name: "partition", file: "a.xdc", verdict, figures: { rtoMs } }],
});

describe("the run history (xdc exec --history DIR)", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "xdc-history-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps one file per run, and reads them back oldest first", async () => {
    await appendHistory(dir, run("2026-12-08T10:00:00.000Z", "fail", 3000), "b");
    await appendHistory(dir, run("2026-12-07T10:00:00.000Z", "pass", 1000), "a");
    expect(readdirSync(dir)).to.have.length(2);
    const h = await readHistory(dir);
    expect(h.problems).to.deep.equal([]);
    expect(h.runs.map((r) => r.scenarios[0]!.figures.rtoMs)).to.deep.equal([1000, 3000]);
  });

  it("names each file that is not a run, and why, without dropping the runs", async () => {
    await appendHistory(dir, run("2026-12-07T10:00:00.000Z", "pass", 1000), "a");
    writeFileSync(join(dir, "broken.json"), "{");
    writeFileSync(join(dir, "other.json"), JSON.stringify({ ...run("2026-12-07T11:00:00.000Z", "pass", 1), scenarios: [{ name: "x", file: "a", verdict: "great", figures: {} }] }));
    const h = await readHistory(dir);
    expect(h.runs).to.have.length(1);
    expect(h.problems.map((p) => p.message)).to.deep.equal([`not JSON (${(() => { try { JSON.parse("{"); } catch (e) { return (e as Error).message; } return ""; })()})`, "scenarios[0].verdict: expected pass, fail, error or no-data"]);
  });

  it("checks the fields a reader relies on, naming the field", () => {
    const good = run("2026-12-07T10:00:00.000Z", "pass", 1);
    expect(historyProblem(good)).to.equal(undefined);
    expect(historyProblem({ ...good, format_version: "2.0" })).to.match(/^format_version/);
    expect(historyProblem({ ...good, started: "yesterday" })).to.equal("started: expected an ISO date");
    expect(historyProblem({ ...good, scenarios: [{ name: "x", file: "a", verdict: "pass", figures: { rtoMs: "1s" } }] })).to.equal("scenarios[0].figures.rtoMs: expected a number");
  });
});
