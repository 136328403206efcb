import { expect } from "chai";
import { createHash, generateKeyPairSync } from "node:crypto";
import { connect as tcpConnect } from "node:net";
import ssh2, { type ConnectConfig } from "ssh2";
import { generateKeys, startSshServer, type SshServer } from "../../src/sim/ssh/index.js";
import { makeHost, type Fixture } from "./host-fixture.js";

const ADDRESS = "127.0.3.1";
const xdcKey = generateKeys("xdc@test");
const otherKey = generateKeys("stranger");
const hostKey = generateKeys("dc1-a");

interface Result {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

function open(port: number, config: Partial<ConnectConfig> = {}): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on("ready", () => resolve(client)).on("error", reject);
    client.connect({ host: ADDRESS, port, username: "root", privateKey: xdcKey.privateKey, readyTimeout: 5000, ...config });
  });
}

function exec(client: ssh2.Client, command: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      const r: Result = { code: undefined, stdout: "", stderr: "" };
      channel.on("data", (d: Buffer) => (r.stdout += d.toString()));
      channel.stderr.on("data", (d: Buffer) => (r.stderr += d.toString()));
      channel.on("exit", (code: number) => (r.code = code));
      channel.on("close", () => resolve(r));
    });
  });
}

/** The message of the error a connection attempt ends with. */
function refusal(port: number, config: Partial<ConnectConfig>): Promise<string> {
  return open(port, config).then(
    (client) => {
      client.end();
      return "accepted";
    },
    (e: Error) => e.message,
  );
}

