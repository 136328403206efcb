import type { HostState } from "../host-state.js";
import type { AndOr, Redirect, Script, SimpleCommand } from "./ast.js";
import type { Dialect } from "./dialect.js";
import type { Invocation, Io, Outcome, Program, Sink } from "./command.js";
import { assignmentName, assignmentValue, expandString, expandWord, type ExpandContext } from "./expand.js";
import { parseScript } from "./parse.js";

/** A builtin runs inside the shell and may read its state. */
export type Builtin = (inv: Invocation, shell: ShellView) => Outcome | Promise<Outcome>;

export interface ShellView {
  /** `$?`. */
  readonly status: number;
  /** What a name runs: `builtin`, a program's path, or undefined. */
  lookup(name: string): "builtin" | string | undefined;
}

export interface ProgramEntry {
  /** Where Debian 12 installs it (`/usr/sbin/iptables`); `/sbin/…` and `/bin/…` reach it too. */
  readonly path: string;
  readonly run: Program;
}

export interface Commands {
  readonly programs: ReadonlyMap<string, ProgramEntry>;
  readonly builtins: ReadonlyMap<string, Builtin>;
}

export interface Fds {
  readonly out: Sink;
  readonly err: Sink;
}

interface ShellSetup {
  readonly host: HostState;
  readonly commands: Commands;
  readonly loginUser: string;
  /** Whom the shell runs as (root inside `sudo sh -c`). */
  readonly user: string;
  readonly dialect: Dialect;
  readonly positional: readonly string[];
}

/** A sink that keeps what is written. */
export function captureSink(holds: boolean): Sink & { text(): string } {
  const chunks: string[] = [];
  return { holds, pending: [], write: (text) => void chunks.push(text), text: () => chunks.join("") };
}

/** /dev/null, and the files the twin does not keep. */
export const discardSink = (): Sink => ({ holds: false, pending: [], write: () => undefined });

/** Waits until no background job holds the sinks any more. */
export async function drain(...sinks: Sink[]): Promise<void> {
  for (;;) {
    const pending = sinks.flatMap((s) => s.pending.splice(0));
    if (pending.length === 0) return;
    await Promise.all(pending);
  }
}

