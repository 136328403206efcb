import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, closeSync, constants, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { delimiter, isAbsolute, join } from "node:path";

/**
 * A real Prometheus server (Debian's `prometheus` binary) for the twin: it scrapes every
 * datacenter's `/metrics` page at a short interval and answers PromQL over its HTTP API on
 * loopback, so scenarios query the twin as they would a deployment's Prometheus. xdc has no
 * PromQL of its own: every query is Prometheus'.
 */
export interface PrometheusTarget {
  /** the datacenter: the scrape job's name, so its series carry `job="dc1"` */
  readonly dc: string;
  /** `http://127.0.1.1:PORT` or `https://…`; the page is `/metrics` below it */
  readonly origin: string;
}

export interface PrometheusServerOptions {
  /** where its configuration, its TSDB and its log go (subdirectory `prometheus/`, log `logs/prometheus.log`) */
  readonly stateDir: string;
  readonly targets: readonly PrometheusTarget[];
  /** the CA that signed the datacenters' certificates, for `https://` targets */
  readonly caFile?: string;
  /** default 500 ms: a scenario's `await` sees a change within a second */
  readonly scrapeIntervalMs?: number;
  /** default: `prometheus` on PATH */
  readonly binary?: string;
  /** how long it may take to answer `/-/ready` and to scrape every target once; default 30 s */
  readonly readyTimeoutMs?: number;
}

export interface PrometheusServer {
  /** `http://127.0.0.1:PORT`: what the environment file's `prometheus:` names */
  readonly url: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
/** A port taken between our probe and Prometheus' bind is retried with another; never more than this. */
const PORT_ATTEMPTS = 3;

/** The absolute path of an executable on PATH (or the path given, if executable), else undefined. */
export function findExecutable(name: string, path = process.env["PATH"] ?? ""): string | undefined {
  const candidates = isAbsolute(name) || name.includes("/") ? [name] : path.split(delimiter).filter((d) => d !== "").map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Why a Prometheus server cannot be started on this machine, in one line; undefined when it can.
 * `setpriv` (util-linux) is needed too: it makes the kernel kill Prometheus when the twin's
 * coordinator dies, kill -9 included, so that no server outlives the twin.
 */
export function prometheusProblem(binary = "prometheus"): string | undefined {
  if (findExecutable(binary) === undefined)
    return `no \`${binary}\` binary on PATH: the twin runs Debian's Prometheus server for PromQL queries (apt-get install prometheus)`;
  if (findExecutable("setpriv") === undefined) return "no `setpriv` on PATH (util-linux): it ties Prometheus' life to the twin's";
  return undefined;
}

/** prometheus.yml: one scrape job per datacenter, named after it. */
export function prometheusConfig(targets: readonly PrometheusTarget[], scrapeIntervalMs: number, caFile?: string): string {
  const interval = `${scrapeIntervalMs}ms`;
  const lines = ["# written by `xdc sim --prometheus`", "global:", `  scrape_interval: ${interval}`, `  scrape_timeout: ${interval}`, "scrape_configs:"];
  for (const t of targets) {
    const url = new URL(t.origin);
    lines.push(
      `  - job_name: ${JSON.stringify(t.dc)}`,
      // The page names each series' datacenter in `instance`; keep it rather than host:port.
      "    honor_labels: true",
      `    scheme: ${url.protocol === "https:" ? "https" : "http"}`,
      "    metrics_path: /metrics",
      ...(url.protocol === "https:" && caFile !== undefined ? ["    tls_config:", `      ca_file: ${JSON.stringify(caFile)}`] : []),
      `    static_configs: [{ targets: [${JSON.stringify(url.host)}] }]`,
    );
  }
  lines.push("");
  return lines.join("\n");
}

/** Starts Prometheus and resolves once it is ready and has scraped every target at least once. */
export async function startPrometheusServer(o: PrometheusServerOptions): Promise<PrometheusServer> {
  const binary = o.binary ?? "prometheus";
  const problem = prometheusProblem(binary);
  if (problem) throw new Error(problem);
  const dir = join(o.stateDir, "prometheus");
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(o.stateDir, "logs"), { recursive: true });
  const config = join(dir, "prometheus.yml");
  writeFileSync(config, prometheusConfig(o.targets, o.scrapeIntervalMs ?? 500, o.caFile));
  const logPath = join(o.stateDir, "logs", "prometheus.log");
  const deadline = Date.now() + (o.readyTimeoutMs ?? 30_000);
  let lastProblem = "";
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawnPrometheus(findExecutable(binary)!, [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--storage.tsdb.retention.time=1d",
      "--log.level=warn",
    ], logPath);
    const server = running(child, url);
    const ready = await waitReady(child, url, o.targets.length, deadline);
    if (ready === "ready") return server;
    await server.stop();
    lastProblem = ready;
    // Only a port taken under us is worth another try; anything else would fail again.
    if (!/address already in use/i.test(tail(logPath))) break;
  }
  throw new Error(`Prometheus did not start: ${lastProblem}; see ${logPath}${tail(logPath) ? `: ${tail(logPath).split("\n").slice(-2).join(" / ")}` : ""}`);
}

function spawnPrometheus(binary: string, args: readonly string[], logPath: string): ChildProcess {
  const fd = openSync(logPath, "a");
  try {
    // setpriv's --pdeathsig: the kernel sends SIGKILL to Prometheus when this process (its
    // parent) dies, however it dies. Without it a coordinator killed with -9 would leave a
    // server listening and writing into a state directory that is being removed.
    return spawn(findExecutable("setpriv")!, ["--pdeathsig", "KILL", "--", binary, ...args], { stdio: ["ignore", fd, fd] });
  } finally {
    closeSync(fd);
  }
}

function running(child: ChildProcess, url: string): PrometheusServer {
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", () => done());
  });
  return {
    url,
    pid: child.pid ?? -1,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** "ready", or why not: it exited, or the deadline passed. */
async function waitReady(child: ChildProcess, url: string, targets: number, deadline: number): Promise<string> {
  let exited = false;
  child.once("exit", () => (exited = true));
  let stage = "it did not answer /-/ready";
  while (Date.now() < deadline) {
    if (exited || child.exitCode !== null) return `it exited (${child.signalCode ?? child.exitCode})`;
    const ready = await fetchText(`${url}/-/ready`);
    if (ready?.status === 200) {
      stage = "it did not scrape every datacenter";
      // Ready once every datacenter's page has been scraped: a query at the very start of a
      // scenario then finds the twin's series rather than nothing.
      const up = await fetchText(`${url}/api/v1/query?query=${encodeURIComponent("count(up == 1)")}`);
      const count = up?.status === 200 ? /"value":\[[^,]+,"(\d+)"\]/.exec(up.body)?.[1] : undefined;
      if (count !== undefined && Number(count) >= targets) return "ready";
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `${stage} within the time allowed`;
}

function fetchText(url: string): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 2_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", () => resolve(undefined));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(undefined));
  });
}

/** A free TCP port on 127.0.0.1, asked of the kernel and released for Prometheus to take. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function tail(path: string): string {
  try {
    return readFileSync(path, "utf8").trim().split("\n").slice(-5).join("\n");
  } catch {
    return "";
  }
}
