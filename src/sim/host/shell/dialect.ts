import type { SyntaxError } from "./ast.js";
import { SIGNALS } from "../proc/signals.js";

/**
 * How a shell words its own complaints. sshd runs every command through the login shell (bash
 * on the twin's hosts); `sh -c` on Debian is dash, which says the same things differently.
 * Messages were taken from bash 5.2 and dash 0.5.12 over a real sshd (stdin is not a terminal,
 * which is why bash says `line N:`).
 */
export interface Dialect {
  readonly name: "bash" | "sh";
  /** `$0` and the prefix of every message (`bash`, `sh`). */
  readonly argv0: string;
  syntax(error: SyntaxError, script: string): Complaint;
  notFound(line: number, command: string): Complaint;
  noSuchFile(line: number, path: string): Complaint;
  builtin(line: number, name: string, message: string): string;
  readonly kill: KillWords;
  readonly exit: { numeric(line: number, arg: string): Complaint; tooMany(line: number): Complaint | undefined };
}

export interface Complaint {
  readonly message: string;
  readonly code: number;
}

export interface KillWords {
  noSuchProcess(line: number, pid: string): Complaint;
  notPermitted(line: number, pid: string): Complaint;
  invalidSignal(line: number, spec: string): Complaint;
  badPid(line: number, arg: string): Complaint;
  usage(line: number): Complaint;
  list(): string;
}

const UNSUPPORTED_HELP = "the xdc twin runs simple commands joined by ; && || & only (see docs/twin-commands.md)";

function bashSyntax(argv0: string, error: SyntaxError, script: string): Complaint {
  const at = (line: number) => `${argv0}: -c: line ${line}:`;
  switch (error.kind) {
    case "token": {
      const text = script.split("\n")[error.line - 1] ?? "";
      return { message: `${at(error.line)} syntax error near unexpected token \`${error.token}'\n${at(error.line)} \`${text}'\n`, code: 2 };
    }
    case "eof":
      return { message: `${at(error.line)} syntax error: unexpected end of file\n`, code: 2 };
    case "unterminated":
      return { message: `${at(error.line)} unexpected EOF while looking for matching \`${error.quote}'\n`, code: 2 };
    case "bad-substitution":
      return { message: `${argv0}: line ${error.line}: ${error.text}: bad substitution\n`, code: 1 };
    case "unsupported":
      return { message: `${at(error.line)} \`${error.what}': ${UNSUPPORTED_HELP}\n`, code: 2 };
  }
}

function dashSyntax(argv0: string, error: SyntaxError): Complaint {
  const at = (line: number) => `${argv0}: ${line}:`;
  switch (error.kind) {
    case "token":
      return { message: `${at(error.line)} Syntax error: ${error.token === "newline" ? "newline" : `"${error.token}"`} unexpected\n`, code: 2 };
    case "eof":
      return { message: `${at(error.line - 1)} Syntax error: end of file unexpected\n`, code: 2 };
    case "unterminated":
      return error.quote === "'" || error.quote === '"'
        ? { message: `${at(error.line)} Syntax error: Unterminated quoted string\n`, code: 2 }
        : { message: `${at(error.line - 1)} Syntax error: end of file unexpected (expecting "${error.quote}")\n`, code: 2 };
    case "bad-substitution":
      return { message: `${at(error.line)} Syntax error: Bad substitution\n`, code: 2 };
    case "unsupported":
      return { message: `${at(error.line)} \`${error.what}': ${UNSUPPORTED_HELP}\n`, code: 2 };
  }
}

/** bash's `kill -l`: five `%2d) SIGNAME` to a line, tab-separated. */
function bashSignalTable(): string {
  let text = "";
  SIGNALS.forEach((s, i) => {
    text += `${String(s.num).padStart(2)}) SIG${s.name}${(i + 1) % 5 === 0 ? "\n" : "\t"}`;
  });
  return SIGNALS.length % 5 === 0 ? text : `${text}\n`;
}

/** dash's `kill -l`: one per line from 0, numbers where dash knows no name. */
function dashSignalList(): string {
  const lines = ["0"];
  for (let num = 1; num <= 64; num++) {
    const s = SIGNALS.find((x) => x.num === num);
    lines.push(!s || s.name === "STKFLT" ? String(num) : s.name);
  }
  return `${lines.join("\n")}\n`;
}

export function bash(argv0 = "bash"): Dialect {
  const at = (line: number, name: string) => `${argv0}: line ${line}: ${name}:`;
  return {
    name: "bash",
    argv0,
    syntax: (error, script) => bashSyntax(argv0, error, script),
    notFound: (line, command) => ({ message: `${at(line, command)} command not found\n`, code: 127 }),
    noSuchFile: (line, path) => ({ message: `${at(line, path)} No such file or directory\n`, code: 127 }),
    builtin: (line, name, message) => `${at(line, name)} ${message}\n`,
    kill: {
      noSuchProcess: (line, pid) => ({ message: `${at(line, "kill")} (${pid}) - No such process\n`, code: 1 }),
      notPermitted: (line, pid) => ({ message: `${at(line, "kill")} (${pid}) - Operation not permitted\n`, code: 1 }),
      invalidSignal: (line, spec) => ({ message: `${at(line, "kill")} ${spec}: invalid signal specification\n`, code: 1 }),
      badPid: (line, arg) => ({ message: `${at(line, "kill")} ${arg}: arguments must be process or job IDs\n`, code: 1 }),
      usage: () => ({ message: "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n", code: 2 }),
      list: bashSignalTable,
    },
    exit: {
      numeric: (line, arg) => ({ message: `${at(line, "exit")} ${arg}: numeric argument required\n`, code: 2 }),
      tooMany: (line) => ({ message: `${at(line, "exit")} too many arguments\n`, code: 1 }),
    },
  };
}

export function dash(argv0 = "sh"): Dialect {
  const at = (line: number, name: string) => `${argv0}: ${line}: ${name}:`;
  return {
    name: "sh",
    argv0,
    syntax: (error) => dashSyntax(argv0, error),
    notFound: (line, command) => ({ message: `${at(line, command)} not found\n`, code: 127 }),
    noSuchFile: (line, path) => ({ message: `${at(line, path)} not found\n`, code: 127 }),
    builtin: (line, name, message) => `${at(line, name)} ${message}\n`,
    kill: {
      // dash prints strerror's text and then a newline of its own: the blank line is real.
      noSuchProcess: (line) => ({ message: `${at(line, "kill")} No such process\n\n`, code: 1 }),
      notPermitted: (line) => ({ message: `${at(line, "kill")} Operation not permitted\n\n`, code: 1 }),
      invalidSignal: (line, spec) => ({ message: `${at(line, "kill")} invalid signal number or name: ${spec}\n`, code: 2 }),
      badPid: (line, arg) => ({ message: `${at(line, "kill")} Illegal number: ${arg}\n`, code: 2 }),
      usage: (line) => ({
        message: `${at(line, "kill")} Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n`,
        code: 2,
      }),
      list: dashSignalList,
    },
    exit: {
      numeric: (line, arg) => ({ message: `${at(line, "exit")} Illegal number: ${arg}\n`, code: 2 }),
      tooMany: () => undefined,
    },
  };
}
