import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPORT_FILES, writeReports } from "../../src/report/write.js";
import { journalFixture } from "../support/journal-fixture.js";

describe("report: writeReports", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "xdc-write-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the three reports under their documented names into a directory it creates", async () => {
    const out = join(dir, "out", "run-1");
    const written = await writeReports(journalFixture(), out);
    expect(REPORT_FILES).to.deep.equal({ junit: "junit.xml", json: "summary.json", html: "report.html" });
    expect(written).to.deep.equal({ junit: join(out, "junit.xml"), json: join(out, "summary.json"), html: join(out, "report.html") });
    expect(readFileSync(written.junit, "utf8")).to.include('<testsuite name="scenarios/dc-partition.xdc"');
    expect(JSON.parse(readFileSync(written.json, "utf8"))).to.include({ format_version: "1.3", verdict: "error" });
    expect(readFileSync(written.html, "utf8")).to.include('<body data-charts="pending">');
  });
});
