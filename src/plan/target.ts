import type { FaultHost } from "../drivers/faults/types.js";
import { err, ok, type Result } from "../drivers/result.js";
import type { EnvironmentInfo } from "../language/program.js";
import { faultHostOf } from "../runtime/live/environment.js";

/**
 * Where a planned scenario would run, as `xdc exec` would resolve it: the `--env` file's
 * environment, the twin's layout for `environment: sim`, or the scenario's own environment.
 */
export interface PlanTarget {
  readonly environment: EnvironmentInfo;
  /** The SSH user of a host whose `ssh:` names none; exec uses `streams` for `--env` files, `root` otherwise. */
  readonly sshUser: string;
  /** The twin takes free ports when it starts, so its hosts' SSH ports are known only live. */
  readonly sshPortsKnownOnlyLive: boolean;
}

/** A datacenter's hosts as the fault builders take them, the same way a live run reads them. */
export function faultHosts(target: PlanTarget, dc: string): Result<FaultHost[], string> {
  const found = target.environment.dcs.find((d) => d.name === dc);
  if (!found) return err(`the environment has no datacenter ${dc}`);
  if (found.hosts.length === 0) return err(`the environment lists no hosts for ${dc}: faults on the network and on processes need them`);
  const hosts: FaultHost[] = [];
  for (const h of found.hosts) {
    const host = faultHostOf(h, target.sshUser);
    if (!host.ok) return host;
    hosts.push(host.value);
  }
  return ok(hosts);
}

/**
 * The target `xdc exec` would pick for a scenario: the `--env` file's environment if given,
 * the twin (laid out by `twin`) for `environment: sim`, or else the scenario's own environment.
 */
export function targetFor(scenario: { readonly environment: EnvironmentInfo }, choice: { readonly envFile?: EnvironmentInfo; readonly twin: (sim: EnvironmentInfo) => EnvironmentInfo }): PlanTarget {
  if (choice.envFile) return { environment: choice.envFile, sshUser: "streams", sshPortsKnownOnlyLive: false };
  if (scenario.environment.name === "sim") return { environment: choice.twin(scenario.environment), sshUser: "streams", sshPortsKnownOnlyLive: true };
  return { environment: scenario.environment, sshUser: "root", sshPortsKnownOnlyLive: false };
}
