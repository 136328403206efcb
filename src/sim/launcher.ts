import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DcConfig, DcReady, FromDc, PeerTable, ToDc } from "./dc/ipc.js";
import { dcAddress, hostAddress, hostName } from "./dc/ipc.js";
import { renderEnvironment, type TwinDescription } from "./environment-file.js";
import { GroundTruth, groundTruthHandler, GROUND_TRUTH_PREFIX } from "./ground-truth.js";
import { generateKeys } from "./ssh/keys.js";
import { createAuthority } from "./tls/certificates.js";
import { switchHandler } from "./switch-endpoint.js";
import { readSwitchChange, type SwitchChange } from "./switches.js";
import { prometheusProblem, startPrometheusServer, type PrometheusServer } from "./prometheus/server.js";

/**
 * The coordinator of a twin (`xdc sim`): it spawns one OS process per datacenter, hands each
 * its configuration over IPC, tells every datacenter where the others' hosts listen, records
 * what they report as the ground truth, and describes the whole as an environment file. A
 * datacenter process killed from outside stays dead: that is a datacenter loss.
 *
 * Ports: with `port: 0` every server takes a free port; with `port: N` every datacenter's REST
 * service and the ground truth use N (each on its own address), SSH servers N+1, host data
 * servers N+2.
 */
export interface TwinOptions {
  readonly dcs?: readonly string[];
  readonly hosts?: number;
  readonly port?: number;
  /** The second octet of every address the twin serves on (127.N.i.x); default 0. `xdc exec --jobs` gives each twin its own. */
  readonly network?: number;
  readonly user?: string;
  /** default: generated */
  readonly password?: string;
  /** default: a temporary directory, removed when the twin stops */
  readonly stateDir?: string;
  /** default: drawn at random (and reported) */
  readonly seed?: number;
  /** the environment's name in the environment file; default `sim` */
  readonly envName?: string;
  readonly flaky?: number;
  readonly heartbeatIntervalMs?: number;
  readonly missesAllowed?: number;
  /** how long a crashed PE takes to restart; default 1000 ms */
  readonly restartDelayMs?: number;
  /** how to start a datacenter process; default: dist/sim-dc.js, or dc-main.ts through tsx */
  readonly dcCommand?: { readonly command: string; readonly args: readonly string[] };
  /** notable happenings (a datacenter process exiting); default: nothing */
  readonly log?: (line: string) => void;
  /** how long datacenters may take to start; default 30 s */
  readonly startTimeoutMs?: number;
  /**
   * HTTPS for REST, Data Exchange and /metrics, with certificates from a CA made for this run
   * (its key is never written); the CA's certificate goes to `tls/ca.pem` in the state directory
   */
  readonly tls?: boolean;
  /**
   * Runs Debian's Prometheus server on loopback, scraping every datacenter's /metrics, and
   * names it as each datacenter's `prometheus:` in the environment file. It stops with the
   * twin, and dies with the coordinator however that dies.
   */
  readonly prometheus?: boolean | { readonly binary?: string; readonly scrapeIntervalMs?: number };
}

export interface Twin {
  readonly description: TwinDescription;
  readonly password: string;
  readonly passwordGenerated: boolean;
  readonly seed: number;
  readonly stateDir: string;
  /** the environment file in the state directory */
  readonly envFile: string;
  readonly groundTruth: GroundTruth;
  /** each datacenter's process id while it lives */
  readonly pids: Readonly<Record<string, number>>;
  /** with `prometheus`: the server's URL and process id */
  readonly prometheus?: { readonly url: string; readonly pid: number };
  /** resolves when the datacenter's process has exited */
  exited(dc: string): Promise<{ code: number | null; signal: string | null }>;
  /** Sets failure switches (docs/twin.md), as `POST /xdc-twin/switches` does; rejects a change it cannot make. */
  setSwitches(change: unknown): Promise<void>;
  stop(): Promise<void>;
}

export const SSH_USER = "streams";
export const PASSWORD_VARIABLE = "XDC_SIM_PASSWORD";
const DEFAULTS = { dcs: ["dc1", "dc2"], hosts: 3, user: "streamsadmin", heartbeatIntervalMs: 1000, missesAllowed: 3, restartDelayMs: 1000 } as const;
const STOP_GRACE_MS = 5000;

