import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseKnownHosts, SshPool, type HostKeyPolicy, type SshAuth, type SshTarget } from "../../../src/drivers/ssh/index.js";
import { InMemoryProcessTable, SimHost, seededRandom } from "../../../src/sim/host/index.js";
import { realClock } from "../../../src/runtime/clock.js";
import { realClock as simClock } from "../../../src/sim/model/clock.js";
import { generateKeys, startSshServer, type SshServer } from "../../../src/sim/ssh/index.js";
import { startTestServer, type TestServer } from "./test-server.js";

const clock = realClock();
const ADDRESS = "127.0.4.1";
const JUMP_ADDRESS = "127.0.4.2";
const xdcKey = generateKeys("xdc@test");
const hostKey = generateKeys("dc1-a");
const otherHostKey = generateKeys("impostor");
const jumpKey = generateKeys("bastion");

const knownHosts = (lines: string[]): HostKeyPolicy => ({ kind: "strict", knownHosts: parseKnownHosts(lines.join("\n"), "known_hosts"), file: "known_hosts" });
const withKey: SshAuth = { identities: [{ key: xdcKey.privateKey, source: "test key" }] };

function pool(hostKeys: HostKeyPolicy, extra: Partial<Parameters<typeof SshPool.create>[0]> = {}): SshPool {
  const p = SshPool.create({ auth: withKey, hostKeys, clock, connectTimeoutMs: 3000, ...extra });
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

describe("ssh driver: pool against a twin host", () => {
  let host: SimHost;
  let server: SshServer;
  let target: SshTarget;
  let policy: HostKeyPolicy;
  const pools: SshPool[] = [];
  const use = (p: SshPool) => (pools.push(p), p);

  before(async () => {
    const sim = simClock();
    host = new SimHost({ name: "dc1-a", address: ADDRESS, cores: 2, memoryBytes: 1 << 30, diskBytes: 1 << 30, processes: new InMemoryProcessTable({ firstPid: 500 }), now: sim.now, random: seededRandom(1), timers: sim });
    server = await startSshServer({ host, address: ADDRESS, port: 0, hostKey: hostKey.privateKey, authorizedKeys: [xdcKey.publicKey] });
    target = { name: "dc1-a", address: ADDRESS, port: server.port, user: "root" };
    policy = knownHosts([`[${ADDRESS}]:${server.port} ${server.hostKeyPublic}`]);
  });

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  after(async () => {
    await server.close();
    host.dispose();
  });

  it("runs a command and reports its exit status, stdout and stderr", async () => {
    const r = await use(pool(policy)).exec(target, "echo out; echo err >&2; exit 3");
    expect(r).to.deep.equal({ ok: true, value: { exitCode: 3, signal: null, stdout: "out\n", stderr: "err\n" } });
  });

  it("reuses one connection for many commands, also when they run at once", async () => {
    const p = use(pool(policy));
    const first = await p.session(target);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => p.exec(target, `echo ${i}`)));
    expect(results.map((r) => (r.ok ? r.value.stdout : r.error.message))).to.deep.equal(Array.from({ length: 20 }, (_, i) => `${i}\n`));
    const again = await p.session(target);
    expect(first.ok && again.ok && again.value).to.deep.equal(first.ok && first.value);
  });

  it("records the key the host presented and the address it was reached from", async () => {
    const info = await use(pool(policy)).session(target);
    expect(info).to.deep.equal({ ok: true, value: { hostKey: server.hostKeyPublic, localAddress: "127.0.0.1" } });
  });

  it("ends a command that outlives its timeout and says so", async () => {
    const p = use(pool(policy));
    const r = await p.exec(target, "sleep 30", { timeoutMs: 100 });
    expect(r.ok).to.equal(false);
    expect(!r.ok && r.error).to.deep.include({ code: "timeout", host: "dc1-a" });
    expect((await p.exec(target, "echo still usable")).ok).to.equal(true);
  });

  it("refuses a host whose key is not the one in known_hosts, naming the host and both fingerprints", async () => {
    const r = await use(pool(knownHosts([`[${ADDRESS}]:${server.port} ${otherHostKey.publicKey}`]))).exec(target, "echo never");
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.error.code).to.equal("host-key-changed");
    expect(r.error.message).to.include("dc1-a").and.include(otherHostKey.fingerprint).and.include(hostKey.fingerprint);
  });

  it("refuses a host that known_hosts does not list, and one whose key the environment does not give", async () => {
    const unknown = await use(pool(knownHosts([`[${ADDRESS}]:1 ${hostKey.publicKey}`]))).exec(target, "echo never");
    expect(!unknown.ok && unknown.error.code).to.equal("host-key-unknown");
    expect(!unknown.ok && unknown.error.message).to.include(hostKey.fingerprint);
    const env = await use(pool(policy)).exec({ ...target, hostKeys: [otherHostKey.publicKey] }, "echo never");
    expect(!env.ok && env.error.code).to.equal("host-key-changed");
    expect(!env.ok && env.error.message).to.include("the environment description").and.include(otherHostKey.fingerprint);
  });

  it("accepts the key the environment description gives, without a known_hosts entry", async () => {
    const r = await use(pool(knownHosts([]))).exec({ ...target, hostKeys: [hostKey.publicKey] }, "echo ok");
    expect(r.ok && r.value.stdout).to.equal("ok\n");
  });

  it("refuses a key marked @revoked", async () => {
    const r = await use(pool(knownHosts([`@revoked * ${hostKey.publicKey}`, `[${ADDRESS}]:${server.port} ${hostKey.publicKey}`]))).exec(target, "true");
    expect(!r.ok && r.error.code).to.equal("host-key-revoked");
  });

  it("reports a key the host does not accept as an authentication error", async () => {
    const stranger = SshPool.create({ auth: { identities: [{ key: generateKeys().privateKey, source: "stranger" }] }, hostKeys: policy, clock });
    if (!stranger.ok) throw new Error(stranger.error);
    const r = await use(stranger.value).exec(target, "true");
    expect(!r.ok && r.error).to.deep.include({ code: "auth", host: "dc1-a" });
  });

  it("reports a refused connection", async () => {
    const r = await use(pool({ kind: "off" })).exec({ ...target, port: 1 }, "true");
    expect(!r.ok && r.error.code).to.equal("connect");
  });
});

