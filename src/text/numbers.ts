/**
 * Numbers as a person reads them, the one place every report and terminal line formats a
 * figure: durations in a fitting unit with three significant digits (`698 ms`, `1.23 s`,
 * `2.5 min`), percentages with two decimals (`5.48%`), counts with thousands separators
 * (`12,345`), rates and plain measurements with three significant digits (`149/s`). Raw
 * values stay raw in the journal and summary.json; this is only for text people read.
 * The charts format with d3-format (which Vega ships) to the same rules: `CHART_FORMAT`.
 */

const LOCALE = "en-US";
const significant = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 3 });
const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Duration units from the smallest up; a duration takes the largest one it fills at least once. */
const DURATION_UNITS: readonly (readonly [string, number])[] = [
  ["µs", 0.001],
  ["ms", 1],
  ["s", 1_000],
  ["min", 60_000],
  ["h", 3_600_000],
];

/** Three significant digits, no exponent, separators above 999 (`1,230`). */
export const formatSignificant = (x: number): string => (Number.isFinite(x) ? significant.format(x) : String(x));

/** A whole count with separators: `12,345`. */
export const formatCount = (n: number): string => (Number.isFinite(n) ? count.format(n) : String(n));

/** A percentage as written (5.48 is 5.48%), two decimals: `5.48%`, `0.10%`. */
export const formatPercent = (percent: number): string => (Number.isFinite(percent) ? `${twoDecimals.format(percent)}%` : String(percent));

/** The share `part` of `whole` as a percentage, or `-` when there is no whole. */
export const formatShare = (part: number, whole: number): string => (whole === 0 ? "-" : formatPercent((part * 100) / whole));

/**
 * Milliseconds in the largest unit they fill at least once, three significant digits:
 * `0 ms`, `850 µs`, `698 ms`, `1.23 s`, `45 s`, `2.5 min`. Rounding that reaches the next
 * unit moves to it (999.7 ms is `1 s`, not `1,000 ms`).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return "0 ms";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  let chosen = DURATION_UNITS[0]!;
  for (const unit of DURATION_UNITS) if (roundSignificant(abs / unit[1]) >= 1) chosen = unit;
  return `${sign}${formatSignificant(abs / chosen[1])} ${chosen[0]}`;
}

/** Seconds since a scenario began, for timelines and event lists: up to four significant digits, whole seconds above 1000. */
export function formatOffsetSeconds(ms: number): string {
  const s = ms / 1000;
  return Math.abs(s) >= 1000 ? count.format(s) : new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 4, useGrouping: false }).format(s);
}

/** A measured value with its unit as the journal keeps it (`ms`, `/s`, `tuples/s`, `%`, `B`, `tuples`, or none). */
export function formatMeasure(value: number, unit: string): string {
  const format = UNIT_FORMAT[unit];
  if (format !== undefined) return format(value);
  return unit === "" ? formatSignificant(value) : `${formatSignificant(value)} ${unit}`;
}

const BYTE_UNITS: readonly (readonly [string, number])[] = [
  ["B", 1],
  ["KB", 1024],
  ["MB", 1024 ** 2],
  ["GB", 1024 ** 3],
  ["TB", 1024 ** 4],
];

/** Bytes in the largest binary unit they fill, three significant digits: `1.5 KB`, `64 MB`. */
export function formatBytes(bytes: number): string {
  let chosen = BYTE_UNITS[0]!;
  for (const unit of BYTE_UNITS) if (Math.abs(bytes) / unit[1] >= 1) chosen = unit;
  return `${formatSignificant(bytes / chosen[1])} ${chosen[0]}`;
}

const UNIT_FORMAT: Readonly<Record<string, (v: number) => string>> = {
  ms: formatDuration,
  "%": formatPercent,
  B: formatBytes,
  tuples: (n) => `${formatCount(n)} tuples`,
  "/s": (v) => `${formatSignificant(v)}/s`,
  "tuples/s": (v) => `${formatSignificant(v)} tuples/s`,
};

const roundSignificant = (x: number): number => Number(x.toPrecision(3));

/**
 * d3-format specifiers for the charts, to the same rules: values with three significant
 * digits and separators (no exponent), seconds on the time axis with up to four.
 */
export const CHART_FORMAT = { value: ",.3~r", seconds: ",.4~r", count: ",d" } as const;