export async function startTwin(options: TwinOptions = {}): Promise<Twin> {
  const dcs = options.dcs && options.dcs.length > 0 ? options.dcs : DEFAULTS.dcs;
  const problem = checkOptions(dcs, options);
  if (problem) throw new Error(problem);
  const promOptions = options.prometheus === true ? {} : options.prometheus || undefined;
  // Told before any datacenter starts: a missing binary is a setup problem, not a slow failure.
  const promProblem = promOptions ? prometheusProblem(promOptions.binary) : undefined;
  if (promProblem) throw new Error(`--prometheus: ${promProblem}`);
  const log = options.log ?? (() => {});
  const ownsStateDir = options.stateDir === undefined;
  const stateDir = resolve(options.stateDir ?? mkdtempSync(join(tmpdir(), "xdc-sim-")));
  mkdirSync(join(stateDir, "logs"), { recursive: true });
  mkdirSync(join(stateDir, "hosts"), { recursive: true });
  const passwordGenerated = options.password === undefined;
  const password = options.password ?? randomBytes(12).toString("base64url");
  const seed = options.seed ?? randomInt(1, 2 ** 31 - 1);
  const port = options.port ?? 0;
  const hostsPerDc = options.hosts ?? DEFAULTS.hosts;
  const clientKey = loadOrCreateKey(join(stateDir, "id_ed25519"), "xdc-sim client");
  const tls = options.tls ? makeCertificates(stateDir, dcs.length, hostsPerDc, options.network ?? 0) : undefined;

  const truth = new GroundTruth();
  const children = new Map<string, ChildProcess>();
  const exits = new Map<string, Promise<{ code: number | null; signal: string | null }>>();
  const pids: Record<string, number> = {};
  let stopping = false;
  let truthServer: Server | undefined;
  let switchSeq = 0;
  const switchWaiters = new Map<number, (error: string | undefined) => void>();
  const dcOfHost = (host: string) => dcs.find((_, i) => Array.from({ length: hostsPerDc }, (_, k) => hostName(dcs[i]!, k + 1)).includes(host));
  /** Sends a change to its datacenter's process and waits for it to be in force, so a test's next request sees it. */
  const applySwitches = (change: SwitchChange): Promise<string | undefined> => {
    const child = children.get(change.dc);
    if (!child?.connected) return Promise.resolve(`datacenter ${change.dc} is not running`);
    const id = ++switchSeq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(`datacenter ${change.dc} did not answer`), 5_000);
      const finish = (error: string | undefined) => {
        clearTimeout(timer);
        switchWaiters.delete(id);
        resolve(error);
      };
      switchWaiters.set(id, finish);
      send(child, { type: "switches", id, change });
    });
  };
  let prometheus: PrometheusServer | undefined;

  const stop = async (): Promise<void> => {
    stopping = true;
    await prometheus?.stop();
    for (const child of children.values()) send(child, { type: "stop" });
    await Promise.all(
      [...children.entries()].map(async ([dc, child]) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        await exits.get(dc);
        clearTimeout(timer);
      }),
    );
    truth.release();
    const server = truthServer;
    if (server) await new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); });
    if (ownsStateDir) rmSync(stateDir, { recursive: true, force: true });
  };

  try {
    truthServer = await listen(createGroundTruthServer(truth, switchHandler({ dcs, dcOfHost, apply: applySwitches })), port, "127.0.0.1");
    const truthPort = (truthServer.address() as AddressInfo).port;
    const command = options.dcCommand ?? dcProcessCommand();
    const readies = await Promise.all(
      dcs.map((name, i) => {
        const config: DcConfig = {
          name,
          index: i + 1,
          ...(options.network !== undefined ? { network: options.network } : {}),
          hosts: hostsPerDc,
          ports: port === 0 ? { rest: 0, ssh: 0, data: 0 } : { rest: port, ssh: port + 1, data: port + 2 },
          user: options.user ?? DEFAULTS.user,
          password,
          flaky: options.flaky ?? 0,
          seed,
          heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
          missesAllowed: options.missesAllowed ?? DEFAULTS.missesAllowed,
          remoteName: dcs.length === 2 ? dcs[1 - i]! : "",
          hostKeys: Array.from({ length: hostsPerDc }, (_, k) => loadOrCreateKey(join(stateDir, "hosts", `${hostName(name, k + 1)}.key`), hostName(name, k + 1)).privateKey),
          authorizedKeys: [clientKey.publicKey],
          restartDelayMs: options.restartDelayMs ?? DEFAULTS.restartDelayMs,
          ...(ownsStateDir ? { orphanedStateDir: stateDir } : {}),
          ...(tls ? { tls: tls.servers[i]! } : {}),
        };
        const child = spawnDc(command, join(stateDir, "logs", `${name}.log`));
        children.set(name, child);
        if (child.pid !== undefined) pids[name] = child.pid;
        exits.set(
          name,
          new Promise((done) =>
            child.once("exit", (code, signal) => {
              delete pids[name];
              truth.record({ type: "dc.exited", dc: name, code, signal, expected: stopping }, Date.now());
              if (!stopping) log(`datacenter ${name} (pid ${child.pid}) exited${signal ? ` on ${signal}` : ` with code ${code}`}; the others go on without it`);
              done({ code, signal });
            }),
          ),
        );
        child.on("message", (m: FromDc) => {
          if (m.type === "event") truth.record(m.event, m.time);
          if (m.type === "switched") switchWaiters.get(m.id)?.(m.error);
        });
        return awaitReady(child, name, config, options.startTimeoutMs ?? 30_000).then((ready) => {
          pids[name] = ready.pid;
          truth.record({ type: "dc.started", dc: name, pid: ready.pid }, Date.now());
          return ready;
        });
      }),
    );
    const peers: PeerTable = readies.map((r) => ({ dc: r.name, hosts: r.hosts.map((h) => ({ name: h.id, address: h.address, port: h.dataPort })) }));
    for (const child of children.values()) send(child, { type: "peers", peers });

    if (promOptions) {
      prometheus = await startPrometheusServer({
        stateDir,
        targets: readies.map((r) => ({ dc: r.name, origin: `${tls ? "https" : "http"}://${r.address}:${r.port}` })),
        ...(tls ? { caFile: tls.caFile } : {}),
        ...(promOptions.binary !== undefined ? { binary: promOptions.binary } : {}),
        ...(promOptions.scrapeIntervalMs !== undefined ? { scrapeIntervalMs: promOptions.scrapeIntervalMs } : {}),
      });
    }
    const description: TwinDescription = {
      name: options.envName ?? "twin",
      sshKeyPath: join(stateDir, "id_ed25519"),
      groundTruthUrl: `http://127.0.0.1:${truthPort}${GROUND_TRUTH_PREFIX}`,
      user: options.user ?? DEFAULTS.user,
      passwordVariable: PASSWORD_VARIABLE,
      ...(tls ? { caFile: tls.caFile } : {}),
      dcs: readies.map((r) => {
        const origin = `${tls ? "https" : "http"}://${r.address}:${r.port}`;
        return {
          name: r.name,
          restUrl: `${origin}/streams/rest`,
          instance: r.name,
          dataUrl: `${origin}/xdc-data`,
          metricsUrl: `${origin}/metrics`,
          ...(prometheus ? { prometheusUrl: prometheus.url } : {}),
          jolokiaUrl: `${origin}/jolokia`,
          hosts: r.hosts.map((h) => ({ name: h.id, address: h.address, sshUser: SSH_USER, sshPort: h.sshPort, hostKey: h.hostKey })),
        };
      }),
    };
    const envFile = join(stateDir, "sim.xdc");
    writeFileSync(envFile, renderEnvironment(description, new Date()));
    return {
      description,
      password,
      passwordGenerated,
      seed,
      stateDir,
      envFile,
      groundTruth: truth,
      pids,
      ...(prometheus ? { prometheus: { url: prometheus.url, pid: prometheus.pid } } : {}),
      exited: (dc) => exits.get(dc) ?? Promise.resolve({ code: null, signal: null }),
      setSwitches: async (body) => {
        const change = readSwitchChange(body, dcOfHost, dcs);
        const problem = typeof change === "string" ? change : await applySwitches(change);
        if (problem !== undefined) throw new Error(problem);
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }

  /** Sends the configuration once the process says hello, then waits for `ready` (or `failed`, or an early exit). */
  function awaitReady(child: ChildProcess, name: string, config: DcConfig, timeoutMs: number): Promise<DcReady> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`datacenter ${name} did not start within ${timeoutMs} ms; see ${join(stateDir, "logs", `${name}.log`)}`)), timeoutMs);
      const onMessage = (m: FromDc) => {
        if (m.type === "hello") send(child, { type: "start", config });
        if (m.type === "ready") finish(() => done(m.ready));
        if (m.type === "failed") finish(() => fail(new Error(`datacenter ${name} failed to start: ${m.message}`)));
      };
      const onExit = () => finish(() => fail(new Error(`datacenter ${name} exited while starting; see ${join(stateDir, "logs", `${name}.log`)}`)));
      const finish = (then: () => void) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        then();
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  }
}

