import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkText, fileSystemHost } from "../../src/language/index.js";
import { twinLayout } from "../../src/cli/plan-twin.js";
import { plan } from "../../src/plan/plan.js";
import { planJson } from "../../src/plan/render.js";
import { targetFor } from "../../src/plan/target.js";
import { BIN_PATH, run } from "../cli/spawn.js";
import { expectGolden } from "../golden.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const goldens = new URL("./examples/", import.meta.url);
const examples = readdirSync(new URL("examples/", `file://${root}`)).filter((f) => f.endsWith(".xdc"));
const NO_NETWORK = new URL("./no-network.mjs", import.meta.url).href;

/** `xdc plan` as a user runs it, in a process where opening any socket throws. */
const planOffline = (args: readonly string[]) => run(process.execPath, ["--import", NO_NETWORK, BIN_PATH, "plan", ...args], { cwd: root });

describe("xdc plan of every example", function () {
  this.timeout(30_000);

  it("runs in a process that cannot open a socket (the guard works)", async () => {
    const r = await run(process.execPath, ["--import", NO_NETWORK, "-e", "require('node:http').get('http://127.0.0.1:9/')"], { cwd: root });
    expect(r.code).to.not.equal(0);
    expect(r.stderr).to.include("must not contact anything");
  });

  for (const name of examples) {
    it(`plans examples/${name} without contacting anything (golden examples/${name.replace(/\.xdc$/, ".plan.{txt,json}")})`, async () => {
      const r = await planOffline([`examples/${name}`]);
      expect(r.stderr).to.equal("");
      expect(r.code).to.equal(0);
      expect(r.stdout.endsWith("\n") && !r.stdout.endsWith("\n\n"), "the text ends with exactly one newline").to.equal(true);
      expectGolden(new URL(name.replace(/\.xdc$/, ".plan.txt"), goldens), r.stdout);
      // The JSON form of the same plan, made in-process (the text above proved it offline).
      const file = `examples/${name}`;
      const text = readFileSync(new URL(file, `file://${root}`), "utf8");
      const host = fileSystemHost();
      const checked = checkText(text, file, host);
      const plans = await plan(checked.value, (f) => (f === file ? text : host.read(f)), (s) => targetFor(s, { twin: twinLayout }));
      expectGolden(new URL(name.replace(/\.xdc$/, ".plan.json"), goldens), planJson(plans));
    });
  }

  it("keeps no golden for an example that is gone", () => {
    const stale = readdirSync(goldens).filter((g) => !examples.includes(g.replace(/\.plan\.(txt|json)$/, ".xdc")));
    expect(stale, "delete these goldens or restore their examples").to.deep.equal([]);
  });
});
