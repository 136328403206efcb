import { KERNEL_MODULES } from "../switches.js";
import { complain, type Invocation, type Outcome } from "../shell/command.js";

const KERNEL = "6.1.0-13-amd64";
const two = (n: number) => String(n).padStart(2, "0");
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The conversions of `date +FORMAT` the twin knows, in UTC (the twin's hosts run in UTC). */
const FIELDS: Readonly<Record<string, (ms: number, d: Date) => string>> = {
  s: (ms) => String(Math.floor(ms / 1000)),
  N: (ms) => String(Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6)).padStart(9, "0"),
  Y: (_, d) => String(d.getUTCFullYear()),
  m: (_, d) => two(d.getUTCMonth() + 1),
  d: (_, d) => two(d.getUTCDate()),
  H: (_, d) => two(d.getUTCHours()),
  M: (_, d) => two(d.getUTCMinutes()),
  S: (_, d) => two(d.getUTCSeconds()),
  Z: () => "UTC",
  z: () => "+0000",
  "%": () => "%",
};

/**
 * coreutils `date [-u] [+FORMAT]`: the host's wall clock, which the failure switch
 * `clockSkewMs` moves away from the twin's own (docs/twin.md). Setting the clock is refused.
 */
export function date(inv: Invocation): Outcome {
  const ms = inv.host.wallNow();
  const d = new Date(ms);
  let format: string | undefined;
  for (const arg of inv.argv.slice(1)) {
    if (arg === "-u" || arg === "--utc" || arg === "--universal") continue;
    if (arg.startsWith("+") && format === undefined) format = arg.slice(1);
    else if (arg.startsWith("-")) return complain(inv, `date: invalid option -- '${arg.replace(/^-+/, "")}'\nTry 'date --help' for more information.\n`, 1);
    else return complain(inv, "date: cannot set date: Operation not permitted\n", 1);
  }
  if (format === undefined) {
    inv.out(`${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`);
    return { code: 0 };
  }
  inv.out(`${format.replace(/%(.)/g, (all, c: string) => FIELDS[c]?.(ms, d) ?? all)}\n`);
  return { code: 0 };
}

/**
 * kmod `modprobe [-n] [-q] [-v] MODULE`: the modules the faults need are there (and count as
 * loaded) unless the failure switch `missing` names them. `-n` only says whether it could load.
 */
export function modprobe(inv: Invocation): Outcome {
  const flags = new Set<string>();
  const names: string[] = [];
  for (const arg of inv.argv.slice(1)) {
    if (arg === "--dry-run" || arg === "--show") flags.add("n");
    else if (arg === "--quiet") flags.add("q");
    else if (arg === "--verbose") flags.add("v");
    else if (/^-[nqv]+$/.test(arg)) for (const c of arg.slice(1)) flags.add(c);
    else if (arg.startsWith("-")) return complain(inv, `modprobe: unrecognized option '${arg}'\n`, 1);
    else names.push(arg);
  }
  const name = names[0];
  if (name === undefined) return complain(inv, "modprobe: ERROR: missing parameters. See -h.\n", 1);
  if (!KERNEL_MODULES.includes(name) || inv.host.switches.missing.includes(name)) {
    return flags.has("q") ? { code: 1 } : complain(inv, `modprobe: FATAL: Module ${name} not found in directory /lib/modules/${KERNEL}\n`, 1);
  }
  if (!flags.has("n") && inv.user !== "root") return complain(inv, `modprobe: ERROR: could not insert '${name}': Operation not permitted\n`, 1);
  if (flags.has("v")) inv.out(`insmod /lib/modules/${KERNEL}/kernel/net/${name.startsWith("sch_") ? "sched" : "netfilter"}/${name}.ko\n`);
  return { code: 0 };
}
