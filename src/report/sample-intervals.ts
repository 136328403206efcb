import type { JournalEvent } from "../runtime/journal/events.js";
import { seriesKey } from "./series.js";

type Sample = Extract<JournalEvent, { kind: "sample" }>;

/**
 * The interval each sample measures. A sample is stamped at the end of the interval it
 * describes (the throughput of the second before it), so it covers the time since the
 * previous sample of its series; drawn from its stamp onwards it would show tuples arriving a
 * second after they stopped. A series' first sample, and one after a gap (longer than 1.5
 * times the series' usual spacing: samples missed), cover one usual spacing before their stamp.
 */
export interface SampleInterval {
  readonly series: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly value: number;
  /** Consecutive samples share a segment; a gap starts a new one, so no line is drawn across it. */
  readonly segment: number;
}

/** One second: the spacing of the samples `xdc exec` writes, assumed for a series of one sample. */
const DEFAULT_SPACING_MS = 1000;

export function sampleIntervals(samples: readonly Sample[]): SampleInterval[] {
  const bySeries = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = seriesKey(s);
    bySeries.set(key, [...(bySeries.get(key) ?? []), s]);
  }
  const out: SampleInterval[] = [];
  let segment = 0;
  for (const [series, list] of bySeries) {
    const sorted = [...list].sort((a, b) => a.t - b.t);
    const spacing = median(sorted.slice(1).map((s, i) => s.t - sorted[i]!.t)) ?? DEFAULT_SPACING_MS;
    segment++;
    sorted.forEach((s, i) => {
      const prev = sorted[i - 1];
      const continues = prev !== undefined && s.t - prev.t <= spacing * 1.5;
      if (prev !== undefined && !continues) segment++;
      out.push({ series, fromMs: continues ? prev.t : s.t - spacing, toMs: s.t, value: s.value, segment });
    });
  }
  return out;
}

function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
