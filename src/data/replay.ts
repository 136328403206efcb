import type { SourcedTuple, Tuple } from "../drivers/exchange/types.js";
import type { Schema } from "./schema.js";
import { rowsOf, type Row, type RowFormat } from "./text-rows.js";
import { timeOf } from "./typing.js";

/**
 * A recorded file replayed as a workload (docs/data.md, "Recorded data"): its rows, typed by the
 * schema, each given the workload's tracking attributes (the key numbering them 0, 1, 2, …,
 * the time it was due, the tag), due at the rate or at their recorded times. The lines come
 * from `open`, called again for each pass of a loop: the caller reads the file, lazily, so a
 * replay holds one row at a time whatever the file's size.
 */
export interface ReplaySpec {
  readonly format: RowFormat;
  readonly schema: Schema;
  /** The attribute numbering the tuples. */
  readonly key: string;
  /** The attribute for the time a tuple was due (ms from the workload's start); "genAtMs" by default. */
  readonly timeAttribute?: string;
  /** Tuples per second; with `timestamps`, the fastest the recording is replayed. */
  readonly ratePerSecond: number;
  /** The attribute of each row holding when it was recorded (ms or a date): rows are due at those times, relative to the first. */
  readonly timestamps?: string;
  /** With `timestamps`: 2 replays twice as fast. */
  readonly speed?: number;
  /** Start again at the first row after the last, until the workload's time is up. */
  readonly loop?: boolean;
  /** Attributes every tuple carries besides its own (the workload's tag). */
  readonly tag?: Tuple;
}

/** Why the replay stopped early: the line (0 when the file could not be read) and the attribute at fault. */
export interface ReplayProblem {
  readonly line: number;
  readonly attribute?: string;
  readonly message: string;
}

export interface Replay {
  /** The next tuple and when it is due, in ms from the workload's start; undefined at the end or on a problem. */
  next(): (SourcedTuple & { readonly dueAtMs: number }) | undefined;
  /** Set when a row could not be sent as the schema says: the replay ends there. */
  readonly problem: ReplayProblem | undefined;
}