function checkOptions(dcs: readonly string[], o: TwinOptions): string | undefined {
  const bad = dcs.find((d) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(d));
  if (bad !== undefined) return `datacenter name ${JSON.stringify(bad)} must be an identifier (letters, digits, _)`;
  if (new Set(dcs).size !== dcs.length) return "datacenter names must differ";
  if (o.envName !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.envName)) return `environment name ${JSON.stringify(o.envName)} must be an identifier`;
  if (dcs.length > 254) return "at most 254 datacenters (127.0.1.x to 127.0.254.x)";
  const hosts = o.hosts ?? DEFAULTS.hosts;
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > 200) return "hosts per datacenter must be a whole number from 1 to 200";
  if (o.network !== undefined && !(Number.isInteger(o.network) && o.network >= 0 && o.network <= 255)) return "the network must be a whole number from 0 to 255 (the second octet of 127.N.x.y)";
  if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 0 || o.port > 65533)) return "the port must be 0 (free ports) or a port number up to 65533";
  if (o.flaky !== undefined && !(o.flaky >= 0 && o.flaky <= 1)) return "the flaky rate must be between 0 and 1";
  if (o.heartbeatIntervalMs !== undefined && !(o.heartbeatIntervalMs > 0)) return "the heartbeat interval must be more than 0";
  if (o.missesAllowed !== undefined && !(Number.isInteger(o.missesAllowed) && o.missesAllowed >= 0)) return "the misses allowed must be a whole number ≥ 0";
  return undefined;
}

