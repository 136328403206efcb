import { complain, type Invocation, type Outcome } from "../shell/command.js";
import type { Builtin } from "../shell/interpreter.js";

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", "\\": "\\", a: "\x07", b: "\b", e: "\x1b", f: "\f", r: "\r", v: "\v" };

/** echo's backslash escapes; `\c` ends the output. */
function interpret(text: string): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\" || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1]!;
    if (next === "c") return { text: out, stop: true };
    if (ESCAPES[next] !== undefined) {
      out += ESCAPES[next];
      i++;
    } else if (next === "0") {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(digits || "0", 8));
      i += 1 + digits.length;
    } else if (next === "x" && /^[0-9a-fA-F]/.test(text[i + 2] ?? "")) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(digits, 16));
      i += 1 + digits.length;
    } else {
      out += c;
    }
  }
  return { text: out, stop: false };
}

/** bash's echo (`-n`, `-e`, `-E`); dash's echo always reads escapes and knows only `-n`. */
export function echo(inv: Invocation): Outcome {
  const args = inv.argv.slice(1);
  const dash = inv.dialect.name === "sh";
  let newline = true;
  let escapes = dash;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (dash ? arg !== "-n" : !/^-[neE]+$/.test(arg)) break;
    for (const c of arg.slice(1)) {
      if (c === "n") newline = false;
      else if (c === "e") escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(" ");
  if (escapes) {
    const r = interpret(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  inv.out(newline ? `${text}\n` : text);
  return { code: 0 };
}

export const trueCommand = (): Outcome => ({ code: 0 });
export const falseCommand = (): Outcome => ({ code: 1 });

/** `exit [N]`: leaves the shell with N (mod 256), or with the last status. */
export const exitBuiltin: Builtin = (inv, shell) => {
  const args = inv.argv.slice(1);
  const words = inv.dialect.exit;
  if (args.length === 0) return { code: shell.status, exit: true };
  const arg = args[0]!;
  if (!/^[+-]?\d+$/.test(arg)) {
    const c = words.numeric(inv.line, arg);
    return { ...complain(inv, c.message, c.code), exit: true };
  }
  const tooMany = args.length > 1 ? words.tooMany(inv.line) : undefined;
  if (tooMany) return { ...complain(inv, tooMany.message, tooMany.code), exit: true };
  return { code: ((Number(arg) % 256) + 256) % 256, exit: true };
};

/** `command -v NAME…` prints what each name runs; `command NAME ARGS` runs the program. */
export const commandBuiltin: Builtin = async (inv, shell) => {
  const args = inv.argv.slice(1);
  if (args[0] === "-v" || args[0] === "-V") {
    let code = 0;
    for (const name of args.slice(1)) {
      const found = shell.lookup(name);
      if (found === undefined) {
        if (args[0] === "-V") inv.err(inv.dialect.builtin(inv.line, "command", `${name}: not found`));
        code = 1;
      } else if (args[0] === "-v") {
        inv.out(`${found === "builtin" ? name : found}\n`);
      } else {
        inv.out(found === "builtin" ? `${name} is a shell builtin\n` : `${name} is ${found}\n`);
      }
    }
    return { code };
  }
  if (args.length === 0) return { code: 0 };
  const run = inv.exec(args, {});
  if (!run) {
    const c = inv.dialect.notFound(inv.line, args[0]!);
    return complain(inv, c.message, c.code);
  }
  return run;
};

/** Programs `which` finds, by name; the shell's own builtins are not in PATH. */
export type PathLookup = (name: string) => string | undefined;

/** debianutils `which NAME…`: the path of each program; exit 1 when one is missing. */
export function which(lookup: PathLookup) {
  return (inv: Invocation): Outcome => {
    let code = inv.argv.length > 1 ? 0 : 1;
    for (const name of inv.argv.slice(1)) {
      if (name === "-a" || name === "-s") continue;
      const path = lookup(name);
      if (path) inv.out(`${path}\n`);
      else code = 1;
    }
    return { code };
  };
}

const SLEEP_UNITS: Readonly<Record<string, number>> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** coreutils `sleep N[smhd]…`, as a process of the host that a signal can end early. */
export function sleep(inv: Invocation): Outcome {
  const args = inv.argv.slice(1);
  if (args.length === 0) {
    return complain(inv, "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1);
  }
  let seconds = 0;
  for (const arg of args) {
    if (arg === "infinity" || arg === "inf") {
      return complain(inv, "sleep: the xdc twin refuses an unbounded sleep\n", 1);
    }
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!m) {
      return complain(inv, `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`, 1);
    }
    seconds += Number(m[1]) * SLEEP_UNITS[m[2]!]!;
  }
  const started = inv.host.jobs.startSleep(seconds * 1000, inv.user, args.join(" "), inv.nohup);
  return { code: 0, job: { pid: started.pid, done: started.done.then((end) => end.code) } };
}
