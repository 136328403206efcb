/**
 * What the twin's failure switches (docs/twin.md, "Failure switches") change on one host, so
 * that `xdc preflight` can be shown failing each of its checks. Twin-only: a real host has no
 * such thing. A fresh host has every switch at its default: sudo allowed for everything, every
 * program and kernel module present, the clock right.
 */
export interface HostSwitches {
  /** `true`: `sudo -n` runs anything; `false`: nothing; a list: only these programs (by name). */
  readonly sudo: boolean | readonly string[];
  /** Programs (`stress-ng`, `tc`) and kernel modules (`sch_netem`) the host lacks. */
  readonly missing: readonly string[];
  /** How far the host's wall clock (`date`) runs ahead of the twin's; negative: behind. */
  readonly clockSkewMs: number;
  /** The SSH server refuses xdc's key (as after it was removed from authorized_keys). */
  readonly keyRevoked: boolean;
  /** The SSH server resets every new connection (as a host that is down or firewalled). */
  readonly unreachable: boolean;
}

export const DEFAULT_HOST_SWITCHES: HostSwitches = { sudo: true, missing: [], clockSkewMs: 0, keyRevoked: false, unreachable: false };

/** Whether sudo lets the login user run `program` (a name or a path) without a password. */
export function sudoAllows(s: HostSwitches, program: string): boolean {
  if (typeof s.sudo === "boolean") return s.sudo;
  const name = program.slice(program.lastIndexOf("/") + 1);
  return s.sudo.includes(name);
}

/** The kernel modules a twin host can load: the ones the faults' qdiscs and rules use. */
export const KERNEL_MODULES: readonly string[] = ["sch_netem", "sch_tbf", "xt_comment", "xt_statistic"];
