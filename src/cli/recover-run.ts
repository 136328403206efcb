import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { connectFaultApis } from "../drivers/api-faults/connect.js";
import type { SshIdentity } from "../drivers/ssh/auth.js";
import { realClock, type Clock } from "../runtime/clock.js";
import { err } from "../drivers/result.js";
import type { FaultPlan } from "../drivers/faults/types.js";
import type { RemoteShell } from "../drivers/ssh/types.js";
import { silentLogger } from "../runtime/logger.js";
import { seededRandom } from "../runtime/random.js";
import { Redactor } from "../runtime/redact.js";
import { blockingDamage, faultKey, readLedger, type LedgerState } from "../runtime/ledger.js";
import { damageMessage, reachableOutstanding, recover, type RecoverReport } from "../runtime/recover.js";
import { SshPool } from "../drivers/ssh/pool.js";
import { EXIT } from "./exit.js";
import { sshSettings } from "./ssh-settings.js";
import { printUndoReports, type Output } from "./undo-report.js";
import type { SshCliOptions } from "./ssh-options.js";

export interface RecoverOptions extends SshCliOptions {
  readonly ledger: string;
  readonly acceptDamaged?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Says what was done; exit 0 only when nothing is left applied and no line of the ledger hides a fault. */
function printReport(report: RecoverReport, io: Output): number {
  const torn = report.damaged.filter((d) => d.last);
  for (const d of torn) io.err(`note: line ${d.line} of ${report.ledger}, its last, is cut short (a write interrupted by a crash); it recorded nothing that had started`);
  if (report.accepted.length > 0) io.err(`note: ${report.accepted.length === 1 ? "line" : "lines"} ${report.accepted.join(", ")} of ${report.ledger} accepted as damaged: ${report.accepted.length === 1 ? "it blocks" : "they block"} no run any more`);
  const damaged = blockingDamage(report);
  if (report.undone.length === 0 && damaged.length === 0) {
    io.out(`xdc recover: nothing to do: ${report.recorded === 0 ? `no fault recorded in ${report.ledger}` : `the ${plural(report.recorded, "fault")} recorded in ${report.ledger} ${report.recorded === 1 ? "is" : "are"} all undone`}`);
    return EXIT.pass;
  }
  let failed = 0;
  if (report.undone.length > 0) {
    io.out(`xdc recover: ${plural(report.undone.length, "fault")} still applied according to ${report.ledger}`);
    failed = printUndoReports(report.undone, io);
  }
  if (failed > 0) io.err(`xdc recover: ${failed} undo${failed === 1 ? "" : "s"} FAILED: those faults may still be in effect; run the commands above by hand, or run xdc recover again once the hosts are reachable`);
  if (damaged.length > 0) io.err(`xdc recover: ${damageMessage(report.ledger, damaged)}`);
  if (failed > 0 || damaged.length > 0) return EXIT.error;
  io.out(`xdc recover: done, nothing is left applied`);
  return EXIT.pass;
}

/** The client key of each embedded twin still running, from its state directory: the twin's hosts accept only it. */
async function twinIdentities(state: LedgerState, plans: readonly FaultPlan[]): Promise<SshIdentity[]> {
  const keys = new Set(plans.flatMap((p) => {
    const target = state.targets[faultKey(p.run, p.id)];
    return target === undefined ? [] : [join(target.stateDir, "id_ed25519")];
  }));
  const found = await Promise.all([...keys].filter((k) => existsSync(k)).map(async (k) => ({ key: await readFile(k, "utf8").catch(() => ""), source: k })));
  return found.filter((f) => f.key !== "");
}

/** The pool for hosts to undo faults on, or null after saying why there is none. */
async function openPool(opts: RecoverOptions, env: NodeJS.ProcessEnv, extra: readonly SshIdentity[], clock: Clock, io: Output): Promise<SshPool | null> {
  const settings = await sshSettings(opts, env);
  if (!settings.ok) {
    io.err(`xdc recover: ${settings.error}`);
    return null;
  }
  for (const note of settings.value.notes) io.err(`note: ${note}`);
  const auth = { ...settings.value.auth, identities: [...settings.value.auth.identities, ...extra] };
  const pool = SshPool.create({ auth, hostKeys: settings.value.hostKeys, clock, connectTimeoutMs: 10_000, commandTimeoutMs: 30_000 });
  if (!pool.ok) {
    io.err(`xdc recover: ${pool.error}`);
    return null;
  }
  return pool.value;
}

/** Whether undoing a fault logs in anywhere: not for API faults, nor for one with nothing to undo (a kill). */
const undoesOverSsh = (p: FaultPlan) => [...p.undo, ...p.verifyUndone.map((c) => c.probe)].some((a) => a.via === "ssh");

/** For a ledger of API faults only: no host is contacted, so no key is needed. */
const NO_SSH: RemoteShell = { exec: async (t) => err({ code: "connect", host: t.name, message: "xdc recover opened no SSH connection" }) };

/**
 * `xdc recover`: reads the ledger, connects only if there is something to reach (not for the
 * faults of an embedded twin that is gone), says what it did.
 */
export async function runRecover(opts: RecoverOptions, env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const state = await readLedger(opts.ledger);
  if (!state.ok) {
    io.err(`xdc recover: ${state.error.message}`);
    return EXIT.error;
  }
  const clock = realClock();
  const reachable = await reachableOutstanding(state.value);
  const needsSsh = reachable.some(undoesOverSsh);
  const pool = needsSsh ? await openPool(opts, env, await twinIdentities(state.value, reachable), clock, io) : undefined;
  if (pool === null) return EXIT.usage;
  // Retry jitter of REST calls only: nothing of a recovery depends on its seed.
  const apis = await connectFaultApis(reachable, (name) => env[name], { clock, random: seededRandom(1), logger: silentLogger, redactor: new Redactor() });
  for (const problem of apis.problems) io.err(`note: ${problem}`);
  try {
    const report = await recover(opts.ledger, { shell: pool ?? NO_SSH, api: apis.port, clock, acceptDamaged: opts.acceptDamaged === true });
    if (!report.ok) {
      io.err(`xdc recover: ${report.error.message}`);
      return EXIT.error;
    }
    return printReport(report.value, io);
  } finally {
    apis.close();
    await pool?.close();
  }
}
