import { expect } from "chai";
import fc from "fast-check";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runReport } from "../../src/cli/report-run.js";
import { errorScenario, failoverScenario, journalFixture, noDataScenario, passScenario } from "../support/journal-fixture.js";
import { CRASH, mutate, mutation } from "../support/mutations.js";

/** `xdc report` as main.ts runs it, but in-process: a throw here is what users would see as "internal error". */
async function report(journal: string, dir: string) {
  const lines: string[] = [];
  // The journal is a file and every report goes to a file: neither stdin nor raw stdout is used.
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), readStdin: async () => "", write: (t: string) => lines.push(t) };
  const code = await runReport(journal, { json: join(dir, "s.json"), junit: join(dir, "j.xml"), html: join(dir, "r.html") }, io);
  return { code, text: lines.join("\n") };
}

// By name, so that a counterexample reads as names rather than function bodies.
const SCENARIOS = { pass: passScenario(), "no-data": noDataScenario(), error: errorScenario(), failover: failoverScenario({ durationMs: 4_000, sampleEveryMs: 1_000 }) };

describe("xdc report properties: any journal, damaged or cut short", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "xdc-report-props-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const journal = fc.record({
    seed: fc.integer({ min: 1, max: 1000 }),
    scenarios: fc.array(fc.constantFrom(...(Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[])), { maxLength: 3 }),
    mutations: fc.array(mutation, { maxLength: 3 }),
  });

  it("renders or refuses in one line, never crashes, and never draws a journal without run.end as anything but an error", async () => {
    await fc.assert(
      fc.asyncProperty(journal, async (j) => {
        const lines = journalFixture({ seed: j.seed, scenarios: j.scenarios.map((s) => SCENARIOS[s]) }).map((e) => JSON.stringify(e));
        const { text } = mutate(lines, j.mutations);
        const path = join(dir, "journal.jsonl");
        writeFileSync(path, text);
        rmSync(join(dir, "s.json"), { force: true });
        const r = await report(path, dir);
        expect(r.text).to.not.match(CRASH);
        expect([0, 2], r.text).to.include(r.code);
        if (r.code === 2) expect(r.text).to.match(/^xdc report: /m);
        if (r.code !== 0) return;
        const summary = JSON.parse(readFileSync(join(dir, "s.json"), "utf8")) as { verdict: string; unfinished: boolean };
        if (!text.includes('"kind":"run.end"')) expect(summary).to.include({ verdict: "error", unfinished: true });
        expect(existsSync(join(dir, "r.html")) && existsSync(join(dir, "j.xml"))).to.equal(true);
      }),
      { numRuns: 150 },
    );
  });

  it("random text is refused, never crashes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.json({ maxDepth: 3 }), { maxLength: 5 }).map((ls) => ls.join("\n"))), async (text) => {
        const path = join(dir, "random.jsonl");
        writeFileSync(path, text);
        const r = await report(path, dir);
        expect(r.text).to.not.match(CRASH);
        expect(r.code, r.text).to.equal(2);
      }),
      { numRuns: 150 },
    );
  });
});
