import { T } from "../language/types.js";
import { killPes, pausePes, type KillSignal } from "../drivers/process/index.js";
import type { Builtin, ParamSpec } from "./builtin.js";
import { processPlan, stringOf } from "./fault-plan.js";

/** Signals `kill` may send, as the process faults understand them. */
export const SIGNALS = ["KILL", "TERM", "INT", "HUP", "QUIT", "ABRT", "SEGV"] as const;

const target: ParamSpec = {
  name: "target",
  type: T.oneOf(T.PE, T.Host),
  doc: "A processing element, or a host (meaning every Streams process on it).",
};

export const processes: readonly Builtin[] = [
  {
    name: "kill",
    doc: "Kills a processing element, or every Streams process on a host, with a signal.",
    category: "process",
    params: [target, { name: "signal", type: T.choice(...SIGNALS), default: '"KILL"', doc: "The signal to send." }],
    returns: T.Fault,
    // Streams restarts killed PEs by itself; the undo only restarts what is still down.
    fault: {
      undo: "restart whatever is still down",
      lasting: false,
      plan: (i) => processPlan(i, (targets) => killPes({ run: i.f.run, id: i.id, targets, signal: (stringOf(i, "signal") || "KILL") as KillSignal })),
    },
    example: `kill(pe(app, "Ingest", on: dc1), signal: "TERM")`,
    describe: (a) => `kill ${a["target"]} with ${a["signal"]}`,
  },
  {
    name: "pause",
    doc: "Freezes a processing element, or every Streams process on a host (SIGSTOP), until reverted.",
    category: "process",
    params: [target],
    returns: T.Fault,
    fault: { undo: "continue the frozen processes (SIGCONT)", lasting: true, plan: (i) => processPlan(i, (targets) => pausePes({ run: i.f.run, id: i.id, targets })) },
    example: `pause(pe(app, "Ingest", on: dc1)) for 20s`,
    describe: (a) => `pause ${a["target"]}`,
  },
  {
    name: "resume",
    doc: "Continues frozen processes (SIGCONT), such as those stopped outside xdc; to end a `pause`, revert it.",
    category: "process",
    params: [target],
    returns: T.nothing,
    example: "resume(hosts(dc1)[0])",
    describe: (a) => `resume ${a["target"]}`,
  },
];
