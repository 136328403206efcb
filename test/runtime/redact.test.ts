import { expect } from "chai";
import fc from "fast-check";
import { MemoryLogger, redactingLogger } from "../../src/runtime/logger.js";
import { REDACTED, Redactor, safeUrl } from "../../src/runtime/redact.js";

describe("runtime/redact", () => {
  it("replaces every registered secret, in its URL-encoded form too", () => {
    const r = new Redactor();
    r.add("p@ss word");
    expect(r.redact("user:p@ss word or p%40ss%20word")).to.equal(`user:${REDACTED} or ${REDACTED}`);
  });

  it("replaces a secret that contains another one whole", () => {
    const r = new Redactor();
    r.add("abc");
    r.add("xxabcxx");
    expect(r.redact("1 xxabcxx 2 abc")).to.equal(`1 ${REDACTED} 2 ${REDACTED}`);
  });

  it("leaves no registered secret in any text, whatever surrounds it", () => {
    // A secret spelled inside the marker itself would be "found" in every redaction: excluded.
    const secrets = fc.stringMatching(/^[A-Za-z0-9+/=_-]{3,24}$/).filter((s) => !REDACTED.includes(s));
    fc.assert(
      fc.property(secrets, fc.string(), fc.string(), (secret, before, after) => {
        const r = new Redactor();
        r.add(secret);
        expect(r.redact(`${before}${secret}${after}`).includes(secret)).to.equal(false);
      }),
    );
  });

  it("redacts the strings inside objects and arrays, keys included", () => {
    const r = new Redactor();
    r.add("tok123");
    expect(r.redactValue({ a: ["x tok123", 3], tok123: { b: "tok123" } })).to.deep.equal({ a: [`x ${REDACTED}`, 3], [REDACTED]: { b: REDACTED } });
  });

  it("a redacting logger passes message and fields through the redactor", () => {
    const r = new Redactor();
    r.add("hunter22");
    const inner = new MemoryLogger();
    redactingLogger(inner, r).log("warn", "password hunter22 refused", { header: "Basic hunter22" });
    expect(inner.text()).to.not.include("hunter22");
    expect(inner.entries[0]).to.deep.equal({ level: "warn", message: `password ${REDACTED} refused`, fields: { header: `Basic ${REDACTED}` } });
  });

  it("a memory logger keeps the last entries only", () => {
    const log = new MemoryLogger(3);
    for (let i = 0; i < 5; i++) log.log("info", `m${i}`);
    expect(log.entries.map((e) => e.message)).to.deep.equal(["m2", "m3", "m4"]);
  });

  it("drops user info from URLs", () => {
    expect(safeUrl("https://u:secret@h:8443/streams/rest?x=1")).to.equal("https://h:8443/streams/rest?x=1");
    expect(safeUrl("not a url //u:p@h/x")).to.equal("not a url //h/x");
  });
});
