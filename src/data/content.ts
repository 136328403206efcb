import type { Tuple } from "../drivers/exchange/types.js";
import type { TupleId } from "./records.js";
import type { AttributeType, Schema } from "./schema.js";

/**
 * Checks on what an application made of a workload's tuples (docs/data.md, "What the
 * application produced"): each output tuple that arrives at a sink is judged as it arrives,
 * against a condition of its own fields and, for relations, of the input tuple with the same
 * key. Nothing is kept per tuple but a bounded window of inputs; the counts are exact.
 */

/** A condition on one output tuple: why it fails (the values it read), or undefined when it holds. */
export type TupleJudge = (out: Tuple, id: TupleId, input: InputValues | undefined) => string | undefined;

/** What a judge keeps of each input tuple until its output arrives: some attributes, and running figures. */
export type InputValues = Readonly<Record<string, unknown>>;

/** Returned by a judge that needs the input tuple and no longer has it (past the window): not judged, never a pass. */
export const NO_INPUT = "\u0000no input";

export interface ContentFinding {
  /** The key stream (`k3`), or "" for a workload without keys. */
  readonly key: string;
  readonly seq: number;
  readonly why: string;
}

export interface ContentReport {
  /** Output tuples of the workload judged (each arrival once). */
  readonly judged: number;
  readonly failed: number;
  /** Arrivals that could not be judged: their input tuple had left the window. */
  readonly unjudged: number;
  /** The first failures, in arrival order. */
  readonly examples: readonly ContentFinding[];
  /** The keys with failures, most failures first, at most `listLimit`; `keysFailed` counts them all. */
  readonly keys: readonly { readonly key: string; readonly failed: number }[];
  readonly keysFailed: number;
}

const EXAMPLES = 10;
/** Keys counted one by one at most; failures of further keys are counted, not listed. */
const KEYS_TRACKED = 10_000;

/** Counts one check's verdicts on one workload at one sink. */
export class ContentTally {
  private judged = 0;
  private failed = 0;
  private unjudged = 0;
  private readonly examples: ContentFinding[] = [];
  private readonly perKey = new Map<string, number>();
  private keysUntracked = 0;

  constructor(private readonly judge: TupleJudge, private readonly listLimit = 20) {}

  observe(out: Tuple, id: TupleId, input: InputValues | undefined): void {
    const why = this.judge(out, id, input);
    if (why === undefined) {
      this.judged++;
      return;
    }
    if (why === NO_INPUT) {
      this.unjudged++;
      return;
    }
    this.judged++;
    this.failed++;
    if (this.examples.length < EXAMPLES) this.examples.push({ key: id.stream, seq: id.seq, why });
    const n = this.perKey.get(id.stream);
    if (n !== undefined) this.perKey.set(id.stream, n + 1);
    else if (this.perKey.size < KEYS_TRACKED) this.perKey.set(id.stream, 1);
    else this.keysUntracked++;
  }

  report(): ContentReport {
    const keys = [...this.perKey].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, this.listLimit).map(([key, failed]) => ({ key, failed }));
    return { judged: this.judged, failed: this.failed, unjudged: this.unjudged, examples: [...this.examples], keys, keysFailed: this.perKey.size + this.keysUntracked };
  }
}

/**
 * The inputs a workload sent, by tuple id, for the judges that relate an output to its input:
 * only the attributes they read, of the newest `perKey` tuples of each key stream. Each stream
 * is a ring indexed by sequence number with a column per attribute, so keeping an input
 * allocates nothing and hashes nothing (millions of tuples a minute, held past the young
 * generation). An older input has left the window (a judge then answers NO_INPUT). Replays and
 * duplicates find their input while it is held.
 */
export class InputWindow {
  private readonly rings = new Map<string, Ring>();
  private last: Ring | undefined;
  /** What `get` answers: one record, refilled by each call, read before the next. */
  private readonly view: Record<string, unknown> = {};

  private readonly copy: Copy;

  constructor(readonly attributes: readonly string[], private readonly perKey = 65_536) {
    this.copy = copier(attributes);
  }

  /** Keeps the attributes of `source` (the input tuple, or a record of what a judge needs of it). */
  put(id: TupleId, source: InputValues): void {
    let ring = this.ring(id.stream);
    if (!ring) this.rings.set(id.stream, (ring = new Ring(id.stream, this.attributes.length, this.perKey)));
    this.last = ring;
    ring.put(id.seq, this.copy, source);
  }

  /** The attributes kept of the input with this id, valid until the next call; undefined when it is not held. */
  get(id: TupleId): InputValues | undefined {
    const ring = this.ring(id.stream);
    return ring?.read(id.seq, this.copy, this.view) ? this.view : undefined;
  }

