import { expect } from "chai";
import { generateKeys, parseOneKey } from "../../src/sim/ssh/keys.js";

describe("twin SSH keys", () => {
  // One raw ssh2 key in 256 is unreadable; 2,000 keys meet about eight such draws.
  it("every generated pair reads back, public and private, with matching halves", () => {
    for (let i = 0; i < 2_000; i++) {
      const keys = generateKeys(`k${i}`);
      const pub = parseOneKey(keys.publicKey);
      const priv = parseOneKey(keys.privateKey);
      if (pub instanceof Error || priv instanceof Error) expect.fail(`key ${i} does not read back: ${String(pub instanceof Error ? pub : priv)}`);
      expect(pub.getPublicSSH().equals(priv.getPublicSSH())).to.equal(true);
    }
  });
});
