import { check, escapeRegExp, hostTable, onHost } from "../faults/command.js";
import { atLeast, exactly } from "../faults/expect.js";
import { commonProblem, inputError, type FaultInputError } from "../faults/input.js";
import type { FaultHost, FaultPlan } from "../faults/types.js";
import { commandLine } from "../ssh/quote.js";
import { err, ok, type Result } from "../result.js";

export type StressLoad =
  | { readonly kind: "stress_cpu"; readonly workers: number; readonly loadPercent: number }
  | { readonly kind: "stress_memory"; readonly bytes: number }
  | { readonly kind: "stress_disk"; readonly bytes: number; readonly path: string };

const STRESS_ARGS: { readonly [K in StressLoad["kind"]]: (l: Extract<StressLoad, { kind: K }>) => string[] } = {
  stress_cpu: (l) => ["--cpu", String(l.workers), "--cpu-load", String(l.loadPercent)],
  stress_memory: (l) => ["--vm", "1", "--vm-bytes", String(l.bytes)],
  stress_disk: (l) => ["--hdd", "1", "--hdd-bytes", String(l.bytes), "--temp-path", l.path],
};

const DESCRIBE: { readonly [K in StressLoad["kind"]]: (l: Extract<StressLoad, { kind: K }>) => string } = {
  stress_cpu: (l) => `load ${l.workers} CPU worker${l.workers === 1 ? "" : "s"} to ${l.loadPercent}%`,
  stress_memory: (l) => `hold ${l.bytes} bytes of memory`,
  stress_disk: (l) => `write ${l.bytes} bytes under ${l.path}`,
};

function loadProblem(l: StressLoad): string | undefined {
  switch (l.kind) {
    case "stress_cpu":
      if (!Number.isInteger(l.workers) || l.workers < 1 || l.workers > 1024) return `${l.workers} workers is not a whole number from 1 to 1024`;
      return l.loadPercent > 0 && l.loadPercent <= 100 && Number.isInteger(l.loadPercent) ? undefined : `a load of ${l.loadPercent}% is not a whole percentage in (0, 100]`;
    case "stress_memory":
    case "stress_disk":
      if (!Number.isSafeInteger(l.bytes) || l.bytes < 1) return `${l.bytes} bytes is not a whole number above 0`;
      return l.kind === "stress_disk" && !l.path.startsWith("/") ? `the path \`${l.path}\` is not absolute` : undefined;
  }
}

/**
 * Loads a host with stress-ng, bounded twice: `--timeout` ends it by itself even if xdc and
 * every undo are gone, and the undo ends it early. stress-ng has no tag option, so the undo
 * finds it by its whole command line (`pkill -f -x`), which only an identical stress-ng
 * shares. It runs as the login user: loading a host needs no root.
 */
export function stress(input: { readonly run: string; readonly id: string; readonly host: FaultHost; readonly load: StressLoad; readonly timeoutSeconds: number }): Result<FaultPlan, FaultInputError> {
  const { host, load } = input;
  const why = commonProblem(input.run, input.id, [host]) ?? loadProblem(load);
  if (why) return err(inputError(`${load.kind}: ${why}`));
  if (!Number.isInteger(input.timeoutSeconds) || input.timeoutSeconds < 1) return err(inputError(`${load.kind}: the bound of ${input.timeoutSeconds} s is not a whole number of seconds above 0`));
  const argv = ["stress-ng", ...(STRESS_ARGS[load.kind] as (l: StressLoad) => string[])(load), "--timeout", `${input.timeoutSeconds}s`, "-q"];
  const exact = escapeRegExp(argv.join(" "));
  const find = commandLine(["pgrep", "-f", "-x", exact]);
  return ok({
    id: input.id,
    run: input.run,
    kind: load.kind,
    summary: `${(DESCRIBE[load.kind] as (l: StressLoad) => string)(load)} on ${host.ssh.name} for at most ${input.timeoutSeconds} s`,
    hosts: hostTable([host]),
    // Detached from the session, so the SSH command returns at once with stress-ng's pid.
    apply: [onHost(host, `nohup ${commandLine(argv)} >/dev/null 2>&1 & echo $!`)],
    verify: [check(`${host.ssh.name} runs ${argv[0]} ${argv[1]}`, host, find, atLeast(1, "^\\d+$"))],
    undo: [onHost(host, commandLine(["pkill", "-TERM", "-f", "-x", exact]))],
    verifyUndone: [check(`${host.ssh.name} runs no such stress-ng`, host, find, exactly(0, "^\\d+$", [0, 1]))],
  });
}
