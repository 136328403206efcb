import { expect } from "chai";
import { CommanderError } from "commander";
import { createProgram } from "../../src/cli/program.js";

/** Parses `args` as `xdc args…` would, and returns what went to stderr and the exit code commander chose. */
async function parse(...args: string[]): Promise<{ stderr: string; exitCode: number }> {
  let stderr = "";
  const program = createProgram({ writeOut: () => undefined, writeErr: (t) => void (stderr += t) });
  try {
    await program.parseAsync(["node", "xdc", ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { stderr, exitCode: e.exitCode };
  }
  throw new Error(`xdc ${args.join(" ")} parsed without an error`);
}

describe("CLI: usage errors are one line and a hint", () => {
  const cases: readonly [string[], string][] = [
    [["exec", "--pol", "5", "x.xdc"], "xdc exec: unknown option '--pol'\nhint: did you mean --poll?\n"],
    [["exec", "--pol=5", "x.xdc"], "xdc exec: unknown option '--pol'\nhint: did you mean --poll?\n"],
    [["check", "--max-warning", "3"], "xdc check: unknown option '--max-warning'\nhint: did you mean --max-warnings?\n"],
    [["exec", "--frobnicate"], "xdc exec: unknown option '--frobnicate'\nhint: 'xdc exec --help' lists the options\n"],
    [["chek"], "xdc: unknown command 'chek'\nhint: did you mean check?\n"],
    [["Report"], "xdc: unknown command 'Report'\nhint: did you mean report?\n"],
    [["frobnicate"], "xdc: unknown command 'frobnicate'\nhint: 'xdc --help' lists the commands\n"],
    [["plan"], "xdc plan: missing required argument 'paths'\nhint: 'xdc plan --help' describes the command\n"],
  ];
  for (const [args, stderr] of cases) {
    it(`xdc ${args.join(" ")}`, async () => {
      expect(await parse(...args)).to.deep.equal({ stderr, exitCode: 2 });
    });
  }

  it("never prints the help after an error", async () => {
    const { stderr } = await parse("check", "--format", "jsn");
    expect(stderr).to.not.contain("Usage:");
    expect(stderr.trimEnd().split("\n")).to.have.length(2);
  });
});

describe("CLI: every command's help", () => {
  const program = createProgram({ writeOut: () => undefined, writeErr: () => undefined });
  for (const command of program.commands) {
    it(`xdc ${command.name()} --help has a description, its exit codes and --color`, () => {
      let help = "";
      command.configureOutput({ writeOut: (t) => void (help += t), writeErr: () => undefined });
      command.outputHelp();
      expect(command.description(), "description").to.match(/\w+ \w+/);
      expect(help).to.match(/\nExit codes:\n {2}0 {2}/);
      expect(help).to.contain("--color <when>");
    });
  }
});
