import type { SignalSpec } from "../host-state.js";
import { parseSignal } from "../proc/signals.js";
import type { ProcessView } from "../proc/process-view.js";
import { complain, type Invocation, type Outcome } from "../shell/command.js";

interface Options {
  full: boolean;
  exact: boolean;
  ignoreCase: boolean;
  listName: boolean;
  listFull: boolean;
  count: boolean;
  echo: boolean;
  newest: boolean;
  oldest: boolean;
  inverse: boolean;
  delimiter: string;
  users: string[];
  parents: number[];
  signal: SignalSpec;
  pattern?: string;
}

/** Options that take a value, by their short and long spellings. */
const WITH_VALUE: Readonly<Record<string, "delimiter" | "users" | "parents" | "signal">> = {
  d: "delimiter", "--delimiter": "delimiter", u: "users", U: "users", "--euid": "users", "--uid": "users",
  P: "parents", "--parent": "parents", "--signal": "signal",
};
const FLAGS: Readonly<Record<string, keyof Options>> = {
  f: "full", "--full": "full", x: "exact", "--exact": "exact", i: "ignoreCase", "--ignore-case": "ignoreCase",
  l: "listName", "--list-name": "listName", a: "listFull", "--list-full": "listFull", c: "count", "--count": "count",
  e: "echo", "--echo": "echo", n: "newest", "--newest": "newest", o: "oldest", "--oldest": "oldest",
  v: "inverse", "--inverse": "inverse",
};
/** Flags only one of the two tools has. */
const PGREP_ONLY = new Set(["listName", "listFull", "delimiter", "inverse"]);
const PKILL_ONLY = new Set(["echo", "signal"]);

type Tool = "pgrep" | "pkill";

function usageError(tool: Tool, message: string): string {
  return `${tool}: ${message}\nTry \`${tool} --help' for more information.\n`;
}

function parse(tool: Tool, argv: readonly string[]): Options | string {
  const opts: Options = {
    full: false, exact: false, ignoreCase: false, listName: false, listFull: false, count: false, echo: false,
    newest: false, oldest: false, inverse: false, delimiter: "\n", users: [], parents: [], signal: parseSignal("TERM") as SignalSpec,
  };
  const args = [...argv];
  if (tool === "pkill") {
    // pkill takes the first -SIGNAL anywhere on the line before it reads options.
    const at = args.findIndex((a) => /^-\w+$/.test(a) && parseSignal(a.slice(1)) !== undefined);
    if (at >= 0) opts.signal = parseSignal(args.splice(at, 1)[0]!.slice(1)) as SignalSpec;
  }
  const setValue = (key: "delimiter" | "users" | "parents" | "signal", value: string): string | undefined => {
    if (key === "delimiter") opts.delimiter = value;
    else if (key === "users") opts.users.push(...value.split(","));
    else if (key === "parents") opts.parents.push(...value.split(",").map(Number));
    else {
      const s = parseSignal(value);
      if (!s) return usageError(tool, `Unknown signal "${value}".`);
      opts.signal = s;
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith("--")) {
      const [name = "", attached] = arg.split(/=(.*)/s);
      const key = WITH_VALUE[name];
      const flag = FLAGS[name];
      if (key && !(tool === "pgrep" && PKILL_ONLY.has(key)) && !(tool === "pkill" && PGREP_ONLY.has(key))) {
        const value = attached ?? args[++i];
        if (value === undefined) return usageError(tool, `option '${name}' requires an argument`);
        const problem = setValue(key, value);
        if (problem) return problem;
      } else if (flag && !(tool === "pgrep" && PKILL_ONLY.has(flag)) && !(tool === "pkill" && PGREP_ONLY.has(flag))) {
        (opts[flag] as boolean) = true;
      } else {
        return usageError(tool, `unrecognized option '${name}'`);
      }
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      for (let k = 1; k < arg.length; k++) {
        const c = arg[k]!;
        const key = WITH_VALUE[c];
        const flag = FLAGS[c];
        if (key && !(tool === "pkill" && PGREP_ONLY.has(key))) {
          const value = arg.slice(k + 1) || args[++i];
          if (value === undefined) return usageError(tool, `option requires an argument -- '${c}'`);
          const problem = setValue(key, value);
          if (problem) return problem;
          break;
        }
        if (flag && !(tool === "pgrep" && PKILL_ONLY.has(flag)) && !(tool === "pkill" && PGREP_ONLY.has(flag))) {
          (opts[flag] as boolean) = true;
          continue;
        }
        return usageError(tool, `invalid option -- '${c}'`);
      }
      continue;
    }
    if (opts.pattern !== undefined) return usageError(tool, "only one pattern can be provided");
    opts.pattern = arg;
  }
  if (opts.pattern === undefined && opts.users.length === 0 && opts.parents.length === 0) return usageError(tool, "no matching criteria specified");
  return opts;
}

