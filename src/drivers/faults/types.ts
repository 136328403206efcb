import type { TlsOptions } from "../http/tls.js";
import type { SshTarget } from "../ssh/types.js";

/**
 * A fault as data: the exact commands that apply it, check it, undo it and check the undo.
 * Builders (drivers/network, process, resource, api-faults) make these from a fault and its
 * targets without any I/O; the runtime writes the plan to the ledger before running a single
 * command of it, so an undo is on disk before there is anything to undo.
 */

/** A host a fault acts on, as the environment describes it. */
export interface FaultHost {
  /** How xdc reaches it; `ssh.name` is the host's name in plans and messages. */
  readonly ssh: SshTarget;
  /** Its address as the other datacenters' hosts see it (what their rules name). */
  readonly address: string;
  /** Run privileged commands through `sudo -n` (false when logging in as root). */
  readonly sudo: boolean;
  /** The interface that carries its traffic to other datacenters, for tc. */
  readonly device: string;
}

/**
 * How to reach a datacenter's REST API without holding its password: the ledger keeps this,
 * and `xdc recover` reads the password from the environment variable it names, as the
 * environment description's `secret("…")` does.
 */
export interface ApiEndpoint {
  readonly url: string;
  readonly instanceId?: string;
  readonly user: string;
  /** The name of the environment variable that holds the password, never the password. */
  readonly passwordEnv: string;
  /** Paths and the insecure switch, never key material: the ledger keeps this for `xdc recover`. */
  readonly tls?: TlsOptions;
}

/** A REST call the API faults make, by the datacenter whose instance it goes to. */
export type ApiCall =
  | { readonly op: "cancelJob"; readonly jobId: string }
  /**
   * Submits a job again as it was submitted: the bundle file on xdc's machine, the job's name,
   * its submission parameters. Nothing to do when a job of that name already runs.
   */
  | { readonly op: "submitJob"; readonly bundle: string; readonly jobName: string; readonly parameters: Readonly<Record<string, string>> }
  /** The status of the job of that name, or `absent`. */
  | { readonly op: "jobNamed"; readonly jobName: string }
  | { readonly op: "stopPe"; readonly peId: string }
  | { readonly op: "restartPe"; readonly peId: string }
  | { readonly op: "stopInstance" }
  | { readonly op: "startInstance" }
  | { readonly op: "jobStatus"; readonly jobId: string }
  | { readonly op: "peStatus"; readonly peId: string }
  | { readonly op: "instanceStatus" };

/** One step: a command line on a host (already quoted), or a REST call to a datacenter. */
export type Action =
  | { readonly via: "ssh"; readonly host: string; readonly line: string }
  | { readonly via: "api"; readonly dc: string; readonly call: ApiCall };

/**
 * What a probe must show. Probes print one line per thing (a rule, a process, a status), so
 * an expectation counts the lines matching a pattern; the probe's exit status must be one of
 * `exit`, so a failed listing (say, sudo asking for a password) never reads as "nothing left".
 */
export interface Expectation {
  readonly exit: readonly number[];
  /** A JavaScript regular expression, tested against each line of the output. */
  readonly pattern: string;
  readonly min: number;
  readonly max: number;
}

export interface Check {
  /** What holds when the check passes, for reports: `dc1-a lists 8 rules tagged xdc.r1.f1`. */
  readonly what: string;
  readonly probe: Action;
  readonly expect: Expectation;
}

/**
 * A fault's kind: the name of the builtin it comes from. The registry (src/builtins, entries
 * with `fault`) is the one list of them; `FAULT_NAMES` there is what the ledger accepts.
 */
export type FaultKind = string;

export interface FaultPlan {
  /** Unique within the run (`f3`); with the run id it names the fault on every host (the tag). */
  readonly id: string;
  readonly run: string;
  readonly kind: FaultKind;
  /** One line for people: `partition dc1 <-> dc2 on dc1-a, dc1-b, dc1-c`. */
  readonly summary: string;
  /** Every host a step names, and how to reach it: `xdc recover` needs nothing else. */
  readonly hosts: Readonly<Record<string, SshTarget>>;
  /** Every datacenter an API step names, and how to reach its REST API (API faults only). */
  readonly apis?: Readonly<Record<string, ApiEndpoint>>;
  /** Steps run in order per host (or per datacenter for API calls); hosts run in parallel. */
  readonly apply: readonly Action[];
  readonly verify: readonly Check[];
  /** Empty when nothing can be undone (a killed process is gone; Streams restarts it). */
  readonly undo: readonly Action[];
  readonly verifyUndone: readonly Check[];
}

/** Fault and run ids appear in tags on hosts and in file names: keep them to these characters. */
export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/;

/** The tag that marks a fault's rules on every host: `xdc.RUN.FAULT`. */
export const faultTag = (run: string, id: string): string => `xdc.${run}.${id}`;
