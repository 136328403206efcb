import { check, hostTable, onHost, privileged } from "../faults/command.js";
import { exactly } from "../faults/expect.js";
import { commonProblem, inputError, type FaultInputError } from "../faults/input.js";
import type { FaultHost, FaultPlan } from "../faults/types.js";
import { err, ok, type Result } from "../result.js";

/** A Streams process as the REST API shows it: the PE, its host and its pid. */
export interface PeProcess {
  readonly host: FaultHost;
  readonly pid: number;
  /** For messages: `PE 7`. */
  readonly pe: string;
}

/** The signals `kill` may send; each ends a PE unless it handles it, and Streams restarts it. */
export const KILL_SIGNALS = ["KILL", "TERM", "INT", "HUP", "QUIT", "ABRT", "SEGV"] as const;
export type KillSignal = (typeof KILL_SIGNALS)[number];

interface ProcessFaultInput {
  readonly run: string;
  readonly id: string;
  readonly targets: readonly PeProcess[];
}

/** The targets grouped by host, in the order their hosts first appear. */
function byHost(targets: readonly PeProcess[]): { host: FaultHost; pids: number[]; pes: string[] }[] {
  const groups = new Map<string, { host: FaultHost; pids: number[]; pes: string[] }>();
  for (const t of targets) {
    const g = groups.get(t.host.ssh.name) ?? { host: t.host, pids: [], pes: [] };
    g.pids.push(t.pid);
    g.pes.push(t.pe);
    groups.set(t.host.ssh.name, g);
  }
  return [...groups.values()];
}

function problem(kind: string, input: ProcessFaultInput): string | undefined {
  if (input.targets.length === 0) return `${kind}: no process to signal (is the PE running?)`;
  const bad = input.targets.find((t) => !Number.isInteger(t.pid) || t.pid < 2);
  if (bad) return `${kind}: ${bad.pe} has no usable process id (${bad.pid})`;
  const hosts = byHost(input.targets).map((g) => g.host);
  const common = commonProblem(input.run, input.id, hosts);
  return common && `${kind}: ${common}`;
}

const describe = (groups: ReturnType<typeof byHost>) => groups.map((g) => `${g.pes.join(", ")} on ${g.host.ssh.name}`).join("; ");

/**
 * Sends `signal` to PEs. Nothing to undo: the process is gone and Streams restarts it (the
 * check waits for the old pid to vanish, a restarted PE has a new one).
 */
export function killPes(input: ProcessFaultInput & { readonly signal: KillSignal }): Result<FaultPlan, FaultInputError> {
  const why = problem("kill", input);
  if (why) return err(inputError(why));
  if (!KILL_SIGNALS.includes(input.signal)) return err(inputError(`kill: signal ${String(input.signal)} is not one of ${KILL_SIGNALS.join(", ")}`));
  const groups = byHost(input.targets);
  return ok({
    id: input.id,
    run: input.run,
    kind: "kill",
    summary: `kill -${input.signal} ${describe(groups)}`,
    hosts: hostTable(groups.map((g) => g.host)),
    apply: groups.map((g) => onHost(g.host, privileged(g.host, ["kill", "-s", input.signal, ...g.pids.map(String)]))),
    verify: groups.map((g) =>
      check(`${g.host.ssh.name} no longer runs pid ${g.pids.join(", ")}`, g.host, privileged(g.host, ["ps", "-o", "pid=", "-p", g.pids.join(",")]), exactly(0, "\\d", [0, 1])),
    ),
    undo: [],
    verifyUndone: [],
  });
}

/** Freezes PEs with SIGSTOP; the undo continues them with SIGCONT. */
export function pausePes(input: ProcessFaultInput): Result<FaultPlan, FaultInputError> {
  const why = problem("pause", input);
  if (why) return err(inputError(why));
  const groups = byHost(input.targets);
  const state = (g: (typeof groups)[number]) => privileged(g.host, ["ps", "-o", "stat=", "-p", g.pids.join(",")]);
  return ok({
    id: input.id,
    run: input.run,
    kind: "pause",
    summary: `pause ${describe(groups)}`,
    hosts: hostTable(groups.map((g) => g.host)),
    apply: groups.map((g) => onHost(g.host, privileged(g.host, ["kill", "-s", "STOP", ...g.pids.map(String)]))),
    verify: groups.map((g) => check(`${g.host.ssh.name} shows pid ${g.pids.join(", ")} stopped`, g.host, state(g), exactly(g.pids.length, "^\\s*T"))),
    undo: groups.map((g) => onHost(g.host, privileged(g.host, ["kill", "-s", "CONT", ...g.pids.map(String)]))),
    // A process that died meanwhile is not stopped either: ps then lists nothing and exits 1.
    verifyUndone: groups.map((g) => check(`${g.host.ssh.name} shows none of pid ${g.pids.join(", ")} stopped`, g.host, state(g), exactly(0, "^\\s*T", [0, 1]))),
  });
}
