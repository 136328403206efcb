import type { JournalEvent } from "../runtime/journal/events.js";

type Sample = Extract<JournalEvent, { kind: "sample" }>;

/** A time series is one series name at one place: the same name in two datacenters is two series. */
export const seriesKey = (s: Sample): string => [s.series, s.dc, s.endpoint].filter((x) => x !== undefined).join(" · ");

export interface SeriesStats {
  readonly series: string;
  readonly unit: string;
  readonly dc?: string;
  readonly endpoint?: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** Count, min, max and mean of each series, in order of first appearance. */
export function seriesStats(samples: readonly Sample[]): SeriesStats[] {
  const acc = new Map<string, { first: Sample; count: number; min: number; max: number; sum: number }>();
  for (const s of samples) {
    const key = `${seriesKey(s)}\u0000${s.unit}`;
    const a = acc.get(key);
    if (a === undefined) acc.set(key, { first: s, count: 1, min: s.value, max: s.value, sum: s.value });
    else {
      a.count++;
      a.min = Math.min(a.min, s.value);
      a.max = Math.max(a.max, s.value);
      a.sum += s.value;
    }
  }
  return [...acc.values()].map(({ first, count, min, max, sum }) => ({
    series: first.series,
    unit: first.unit,
    ...(first.dc !== undefined ? { dc: first.dc } : {}),
    ...(first.endpoint !== undefined ? { endpoint: first.endpoint } : {}),
    count,
    min,
    max,
    mean: Math.round((sum / count) * 1000) / 1000,
  }));
}
