import { expect } from "chai";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";

/**
 * docs/ci.md's pipelines are valid YAML of the shape GitHub Actions and GitLab CI read, and
 * every `xdc` command they run names a command and options that the built CLI's help lists
 * (`xdc --help`, `xdc COMMAND --help`), so a renamed or removed flag breaks this test before
 * it breaks a user's pipeline.
 */
const BIN = fileURLToPath(new URL("../bin/xdc.js", import.meta.url));
const markdown = readFileSync(new URL("../docs/ci.md", import.meta.url), "utf8");

interface Block {
  readonly line: number;
  readonly text: string;
}

const yamlBlocks = (md: string): Block[] => [...md.matchAll(/^```yaml\n([^]*?)^```$/gm)].map((m) => ({ line: md.slice(0, m.index).split("\n").length + 1, text: m[1]! }));

const help = (args: string[]): Promise<string> =>
  new Promise((resolve, reject) => execFile(process.execPath, [BIN, ...args, "--help"], (error, stdout) => (error ? reject(error) : resolve(stdout))));

/** The lines of a help text's section (`Commands:`, `Options:`) up to the next blank line. */
function section(text: string, title: string): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.trim() === "");
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** A command's long options, `--no-preflight` included, as commander lists them (wrapped descriptions skipped). */
const optionsOf = (text: string): Set<string> =>
  new Set(section(text, "Options").flatMap((l) => /^ {2}(?:-\w, )?(--[a-z0-9-]+)/.exec(l)?.[1] ?? []));

/** Every string a job runs: GitHub's `steps[].run`, GitLab's `script`, `before_script`, `after_script`. */
function shellOf(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string | undefined): void => {
    if (typeof v === "string" && key !== undefined && ["run", "script", "before_script", "after_script"].includes(key)) out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, key === "script" || key === "before_script" || key === "after_script" ? key : undefined);
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(doc, undefined);
  return out;
}

/** The words of each `xdc …` (or `npx xdc …`) invocation in shell text, up to a shell operator. */
function xdcCommands(shell: string): string[][] {
  // A line ends a command (a backslash before it continues the line).
  const words = shell.replace(/\\\n/g, " ").match(/(?:"[^"]*"|'[^']*'|\$\{\{[^}]*\}\}|[^\s;|&<>"'])+|[;|&<>\n]+/g) ?? [];
  const commands: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== "xdc") continue;
    const args: string[] = [];
    for (let j = i + 1; j < words.length && !/^[;|&<>\n]+$/.test(words[j]!); j++) args.push(words[j]!.replace(/["']/g, ""));
    commands.push(args);
  }
  return commands;
}

describe("docs/ci.md: the CI examples", function () {
  this.timeout(60_000);
  const blocks = yamlBlocks(markdown);
  const docs = blocks.map((b) => {
    const doc = parseDocument(b.text, { prettyErrors: true, uniqueKeys: true });
    return { ...b, doc, value: doc.toJS() as Record<string, unknown> };
  });
  const github = docs.filter((d) => "jobs" in d.value);
  const gitlab = docs.filter((d) => "stages" in d.value);

  it("are valid YAML, GitHub Actions workflows and a GitLab CI file", () => {
    expect(blocks.length).to.be.at.least(3);
    for (const d of docs) expect(d.doc.errors.map((e) => `docs/ci.md:${d.line}: ${e.message}`)).to.deep.equal([]);
    expect(github.length + gitlab.length).to.equal(docs.length);
    for (const w of github) {
      expect(w.value).to.have.keys("name", "on", "jobs");
      for (const [name, job] of Object.entries(w.value["jobs"] as Record<string, { "runs-on": string; steps: { uses?: string; run?: string }[] }>)) {
        expect(job["runs-on"], name).to.be.a("string");
        expect(job.steps.every((s) => (s.uses === undefined) !== (s.run === undefined)), `${name}: a step either uses an action or runs a command`).to.equal(true);
      }
    }
    expect(gitlab).to.have.length(1);
    const stages = gitlab[0]!.value["stages"] as string[];
    for (const [name, job] of Object.entries(gitlab[0]!.value).filter(([k]) => !["stages", "default"].includes(k))) {
      expect(stages, `${name}'s stage`).to.include((job as { stage: string }).stage);
    }
  });

  it("shard the GitHub matrix 1…N with --shard MATRIX/N, and GitLab with CI_NODE_INDEX/CI_NODE_TOTAL", () => {
    const workflow = github[0]!.value as { jobs: Record<string, { strategy?: { matrix: { shard: number[] } }; steps: { run?: string }[] }> };
    const [, job] = Object.entries(workflow.jobs).find(([, j]) => j.strategy !== undefined)!;
    const shards = job.strategy!.matrix.shard;
    expect(shards).to.deep.equal(Array.from({ length: shards.length }, (_, i) => i + 1));
    const exec = job.steps.flatMap((s) => (s.run === undefined ? [] : xdcCommands(s.run))).find((c) => c[0] === "exec")!;
    expect(exec[exec.indexOf("--shard") + 1]).to.equal(`\${{ matrix.shard }}/${shards.length}`);
    const lab = gitlab[0]!.value as Record<string, { parallel?: number; script?: string[] }>;
    const [, parallel] = Object.entries(lab).find(([, j]) => typeof j === "object" && j !== null && "parallel" in j)!;
    const labExec = parallel.script!.flatMap(xdcCommands).find((c) => c[0] === "exec")!;
    expect(labExec[labExec.indexOf("--shard") + 1]).to.equal("${CI_NODE_INDEX}/${CI_NODE_TOTAL}");
  });

  it("merge into the directory they publish the JUnit file and HTML report from", () => {
    const steps = (github[0]!.value as { jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }> }).jobs["report"]!.steps;
    const merge = steps.flatMap((s) => (s.run === undefined ? [] : xdcCommands(s.run))).find((c) => c.includes("--merge"))!;
    const out = merge[merge.indexOf("--out") + 1];
    expect(steps.find((s) => s.uses?.startsWith("mikepenz/action-junit-report"))!.with!["report_paths"]).to.equal(`${out}/junit.xml`);
    expect(steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))!.with!["path"]).to.include(`${out}/report.html`);
  });

  it("run only commands and options that `xdc --help` and `xdc COMMAND --help` list", async () => {
    const commands = xdcCommands(docs.flatMap((d) => shellOf(d.value)).join("\n"));
    expect(commands.length).to.be.at.least(6);
    const known = new Set(section(await help([]), "Commands").flatMap((l) => /^ {2}([a-z][a-z-]*)\b/.exec(l)?.[1] ?? []));
    expect(known).to.include("exec");
    const unknown: string[] = [];
    const options = new Map<string, Set<string>>();
    for (const [name, ...args] of commands) {
      if (name === undefined || !known.has(name)) {
        unknown.push(`xdc ${name ?? ""}: not a command of \`xdc --help\``);
        continue;
      }
      if (!options.has(name)) options.set(name, optionsOf(await help([name])));
      for (const a of args.filter((x) => x.startsWith("--"))) {
        const flag = a.replace(/=.*$/, "");
        if (!options.get(name)!.has(flag)) unknown.push(`xdc ${name} ${flag}: not an option of \`xdc ${name} --help\``);
      }
    }
    expect(unknown).to.deep.equal([]);
  });
});
