import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../src/sim/prometheus/server.js";

export const PROMETHEUS = "prometheus";
export const prometheusAvailable = (): boolean => spawnSync(PROMETHEUS, ["--version"], { stdio: "ignore" }).status === 0;

export interface RunningPrometheus {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** What the server wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Debian's Prometheus on 127.0.0.1 with a temporary config and storage directory, scraping
 * `targets` (host:port) every second. Resolves once `/-/ready` answers 200.
 */
export async function startPrometheus(targets: readonly string[], readyWithinMs = 20_000): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), "xdc-prometheus-"));
  const config = join(dir, "prometheus.yml");
  writeFileSync(
    config,
    [
      "global:",
      "  scrape_interval: 1s",
      "  scrape_timeout: 1s",
      "scrape_configs:",
      "  - job_name: xdc-twin",
      "    honor_labels: true",
      `    static_configs: [{ targets: [${targets.map((t) => `"${t}"`).join(", ")}] }]`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(PROMETHEUS, [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-4_000)));
  child.stderr?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killed);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { url, output: () => output, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`prometheus did not become ready within ${readyWithinMs} ms:\n${output}`);
}
