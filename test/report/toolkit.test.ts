import { expect } from "chai";
import { summaryLines } from "../../src/cli/exec-summary.js";
import { loadChartLibraries } from "../../src/report/assets.js";
import { renderHtml } from "../../src/report/html.js";
import { buildRun } from "../../src/report/model.js";
import { narrativeLine } from "../../src/report/narrative.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { readJournal } from "../../src/runtime/journal/reader.js";
import { failoverScenario, journalFixture, toJsonLines } from "../support/journal-fixture.js";

/** A failover journal with the toolkit's settings of dc2's job read back after its submission. */
function withToolkit(): JournalEvent[] {
  const events = journalFixture({ scenarios: [failoverScenario({ name: "partition" })] });
  const at = events.findIndex((e) => e.kind === "action" && e.what.includes("to dc2"));
  const submit = events[at]!;
  const toolkit: JournalEvent = {
    t: submit.t + 1,
    wall: submit.wall,
    scenario: "partition",
    kind: "toolkit",
    dc: "dc2",
    app: "FailoverDemo",
    job: "7",
    settings: { heartbeatMs: 200, missesAllowed: 3, mode: "active" },
    sources: { heartbeat: "submission", misses_allowed: "app-config", init_delay: "config-file", snapshot_interval: "unset", mode: "submission" },
    configFile: "dc2.txt",
    missingOperators: [],
    problems: [],
    detection: { minMs: 400, maxMs: 800 },
  };
  return [...events.slice(0, at + 1), toolkit, ...events.slice(at + 1)];
}

describe("report: the toolkit's settings", () => {
  it("the journal reader accepts the toolkit event and refuses one with an unknown source", () => {
    const events = withToolkit();
    const read = readJournal(toJsonLines(events));
    expect(read.ok && read.value.filter((e) => e.kind === "toolkit")).to.have.length(1);
    const bad = toJsonLines(events).replace('"misses_allowed":"app-config"', '"misses_allowed":"guessed"');
    expect(readJournal(bad).ok).to.equal(false);
  });

  it("are in the HTML report's scenario header, the summary and the narrative, with each value's source", async () => {
    const events = withToolkit();
    const page = renderHtml(buildRun(events), await loadChartLibraries());
    expect(page).to.include("<h3>Toolkit settings</h3>");
    expect(page).to.include("200ms (submission)");
    expect(page).to.include("3 (app-config)");
    expect(page).to.include("in the configuration file");
    expect(page).to.include("400ms–800ms");
    expect(page.indexOf("Toolkit settings")).to.be.lessThan(page.indexOf("<h3>Expectations</h3>"));
    const line = "toolkit on dc2, job 7 (FailoverDemo): heartbeat 200ms (submission), misses allowed 3 (app-config), init delay in the configuration file, snapshot interval unset, mode active (submission); declares its peer down 400ms–800ms after a fault; configuration file dc2.txt, which the REST API does not show";
    expect(summaryLines(events)).to.include(`          ${line}`);
    expect(narrativeLine(events.find((e) => e.kind === "toolkit")!)?.text).to.equal(line);
  });
});
