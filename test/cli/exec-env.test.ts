import { expect } from "chai";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { xdc } from "./spawn.js";

const partition = fileURLToPath(new URL("../../examples/partition.xdc", import.meta.url));

describe("xdc exec --env that cannot be used", () => {
  const dir = mkdtempSync(join(tmpdir(), "xdc-exec-env-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const exec = (env: string) => xdc(["exec", partition, "--env", env, "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir });

  it("a missing file is a usage error, told before anything starts", async () => {
    const run = await exec(join(dir, "nope.env"));
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("--env").and.include("nope.env").and.include("ENOENT");
    expect(existsSync(join(dir, "out", "journal.jsonl"))).to.equal(false);
  });

  it("a file with errors prints them with file:line:col, as xdc check would", async () => {
    const env = join(dir, "bad.env");
    writeFileSync(env, 'environment lab {\n  dc dc1 {\n    streams: 42\n  }\n}\n');
    const run = await exec(env);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/bad\.env:3:\d+/);
    expect(run.stderr).to.match(/error\[XDC\d{4}\]/);
    expect(existsSync(join(dir, "out", "journal.jsonl"))).to.equal(false);
  });

  it("a secret the environment names but the process lacks is named, never guessed", async () => {
    const env = join(dir, "secret.env");
    const dc = (n: number) => `  dc dc${n} {\n    streams: "http://127.0.${n}.1:9/streams/rest"\n    instance: "I${n}"\n    password: secret("XDC_TEST_NOT_SET")\n    hosts: [host("h${n}", address: "127.0.${n}.11")]\n  }\n`;
    writeFileSync(env, `environment lab {\n${dc(1)}${dc(2)}}\n`);
    const run = await exec(env);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("XDC_TEST_NOT_SET");
  });
});
