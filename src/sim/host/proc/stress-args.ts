/**
 * stress-ng 0.15's command line, for the stressors the twin simulates: --cpu (with --cpu-load),
 * --vm (with --vm-bytes), --hdd (with --hdd-bytes) and --timeout. A run without a timeout would
 * last a day in stress-ng; the twin refuses it so that no fault can outlive a test.
 */
export interface StressPlan {
  readonly cpu: number;
  /** Percent of a CPU each cpu worker uses. */
  readonly cpuLoad: number;
  readonly vm: number;
  /** Bytes each vm worker holds. */
  readonly vmBytes: number;
  readonly hdd: number;
  /** Bytes each hdd worker writes. */
  readonly hddBytes: number;
  readonly timeoutMs: number;
  readonly quiet: boolean;
}

export type StressArgs = { readonly ok: true; readonly plan: StressPlan } | { readonly ok: false; readonly stderr: string; readonly code: number };

const MIB = 1024 * 1024;
const TRY = "Try 'stress-ng --help' for more information.\n";
const SIZE_UNITS: Readonly<Record<string, number>> = { "": 1, b: 1, k: 1024, m: MIB, g: 1024 * MIB, t: 1024 * 1024 * MIB };
const TIME_UNITS: Readonly<Record<string, number>> = { "": 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

type Option = "cpu" | "cpu-load" | "vm" | "vm-bytes" | "hdd" | "hdd-bytes" | "timeout" | "quiet" | "ignored-value" | "ignored-flag";
const OPTIONS: Readonly<Record<string, Option>> = {
  "--cpu": "cpu", "-c": "cpu", "--cpu-load": "cpu-load", "--vm": "vm", "-m": "vm", "--vm-bytes": "vm-bytes",
  "--hdd": "hdd", "-d": "hdd", "--hdd-bytes": "hdd-bytes", "--timeout": "timeout", "-t": "timeout",
  "--quiet": "quiet", "-q": "quiet", "--temp-path": "ignored-value", "--metrics": "ignored-flag",
  "--metrics-brief": "ignored-flag", "--times": "ignored-flag", "--verbose": "ignored-flag", "-v": "ignored-flag",
  "--timestamp": "ignored-flag", "--keep-name": "ignored-flag", "-k": "ignored-flag",
};
const FLAGS = new Set<Option>(["quiet", "ignored-flag"]);
/** Stressors stress-ng has that the twin does not simulate. */
const UNSIMULATED = new Set(["--io", "-i", "--sock", "--udp", "--fork", "-f", "--switch", "--matrix", "--cache", "--memcpy", "--stream", "--iomix", "--netdev", "--sched", "--all", "-a", "--class", "--sequential", "--random", "-r", "--vm-keep", "--vm-hang", "--vm-method", "--cpu-method", "--hdd-opts", "--hdd-write-size", "--taskset", "--cpu-load-slice"]);

function integer(text: string): number | string {
  if (!/^-?\d+$/.test(text)) return `Value ${text} contains non-numeric: '${text}'\n`;
  return Number(text);
}

/** A size in bytes: `256M`, `1g`, `4096`, or a percentage of `total`. */
function size(text: string, total: number): number | string {
  const m = /^(\d+(?:\.\d+)?)(.?)$/.exec(text);
  if (!m) return `Value ${text} contains non-numeric: '${text}'\n`;
  if (m[2] === "%") return Math.floor((total * Number(m[1])) / 100);
  const unit = SIZE_UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return `Illegal length specifier ${m[2]}\n`;
  return Math.floor(Number(m[1]) * unit);
}

function seconds(text: string): number | string {
  const m = /^(\d+)(.?)$/.exec(text);
  if (!m) return `Value ${text} contains non-numeric: '${text}'\n`;
  const unit = TIME_UNITS[m[2]!];
  if (unit === undefined) return `Illegal time specifier ${m[2]}\n`;
  return Number(m[1]) * unit;
}

/** Reads stress-ng's arguments for a host with `cores` CPUs, `memoryBytes` and `diskBytes`. */
export function parseStressArgs(args: readonly string[], cores: number, memoryBytes: number, diskBytes: number): StressArgs {
  const values: Partial<Record<Option, string>> = {};
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!;
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const name = eq < 0 ? raw : raw.slice(0, eq);
    if (UNSIMULATED.has(name)) return { ok: false, stderr: `stress-ng: ${name} is not simulated by the xdc twin (see docs/twin-commands.md)\n`, code: 1 };
    const option = OPTIONS[name];
    if (!option) {
      const text = name.startsWith("--") ? `stress-ng: unrecognized option '${name}'\n` : name.startsWith("-") ? `stress-ng: invalid option -- '${name.slice(1, 2)}'\n` : `stress-ng: unrecognized option '${name}'\n`;
      return { ok: false, stderr: text + TRY, code: 1 };
    }
    if (FLAGS.has(option)) {
      if (option === "quiet") quiet = true;
      continue;
    }
    const value = eq >= 0 ? raw.slice(eq + 1) : args[++i];
    if (value === undefined) return { ok: false, stderr: `stress-ng: option '${name}' requires an argument\n${TRY}`, code: 1 };
    values[option] = value;
  }
  const number = (option: Option, fallback: number): number | string => (values[option] === undefined ? fallback : integer(values[option]!));
  const cpuRaw = number("cpu", 0);
  const cpuLoad = number("cpu-load", 100);
  const vm = number("vm", 0);
  const hdd = number("hdd", 0);
  const vmBytesRaw = values["vm-bytes"] === undefined ? 256 * MIB : size(values["vm-bytes"], memoryBytes);
  const hddBytesRaw = values["hdd-bytes"] === undefined ? 1024 * MIB : size(values["hdd-bytes"], diskBytes);
  const timeout = values.timeout === undefined ? 0 : seconds(values.timeout);
  for (const v of [cpuRaw, cpuLoad, vm, hdd, vmBytesRaw, hddBytesRaw, timeout]) if (typeof v === "string") return { ok: false, stderr: v, code: 1 };
  const cpu = values.cpu === undefined ? 0 : (cpuRaw as number) <= 0 ? cores : (cpuRaw as number);
  const vmCount = Math.max(0, vm as number);
  // A percentage is shared by all vm (hdd) workers, an absolute size is per worker.
  const share = (text: string | undefined, bytes: number, count: number) => (text?.endsWith("%") && count > 0 ? Math.floor(bytes / count) : bytes);
  const plan: StressPlan = {
    cpu,
    cpuLoad: Math.min(100, Math.max(0, cpuLoad as number)),
    vm: vmCount,
    vmBytes: share(values["vm-bytes"], vmBytesRaw as number, vmCount),
    hdd: Math.max(0, hdd as number),
    hddBytes: share(values["hdd-bytes"], hddBytesRaw as number, Math.max(0, hdd as number)),
    timeoutMs: (timeout as number) * 1000,
    quiet,
  };
  return { ok: true, plan };
}

/** stress-ng's "setting to a 90 second (1 min, 30.00 secs) run per stressor". */
export function describeDuration(totalSeconds: number): string {
  if (totalSeconds < 60) return `${totalSeconds} second`;
  const parts: string[] = [];
  let rest = totalSeconds;
  for (const [unit, size] of [["day", 86400], ["hour", 3600], ["min", 60]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
  }
  parts.push(`${rest.toFixed(2)} secs`);
  return `${totalSeconds} second (${parts.join(", ")})`;
}

/** "dispatching hogs: 2 cpu, 1 vm". */
export function describeHogs(plan: StressPlan): string {
  return [["cpu", plan.cpu], ["vm", plan.vm], ["hdd", plan.hdd]]
    .filter(([, n]) => (n as number) > 0)
    .map(([name, n]) => `${n} ${name}`)
    .join(", ");
}
