import { spawn } from "node:child_process";
import type { FaultPlan } from "../../src/drivers/faults/types.js";
import type { LedgerRecord, LedgerTarget } from "../../src/runtime/ledger.js";

/**
 * Faults for ledgers written by tests of `xdc recover`, that never reach the network: a
 * partition on a loopback port nothing listens on (closed as gone with its twin, or failing
 * fast), and a kill, which has nothing to undo.
 */
export const partitionPlan = (run: string, id: string): FaultPlan => ({
  id,
  run,
  kind: "partition",
  summary: `partition dc1 <-> dc2 on h (${id})`,
  hosts: { h: { name: "h", address: "127.0.0.1", port: 1, user: "root" } },
  apply: [{ via: "ssh", host: "h", line: "iptables -w -I INPUT 1 -s 127.0.11.0/24 -j DROP" }],
  verify: [{ what: "h lists 1 rule", probe: { via: "ssh", host: "h", line: "iptables -w -S" }, expect: { exit: [0], pattern: "xdc", min: 1, max: 1 } }],
  undo: [{ via: "ssh", host: "h", line: "iptables -w -D INPUT -s 127.0.11.0/24 -j DROP" }],
  verifyUndone: [{ what: "h lists no rule", probe: { via: "ssh", host: "h", line: "iptables -w -S" }, expect: { exit: [0], pattern: "xdc", min: 0, max: 0 } }],
});

export const killPlan = (run: string, id: string): FaultPlan => ({
  id,
  run,
  kind: "kill",
  summary: `kill PE 3 on h (${id})`,
  hosts: { h: { name: "h", address: "127.0.0.1", port: 1, user: "root" } },
  apply: [{ via: "ssh", host: "h", line: "kill -s KILL 4242" }],
  verify: [],
  undo: [],
  verifyUndone: [],
});

export const applyLine = (fault: FaultPlan, target?: LedgerTarget): string => line({ type: "apply", at: 1, fault, ...(target ? { target } : {}) });
export const line = (r: LedgerRecord): string => `${JSON.stringify(r)}\n`;

/** The pid of a process that has exited: what a twin killed with -9 leaves in the ledger. */
export async function deadPid(): Promise<number> {
  const child = spawn("true", { stdio: "ignore" });
  await new Promise((done) => child.once("exit", done));
  return child.pid!;
}
