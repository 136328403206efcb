import { expect } from "chai";
import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { commandLine, shellQuote, unquotable } from "../../../src/drivers/ssh/index.js";

/** Characters that mean something to some shell, so generated strings hit them often. */
const NASTY = ["'", '"', "\\", "$", "`", "(", ")", "{", "}", "[", "]", "*", "?", "~", "!", "#", "&", "|", ";", "<", ">", " ", "\t", "\n", "\r", "=", "%", "^", ",", "-", "--", "$(id)", "`id`", "'\\''", "${IFS}", "\u00a0", "é", "💥"];
const word = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary-ascii", maxLength: 12 }),
).filter((s) => unquotable(s) === undefined);

/**
 * Runs every argv through a real shell as `printf '%s\0' ARGS` and reads back what the shell
 * passed: one shell process for a whole batch keeps a hundred runs fast.
 */
function throughShell(shell: string, argvs: readonly (readonly string[])[]): string[][] {
  // Each line prints how many arguments it meant to pass, then what the shell passed.
  const script = argvs.map((argv) => `printf '%s\\0' ${argv.length} ${commandLine(argv)}`).join("\n");
  const fields = execFileSync(shell, ["-c", script], { encoding: "utf8", maxBuffer: 16 << 20 }).split("\0");
  const result: string[][] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const n = Number(fields[i]);
    result.push(fields.slice(i + 1, i + 1 + n));
    i += n + 1;
  }
  return result;
}

describe("ssh driver: quoting", () => {
  it("leaves safe words bare and quotes the rest", () => {
    expect(commandLine(["iptables", "-w", "-A", "INPUT", "-s", "127.0.2.0/24", "--comment", "xdc:run-1:f2", "-j", "DROP"])).to.equal(
      "iptables -w -A INPUT -s 127.0.2.0/24 --comment xdc:run-1:f2 -j DROP",
    );
    expect(commandLine(["echo", "", "a b", "it's", "$(reboot)"])).to.equal(`echo '' 'a b' 'it'\\''s' '$(reboot)'`);
  });

  it("refuses what no argument can hold", () => {
    expect(unquotable("a\0b")).to.equal("nul");
    expect(unquotable("\ud800")).to.equal("not-well-formed");
    expect(unquotable("💥")).to.equal(undefined);
    expect(() => shellQuote("a\0b")).to.throw(/NUL/);
  });

  for (const shell of ["bash", "sh"]) {
    it(`no generated string breaks out of its argument in ${shell}`, () => {
      fc.assert(
        fc.property(fc.array(fc.array(word, { maxLength: 6 }), { minLength: 1, maxLength: 20 }), (argvs) => {
          expect(throughShell(shell, argvs)).to.deep.equal(argvs.map((a) => [...a]));
        }),
        { numRuns: 60 },
      );
    });
  }
});
