import type { HostState } from "../host-state.js";
import type { Dialect } from "./dialect.js";

/** Where a command's output goes: the SSH channel, /dev/null, or a `$( … )` capture. */
export interface Sink {
  write(text: string): void;
  /**
   * Whether a reader waits until every writer is done, as an SSH channel (and a `$( … )`) does:
   * a background job that still holds such a sink keeps the session open.
   */
  readonly holds: boolean;
  /** Background jobs still writing here. */
  readonly pending: Promise<unknown>[];
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** A program that outlives its call (stress-ng, sleep): the shell waits for it unless it runs with `&`. */
export interface Job {
  readonly pid: number;
  readonly done: Promise<number>;
}

export interface Outcome {
  readonly code: number;
  readonly job?: Job;
  /** `exit`: the shell stops here. */
  readonly exit?: boolean;
}

/** One run of a program or builtin. */
export interface Invocation extends Io {
  /** argv[0] as it was typed (a name or a path). */
  readonly argv: readonly string[];
  /** Whom the program runs as (root under sudo). */
  readonly user: string;
  /** Who logged in, for the host's events. */
  readonly loginUser: string;
  readonly line: number;
  readonly dialect: Dialect;
  readonly host: HostState;
  /** Started under nohup: SIGHUP does not end it. */
  readonly nohup: boolean;
  /** Where the program `name` (a name or a path) is, as PATH finds it; undefined when there is none. */
  which(name: string): string | undefined;
  /** Runs another program (never a builtin) with this invocation's output, as sudo and nohup do; undefined when there is no such program. */
  exec(argv: readonly string[], how: { user?: string; nohup?: boolean }): Promise<Outcome> | undefined;
  /** Runs a script in a new shell with this invocation's output (`sh -c`, `bash -c`). */
  script(text: string, dialect: Dialect, positional: readonly string[]): Promise<Outcome>;
}

export type Program = (inv: Invocation) => Outcome | Promise<Outcome>;

/** Writes a complaint to stderr and returns its status. */
export const complain = (inv: Io, message: string, code: number): Outcome => {
  inv.err(message);
  return { code };
};