  private ring(stream: string): Ring | undefined {
    const last = this.last;
    if (last !== undefined && last.stream === stream) return last;
    const ring = this.rings.get(stream);
    if (ring) this.last = ring;
    return ring;
  }
}

/** Copies the window's attributes between a record and the columns of a ring. */
interface Copy {
  keep(source: InputValues, columns: unknown[][], at: number): void;
  give(columns: unknown[][], at: number, into: Record<string, unknown>): void;
}

/**
 * Generated per attribute list so that each attribute is a named property access the engine
 * keeps monomorphic (a loop over the names made every access a generic lookup: half the cost of
 * a content check). Names are quoted with JSON.stringify.
 */
function copier(attributes: readonly string[]): Copy {
  const name = (a: string) => JSON.stringify(a);
  const keep = attributes.map((a, j) => `c[${j}][at] = s[${name(a)}];`).join(" ");
  const give = attributes.map((a, j) => `o[${name(a)}] = c[${j}][at];`).join(" ");
  return {
    keep: new Function("s", "c", "at", `"use strict"; ${keep}`) as Copy["keep"],
    give: new Function("c", "at", "o", `"use strict"; ${give}`) as Copy["give"],
  };
}

/** The newest inputs of one stream by sequence number, growing by doubling up to `max` slots. */
class Ring {
  private seqs = new Float64Array(64).fill(-1);
  private columns: unknown[][];

  constructor(readonly stream: string, width: number, private readonly max: number) {
    this.columns = Array.from({ length: width }, () => new Array<unknown>(64));
  }

  put(seq: number, copy: Copy, source: InputValues): void {
    let at = seq % this.seqs.length;
    // Another seq holds the slot: grow rather than evict it, up to the window.
    while (this.seqs[at]! >= 0 && this.seqs[at] !== seq && this.seqs.length < this.max) {
      this.grow();
      at = seq % this.seqs.length;
    }
    this.seqs[at] = seq;
    copy.keep(source, this.columns, at);
  }

  read(seq: number, copy: Copy, into: Record<string, unknown>): boolean {
    const at = seq % this.seqs.length;
    if (this.seqs[at] !== seq) return false;
    copy.give(this.columns, at, into);
    return true;
  }

  private grow(): void {
    const seqs = this.seqs;
    const columns = this.columns;
    const size = seqs.length * 2;
    this.seqs = new Float64Array(size).fill(-1);
    this.columns = columns.map(() => new Array<unknown>(size));
    for (let i = 0; i < seqs.length; i++) {
      const s = seqs[i]!;
      if (s < 0) continue;
      this.seqs[s % size] = s;
      for (let j = 0; j < columns.length; j++) this.columns[j]![s % size] = columns[j]![i];
    }
  }
}

// ── the output schema ────────────────────────────────────────────────────────

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

const describe = (v: unknown) => (v === undefined ? "missing" : v === null ? "null" : typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : typeof v === "object" ? (Array.isArray(v) ? "a list" : "a record") : String(v));

/** Why a value is not of an SPL type as the Data Exchange carries it (JSON), or undefined. */
function typeProblem(type: AttributeType, v: unknown, path: string): string | undefined {
  switch (type.kind) {
    case "enum":
      return typeof v === "string" && type.values.includes(v) ? undefined : `${path} is ${describe(v)}, not one of ${type.values.join(", ")}`;
    case "record": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return `${path} is ${describe(v)}, not a record`;
      return schemaProblem(type.fields, v as Tuple, `${path}.`);
    }
    case "scalar": {
      const n = type.name;
      const range = INTEGER_RANGES[n];
      if (range) return typeof v === "number" && Number.isInteger(v) && v >= range[0] && v <= range[1] ? undefined : `${path} is ${describe(v)}, not ${n}`;
      if (n === "float32" || n === "float64") return typeof v === "number" && Number.isFinite(v) ? undefined : `${path} is ${describe(v)}, not ${n}`;
      if (n === "rstring") return typeof v === "string" ? undefined : `${path} is ${describe(v)}, not rstring`;
      if (n === "boolean") return typeof v === "boolean" ? undefined : `${path} is ${describe(v)}, not boolean`;
      // timestamp: ms, or a date string
      return typeof v === "number" || (typeof v === "string" && !Number.isNaN(Date.parse(v))) ? undefined : `${path} is ${describe(v)}, not a timestamp`;
    }
  }
}

