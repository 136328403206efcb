import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTwinProcess, type RunningTwin } from "../../src/cli/exec-twin.js";
import { parseKnownHosts } from "../../src/drivers/ssh/known-hosts.js";
import { realClock } from "../../src/runtime/clock.js";
import { openDrivers, type LiveDrivers } from "../../src/runtime/live/drivers.js";
import { readEnvironmentFile } from "../../src/runtime/live/environment-file.js";
import { MemoryLogger, redactingLogger } from "../../src/runtime/logger.js";
import { seededRandom } from "../../src/runtime/random.js";
import { Redactor } from "../../src/runtime/redact.js";
import type { AppRef } from "../../src/runtime/value.js";

export const BIN = fileURLToPath(new URL("../../bin/xdc.js", import.meta.url));
export const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

export const demoApp: AppRef = {
  kind: "app",
  name: "FailoverDemo",
  bundle: "apps/FailoverDemo.sab",
  bundlePath: join(EXAMPLES, "apps", "FailoverDemo.sab"),
  sources: ["Ingest"],
  sinks: ["Results"],
};

export interface LiveRig {
  readonly twin: RunningTwin;
  readonly drivers: LiveDrivers;
  readonly logger: MemoryLogger;
  readonly dir: string;
  close(): Promise<void>;
}

/** A twin as `xdc exec` starts it (the built CLI, a child process) and the live drivers over it. */
export async function startRig(o: { heartbeatIntervalMs?: number; hosts?: number; prometheus?: boolean } = {}): Promise<LiveRig> {
  const twin = await startTwinProcess({ xdc: BIN, heartbeatIntervalMs: o.heartbeatIntervalMs ?? 200, missesAllowed: 3, hosts: o.hosts ?? 2, seed: 11, restartDelayMs: 300, ...(o.prometheus ? { prometheus: true } : {}) });
  const dir = mkdtempSync(join(tmpdir(), "xdc-live-"));
  const env = await readEnvironmentFile(twin.envFile, (v) => (v === twin.passwordVariable ? twin.password : undefined));
  if (!env.ok) {
    await twin.stop();
    throw new Error(env.error.kind === "problem" ? env.error.message : "the twin's environment file does not check");
  }
  const logger = new MemoryLogger();
  const redactor = new Redactor();
  const key = readFileSync(env.value.sshKey!, "utf8");
  const drivers = await openDrivers({
    env: env.value,
    ctx: { clock: realClock(), random: seededRandom(1), logger: redactingLogger(logger, redactor), redactor },
    run: "r1",
    ledgerPath: join(dir, "ledger.jsonl"),
    ssh: { auth: { identities: [{ key, source: "twin key" }] }, hostKeys: { kind: "strict", knownHosts: parseKnownHosts("", "none"), file: "none" } },
    timeoutMs: 5_000,
  });
  if (!drivers.ok) {
    await twin.stop();
    throw new Error(drivers.error);
  }
  return {
    twin,
    drivers: drivers.value,
    logger,
    dir,
    close: async () => {
      await drivers.value.close();
      await twin.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TruthEvent {
  readonly seq: number;
  readonly time: number;
  readonly type: string;
  readonly dc: string;
  readonly [field: string]: unknown;
}

/** The twin's ground truth: what really happened (twin-only; xdc's observation never reads it). */
export async function truth(twin: RunningTwin, types: string): Promise<TruthEvent[]> {
  const res = await fetch(`${twin.groundTruth}/events?type=${types}`);
  return ((await res.json()) as { events: TruthEvent[] }).events;
}

/** A JSON-lines file (journal, ledger) as objects. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as T);
}
