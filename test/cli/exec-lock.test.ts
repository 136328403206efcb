import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { xdc } from "./spawn.js";

const partition = fileURLToPath(new URL("../../examples/partition.xdc", import.meta.url));

describe("xdc exec and the ledger lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "xdc-exec-lock-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses to share a ledger with a run that is still going, before contacting anything", async () => {
    const ledger = join(dir, "ledger.jsonl");
    // this test's own process stands for the other run: it is alive
    writeFileSync(`${ledger}.lock`, `${process.pid}\n`);
    const run = await xdc(["exec", partition, "--ledger", ledger, "--out", join(dir, "out")], { cwd: dir });
    expect(run.code).to.equal(3);
    expect(run.stderr).to.include(`is in use by process ${process.pid}`);
    expect(existsSync(join(dir, "out", "journal.jsonl"))).to.equal(false);
    expect(existsSync(`${ledger}.lock`), "the other run's lock is left alone").to.equal(true);
  });
});
