/**
 * tc's units, parsed and printed as iproute2 6.1 does (get_time, get_rate64, get_size,
 * parse_percent; sprint_time, tc_print_rate, sprint_size, %g percentages). Times are in
 * microseconds, rates in bytes per second, sizes in bytes.
 */

/** A leading decimal number as strtod reads it, and the rest of the text. */
function leadingNumber(text: string): { value: number; rest: string } | undefined {
  const m = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text);
  if (!m) return undefined;
  return { value: Number(m[0]), rest: text.slice(m[0].length) };
}

const TIME_SUFFIXES: Readonly<Record<string, number>> = {
  s: 1e6, sec: 1e6, secs: 1e6, ms: 1e3, msec: 1e3, msecs: 1e3, us: 1, usec: 1, usecs: 1, "": 1,
};

/** `100ms`, `1.5s`, `200us`, `100` (a bare number is microseconds). */
export function parseTime(text: string): number | undefined {
  const n = leadingNumber(text);
  if (!n || n.value < 0) return undefined;
  const scale = TIME_SUFFIXES[n.rest];
  return scale === undefined ? undefined : Math.round(n.value * scale);
}

const RATE_SUFFIXES: readonly (readonly [string, number])[] = [
  ["bit", 1], ["kibit", 1024], ["kbit", 1000], ["mibit", 1024 ** 2], ["mbit", 1e6], ["gibit", 1024 ** 3], ["gbit", 1e9],
  ["tibit", 1024 ** 4], ["tbit", 1e12], ["bps", 8], ["kibps", 8 * 1024], ["kbps", 8000], ["mibps", 8 * 1024 ** 2],
  ["mbps", 8e6], ["gibps", 8 * 1024 ** 3], ["gbps", 8e9], ["tibps", 8 * 1024 ** 4], ["tbps", 8e12],
];

/** `1mbit`, `100kbit`, `1000bps`, `12345` (a bare number is bits per second): bytes per second. */
export function parseRate(text: string): number | undefined {
  const n = leadingNumber(text);
  if (!n || n.value < 0) return undefined;
  const suffix = n.rest.toLowerCase();
  const scale = suffix === "" ? 1 : RATE_SUFFIXES.find(([s]) => s === suffix)?.[1];
  if (scale === undefined) return undefined;
  return Math.floor((n.value * scale) / 8);
}

const SIZE_SUFFIXES: Readonly<Record<string, number>> = {
  "": 1, b: 1, k: 1024, kb: 1024, kbit: 1024 / 8, m: 1024 ** 2, mb: 1024 ** 2, mbit: 1024 ** 2 / 8,
  g: 1024 ** 3, gb: 1024 ** 3, gbit: 1024 ** 3 / 8,
};

/** `1600`, `10kb`, `32kbit`, `1mb`: bytes (tc's k is 1024). */
export function parseSize(text: string): number | undefined {
  const n = leadingNumber(text);
  if (!n || n.value < 0) return undefined;
  const scale = SIZE_SUFFIXES[n.rest.toLowerCase()];
  return scale === undefined ? undefined : Math.floor(n.value * scale);
}

/** `5%` or `5`: a fraction in [0, 1]. */
export function parsePercent(text: string): number | undefined {
  const n = leadingNumber(text);
  if (!n || (n.rest !== "" && n.rest !== "%")) return undefined;
  const fraction = n.value / 100;
  return fraction < 0 || fraction > 1 ? undefined : fraction;
}

/** C's `%.{precision}g`. */
export function formatG(x: number, precision: number): string {
  if (x === 0) return "0";
  const [mantissa = "", exponentText = "0"] = x.toExponential(precision - 1).split("e");
  const exponent = Number(exponentText);
  const trim = (s: string) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (exponent < -4 || exponent >= precision) {
    const sign = exponent < 0 ? "-" : "+";
    return `${trim(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return trim(x.toFixed(Math.max(0, precision - 1 - exponent)));
}

/** sprint_time: `400ms`, `1.23s`, `496us`. */
export function formatTime(us: number): string {
  if (us >= 1e6) return `${formatG(us / 1e6, 3)}s`;
  if (us >= 1e3) return `${formatG(us / 1e3, 3)}ms`;
  return `${Math.round(us)}us`;
}

const RATE_UNITS = ["", "K", "M", "G", "T"];

/** tc_print_rate: `1Mbit`, `1500Kbit`, `12344bit`. */
export function formatRate(bytesPerSecond: number): string {
  let rate = Math.floor(bytesPerSecond) * 8;
  let i = 0;
  for (; i < RATE_UNITS.length - 1; i++) {
    if (rate < 1000) break;
    if (rate % 1000 !== 0 && rate < 1000 * 1000) break;
    rate = Math.floor(rate / 1000);
  }
  return `${rate}${RATE_UNITS[i]}bit`;
}

/** sprint_size: `4Kb`, `5Mb`, `1600b`. */
export function formatSize(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib && Math.abs(mib * Math.round(bytes / mib) - bytes) < 1024) return `${formatG(Math.round(bytes / mib), 6)}Mb`;
  if (bytes >= 1024 && Math.abs(1024 * Math.round(bytes / 1024) - bytes) < 16) return `${formatG(Math.round(bytes / 1024), 6)}Kb`;
  return `${bytes}b`;
}

/** netem's percentages: `5%`, `1.5%`. */
export const formatPercent = (fraction: number): string => `${formatG(fraction * 100, 6)}%`;