describe("sim ssh: server", () => {
  let fixture: Fixture;
  let server: SshServer;

  before(async () => {
    fixture = makeHost();
    server = await startSshServer({
      host: fixture.host,
      address: ADDRESS,
      port: 0,
      hostKey: hostKey.privateKey,
      authorizedKeys: ["# xdc's key", xdcKey.publicKey],
      keepaliveIntervalMs: 25,
      keepaliveCountMax: 3,
    });
  });

  after(() => server.close());

  it("presents the host key it was given", async () => {
    expect(server.hostKeyPublic).to.equal(hostKey.publicKey.split(" ").slice(0, 2).join(" "));
    expect(server.fingerprint).to.equal(hostKey.fingerprint);
    let seen = "";
    const client = await open(server.port, {
      hostVerifier: (key: Buffer) => {
        seen = `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
        return true;
      },
    });
    client.end();
    expect(seen).to.equal(hostKey.fingerprint);
  });

  it("runs commands and reports stdout, stderr and the exit status", async () => {
    const client = await open(server.port);
    try {
      expect(await exec(client, "echo hi; echo oops >&2; exit 7")).to.deep.equal({ code: 7, stdout: "hi\n", stderr: "oops\n" });
      expect(await exec(client, "nope")).to.deep.equal({ code: 127, stdout: "", stderr: "bash: line 1: nope: command not found\n" });
    } finally {
      client.end();
    }
  });

  it("runs many channels at once on one connection", async () => {
    const client = await open(server.port);
    try {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => exec(client, `iptables -A OUTPUT -d 127.0.2.${i + 1} -j DROP && echo ${i}`)));
      expect(results.map((r) => r.stdout)).to.deep.equal(["0\n", "1\n", "2\n", "3\n", "4\n", "5\n", "6\n", "7\n"]);
      const listed = await exec(client, "iptables -S OUTPUT; iptables -F OUTPUT");
      expect(listed.stdout.split("\n").filter((l) => l.startsWith("-A")).sort()).to.deep.equal(
        Array.from({ length: 8 }, (_, i) => `-A OUTPUT -d 127.0.2.${i + 1}/32 -j DROP`).sort(),
      );
    } finally {
      client.end();
    }
  });

  it("answers keep-alives both ways", async () => {
    const seen = { fromServer: 0, answered: 0 };
    let enough: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (enough = resolve));
    const client = await open(server.port, {
      keepaliveInterval: 25,
      keepaliveCountMax: 3,
      debug: (line: string) => {
        if (line.includes("Inbound: GLOBAL_REQUEST (keepalive@openssh.com)")) seen.fromServer++;
        if (line.includes("Inbound: Received REQUEST_FAILURE")) seen.answered++;
        if (seen.fromServer >= 3 && seen.answered >= 3) enough();
      },
    });
    try {
      await done;
      expect((await exec(client, "echo still here")).stdout).to.equal("still here\n");
    } finally {
      client.end();
    }
  });

  it("answers a shell request with an explanation", async () => {
    const client = await open(server.port);
    try {
      const result = await new Promise<Result>((resolve, reject) => {
        client.shell(false, (err, channel) => {
          if (err) return reject(err);
          const r: Result = { code: undefined, stdout: "", stderr: "" };
          channel.stderr.on("data", (d: Buffer) => (r.stderr += d.toString()));
          channel.on("data", (d: Buffer) => (r.stdout += d.toString()));
          channel.on("exit", (code: number) => (r.code = code));
          channel.on("close", () => resolve(r));
        });
      });
      expect(result.code).to.equal(1);
      expect(result.stderr).to.match(/^This is a simulated host of the xdc twin: it runs commands/);
    } finally {
      client.end();
    }
  });

  it("refuses a key it does not know and any password", async () => {
    expect(await refusal(server.port, { privateKey: otherKey.privateKey })).to.equal("All configured authentication methods failed");
    expect(await refusal(server.port, { privateKey: undefined, password: "secret" })).to.equal("All configured authentication methods failed");
  });

  it("listens on its own address only", async () => {
    const error = await new Promise<string>((resolve) => {
      const socket = tcpConnect({ host: "127.0.0.1", port: server.port });
      socket.on("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(error).to.equal("ECONNREFUSED");
  });

  it("lets a rule that names xdc's traffic refuse new connections, and nothing else", async () => {
    const client = await open(server.port);
    try {
      await exec(client, "iptables -P INPUT DROP; iptables -A INPUT -j REJECT");
      const again = await open(server.port);
      again.end();
      await exec(client, `iptables -I INPUT -s 127.0.0.1 -p tcp --dport ${server.port} -j REJECT`);
      expect(await refusal(server.port, {})).to.match(/ECONNRESET|closed|ended/i);
      await exec(client, `iptables -I INPUT -s 127.0.0.1 -p tcp --dport ${server.port} -j DROP`);
      // A DROP leaves the client waiting for a handshake that never comes.
      expect(await refusal(server.port, { readyTimeout: 300 })).to.equal("Timed out while waiting for handshake");
      expect((await exec(client, "iptables -F; iptables -P INPUT ACCEPT; echo ok")).stdout).to.equal("ok\n");
    } finally {
      client.end();
    }
  });
});

describe("sim ssh: server options", () => {
  it("accepts a PEM host key and only the users it is given", async () => {
    const fixture = makeHost();
    const pem = generateKeyPairSync("ec", { namedCurve: "prime256v1", privateKeyEncoding: { type: "sec1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const server = await startSshServer({ host: fixture.host, address: ADDRESS, port: 0, hostKey: pem.privateKey, authorizedKeys: [xdcKey.publicKey], users: ["xdc"] });
    try {
      expect(server.hostKeyPublic).to.match(/^ecdsa-sha2-nistp256 AAAA/);
      expect(await refusal(server.port, { username: "root" })).to.equal("All configured authentication methods failed");
      const client = await open(server.port, { username: "xdc" });
      expect(await exec(client, "id -un; iptables -S")).to.deep.equal({
        code: 4,
        stdout: "xdc\n",
        stderr: "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n",
      });
      client.end();
    } finally {
      await server.close();
    }
  });

  it("refuses to start with a key it cannot read", async () => {
    const fixture = makeHost();
    const start = (hostKeyText: string, authorized: string[]) =>
      startSshServer({ host: fixture.host, address: ADDRESS, port: 0, hostKey: hostKeyText, authorizedKeys: authorized }).then(
        async (s) => {
          await s.close();
          return "started";
        },
        (e: Error) => e.message,
      );
    expect(await start("not a key", [])).to.match(/^the host key cannot be read/);
    expect(await start(hostKey.privateKey, ["ssh-ed25519 AAAAnotbase64"])).to.match(/^authorized key 1 cannot be read/);
  });
});
