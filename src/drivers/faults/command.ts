import { commandLine } from "../ssh/quote.js";
import type { SshTarget } from "../ssh/types.js";
import type { Action, Check, Expectation, FaultHost, FaultKind, FaultPlan } from "./types.js";

/** A command line that runs `argv` with root's rights on `host`. */
export const privileged = (host: FaultHost, argv: readonly string[]): string => commandLine(host.sudo ? ["sudo", "-n", ...argv] : argv);

/** Several command lines as one, run in order; `&&` stops at the first failure, `;` goes on. */
export const chain = (lines: readonly string[], joiner: "&&" | ";"): string => lines.join(` ${joiner} `);

export const onHost = (host: FaultHost, line: string): Action => ({ via: "ssh", host: host.ssh.name, line });

export const check = (what: string, host: FaultHost, line: string, expect: Expectation): Check => ({ what, probe: onHost(host, line), expect });

/** The plan's host table: every host a step names, by name. */
export const hostTable = (hosts: readonly FaultHost[]): Record<string, SshTarget> => Object.fromEntries(hosts.map((h) => [h.ssh.name, h.ssh]));

/** Escapes text for use inside a regular expression (JavaScript's, and the ERE of pgrep). */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What a fault does on one host: one step each way, one check each way. */
export interface HostSteps {
  readonly apply: Action;
  readonly undo: Action;
  readonly verify: Check;
  readonly verifyUndone: Check;
}

/** A plan that does the same on each of `hosts`, summarised as `VERB LABEL on h1, h2`. */
export function perHostPlan(
  meta: { readonly run: string; readonly id: string; readonly kind: FaultKind; readonly verb: string; readonly label: string },
  hosts: readonly FaultHost[],
  stepsFor: (host: FaultHost) => HostSteps,
): FaultPlan {
  const steps = hosts.map(stepsFor);
  return {
    id: meta.id,
    run: meta.run,
    kind: meta.kind,
    summary: `${meta.verb} ${meta.label} on ${hosts.map((h) => h.ssh.name).join(", ")}`,
    hosts: hostTable(hosts),
    apply: steps.map((s) => s.apply),
    verify: steps.map((s) => s.verify),
    undo: steps.map((s) => s.undo),
    verifyUndone: steps.map((s) => s.verifyUndone),
  };
}
