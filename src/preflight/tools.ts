/**
 * What xdc asks of each program a fault runs on a host: how to read its version, the oldest
 * version that has every option the fault builders use, and the Debian package that brings it
 * (docs/faults.md, "What your hosts need"). A program without a `version` is only looked for.
 */
export interface ToolSpec {
  readonly package: string;
  readonly version?: { readonly command: string; readonly pattern: RegExp; readonly min: string; readonly why: string };
}

export const TOOLS: Readonly<Record<string, ToolSpec>> = {
  iptables: { package: "iptables", version: { command: "iptables --version", pattern: /v(\d+(?:\.\d+)+)/, min: "1.4.20", why: "`-w` (wait for the xtables lock)" } },
  tc: { package: "iproute2", version: { command: "tc -V", pattern: /iproute2-(\d+(?:\.\d+)+)/, min: "4.0.0", why: "netem `delay … distribution` and tbf `burst`" } },
  "stress-ng": { package: "stress-ng", version: { command: "stress-ng --version", pattern: /version (\d+(?:\.\d+)+)/, min: "0.09.0", why: "`--cpu-load`, `--vm-bytes` and `--hdd-bytes`" } },
  kill: { package: "procps" },
  ps: { package: "procps" },
  pgrep: { package: "procps" },
  pkill: { package: "procps" },
  nohup: { package: "coreutils" },
};

/** The package of a kernel module, where a minimal install leaves it out. */
export const MODULE_PACKAGES: Readonly<Record<string, string>> = {
  sch_netem: "linux-modules-extra-$(uname -r) (Ubuntu) or the kernel's own package (Debian)",
  sch_tbf: "the kernel's own package",
  xt_comment: "the kernel's own package",
  xt_statistic: "the kernel's own package",
};

/** Compares dotted versions numerically: `1.8.9` > `1.4.20`. */
export function versionAtLeast(found: string, min: string): boolean {
  const a = found.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
