import type { SignalSpec } from "../host-state.js";
import { parseSignal, SIGNALS, signalByNumber } from "../proc/signals.js";
import { complain, type Invocation, type Outcome } from "../shell/command.js";
import type { Builtin } from "../shell/interpreter.js";

type Parsed = { signal: SignalSpec; pids: readonly string[] } | { list: readonly string[] } | { error: "invalid-signal"; spec: string } | { error: "usage" };

const TERM = parseSignal("TERM") as SignalSpec;

/** bash's and dash's `kill [-s SIG | -n NUM | -SIG] PID…` and `kill -l [SIG]`. */
function parseBuiltinArgs(args: readonly string[]): Parsed {
  let signal: SignalSpec = TERM;
  let i = 0;
  const resolve = (spec: string): SignalSpec | undefined => parseSignal(spec);
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      i++;
      break;
    }
    if (arg === "-l" || arg === "-L") return { list: args.slice(i + 1) };
    if (arg === "-s" || arg === "-n") {
      const spec = args[++i];
      if (spec === undefined) return { error: "usage" };
      const s = resolve(spec);
      if (!s) return { error: "invalid-signal", spec };
      signal = s;
      continue;
    }
    // bash reads `-sNAME` as `-s NAME`, so `-sigkill` asks for the signal "igkill".
    if (/^-[sn]./.test(arg)) {
      const s = resolve(arg.slice(2));
      if (!s) return { error: "invalid-signal", spec: arg.slice(2) };
      signal = s;
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1 && i === 0) {
      const s = resolve(arg.slice(1));
      if (!s) return { error: "invalid-signal", spec: arg.slice(1) };
      signal = s;
      continue;
    }
    break;
  }
  const pids = args.slice(i);
  if (pids.length === 0) return { error: "usage" };
  return { signal, pids };
}

/** `kill -l 9` → KILL, `kill -l KILL` → 9, `kill -l 137` → KILL (an exit status). */
function listOne(spec: string): string | undefined {
  if (/^\d+$/.test(spec)) {
    const num = Number(spec);
    return signalByNumber(num > 128 ? num - 128 : num)?.name;
  }
  const s = parseSignal(spec);
  return s && s.num > 0 ? String(s.num) : undefined;
}

/** Sends `signal` to each pid and reports failures in the words of the running kill. */
function deliver(
  inv: Invocation,
  signal: SignalSpec,
  pids: readonly string[],
  words: { badPid(arg: string): { message: string; code: number }; noSuchProcess(pid: string): { message: string; code: number }; notPermitted(pid: string): { message: string; code: number } },
): Outcome {
  let code = 0;
  for (const arg of pids) {
    if (!/^-?\d+$/.test(arg)) {
      const c = words.badPid(arg);
      inv.err(c.message);
      code = c.code;
      continue;
    }
    const result = inv.host.signal(Number(arg), signal, inv.user, inv.loginUser);
    if (!result.ok) {
      const c = result.error === "no-such-process" ? words.noSuchProcess(arg) : words.notPermitted(arg);
      inv.err(c.message);
      code = Math.max(code, c.code);
    }
  }
  return { code };
}

/** The shell's own `kill` (bash or dash, by the invocation's dialect). */
export const killBuiltin: Builtin = (inv) => {
  const words = inv.dialect.kill;
  const parsed = parseBuiltinArgs(inv.argv.slice(1));
  if ("list" in parsed) {
    if (parsed.list.length === 0) {
      inv.out(words.list());
      return { code: 0 };
    }
    let code = 0;
    for (const spec of parsed.list) {
      const answer = listOne(spec);
      if (answer === undefined) {
        const c = words.invalidSignal(inv.line, spec);
        inv.err(c.message);
        code = c.code;
      } else {
        inv.out(`${answer}\n`);
      }
    }
    return { code };
  }
  if ("error" in parsed) {
    const c = parsed.error === "usage" ? words.usage(inv.line) : words.invalidSignal(inv.line, parsed.spec);
    return complain(inv, c.message, c.code);
  }
  return deliver(inv, parsed.signal, parsed.pids, {
    badPid: (arg) => words.badPid(inv.line, arg),
    noSuchProcess: (pid) => words.noSuchProcess(inv.line, pid),
    notPermitted: (pid) => words.notPermitted(inv.line, pid),
  });
};

const PROCPS_USAGE = `
Usage:
 kill [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;

/** procps' `kill -l`: the first 31 names, sixteen to a line. */
const PROCPS_LIST = (() => {
  const names = SIGNALS.filter((s) => s.num <= 31).map((s) => (s.name === "IO" ? "POLL" : s.name));
  return `${names.slice(0, 16).join(" ")}\n${names.slice(16).join(" ")}\n`;
})();

/** /usr/bin/kill from procps-ng 4, reached through sudo, nohup or a path. */
export function killProgram(inv: Invocation): Outcome {
  const me = inv.argv[0]!;
  const args = inv.argv.slice(1);
  let signal: SignalSpec = TERM;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      i++;
      break;
    }
    if (arg === "-l" || arg === "--list" || arg === "-L" || arg === "--table") {
      const spec = args[i + 1];
      if (spec === undefined) {
        inv.out(PROCPS_LIST);
        return { code: 0 };
      }
      const answer = listOne(spec);
      if (answer === undefined) {
        return complain(inv, `${me}: unknown signal name ${spec}\n`, 1);
      }
      inv.out(`${answer}\n`);
      return { code: 0 };
    }
    if (arg === "-s" || arg === "--signal") {
      const spec = args[++i];
      const s = spec === undefined ? undefined : parseSignal(spec);
      if (!s) {
        // procps 4 sends nothing and reports the kernel's EINVAL against the first pid.
        return complain(inv, `${me}: (${args[i + 1] ?? ""}): Invalid argument\n`, 1);
      }
      signal = s;
      continue;
    }
    if (/^-\d+$/.test(arg)) {
      const s = parseSignal(arg.slice(1));
      if (!s) {
        return complain(inv, `${me}: (${args[i + 1] ?? ""}): Invalid argument\n`, 1);
      }
      signal = s;
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      const s = parseSignal(arg.slice(1));
      if (!s) {
        // procps reads an unknown name as a cluster of unknown options.
        return complain(inv, `${me}: invalid argument ${arg.slice(1, 2)}\n${PROCPS_USAGE}`, 1);
      }
      signal = s;
      continue;
    }
    break;
  }
  const pids = args.slice(i);
  if (pids.length === 0) {
    return complain(inv, PROCPS_USAGE, 1);
  }
  for (const arg of pids) {
    if (!/^-?\d+$/.test(arg)) {
      return complain(inv, `${me}: failed to parse argument: '${arg}'\n`, 1);
    }
  }
  return deliver(inv, signal, pids, {
    badPid: (arg) => ({ message: `${me}: failed to parse argument: '${arg}'\n`, code: 1 }),
    noSuchProcess: (pid) => ({ message: `${me}: (${pid}): No such process\n`, code: 1 }),
    notPermitted: (pid) => ({ message: `${me}: (${pid}): Operation not permitted\n`, code: 1 }),
  });
}
