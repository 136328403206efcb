import { expect } from "chai";
import { execOutput, MAX_ANNOTATIONS } from "../../src/cli/exec-format.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { errorScenario, failoverScenario, journalFixture, noDataScenario } from "../support/journal-fixture.js";

function run(format: "human" | "json" | "github", events: readonly JournalEvent[]) {
  const out: string[] = [];
  const err: string[] = [];
  const output = execOutput(format, (l) => out.push(l), (l) => err.push(l), true);
  for (const e of events) output.event(e);
  output.human("journal: out/journal.jsonl");
  output.end("out/journal.jsonl", undefined);
  return { out, err, output };
}

describe("cli: xdc exec --format", () => {
  const events = journalFixture();

  it("human: the human lines on stdout, with the status line on a terminal, and nothing else", () => {
    const r = run("human", events);
    expect(r.output.tty).to.equal(true);
    expect(r.out).to.deep.equal(["journal: out/journal.jsonl"]);
  });

  it("json: a line per scenario as it ends, the run line last; the human lines on stderr, never a status line", () => {
    const r = run("json", events);
    expect(r.output.tty).to.equal(false);
    expect(r.err).to.deep.equal(["journal: out/journal.jsonl"]);
    const lines = r.out.map((l) => JSON.parse(l) as { version: number; kind: string; name?: string; verdict: string; errorClass?: string; exitCode?: number; reports?: unknown });
    expect(lines.map((l) => [l.kind, l.name, l.verdict])).to.deep.equal([
      ["scenario", "DC1 partition fails over to DC2 within 45s", "fail"],
      ["scenario", "standby keeps up when nothing is sent", "no-data"],
      ["scenario", "rolling restart keeps the standby warm", "error"],
      ["run", undefined, "error"],
    ]);
    expect(lines.every((l) => l.version === 1)).to.equal(true);
    expect(lines[2]).to.include({ errorClass: "environment" });
    expect(lines[3]).to.include({ exitCode: 3 });
    expect(lines[3]).to.not.have.property("reports");
  });

  it("github: an error per failed expectation, a warning per undecided one, an error at the statement that broke a scenario", () => {
    const r = run("github", events);
    expect(r.output.tty).to.equal(false);
    expect(r.out.filter((l) => l.startsWith("::")).map((l) => l.replace(/::[^:]*$/, "").replace(/,title=.*$/, ""))).to.deep.equal([
      "::error file=scenarios/dc-partition.xdc,line=28,col=5,endLine=28,endColumn=43",
      "::error file=scenarios/dc-partition.xdc,line=29,col=5,endLine=29,endColumn=46",
      "::warning file=scenarios/dc-partition.xdc,line=46,col=5,endLine=46,endColumn=25",
      "::error file=scenarios/dc-partition.xdc,line=57,col=5,endLine=57,endColumn=25",
    ]);
    expect(r.out.at(-2)).to.match(/^::error .*title=xdc%3A error in rolling restart keeps the standby warm::environment: dc2: the Streams REST API refused the connection$/);
  });

  it("github: past GitHub's ten annotations of a level per step, the rest are plain lines, counted", () => {
    const many = journalFixture({ scenarios: Array.from({ length: 7 }, (_, i) => failoverScenario({ name: `partition ${i}` })).concat([noDataScenario(), errorScenario()]) });
    const r = run("github", many);
    const errors = r.out.filter((l) => l.startsWith("::error"));
    expect(errors).to.have.length(MAX_ANNOTATIONS);
    expect(r.out.filter((l) => l.startsWith("::warning"))).to.have.length(1);
    // 7 × 2 failed expectations and the broken scenario: 15 errors, 10 annotated
    expect(r.out).to.include("5 more not annotated (GitHub keeps 10 errors and 10 warnings per step):");
    expect(r.out.at(-1)).to.equal("  scenarios/dc-partition.xdc:57:5: error: environment: dc2: the Streams REST API refused the connection");
  });
});