describe("ssh driver: pool behaviour", () => {
  const pools: SshPool[] = [];
  const servers: TestServer[] = [];
  const use = (p: SshPool) => (pools.push(p), p);
  const serve = async (o: Parameters<typeof startTestServer>[0]) => {
    const s = await startTestServer(o);
    servers.push(s);
    return s;
  };
  const policyFor = (s: TestServer, address: string, key = hostKey) => knownHosts([`[${address}]:${s.port} ${key.publicKey}`]);

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it("keeps at most maxChannelsPerHost commands running on a host", async () => {
    const held: (() => void)[] = [];
    let mostHeld = 0;
    let arrived: () => void = () => undefined;
    const s = await serve({
      address: ADDRESS,
      hostKey: hostKey.privateKey,
      authorizedKeys: [xdcKey.publicKey],
      exec: (_command, channel) => {
        held.push(() => {
          channel.exit(0);
          channel.end();
        });
        mostHeld = Math.max(mostHeld, held.length);
        arrived();
      },
    });
    const p = use(pool(policyFor(s, ADDRESS), { maxChannelsPerHost: 3 }));
    const t: SshTarget = { name: "h", address: ADDRESS, port: s.port, user: "u" };
    const all = Promise.all(Array.from({ length: 10 }, () => p.exec(t, "work")));
    // Release the commands one at a time as they arrive; the pool must never have more than 3 out.
    for (let done = 0; done < 10; done++) {
      while (held.length < Math.min(3, 10 - done)) await new Promise<void>((r) => (arrived = r));
      held.shift()!();
    }
    const results = await all;
    expect(results.every((r) => r.ok)).to.equal(true);
    expect(mostHeld).to.equal(3);
    expect(s.stats.connections).to.equal(1);
  });

  it("opens a new connection after the old one is cut", async () => {
    const s = await serve({ address: ADDRESS, hostKey: hostKey.privateKey, authorizedKeys: [xdcKey.publicKey] });
    const p = use(pool(policyFor(s, ADDRESS)));
    const t: SshTarget = { name: "h", address: ADDRESS, port: s.port, user: "u" };
    expect((await p.exec(t, "one")).ok).to.equal(true);
    s.dropConnections();
    await s.until((st) => st.open === 0);
    const r = await p.exec(t, "two");
    expect(r.ok && r.value.stdout).to.equal("two\n");
    expect(s.stats.connections).to.equal(2);
  });

  it("sends keep-alives on an idle connection", async () => {
    const s = await serve({ address: ADDRESS, hostKey: hostKey.privateKey, authorizedKeys: [xdcKey.publicKey] });
    const p = use(pool(policyFor(s, ADDRESS), { keepaliveIntervalMs: 20 }));
    const t: SshTarget = { name: "h", address: ADDRESS, port: s.port, user: "u" };
    await p.session(t);
    await s.until((st) => st.keepalives >= 2);
    expect(s.stats.keepalives).to.be.at.least(2);
  });

  it("reaches a host through a jump host, checking both keys", async () => {
    const target = await serve({ address: ADDRESS, hostKey: hostKey.privateKey, authorizedKeys: [xdcKey.publicKey] });
    const jump = await serve({ address: JUMP_ADDRESS, hostKey: jumpKey.privateKey, authorizedKeys: [xdcKey.publicKey], forward: true });
    const bastion: SshTarget = { name: "bastion", address: JUMP_ADDRESS, port: jump.port, user: "jumper", hostKeys: [jumpKey.publicKey] };
    const t: SshTarget = { name: "h", address: ADDRESS, port: target.port, user: "u", hostKeys: [hostKey.publicKey], jump: bastion };
    const p = use(pool(knownHosts([])));
    const r = await p.exec(t, "through");
    expect(r.ok && r.value.stdout).to.equal("through\n");
    expect(jump.stats.forwards).to.equal(1);
    const wrong = await use(pool(knownHosts([]))).exec({ ...t, jump: { ...bastion, hostKeys: [hostKey.publicKey] } }, "never");
    expect(!wrong.ok && wrong.error.code).to.equal("host-key-changed");
    expect(!wrong.ok && wrong.error.message).to.include("bastion").and.include(jumpKey.fingerprint);
  });
});