/**
 * A throwaway CA and, per datacenter, one certificate for the addresses it serves on (its REST
 * address and its hosts'). Made afresh at every start, even in a kept state directory: nothing
 * outlives the twin that could be trusted by mistake later.
 */
function makeCertificates(stateDir: string, dcCount: number, hostsPerDc: number, network: number): { caFile: string; servers: { cert: string; key: string }[] } {
  const ca = createAuthority(`xdc sim CA ${new Date().toISOString()}`);
  const servers = Array.from({ length: dcCount }, (_, i) =>
    ca.issue({ names: [dcAddress(i + 1, network), ...Array.from({ length: hostsPerDc }, (_, k) => hostAddress(i + 1, k + 1, network))] }),
  );
  mkdirSync(join(stateDir, "tls"), { recursive: true });
  const caFile = join(stateDir, "tls", "ca.pem");
  writeFileSync(caFile, ca.cert);
  return { caFile, servers };
}

/** A key pair kept in the state directory, so that host keys (and known_hosts) survive restarts. */
function loadOrCreateKey(path: string, comment: string): { privateKey: string; publicKey: string } {
  if (existsSync(path) && existsSync(`${path}.pub`)) return { privateKey: readFileSync(path, "utf8"), publicKey: readFileSync(`${path}.pub`, "utf8").trim() };
  const keys = generateKeys(comment);
  writeFileSync(path, keys.privateKey, { mode: 0o600 });
  writeFileSync(`${path}.pub`, `${keys.publicKey.trim()}\n`);
  return { privateKey: keys.privateKey, publicKey: keys.publicKey.trim() };
}

/** dist/sim-dc.js next to the bundle this code runs from; or, from sources, dc-main.ts through tsx. */
export function dcProcessCommand(): { command: string; args: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith(".ts")) {
    // `--import tsx` would resolve from the working directory; name the loader itself.
    const tsx = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
    return { command: process.execPath, args: ["--import", pathToFileURL(join(tsx, "dist", "loader.mjs")).href, join(here, "dc-main.ts")] };
  }
  const bundled = [join(here, "sim-dc.js"), join(here, "..", "sim-dc.js")].find((p) => existsSync(p));
  if (!bundled) throw new Error(`cannot find sim-dc.js near ${here}; run \`npm run build\``);
  return { command: process.execPath, args: [bundled] };
}

function spawnDc(command: { command: string; args: readonly string[] }, logPath: string): ChildProcess {
  const fd = openSync(logPath, "a");
  try {
    return spawn(command.command, [...command.args], { stdio: ["ignore", fd, fd, "ipc"] });
  } finally {
    closeSync(fd);
  }
}

function send(child: ChildProcess, message: ToDc): void {
  if (child.connected) child.send(message);
}

function createGroundTruthServer(truth: GroundTruth, switches: (req: IncomingMessage, res: ServerResponse) => boolean): Server {
  const handle = groundTruthHandler(truth);
  return createServer((req, res) => {
    if (!switches(req, res) && !handle(req, res)) {
      res.writeHead(404, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: `the coordinator serves only ${GROUND_TRUTH_PREFIX}/events` }));
    }
  });
}

function listen(server: Server, port: number, address: string): Promise<Server> {
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, address, () => {
      server.off("error", fail);
      done(server);
    });
  });
}
