import { connectFaultApis } from "../drivers/api-faults/connect.js";
import { realClock, type Clock } from "../runtime/clock.js";
import { err } from "../drivers/result.js";
import type { RemoteShell } from "../drivers/ssh/types.js";
import { silentLogger } from "../runtime/logger.js";
import { seededRandom } from "../runtime/random.js";
import { Redactor } from "../runtime/redact.js";
import { readLedger } from "../runtime/ledger.js";
import { recover, type RecoverReport } from "../runtime/recover.js";
import { SshPool } from "../drivers/ssh/pool.js";
import { EXIT } from "./exit.js";
import type { RecoverOptions } from "./recover.js";
import { sshSettings } from "./ssh-settings.js";
import { printUndoReports, type Output } from "./undo-report.js";

function printReport(report: RecoverReport, io: Output): number {
  for (const d of report.damaged) {
    if (d.last) io.err(`note: the ledger's last line is cut short (a write interrupted by a crash); it recorded nothing that had started`);
    else io.err(`WARNING: line ${d.line} of ${report.ledger} is damaged; a fault recorded there cannot be found by xdc, check the hosts by hand`);
  }
  if (report.undone.length === 0) {
    io.out(`xdc recover: nothing to do: ${report.recorded === 0 ? `no fault recorded in ${report.ledger}` : `the ${report.recorded} fault${report.recorded === 1 ? "" : "s"} recorded in ${report.ledger} ${report.recorded === 1 ? "is" : "are"} all undone`}`);
    return EXIT.pass;
  }
  io.out(`xdc recover: ${report.undone.length} fault${report.undone.length === 1 ? "" : "s"} still applied according to ${report.ledger}`);
  const failed = printUndoReports(report.undone, io);
  if (failed === 0) {
    io.out(`xdc recover: done, nothing is left applied`);
    return EXIT.pass;
  }
  io.err(`xdc recover: ${failed} undo${failed === 1 ? "" : "s"} FAILED: those faults may still be in effect; run the commands above by hand, or run xdc recover again once the hosts are reachable`);
  return EXIT.error;
}

/** The pool for hosts to undo faults on, or null after saying why there is none. */
async function openPool(opts: RecoverOptions, env: NodeJS.ProcessEnv, clock: Clock, io: Output): Promise<SshPool | null> {
  const settings = await sshSettings(opts, env);
  if (!settings.ok) {
    io.err(`xdc recover: ${settings.error}`);
    return null;
  }
  for (const note of settings.value.notes) io.err(`note: ${note}`);
  const pool = SshPool.create({ auth: settings.value.auth, hostKeys: settings.value.hostKeys, clock, connectTimeoutMs: 10_000, commandTimeoutMs: 30_000 });
  if (!pool.ok) {
    io.err(`xdc recover: ${pool.error}`);
    return null;
  }
  return pool.value;
}

/** For a ledger of API faults only: no host is contacted, so no key is needed. */
const NO_SSH: RemoteShell = { exec: async (t) => err({ code: "connect", host: t.name, message: "xdc recover opened no SSH connection" }) };

/** `xdc recover`: reads the ledger, connects only if there is something to undo, says what it did. */
export async function runRecover(opts: RecoverOptions, env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const state = await readLedger(opts.ledger);
  if (!state.ok) {
    io.err(`xdc recover: ${state.error.message}`);
    return EXIT.error;
  }
  if (state.value.outstanding.length === 0) {
    const recorded = state.value.records.filter((r) => r.type === "apply").length;
    return printReport({ ledger: opts.ledger, undone: [], recorded, damaged: state.value.damaged }, io);
  }
  const clock = realClock();
  const needsSsh = state.value.outstanding.some((p) => Object.keys(p.hosts).length > 0);
  const pool = needsSsh ? await openPool(opts, env, clock, io) : undefined;
  if (pool === null) return EXIT.usage;
  // Retry jitter of REST calls only: nothing of a recovery depends on its seed.
  const apis = await connectFaultApis(state.value.outstanding, (name) => env[name], { clock, random: seededRandom(1), logger: silentLogger, redactor: new Redactor() });
  for (const problem of apis.problems) io.err(`note: ${problem}`);
  try {
    const report = await recover(opts.ledger, { shell: pool ?? NO_SSH, api: apis.port, clock });
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