describe("ssh driver: agent authentication", function () {
  let dir: string;
  let agent: ChildProcess | undefined;
  let socket: string;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), "xdc-agent-"));
    socket = join(dir, "agent.sock");
    const keyFile = join(dir, "id");
    writeFileSync(keyFile, xdcKey.privateKey, { mode: 0o600 });
    agent = spawn("ssh-agent", ["-D", "-a", socket], { stdio: "ignore" });
    const started = await new Promise<boolean>((resolve) => {
      agent!.once("error", () => resolve(false));
      agent!.once("spawn", () => resolve(true));
    });
    if (!started) this.skip();
    // ssh-add retries until the agent listens; each try is bounded by the agent's own start-up.
    for (let i = 0; i < 50; i++) {
      const added = await new Promise<number>((resolve) => spawn("ssh-add", ["-q", keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: "ignore" }).on("close", (c) => resolve(c ?? 1)));
      if (added === 0) return;
      await clock.sleep(20);
    }
    throw new Error("ssh-add could not reach the agent");
  });

  after(() => {
    agent?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("logs in with a key held by an SSH agent", async () => {
    const s = await startTestServer({ address: ADDRESS, hostKey: hostKey.privateKey, authorizedKeys: [xdcKey.publicKey] });
    const p = SshPool.create({ auth: { identities: [], agent: socket }, hostKeys: { kind: "strict", knownHosts: parseKnownHosts(`[${ADDRESS}]:${s.port} ${hostKey.publicKey}`, "kh"), file: "kh" }, clock });
    if (!p.ok) throw new Error(p.error);
    try {
      const r = await p.value.exec({ name: "h", address: ADDRESS, port: s.port, user: "u" }, "via agent");
      expect(r.ok && r.value.stdout).to.equal("via agent\n");
    } finally {
      await p.value.close();
      await s.close();
    }
  });
});
