import { expect } from "chai";
import { readFileSync } from "node:fs";
import { makeHost, pe, T0 } from "./host-fixture.js";

interface Example {
  readonly user: string;
  readonly command: string;
  readonly output: string[];
}

/** The ```console blocks of a page: `# ` runs as root, `$ ` as streamsadmin, other lines are output. */
function consoleBlocks(markdown: string): Example[][] {
  const blocks: Example[][] = [];
  for (const [, body] of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    const examples: Example[] = [];
    for (const line of body!.split("\n").slice(0, -1)) {
      const prompt = /^([#$]) (.*)$/.exec(line);
      if (prompt) examples.push({ user: prompt[1] === "#" ? "root" : "streamsadmin", command: prompt[2]!, output: [] });
      else examples.at(-1)?.output.push(line);
    }
    blocks.push(examples);
  }
  return blocks;
}

const trimLines = (text: string) => text.split("\n").map((l) => l.trimEnd());

describe("sim host: the examples of docs/twin-commands.md", () => {
  const page = readFileSync(new URL("../../docs/twin-commands.md", import.meta.url), "utf8");
  const blocks = consoleBlocks(page);

  it("has examples", () => expect(blocks.length).to.be.greaterThan(5));

  blocks.forEach((examples, i) => {
    it(`block ${i + 1}: ${examples[0]?.command ?? ""}`, async () => {
      const { run } = makeHost({ processes: [pe("-pe 7 -job 3"), pe("-pe 8 -job 3", T0 - 120_000)] });
      for (const example of examples) {
        const r = await run(example.command, example.user);
        expect(trimLines(r.stdout + r.stderr), example.command).to.deep.equal([...example.output, ""]);
      }
    });
  });
});
