import { readFileSync, readdirSync } from "node:fs";
import { checkText, memoryHost } from "../../src/language/index.js";
import { plan } from "../../src/plan/plan.js";
import { planJson, planText } from "../../src/plan/render.js";
import { targetFor } from "../../src/plan/target.js";
import { twinLayout } from "../../src/cli/plan-twin.js";
import { expectGolden } from "../golden.js";
import { expect } from "chai";

const dir = new URL("./cases/", import.meta.url);
const cases = readdirSync(dir).filter((f) => f.endsWith(".xdc"));
/** As `xdc plan` without `--env` picks: the twin's layout for `environment: sim`. */
const asCli = (s: Parameters<typeof targetFor>[0]) => targetFor(s, { twin: twinLayout });

describe("xdc plan", () => {
  for (const name of cases) {
    it(`plans ${name} (golden .plan.txt and .plan.json)`, async () => {
      const text = readFileSync(new URL(name, dir), "utf8");
      const path = `cases/${name}`;
      const checked = checkText(text, path, memoryHost());
      expect(checked.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).to.deep.equal([]);
      const source = (f: string) => (f === path ? text : memoryHost().read(f));
      const plans = await plan(checked.value, source, asCli);
      expectGolden(new URL(name.replace(/\.xdc$/, ".plan.txt"), dir), planText(plans));
      expectGolden(new URL(name.replace(/\.xdc$/, ".plan.json"), dir), planJson(plans));
    });
  }

  it("lists jmx(…) readings without contacting anything: an await met at its first poll, expectations judged live", async () => {
    const text = `scenario "jmx" {
  environment: sim
  timeout: 1m
  setup {
    await jmx("java.lang:type=Memory", "HeapMemoryUsage", on: dc1, path: "used") > 0 within 10s
  }
  verify {
    expect jmx("com.ibm.streams.management:type=instance,name=dc2", "Up", on: dc2) == 1
  }
}
`;
    const checked = checkText(text, "jmx.xdc", memoryHost());
    expect(checked.diagnostics.map((d) => d.message)).to.deep.equal([]);
    const out = planText(await plan(checked.value, () => text, asCli));
    expect(out).to.contain('jmx("java.lang:type=Memory", "HeapMemoryUsage", on: dc1, path: "used") > 0: met (after 0s)');
    expect(out).to.contain('expect jmx("com.ibm.streams.management:type=instance,name=dc2", "Up", on: dc2) == 1 (judged live)');
  });

  it("gives the same plan every time", async () => {
    const text = readFileSync(new URL("every-statement.xdc", dir), "utf8");
    const checked = checkText(text, "e.xdc", memoryHost());
    const source = () => text;
    expect(planJson(await plan(checked.value, source, asCli))).to.equal(planJson(await plan(checked.value, source, asCli)));
  });
});
