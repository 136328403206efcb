import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkHostKey, fingerprint, parseKnownHosts } from "../../../src/drivers/ssh/index.js";
import { generateKeys } from "../../../src/sim/ssh/index.js";

const a = generateKeys("a");
const b = generateKeys("b");
const blob = (k: { publicKey: string }) => Buffer.from(k.publicKey.split(" ")[1]!, "base64");
const target = { name: "dc1-a", address: "10.0.0.5", port: 22, user: "streams" };
const verdict = (text: string, t = target, key = blob(a)) => checkHostKey({ kind: "strict", knownHosts: parseKnownHosts(text, "kh"), file: "kh" }, t, key)?.code ?? "ok";

describe("ssh driver: known_hosts", () => {
  it("matches plain names, lists, [host]:port, wildcards and negations", () => {
    expect(verdict(`10.0.0.5 ${a.publicKey}`)).to.equal("ok");
    expect(verdict(`other,10.0.0.5 ${a.publicKey}`)).to.equal("ok");
    expect(verdict(`10.0.0.5 ${a.publicKey}`, { ...target, port: 2222 })).to.equal("host-key-unknown");
    expect(verdict(`[10.0.0.5]:2222 ${a.publicKey}`, { ...target, port: 2222 })).to.equal("ok");
    expect(verdict(`10.0.0.* ${a.publicKey}`)).to.equal("ok");
    expect(verdict(`10.0.0.?,!10.0.0.5 ${a.publicKey}`)).to.equal("host-key-unknown");
    expect(verdict(`10.0.0.5 ${b.publicKey}`)).to.equal("host-key-changed");
    expect(verdict(`# comment\n\n10.0.0.5 ${b.publicKey}\n10.0.0.5 ${a.publicKey}`)).to.equal("ok");
  });

  it("reads hashed names as ssh-keygen -H writes them", () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-kh-"));
    try {
      const file = join(dir, "known_hosts");
      writeFileSync(file, `10.0.0.5 ${a.publicKey}\n[10.0.0.5]:2222 ${b.publicKey}\n`);
      execFileSync("ssh-keygen", ["-q", "-H", "-f", file], { stdio: "ignore" });
      const hashed = readFileSync(file, "utf8");
      expect(hashed).to.not.include("10.0.0.5");
      expect(verdict(hashed)).to.equal("ok");
      expect(verdict(hashed, { ...target, port: 2222 }, blob(b))).to.equal("ok");
      expect(verdict(hashed, { ...target, address: "10.0.0.6" })).to.equal("host-key-unknown");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a revoked key even when another line lists it", () => {
    expect(verdict(`@revoked * ${a.publicKey}\n10.0.0.5 ${a.publicKey}`)).to.equal("host-key-revoked");
  });

  it("skips lines it cannot read and says which", () => {
    const kh = parseKnownHosts(`garbage\n@cert-authority *.example ${a.publicKey}\n@weird x ${a.publicKey}\n10.0.0.5 ${a.publicKey}`, "kh");
    expect(kh.skipped).to.deep.equal(["kh:1: not a known-hosts entry", "kh:3: unknown marker @weird"]);
    expect(kh.entries.map((e) => e.source)).to.deep.equal(["kh:2", "kh:4"]);
    // A certificate authority is not a host key: xdc does not check host certificates.
    expect(verdict(`@cert-authority * ${a.publicKey}`)).to.equal("host-key-unknown");
  });

  it("names the host and both fingerprints when the key changed", () => {
    const e = checkHostKey({ kind: "strict", knownHosts: parseKnownHosts(`10.0.0.5 ${b.publicKey}`, "~/.ssh/known_hosts"), file: "~/.ssh/known_hosts" }, target, blob(a));
    expect(e?.message).to.equal(
      `host key of dc1-a (10.0.0.5:22) has changed: expected ${b.fingerprint} (ssh-ed25519, ~/.ssh/known_hosts:1), presented ${a.fingerprint} (ssh-ed25519). If the host was reinstalled, update ~/.ssh/known_hosts; otherwise someone may be intercepting the connection`,
    );
    expect(fingerprint(blob(a))).to.equal(a.fingerprint);
  });

  it("checks nothing only when asked by name", () => {
    expect(checkHostKey({ kind: "off" }, target, blob(a))).to.equal(undefined);
  });
});