/** The POSIX extended regular expression as JavaScript reads it, or glibc's complaint. */
function compile(pattern: string, exact: boolean, ignoreCase: boolean): RegExp | string {
  const classes: Readonly<Record<string, string>> = { alpha: "A-Za-z", digit: "0-9", alnum: "A-Za-z0-9", space: "\\s", upper: "A-Z", lower: "a-z", punct: "!-\\/:-@\\[-`{-~", xdigit: "0-9A-Fa-f" };
  const source = pattern.replace(/\[:(\w+):\]/g, (m, name: string) => classes[name] ?? m);
  try {
    return new RegExp(exact ? `^(?:${source})$` : source, ignoreCase ? "i" : "");
  } catch {
    const opens = (source.match(/(?<!\\)\(/g) ?? []).length;
    const closes = (source.match(/(?<!\\)\)/g) ?? []).length;
    return opens !== closes ? "Unmatched ( or \\(" : "Invalid regular expression";
  }
}

function select(inv: Invocation, tool: Tool, opts: Options): ProcessView[] | string {
  let regex: RegExp | undefined;
  if (opts.pattern !== undefined) {
    const compiled = compile(opts.pattern, opts.exact, opts.ignoreCase);
    if (typeof compiled === "string") return `${tool}: regex error: ${compiled}\n`;
    regex = compiled;
  }
  let chosen = inv.host.views().filter((v) => {
    const hit =
      (!regex || regex.test(opts.full ? v.cmdline : v.comm)) &&
      (opts.users.length === 0 || opts.users.includes(v.proc.user) || opts.users.includes(String(inv.host.uid(v.proc.user)))) &&
      (opts.parents.length === 0 || opts.parents.includes(v.proc.ppid));
    return hit !== opts.inverse;
  });
  if (opts.newest || opts.oldest) {
    const sorted = [...chosen].sort((a, b) => a.proc.startedAt - b.proc.startedAt || a.proc.pid - b.proc.pid);
    const pick = opts.newest ? sorted[sorted.length - 1] : sorted[0];
    chosen = pick ? [pick] : [];
  }
  return chosen;
}

/** The options and the matching processes, or the complaint (exit status 2) of either tool. */
function matching(inv: Invocation, tool: Tool): { opts: Options; chosen: ProcessView[] } | Outcome {
  const opts = parse(tool, inv.argv.slice(1));
  if (typeof opts === "string") return complain(inv, opts, 2);
  const chosen = select(inv, tool, opts);
  if (typeof chosen === "string") return complain(inv, chosen, 2);
  return { opts, chosen };
}

/** procps-ng `pgrep`: pids (or `pid name`, `pid cmdline`) of matching processes. */
export function pgrep(inv: Invocation): Outcome {
  const found = matching(inv, "pgrep");
  if ("code" in found) return found;
  const { opts, chosen } = found;
  if (opts.count) {
    inv.out(`${chosen.length}\n`);
  } else if (chosen.length > 0) {
    const item = (v: ProcessView) => (opts.listFull ? `${v.proc.pid} ${v.cmdline}` : opts.listName ? `${v.proc.pid} ${v.comm}` : String(v.proc.pid));
    inv.out(`${chosen.map(item).join(opts.delimiter)}\n`);
  }
  return { code: chosen.length > 0 ? 0 : 1 };
}

/** procps-ng `pkill`: signals every matching process (TERM unless told otherwise). */
export function pkill(inv: Invocation): Outcome {
  const found = matching(inv, "pkill");
  if ("code" in found) return found;
  const { opts, chosen } = found;
  let signalled = 0;
  for (const v of chosen) {
    const result = inv.host.signal(v.proc.pid, opts.signal, inv.user, inv.loginUser);
    if (result.ok) {
      signalled++;
      if (opts.echo) inv.out(`${v.comm} killed (pid ${v.proc.pid})\n`);
    } else if (result.error === "not-permitted") {
      inv.err(`pkill: killing pid ${v.proc.pid} failed: Operation not permitted\n`);
    }
  }
  if (opts.count) inv.out(`${signalled}\n`);
  return { code: signalled > 0 ? 0 : 1 };
}