/** Where a name without a slash is looked for, in order (Debian's root PATH). */
const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** usrmerge: /sbin and /bin are the same directories as /usr/sbin and /usr/bin. */
const canonicalPath = (path: string) => path.replace(/^\/(s?bin)\//, "/usr/$1/");

/**
 * Runs parsed scripts against a host: and-or lists, background jobs, redirections, parameters
 * and command substitution, and the twin's programs and builtins. One Shell is one `bash -c`.
 */
export class Shell implements ShellView {
  private readonly vars = new Map<string, string>();
  status = 0;
  private lastBackground: number | undefined;
  private shellPid: number | undefined;

  constructor(private readonly setup: ShellSetup) {
    const home = setup.user === "root" ? "/root" : `/home/${setup.user}`;
    for (const [k, v] of Object.entries({ HOME: home, USER: setup.user, LOGNAME: setup.user, SHELL: "/bin/bash", PATH, PWD: home, HOSTNAME: setup.host.name })) {
      this.vars.set(k, v);
    }
  }

  /** Parses and runs `text`; a syntax error is reported the way the dialect's shell reports it. */
  async runText(text: string, fds: Fds): Promise<Outcome> {
    const parsed = parseScript(text);
    if (!parsed.ok) {
      const complaint = this.setup.dialect.syntax(parsed.error, text);
      fds.err.write(complaint.message);
      return { code: complaint.code };
    }
    return this.run(parsed.script, fds);
  }

  async run(script: Script, fds: Fds): Promise<Outcome> {
    for (const item of script.items) {
      const outcome = await this.chain(item, fds);
      if (outcome.exit) return outcome;
    }
    return { code: this.status };
  }

  lookup(name: string): "builtin" | string | undefined {
    if (this.setup.commands.builtins.has(name)) return "builtin";
    return this.program(name)?.path;
  }

  private program(name: string): ProgramEntry | undefined {
    if (!name.includes("/")) return this.setup.commands.programs.get(name);
    const base = name.slice(name.lastIndexOf("/") + 1);
    const entry = this.setup.commands.programs.get(base);
    return entry && canonicalPath(name) === entry.path ? entry : undefined;
  }

  private async chain(item: AndOr, fds: Fds): Promise<Outcome> {
    const commands = [{ op: "&&" as const, command: item.head }, ...item.tail];
    return this.runFrom(commands, 0, fds, item.background);
  }

  /** Runs the chain from `start`; in the background a job does not block, the rest follows it. */
  private async runFrom(commands: readonly { op: "&&" | "||"; command: SimpleCommand }[], start: number, fds: Fds, background: boolean): Promise<Outcome> {
    for (let k = start; k < commands.length; k++) {
      const { op, command } = commands[k]!;
      if (k > start && (op === "&&") !== (this.status === 0)) continue;
      const { outcome, used } = await this.simple(command, fds);
      if (outcome.exit && !background) return outcome;
      if (!outcome.job) {
        this.status = outcome.code;
        continue;
      }
      if (!background) {
        this.status = await outcome.job.done;
        continue;
      }
      this.lastBackground = outcome.job.pid;
      // The rest of a background chain runs in its subshell once the job is done.
      const rest = outcome.job.done.then((code) => {
        if (k + 1 >= commands.length) return undefined;
        const sub = this.fork();
        sub.status = code;
        return sub.runFrom(commands, k + 1, fds, false);
      });
      // The job holds the sinks its own redirections gave it; the rest of the chain, the chain's.
      hold(used, outcome.job.done);
      if (k + 1 < commands.length) hold(fds, rest);
      this.status = 0;
      return { code: 0 };
    }
    if (background) {
      // The subshell that ran the chain has already exited, but it had a pid all the same.
      this.lastBackground = this.setup.host.nextPid();
      this.status = 0;
    }
    return { code: this.status };
  }

  /** A subshell: the same variables, its own status. */
  private fork(): Shell {
    const sub = new Shell(this.setup);
    for (const [k, v] of this.vars) sub.vars.set(k, v);
    sub.status = this.status;
    return sub;
  }

  private expandContext(fds: Fds): ExpandContext {
    return {
      param: (name) => this.param(name),
      substitute: async (script) => {
        const capture = captureSink(true);
        const sub = this.fork();
        const outcome = await sub.run(script, { out: capture, err: fds.err });
        await drain(capture);
        this.status = outcome.code;
        return capture.text().replace(/\n+$/, "");
      },
    };
  }

  private param(name: string): string {
    const positional = this.setup.positional;
    switch (name) {
      case "?":
        return String(this.status);
      case "!":
        return this.lastBackground === undefined ? "" : String(this.lastBackground);
      case "$":
        this.shellPid ??= this.setup.host.nextPid();
        return String(this.shellPid);
      case "0":
        return this.setup.dialect.argv0;
      case "#":
        return String(positional.length);
      case "@":
      case "*":
        return positional.join(" ");
      case "-":
        return "hBc";
      default:
        if (/^\d$/.test(name)) return positional[Number(name) - 1] ?? "";
        return this.vars.get(name) ?? "";
    }
  }

  /** Runs one simple command; `used` are the sinks it wrote to after its redirections. */
  private async simple(command: SimpleCommand, fds: Fds): Promise<{ outcome: Outcome; used: Fds }> {
    const ctx = this.expandContext(fds);
    let index = 0;
    const assignments: [string, string][] = [];
    for (; index < command.words.length; index++) {
      const word = command.words[index]!;
      const name = assignmentName(word);
      if (name === undefined) break;
      assignments.push([name, await expandString(assignmentValue(word, name), ctx)]);
    }
    const fields: string[] = [];
    for (const word of command.words.slice(index)) fields.push(...(await expandWord(word, ctx)));
    const redirected = await this.redirect(command.redirects, fds, ctx, command.line);
    if ("error" in redirected) {
      fds.err.write(redirected.error);
      return { outcome: { code: 1 }, used: fds };
    }
    if (fields.length === 0) {
      // Assignments to the shell itself (an `X=…` prefix of a command only reaches that command).
      for (const [k, v] of assignments) this.vars.set(k, v);
      return { outcome: { code: assignments.length > 0 ? this.status : 0 }, used: redirected };
    }
    const outcome = await this.invoke(fields, redirected, command.line, { user: this.setup.user, nohup: false, builtins: true });
    return { outcome, used: redirected };
  }

  /** Runs a command by name (a builtin when allowed, else a program). */
  private async invoke(argv: readonly string[], fds: Fds, line: number, how: { user: string; nohup: boolean; builtins: boolean }): Promise<Outcome> {
    const name = argv[0]!;
    const inv = this.invocation(argv, fds, line, how.user, how.nohup);
    const builtin = how.builtins && !name.includes("/") ? this.setup.commands.builtins.get(name) : undefined;
    if (builtin) return builtin(inv, this);
    const program = this.program(name);
    if (program) return program.run(inv);
    const complaint = name.includes("/") ? this.setup.dialect.noSuchFile(line, name) : this.setup.dialect.notFound(line, name);
    fds.err.write(complaint.message);
    return { code: complaint.code };
  }

  private invocation(argv: readonly string[], fds: Fds, line: number, user: string, nohup: boolean): Invocation {
    const io: Io = { out: (text) => fds.out.write(text), err: (text) => fds.err.write(text) };
    return {
      ...io,
      argv,
      user,
      loginUser: this.setup.loginUser,
      line,
      dialect: this.setup.dialect,
      host: this.setup.host,
      nohup,
      which: (name) => this.program(name)?.path,
      exec: (next, how) => {
        if (!this.program(next[0] ?? "")) return undefined;
        return this.invoke(next, fds, line, { user: how.user ?? user, nohup: how.nohup ?? nohup, builtins: false });
      },
      script: async (text, dialect, positional) => {
        const sub = new Shell({ ...this.setup, user, dialect, positional });
        // `exit` ends that shell, not this one.
        return { code: (await sub.runText(text, fds)).code };
      },
    };
  }

  private async redirect(redirects: readonly Redirect[], fds: Fds, ctx: ExpandContext, line: number): Promise<Fds | { error: string }> {
    let out = fds.out;
    let err = fds.err;
    for (const r of redirects) {
      const target = await expandString(r.target, ctx);
      const file = () => (target === "/dev/stdout" ? fds.out : target === "/dev/stderr" ? fds.err : discardSink());
      switch (r.op) {
        case ">":
        case ">>":
          if (r.fd === 1) out = file();
          else if (r.fd === 2) err = file();
          break;
        case "&>":
        case "&>>":
          out = err = file();
          break;
        case ">&":
          if (/^\d+$/.test(target)) {
            const source = target === "1" ? out : target === "2" ? err : undefined;
            if (!source) return { error: this.setup.dialect.builtin(line, target, "Bad file descriptor") };
            if (r.fd === 1) out = source;
            else if (r.fd === 2) err = source;
          } else if (target === "-") {
            if (r.fd === 1) out = discardSink();
            else if (r.fd === 2) err = discardSink();
          } else {
            out = err = file();
          }
          break;
        case "<":
          if (target !== "/dev/null") return { error: this.setup.dialect.builtin(line, target, "No such file or directory") };
          break;
        case "<&":
          break;
      }
    }
    return { out, err };
  }
}

/** A background job that still writes to a sink that holds keeps its reader waiting. */
function hold(fds: Fds, job: Promise<unknown>): void {
  for (const sink of new Set([fds.out, fds.err])) if (sink.holds) sink.pending.push(job);
}
