import { expect } from "chai";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkScenarioFiles, type ScenarioFile } from "../../src/cli/scenario-files.js";
import { allScenarios, listLine, parseShard, parseTagEntry, select, shardOf, type Selection } from "../../src/cli/exec-select.js";

const scenario = (name: string, tags: readonly string[]) => `scenario "${name}" {
  tags: [${tags.map((t) => `"${t}"`).join(", ")}]
  timeout: 1m
  run {
    wait 1s
  }
}
`;

describe("xdc exec: choosing scenarios (--tag, --exclude-tag, --grep, --shard)", () => {
  let dir: string;
  let files: ScenarioFile[];

  async function load(contents: Record<string, string>): Promise<ScenarioFile[]> {
    for (const [name, text] of Object.entries(contents)) {
      mkdirSync(join(dir, name, ".."), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const errs: string[] = [];
    const checked = await checkScenarioFiles("exec", [dir], { err: (l) => errs.push(l), readStdin: async () => "" });
    if (!checked.ok) throw new Error(errs.join("\n"));
    return checked.value;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "xdc-select-"));
    files = await load({
      "a.xdc": scenario("partition quick", ["network", "smoke"]) + "\n" + scenario("partition slow", ["network", "slow"]),
      "sub/b.xdc": scenario("kill a PE", ["process", "smoke"]) + scenario("cancel through the API", []),
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const names = (sel: Selection) => select(files, sel, dir).run.map((s) => s.scenario.name);

  it("runs every scenario of every file under a directory, in file and then source order", () => {
    expect(names({})).to.deep.equal(["partition quick", "partition slow", "kill a PE", "cancel through the API"]);
  });

  it("repeated --tag picks a scenario with any of them; a+b needs all of them", () => {
    expect(names({ tags: [["slow"], ["process"]] })).to.deep.equal(["partition slow", "kill a PE"]);
    expect(names({ tags: [parseTagEntry("network+smoke")] })).to.deep.equal(["partition quick"]);
    expect(names({ tags: [parseTagEntry("network+smoke"), ["process"]] })).to.deep.equal(["partition quick", "kill a PE"]);
  });

  it("--exclude-tag wins over --tag, and --grep matches names as a regular expression", () => {
    expect(names({ tags: [["network"]], excludeTags: ["slow"] })).to.deep.equal(["partition quick"]);
    expect(names({ excludeTags: ["smoke"] })).to.deep.equal(["partition slow", "cancel through the API"]);
    expect(names({ grep: /^partition/ })).to.deep.equal(["partition quick", "partition slow"]);
    expect(names({ grep: /API$/, tags: [["network"]] })).to.deep.equal([]);
  });

  it("--list shows file:line, name and tags", () => {
    const lines = allScenarios(files).map(listLine);
    expect(lines[0]).to.equal(`${join(dir, "a.xdc")}:1  partition quick  [network, smoke]`);
    expect(lines[1]).to.equal(`${join(dir, "a.xdc")}:9  partition slow  [network, slow]`);
    expect(lines[3]).to.equal(`${join(dir, "sub", "b.xdc")}:8  cancel through the API`);
  });

  it("reads i/n with 1 <= i <= n and nothing else", () => {
    expect(parseShard("2/4")).to.deep.equal({ index: 2, count: 4 });
    expect(parseShard("1/1")).to.deep.equal({ index: 1, count: 1 });
    for (const bad of ["0/4", "5/4", "2/0", "2", "a/b", "-1/3", "1/2/3"]) expect(parseShard(bad), bad).to.equal(undefined);
  });

  describe("shards", () => {
    // Many scenarios, so that the properties are tested on more than a handful.
    const many = Array.from({ length: 60 }, (_, i) => ({ path: join("scenarios", `f${i % 7}.xdc`), name: `scenario ${i}` }));
    const cwd = "/work/project";
    const shardsOf = (items: readonly { path: string; name: string }[], n: number) => items.map((s) => shardOf(join(cwd, s.path), s.name, n, cwd));

    it("together run every scenario exactly once: their union is all, and they are disjoint", () => {
      for (const n of [1, 2, 3, 5, 8]) {
        const parts = Array.from({ length: n }, (_, i) => many.filter((_, k) => shardsOf(many, n)[k] === i + 1));
        expect(parts.flat().length, `n=${n}`).to.equal(many.length);
        expect(new Set(parts.flat()).size, `n=${n}`).to.equal(many.length);
        if (n > 1) expect(parts.filter((p) => p.length > 0).length, `n=${n}: every shard gets some`).to.be.greaterThan(1);
      }
    });

    it("adding a scenario moves no other scenario to another shard", () => {
      const before = shardsOf(many, 4);
      const grown = [...many.slice(0, 30), { path: "scenarios/new.xdc", name: "a new one" }, ...many.slice(30)];
      const after = shardsOf(grown, 4);
      expect([...after.slice(0, 30), ...after.slice(31)]).to.deep.equal(before);
    });

    it("depend on the path relative to the working directory, so every CI runner splits alike", () => {
      expect(shardOf("/a/checkout/x.xdc", "s", 7, "/a/checkout")).to.equal(shardOf("/b/elsewhere/x.xdc", "s", 7, "/b/elsewhere"));
    });

    it("split what the filters selected, and the files here: union is the selection", () => {
      const all = names({ tags: [["network"], ["process"]] });
      const union = [1, 2, 3].flatMap((index) => names({ tags: [["network"], ["process"]], shard: { index, count: 3 } }));
      expect([...union].sort()).to.deep.equal([...all].sort());
    });
  });
});
