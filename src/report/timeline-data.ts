import type { JournalEvent } from "../runtime/journal/events.js";
import type { ScenarioReport } from "./model.js";
import { formatDuration } from "../text/numbers.js";
import { sampleIntervals } from "./sample-intervals.js";

/**
 * The rows the timeline charts draw, in seconds since the scenario started. Kept apart from
 * the chart specification so that what is drawn can be tested without a browser.
 */
export interface TimelineData {
  readonly durationS: number;
  readonly faults: readonly { lane: string; fault: string; what: string; from: number; to: number; status: string }[];
  /** Each fault once, shaded across every chart (as Jepsen does). */
  readonly faultBands: readonly { fault: string; what: string; from: number; to: number }[];
  /** Intervals with two datacenters active at once, marked across every chart. */
  readonly splitBrain: readonly { from: number; to: number; dcs: string; label: string }[];
  /** Labelled instants: the scenario's `log(…)` lines and each fault's parameters where it began. */
  readonly notes: readonly { t: number; label: string; kind: "log" | "fault" }[];
  readonly roles: readonly { dc: string; role: string; from: number; to: number; signals: string }[];
  /** One chart per unit, throughput and latency first. */
  readonly series: readonly { unit: string; title: string; points: SeriesPoint[] }[];
  /** One chart per series the scenario sampled, by name, with the limit of each `throughout` check on it. */
  readonly panels: readonly SeriesPanel[];
  readonly loss: readonly { kind: "lost" | "duplicated"; from: number; to: number; count: number }[];
  readonly markers: readonly { label: string; t: number }[];
  readonly rto?: { readonly from: number; readonly to: number; readonly label: string };
  readonly rpo?: { readonly from: number; readonly to: number; readonly label: string };
}

/** A sample drawn over the interval it measures, from `from` to `t` (its stamp); see sample-intervals.ts. */
export interface SeriesPoint {
  readonly from: number;
  readonly t: number;
  readonly value: number;
  readonly series: string;
  readonly segment: number;
}

export interface SeriesPanel {
  readonly series: string;
  readonly unit: string;
  readonly title: string;
  readonly points: readonly { t: number; value: number }[];
  readonly limits: readonly { value: number; label: string; verdict: string }[];
}

/** Chart titles and order for the units xdc knows; any other unit gets a chart of its own after these. */
const UNIT_CHARTS: readonly { unit: string; title: string }[] = [
  { unit: "tuples/s", title: "Throughput (tuples/s)" },
  { unit: "ms", title: "Latency (ms)" },
];
/** Samples counting tuples per interval go to the loss chart, not a series chart. */
const LOSS_SERIES: Readonly<Record<string, "lost" | "duplicated">> = { lost: "lost", duplicates: "duplicated", duplicated: "duplicated" };

type Sample = Extract<JournalEvent, { kind: "sample" }>;

