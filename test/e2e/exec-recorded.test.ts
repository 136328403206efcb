import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { xdc } from "../cli/spawn.js";
import { EXAMPLES, readJsonLines } from "./live-helpers.js";

const SCENARIO = fileURLToPath(new URL("./recorded/recorded-data.xdc", import.meta.url));

/** A folder with the scenario, the demo bundle and the sample recordings of examples/data (changed by `edit`). */
function folder(edit: (orders: string) => string = (o) => o): string {
  const dir = mkdtempSync(join(tmpdir(), "xdc-exec-recorded-"));
  cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
  cpSync(join(EXAMPLES, "data"), join(dir, "data"), { recursive: true });
  cpSync(SCENARIO, join(dir, "recorded-data.xdc"));
  const orders = join(dir, "data", "orders.jsonl");
  writeFileSync(orders, edit(readFileSync(orders, "utf8")));
  return dir;
}

const ROWS = readFileSync(join(EXAMPLES, "data", "orders.jsonl"), "utf8").trim().split("\n").length;
/** Line 110 of the recording, past what `check` reads (100 rows), within what the preflight reads. */
const breakLine110 = (text: string) => text.split("\n").map((l, i) => (i === 109 ? l.replace(/"qty":\d+/, '"qty":"lots"') : l)).join("\n");

describe("xdc exec: recorded files replayed into the twin (built CLI)", function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("JSON lines at a rate, CSV at its timestamps, JSON lines looped: every row sent arrives once, counted exactly", async () => {
    const dir = folder();
    dirs.push(dir);
    const run = await xdc(["exec", "recorded-data.xdc", "--out", "out", "--ledger", "ledger.jsonl"], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const data = readJsonLines<JournalEvent>(join(dir, "out", "journal.jsonl")).filter((e): e is Extract<JournalEvent, { kind: "data" }> => e.kind === "data");
    const by = new Map(data.map((d) => [d.key, d]));
    expect([...by.keys()].sort()).to.deep.equal(["looped_seq", "seq", "stamped_seq"]);
    for (const d of data) {
      expect({ key: d.key, acked: d.acked, received: d.received, lost: d.lost, duplicates: d.duplicates, outOfOrder: d.outOfOrder }).to.deep.equal({ key: d.key, acked: d.sent, received: d.sent, lost: 0, duplicates: 0, outOfOrder: 0 });
    }
    // Without a loop, the file's rows once each; looped, past its end three times and more (300/s for 2 s, and the batch in hand when time is up).
    expect(by.get("seq")!.sent).to.equal(ROWS);
    expect(by.get("stamped_seq")!.sent).to.equal(ROWS);
    expect(by.get("looped_seq")!.sent).to.be.within(3 * ROWS, 660);
  });

  it("a row that does not fit: check reads the first 100 rows and passes, the preflight and the run name its line and attribute", async () => {
    const dir = folder(breakLine110);
    dirs.push(dir);
    const checked = await xdc(["check", "recorded-data.xdc"], { cwd: dir });
    expect(checked.code, checked.stdout + checked.stderr).to.equal(0);
    const preflight = await xdc(["exec", "recorded-data.xdc", "--out", "out-pre", "--ledger", "ledger.jsonl"], { cwd: dir });
    expect(preflight.code).to.equal(3);
    expect(preflight.stdout + preflight.stderr).to.match(/FAILED {2}data-file +\S*orders\.jsonl: line 110: `qty`: int32 needs a number, found "lots"/);
    const run = await xdc(["exec", "recorded-data.xdc", "--no-preflight", "--out", "out", "--ledger", "ledger.jsonl"], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.equal(3);
    expect(run.stdout).to.include('error: the recorded file stopped the workload at orders.jsonl:110: `qty`: int32 needs a number, found "lots"');
    // the rows before it were sent, and counted
    const end = readJsonLines<JournalEvent>(join(dir, "out", "journal.jsonl")).find((e) => e.kind === "scenario.end");
    expect(end).to.deep.include({ verdict: "error", errorClass: "environment" });
    expect(end?.kind === "scenario.end" && end.figures?.sentTuples).to.be.above(100);
  });

  it("check: a row that does not fit within the first 100 is an error at the file's name in the scenario", async () => {
    const dir = folder((t) => t.replace('"qty":8', '"qty":"eight"'));
    dirs.push(dir);
    const checked = await xdc(["check", "recorded-data.xdc"], { cwd: dir });
    expect(checked.code).to.equal(1);
    expect(checked.stdout + checked.stderr).to.include('error[XDC3017]: data/orders.jsonl:2: `qty`: int32 needs a number, found "eight"');
    expect(checked.stdout + checked.stderr).to.include("recorded-data.xdc:38:");
  });
});
