import { expect } from "chai";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { crc32, gunzipSync } from "node:zlib";
import * as yazl from "yazl";
import { listZip, writeZip } from "../../src/sim/bundle/zip.js";
import { tarGz } from "../../src/sim/rest/tar.js";

// The twin keeps a hand-written zip writer and tar.gz writer because it answers in the same
// call (see the comments in zip.ts and tar.ts); these tests pin them to what the libraries and
// tools a user has would make and read, byte for byte where a byte matters.

const run = promisify(execFile);
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function yazlStored(entries: readonly { name: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { compress: false, forceDosTimestamp: true, mtime: new Date(1980, 0, 1), mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
  });
}

describe("the twin's archive writers", () => {
  const entries = [
    { name: "META-INF/xdc-app.json", data: Buffer.from('{"name":"A"}\n') },
    { name: "toolkit/é.txt", data: Buffer.from("non-ASCII name, UTF-8 flag set\n") },
    { name: "empty", data: Buffer.alloc(0) },
  ];

  it("writeZip writes the bytes yazl writes (stored, fixed DOS time, rw-r--r--) but for the 'made by' version", async () => {
    const ours = writeZip(entries);
    const theirs = await yazlStored(entries);
    expect(ours.length).to.equal(theirs.length);
    // yazl says "made by" zip 6.3, the hand-written writer 2.0: the one byte of each central header that differs.
    const patched = Buffer.from(theirs);
    let centrals = 0;
    for (let at = patched.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = patched.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      expect(patched[at + 4]).to.equal(63);
      patched[at + 4] = 20;
      centrals++;
    }
    expect(centrals).to.equal(entries.length);
    expect(ours.equals(patched)).to.equal(true);
  });

  it("writeZip's output lists back with the sizes and CRCs the entries have", () => {
    const listed = listZip(writeZip(entries));
    expect(listed.ok).to.equal(true);
    if (!listed.ok) return;
    expect(listed.value.map((e) => [e.name, e.size, e.compressedSize, e.method, e.crc])).to.deep.equal(entries.map((e) => [e.name, e.data.length, e.data.length, 0, crc32(e.data)]));
  });

  describe("tarGz (the trace archive a client downloads from …/applicationlogtrace)", () => {
    const mtimeMs = Date.UTC(2026, 0, 2, 3, 4, 5);
    const files = [
      { name: "job_1/job.log", data: Buffer.from("line 1\nline 2\n"), mtimeMs },
      { name: "job_1/pe_7/console.log", data: Buffer.alloc(1500, "x"), mtimeMs },
      { name: "job_1/pe_8/console.log", data: Buffer.alloc(0), mtimeMs },
    ];

    it("is a ustar archive whose bytes do not change (gzip aside, which follows the zlib build)", () => {
      const tar = gunzipSync(tarGz(files));
      // 3 headers, 512 + 1024 bytes of padded data, the two closing zero blocks
      expect(tar.length).to.equal(3 * 512 + 512 + 1536 + 1024);
      expect(tar.subarray(257, 265).toString("latin1")).to.equal("ustar\u000000");
      expect(sha256(tar)).to.equal("7cd2b11efb9c1786554d236f17893985e8a5fcb3b1fca8194996432a783e2670");
    });

    it("GNU tar lists and extracts it: names, sizes, mode, times and contents", async () => {
      const dir = await mkdtemp(join(tmpdir(), "xdc-tar-"));
      try {
        const archive = join(dir, "trace.tar.gz");
        await writeFile(archive, tarGz(files));
        const { stdout } = await run("tar", ["-tvzf", archive, "--utc", "--numeric-owner"], { env: { ...process.env, LC_ALL: "C" } });
        const rows = stdout.trim().split("\n").map((l) => l.split(/\s+/));
        expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5]])).to.deep.equal(
          files.map((f) => ["-rw-r--r--", String(f.data.length), "2026-01-02", "03:04", f.name]),
        );
        await run("tar", ["-xzf", archive, "-C", dir]);
        for (const f of files) expect((await readFile(join(dir, f.name))).equals(f.data)).to.equal(true, f.name);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