export function timelineData(s: ScenarioReport): TimelineData {
  const sec = (t: number) => round((t - s.startMs) / 1000);
  const faults = s.faults.flatMap((f) => faultLanes(f.hosts, f.dcs).map((lane) => ({ lane, fault: f.fault, what: f.what, from: sec(f.fromMs), to: sec(f.toMs), status: f.status })));
  const faultBands = s.faults.map((f) => ({ fault: f.fault, what: f.what, from: sec(f.fromMs), to: sec(f.toMs) }));
  const splitBrain = s.splitBrain.map((b) => ({ from: sec(b.fromMs), to: sec(b.toMs), dcs: b.dcs.join(" + "), label: `split brain: ${b.dcs.join(" and ")} active (${formatDuration(b.toMs - b.fromMs)})` }));
  const notes = [
    ...s.faults.map((f) => ({ t: sec(f.fromMs), label: f.summary ?? f.what, kind: "fault" as const })),
    ...s.logs.map((l) => ({ t: sec(l.t), label: l.message, kind: "log" as const })),
  ].sort((a, b) => a.t - b.t);
  const roles = s.roles.map((r) => ({ dc: r.dc, role: r.role, from: sec(r.fromMs), to: sec(r.toMs), signals: r.signals.join(", ") }));
  const lossSamples = s.samples.filter((x) => x.unit === "tuples" && Object.hasOwn(LOSS_SERIES, x.series));
  const isLoss = new Set(lossSamples);
  const plotted = s.samples.filter((x) => !isLoss.has(x));
  const units = [...new Set(plotted.map((x) => x.unit))].sort((a, b) => unitRank(a) - unitRank(b));
  const series = units.map((unit) => ({
    unit,
    title: UNIT_CHARTS.find((c) => c.unit === unit)?.title ?? unit,
    points: sampleIntervals(plotted.filter((x) => x.unit === unit)).map((p) => ({ from: sec(p.fromMs), t: sec(p.toMs), value: p.value, series: p.series, segment: p.segment })),
  }));
  const loss = [
    ...s.data.flatMap((d) =>
      d.lostRanges.flatMap((r) => (r.sentFromMs === undefined || r.sentToMs === undefined ? [] : [{ kind: "lost" as const, from: sec(r.sentFromMs), to: sec(r.sentToMs), count: r.to - r.from + 1 }])),
    ),
    ...lossBars(lossSamples, sec),
  ];
  const markers = s.failovers.flatMap((f) => [
    ...(f.faultAtMs !== undefined ? [{ label: "fault", t: sec(f.faultAtMs) }] : []),
    { label: "detected", t: sec(f.detectedAtMs) },
    { label: "takeover", t: sec(f.takeoverAtMs) },
    ...(f.firstTupleAtMs !== undefined ? [{ label: "first tuple", t: sec(f.firstTupleAtMs) }] : []),
  ]);
  const fo = s.failovers[0];
  const rtoMs = fo?.rtoMs ?? s.figures.rtoMs;
  const origin = fo === undefined ? undefined : (fo.faultAtMs ?? fo.detectedAtMs);
  const rpoMs = s.figures.rpoMs ?? s.data.find((d) => d.rpoMs !== undefined)?.rpoMs;
  return {
    durationS: Math.max(sec(s.endMs), 1),
    faults,
    faultBands,
    splitBrain,
    notes,
    roles,
    series,
    panels: panels(s, sec),
    loss,
    markers,
    ...(origin !== undefined && rtoMs !== undefined ? { rto: { from: sec(origin), to: sec(origin + rtoMs), label: `RTO ${formatDuration(rtoMs)}` } } : {}),
    ...(origin !== undefined && rpoMs !== undefined ? { rpo: { from: sec(origin - rpoMs), to: sec(origin), label: `RPO ${formatDuration(rpoMs)}` } } : {}),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const unitRank = (unit: string) => {
  const i = UNIT_CHARTS.findIndex((c) => c.unit === unit);
  return i === -1 ? UNIT_CHARTS.length : i;
};

/** The series of `sample` in order of first reading; a name declared twice (in `steady`, run twice) is one panel. */
function panels(s: ScenarioReport, sec: (t: number) => number): SeriesPanel[] {
  const byName = new Map<string, { unit: string; points: { t: number; value: number }[] }>();
  for (const x of s.sampled) {
    const p = byName.get(x.series) ?? { unit: x.unit, points: [] };
    byName.set(x.series, p);
    p.points.push({ t: sec(x.t), value: x.value });
  }
  return [...byName].map(([series, { unit, points }]) => ({
    series,
    unit,
    title: `${series}${unit !== "" ? ` (${unit})` : ""}`,
    points,
    limits: s.expectations.flatMap((e) => (e.series === series && e.limit !== undefined ? [{ value: e.limit, label: e.expected, verdict: e.verdict }] : [])),
  }));
}

/** A fault on hosts is drawn on each host's lane (one lane per host, whichever fault hit it); one on datacenters on each datacenter's lane. */
function faultLanes(hosts: readonly string[], dcs: readonly string[]): string[] {
  if (hosts.length > 0) return [...hosts];
  return dcs.length > 0 ? [...dcs] : ["(all)"];
}

/** A count sample covers the time until the next sample of its series (one second at the end). */
function lossBars(samples: readonly Sample[], sec: (t: number) => number) {
  return samples.map((x, i) => {
    const next = samples.slice(i + 1, i + 50).find((n) => n.series === x.series);
    const toMs = next !== undefined && next.t - x.t <= 10_000 ? next.t : x.t + 1000;
    return { kind: LOSS_SERIES[x.series]!, from: sec(x.t), to: sec(toMs), count: x.value };
  });
}
