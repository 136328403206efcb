import { describeDuration, describeHogs, parseStressArgs } from "../proc/stress-args.js";
import { complain, type Invocation, type Outcome } from "../shell/command.js";

/**
 * stress-ng 0.15: starts a parent and its workers as processes of the host, which count in
 * `load()` until the timeout or a signal ends them. Run it in the background as
 * `nohup stress-ng … >/dev/null 2>&1 &`; without the redirection the SSH session stays open until
 * stress-ng ends, as with a real sshd.
 */
export function stressNg(inv: Invocation): Outcome {
  const args = inv.argv.slice(1);
  if (args.includes("--version") || args.includes("-V")) {
    inv.out("stress-ng, version 0.15.06 (gcc 12.2.0, x86_64 Linux 6.1.0-13-amd64)\n");
    return { code: 0 };
  }
  const options = inv.host.options;
  const parsed = parseStressArgs(args, options.cores, options.memoryBytes, options.diskBytes);
  if (!parsed.ok) {
    return complain(inv, parsed.stderr, parsed.code);
  }
  const plan = parsed.plan;
  const info = (pid: number, text: string) => (plan.quiet ? "" : `stress-ng: info:  [${pid}] ${text}\n`);
  if (plan.timeoutMs === 0) {
    const pid = inv.host.nextPid();
    inv.err(
      `${info(pid, "defaulting to a 86400 second (1 day, 0.00 secs) run per stressor")}` +
        `stress-ng: error: [${pid}] the xdc twin refuses a run without --timeout (see docs/twin-commands.md)\n`,
    );
    return { code: 1 };
  }
  const hogs = describeHogs(plan);
  if (hogs === "") {
    const pid = inv.host.nextPid();
    return complain(inv, `${info(pid, `setting to a ${describeDuration(plan.timeoutMs / 1000)} run per stressor`)}stress-ng: error: [${pid}] No stress workers invoked\n`, 1);
  }
  const started = inv.host.jobs.startStress(plan, inv.user, args.join(" "), inv.nohup);
  inv.err(info(started.pid, `setting to a ${describeDuration(plan.timeoutMs / 1000)} run per stressor`) + info(started.pid, `dispatching hogs: ${hogs}`));
  return {
    code: 0,
    job: {
      pid: started.pid,
      done: started.done.then((end) => {
        inv.err(end.stderr);
        return end.code;
      }),
    },
  };
}
