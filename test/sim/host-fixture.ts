import { ManualClock } from "../../src/sim/model/clock.js";
import { InMemoryProcessTable, SimHost, seededRandom, type HostEvent, type SimProcess } from "../../src/sim/host/index.js";

/** 2025-01-15 10:00:00 UTC: a fixed wall clock so outputs with times are exact. */
export const T0 = Date.UTC(2025, 0, 15, 10, 0, 0);

export interface Fixture {
  readonly host: SimHost;
  readonly clock: ManualClock;
  readonly table: InMemoryProcessTable;
  readonly events: HostEvent[];
  /** Runs a command line as `user` (root by default). */
  run(line: string, user?: string): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Resolves with the next event of that kind. */
  next(kind: HostEvent["kind"]): Promise<HostEvent>;
}

/** A 4-core host with 8 GiB of memory and 100 GiB of disk, booted an hour before T0. */
export function makeHost(options: { seed?: number; processes?: readonly Omit<SimProcess, "pid">[]; protect?: readonly number[]; uids?: Record<string, number> } = {}): Fixture {
  const clock = new ManualClock(T0);
  const table = new InMemoryProcessTable({ firstPid: 1000, protect: options.protect });
  for (const p of options.processes ?? []) table.add(p);
  const host = new SimHost({
    name: "dc1-a",
    address: "127.0.1.1",
    cores: 4,
    memoryBytes: 8 * 1024 ** 3,
    diskBytes: 100 * 1024 ** 3,
    processes: table,
    now: clock.now,
    random: seededRandom(options.seed ?? 42),
    timers: clock,
    bootedAt: T0 - 3_600_000 - 120_000,
    uids: options.uids,
  });
  const events: HostEvent[] = [];
  const waiters: { kind: HostEvent["kind"]; resolve: (e: HostEvent) => void }[] = [];
  host.on("change", (e) => {
    events.push(e);
    const i = waiters.findIndex((w) => w.kind === e.kind);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(e);
  });
  return {
    host,
    clock,
    table,
    events,
    run: (line, user = "root") => host.exec(line, user),
    next: (kind) => new Promise((resolve) => waiters.push({ kind, resolve })),
  };
}

/** A PE-like process owned by streamsadmin. */
export const pe = (args: string, startedAt = T0 - 600_000): Omit<SimProcess, "pid"> => ({
  ppid: 1,
  user: "streamsadmin",
  command: "/opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec",
  args,
  state: "running",
  startedAt,
});