/** The formats by file extension; anything else is not a recording xdc reads. */
const FORMATS: Readonly<Record<string, RowFormat>> = { ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv" };

export const RECORDED_EXTENSIONS = Object.keys(FORMATS);

export function formatOf(path: string): RowFormat | undefined {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? undefined : FORMATS[path.slice(dot).toLowerCase()];
}

/** A problem with the arguments themselves, before any row is read. */
export function replaySpecProblem(spec: ReplaySpec): string | undefined {
  if (!(Number.isFinite(spec.ratePerSecond) && spec.ratePerSecond > 0)) return `the rate must be a positive number, found ${spec.ratePerSecond}`;
  if (spec.speed !== undefined && !(Number.isFinite(spec.speed) && spec.speed > 0)) return `\`speed\` must be a positive number, found ${spec.speed}`;
  return undefined;
}

export function replay(open: () => Iterable<string>, spec: ReplaySpec): Replay {
  const timeAttribute = spec.timeAttribute ?? "genAtMs";
  const speed = spec.speed ?? 1;
  const stampedBy = spec.timestamps !== undefined && spec.timestamps !== "" ? spec.timestamps : undefined;
  const typedRows = (): Iterator<Row> => rowsOf(open(), spec.format, spec.schema);
  let rows: Iterator<Row> | undefined;
  let rowsInPass = 0;
  let index = 0;
  let problem: ReplayProblem | undefined;
  // Recorded times: the pass's first row's and the previous row's; when the pass and its latest row are due (ms from the start).
  let firstStamp: number | undefined;
  let lastStamp = 0;
  let passStartMs = 0;
  let lastRecordedMs = 0;

  /** The next row of the file, starting a new pass when looping; undefined at the end. */
  const nextRow = (): Row | ReplayProblem | undefined => {
    for (;;) {
      let r: IteratorResult<Row>;
      try {
        rows ??= typedRows();
        r = rows.next();
      } catch (e) {
        return { line: 0, message: `cannot read it: ${(e as Error).message}` };
      }
      if (!r.done) {
        if (!("problem" in r.value)) rowsInPass++;
        return r.value;
      }
      // An empty pass would loop for ever without sending.
      if (spec.loop !== true || rowsInPass === 0) return undefined;
      if (firstStamp !== undefined) {
        // The next pass follows the last row by the recording's mean spacing.
        passStartMs = lastRecordedMs + (rowsInPass > 1 ? (lastRecordedMs - passStartMs) / (rowsInPass - 1) : 0);
        firstStamp = undefined;
      }
      rowsInPass = 0;
      rows = undefined;
    }
  };

  const fail = (p: ReplayProblem) => {
    problem = p;
    return undefined;
  };

  return {
    get problem() {
      return problem;
    },
    next() {
      if (problem !== undefined) return undefined;
      const row = nextRow();
      if (row === undefined) return undefined;
      if ("problem" in row) return fail({ line: row.line, ...(row.attribute !== undefined ? { attribute: row.attribute } : {}), message: row.problem });
      if ("message" in row) return fail(row);
      let dueAtMs = (index * 1000) / spec.ratePerSecond;
      if (stampedBy !== undefined) {
        const stamp = timeOf(row.tuple[stampedBy]);
        if (stamp === undefined) return fail({ line: row.line, attribute: stampedBy, message: Object.hasOwn(row.tuple, stampedBy) ? "not a time (ms or a date)" : "missing" });
        if (firstStamp !== undefined && stamp < lastStamp) return fail({ line: row.line, attribute: stampedBy, message: "goes back in time" });
        firstStamp ??= stamp;
        lastStamp = stamp;
        lastRecordedMs = passStartMs + (stamp - firstStamp) / speed;
        // Never faster than the rate: it bounds what a burst in the recording asks of the endpoint.
        dueAtMs = Math.max(dueAtMs, lastRecordedMs);
      }
      const seq = index++;
      // Rows are fresh objects (rowsOf): the tracking attributes are added in place.
      const tuple = Object.assign(row.tuple as Record<string, unknown>, spec.tag);
      tuple[spec.key] = seq;
      tuple[timeAttribute] = dueAtMs;
      return { tuple, id: { stream: "", seq }, dueAtMs };
    },
  };
}

export interface RecordingCheck {
  /** Rows read that fit. */
  readonly rows: number;
  /** Whether the lines ended before `maxRows` (the whole recording was read). */
  readonly complete: boolean;
  readonly problem?: ReplayProblem;
}

/**
 * The first `maxRows` rows of a recording, checked as a replay reads them (typed by the
 * schema, recorded times readable and in order), without sending: for `xdc check` (the head
 * of the file) and the preflight. Nothing is kept but the count.
 */
export function checkRecording(lines: Iterable<string>, spec: Pick<ReplaySpec, "format" | "schema" | "timestamps">, maxRows: number): RecordingCheck {
  const r = replay(() => lines, { ...spec, key: "seq", ratePerSecond: 1 });
  let rows = 0;
  while (rows < maxRows && r.next() !== undefined) rows++;
  const problem = r.problem;
  return { rows, complete: rows < maxRows && problem === undefined, ...(problem ? { problem } : {}) };
}

/**
 * A problem as one line: `orders.csv:7: \`qty\`: int32 needs a number, found "x"` by the file's
 * name, or `line 7: \`qty\`: …` without one (where the file is named already).
 */
export function describeProblem(file: string | undefined, p: ReplayProblem): string {
  const where = file === undefined ? (p.line > 0 ? `line ${p.line}: ` : "") : `${file}${p.line > 0 ? `:${p.line}` : ""}: `;
  return `${where}${p.attribute !== undefined ? `\`${p.attribute}\`: ` : ""}${p.message}`;
}
