import { expect } from "chai";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { makeHost } from "./host-fixture.js";

const run = promisify(execFile);
const SEPARATOR = "@@@xdc@@@";

/** Whether this machine can run real iptables in a private network namespace (root, unshare, iptables). */
async function realIptables(): Promise<boolean> {
  try {
    await run("unshare", ["-n", "iptables", "-S"], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The twin's iptables against the real one: the same command lines, one after the other, in a
 * fresh network namespace (no traffic is sent; the namespace has only its own loopback) and on a
 * fresh twin host. Skipped where the machine cannot make a namespace.
 */
describe("sim host: iptables against the real iptables", function () {
  const commands = readFileSync(new URL("./fixtures/iptables-commands.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));

  before(async function () {
    if (!(await realIptables())) this.skip();
  });

  it(`prints what iptables 1.8.9 prints for ${commands.length} command lines`, async () => {
    const script = commands.map((c) => `echo '${SEPARATOR}'; ${c} 2>&1; echo "rc=$?"`).join("\n");
    const real = (await run("unshare", ["-n", "bash", "-c", script], { timeout: 15000, maxBuffer: 8 << 20 })).stdout.split(`${SEPARATOR}\n`).slice(1);
    const { run: twin } = makeHost();
    const mismatches: string[] = [];
    for (const [i, command] of commands.entries()) {
      const r = await twin(command);
      const mine = `${r.stdout}${r.stderr}rc=${r.code}\n`;
      if (mine !== real[i]) mismatches.push(`$ ${command}\n--- iptables\n${real[i]}--- twin\n${mine}`);
    }
    expect(mismatches.join("\n")).to.equal("");
  });
});