/** Why a tuple does not have the attributes of a schema with their types (the first problem), or undefined. */
export function schemaProblem(schema: Schema, tuple: Tuple, prefix = ""): string | undefined {
  for (const a of schema) {
    const p = typeProblem(a.type, tuple[a.name], `${prefix}${a.name}`);
    if (p !== undefined) return p;
  }
  return undefined;
}

export const schemaJudge = (schema: Schema): TupleJudge => (out) => schemaProblem(schema, out);

// ── a keyed aggregate across a failover ──────────────────────────────────────

/** The running figure a keyed aggregate is held against, per key, computed as the workload sends: a count (`of` empty) or a sum. */
export function runningFigure(of: string): (input: Tuple, id: TupleId) => number {
  if (of === "") return (_input, id) => id.seq + 1;
  const sums = new Map<string, number>();
  return (input, id) => {
    const x = input[of];
    const sum = (sums.get(id.stream) ?? 0) + (typeof x === "number" ? x : 0);
    sums.set(id.stream, sum);
    return sum;
  };
}

/**
 * A running aggregate per key (`value`): the count of the key's tuples so far, or the running
 * sum of an input attribute (`of`, never negative), as the application emits it with each
 * output. Judged per key in sequence order:
 * - never above what was sent up to the tuple, and never rising by more than was sent between
 *   two outputs: a double count (a replay counted again);
 * - never going down below the value the key had `slackMs` of sending time before the last
 *   output (a reset: a stateful operator restarted from scratch or from an old checkpoint). A
 *   survivor restores the state of the last snapshot, so the tuples the old side emitted after
 *   it are missing from its figure: the slack is the snapshot interval, 0 for exactly-once state.
 * A rise by less than was sent is a loss, which `lost` counts. What was sent up to each tuple is
 * its input's `figure` (runningFigure, kept in the input window); for a count, the sequence says
 * it. Sending times are read from the output's `timeAttribute`. Per key it keeps the last output
 * and about 16 samples of its figure over the slack.
 */
export function continuityJudge(value: string, of: string, figure: string, slackMs = 0, timeAttribute = "genAtMs"): TupleJudge {
  const keys = new Map<string, KeyFigures>();
  const name = of === "" ? "tuples" : `${of} sent`;
  const step = Math.max(1, slackMs / 16);
  return (out, id, input) => {
    const v = out[value];
    if (typeof v !== "number") return `${value} is ${describe(v)}, not a number`;
    const sent = of === "" ? id.seq + 1 : (input?.[figure] as number | undefined);
    if (sent === undefined) return NO_INPUT;
    if (v > sent + 1e-9) return `double count: ${value} ${v} at seq ${id.seq}, above the ${sent} ${name} up to it`;
    const t = typeof out[timeAttribute] === "number" ? (out[timeAttribute] as number) : 0;
    const before = keys.get(id.stream);
    if (before === undefined) {
      keys.set(id.stream, { seq: id.seq, value: v, sent, t, samples: [{ t, v }] });
      return undefined;
    }
    // A replay or a duplicate (not newer than the newest judged) is held only against the bound above.
    if (id.seq <= before.seq) return undefined;
    const previous = { ...before };
    const floor = slackMs === 0 ? before.value : floorAt(before.samples, before.t - slackMs);
    before.seq = id.seq;
    before.value = v;
    before.sent = sent;
    before.t = t;
    const last = before.samples[before.samples.length - 1]!;
    if (t - last.t >= step) before.samples.push({ t, v });
    while (before.samples.length > 1 && before.samples[1]!.t <= t - slackMs - step) before.samples.shift();
    if (v < previous.value - 1e-9 && v < floor - 1e-9) {
      before.samples = [{ t, v }];
      const back = slackMs === 0 ? "" : `, below the ${floor} it had ${slackMs / 1000}s of sending earlier`;
      return `reset: ${value} went from ${previous.value} (seq ${previous.seq}) down to ${v} (seq ${id.seq})${back}`;
    }
    if (v - previous.value > sent - previous.sent + 1e-9) return `double count: ${value} rose by ${v - previous.value} from seq ${previous.seq} to ${id.seq}, more than the ${sent - previous.sent} ${name} between`;
    return undefined;
  };
}

interface KeyFigures {
  seq: number;
  value: number;
  sent: number;
  t: number;
  samples: { t: number; v: number }[];
}

/** The figure of the newest sample at or before `t`; with none that old, no floor. */
function floorAt(samples: readonly { t: number; v: number }[], t: number): number {
  let floor = Number.NEGATIVE_INFINITY;
  for (const s of samples) if (s.t <= t) floor = s.v;
  return floor;
}
