import { expect } from "chai";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRecover } from "../../src/cli/recover-run.js";
import type { LedgerRecord, LedgerTarget } from "../../src/runtime/ledger.js";
import { readLedger } from "../../src/runtime/ledger.js";
import { must } from "../helpers/must.js";
import { deadPid, killPlan, partitionPlan } from "../support/ledger-fixture.js";
import { CRASH, mutate, mutation } from "../support/mutations.js";

/** A record of each type, for faults that never reach the network: a twin that is gone, or nothing to undo. */
const RECORDS = (target: LedgerTarget) => ({
  partition: (id: string): LedgerRecord => ({ type: "apply", at: 1, fault: partitionPlan("r1", id), target }),
  kill: (id: string): LedgerRecord => ({ type: "apply", at: 2, fault: killPlan("r1", id) }),
  undone: (id: string): LedgerRecord => ({ type: "undone", at: 3, run: "r1", id, by: "run", note: "nothing to undo" }),
  failed: (id: string): LedgerRecord => ({ type: "undo-failed", at: 4, run: "r1", id, by: "run", problems: ["h unreachable"] }),
  // Accepts a line no generated ledger has: acceptance itself is tested in test/cli/recover-ledger.test.ts.
  accepted: (): LedgerRecord => ({ type: "damage-accepted", at: 5, lines: [999], by: "recover" }),
});
type RecordKind = keyof ReturnType<typeof RECORDS>;

/**
 * `xdc recover` in-process (a throw is what users would see as "internal error") on ledgers
 * cut short, with lines lost, fields of the wrong type and stray lines. No SSH key is at hand,
 * so a recovery that tried to log in anywhere would exit 2.
 */
describe("xdc recover properties: any ledger, damaged or cut short", function () {
  this.timeout(120_000);
  let dir: string;
  let records: ReturnType<typeof RECORDS>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "xdc-recover-props-"));
    records = RECORDS({ kind: "embedded-twin", pid: await deadPid(), stateDir: join(dir, "gone"), command: ["node", "bin/xdc.js", "sim"] });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function recover(ledger: string) {
    const lines: string[] = [];
    const code = await runRecover({ ledger, hostKeyCheck: true }, { HOME: dir }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, text: lines.join("\n") };
  }

  const ledger = fc.record({
    records: fc.array(fc.tuple(fc.constantFrom<RecordKind>("partition", "kill", "undone", "failed", "accepted"), fc.constantFrom("f1", "f2", "f3")), { maxLength: 6 }),
    mutations: fc.array(mutation, { maxLength: 3 }),
  });

  it("exits 0 only when every line was read and nothing is left; names a damaged line; never crashes", async () => {
    await fc.assert(
      fc.asyncProperty(ledger, async (l) => {
        const lines = l.records.map(([kind, id]) => JSON.stringify(records[kind](id)));
        const { text, damagedLine } = mutate(lines, l.mutations);
        const path = join(dir, "ledger.jsonl");
        writeFileSync(path, text);
        const r = await recover(path);
        expect(r.text).to.not.match(CRASH);
        expect([0, 3], r.text).to.include(r.code);
        if (damagedLine !== undefined) {
          expect(r.code, r.text).to.equal(3);
          expect(r.text).to.match(new RegExp(`line ${damagedLine}: `));
        }
        if (r.code !== 0) return;
        // Every complete line is JSON (only a last line without its newline may be torn), and nothing is outstanding.
        for (const line of text.split("\n").slice(0, -1)) if (line.trim() !== "") expect(() => JSON.parse(line), line).to.not.throw();
        expect(must(await readLedger(path)).outstanding).to.deep.equal([]);
      }),
      { numRuns: 200, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });

  it("random text is never taken for an empty ledger", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.json({ maxDepth: 3 })), { minLength: 1, maxLength: 4 }).filter((ls) => ls.some((x) => x.trim() !== "" && !x.includes("\n"))), async (ls) => {
        const path = join(dir, "random.jsonl");
        writeFileSync(path, ls.map((x) => `${x.replaceAll("\n", " ")}\n`).join(""));
        const r = await recover(path);
        expect(r.text).to.not.match(CRASH);
        expect(r.code, r.text).to.equal(3);
      }),
      { numRuns: 100 },
    );
  });
});
