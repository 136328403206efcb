/**
 * The journal: one JSON object a line, written while a run goes on and read back by
 * `xdc report`. This file is the contract between the interpreter that writes it and the
 * reports that read it; a change that breaks old journals raises JOURNAL_VERSION.
 *
 * Every event carries `t`: milliseconds on the run's monotonic clock since the run began,
 * and `wall`: the same instant as an ISO date (for people). Events of a scenario carry its
 * name; events caused by a statement carry the statement's span.
 */

import type { DC_ROLES } from "../../builtins/observation.js";

export const JOURNAL_VERSION = 1;

export interface JournalSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type Phase = "setup" | "steady" | "run" | "verify" | "steady-after" | "teardown";
/** The statistics a check over repeats takes of its value (builtins `median`, `p95`, `p99`). */
export const REPEAT_STATS = ["median", "p95", "p99"] as const;
export type RepeatStat = (typeof REPEAT_STATS)[number];
export type ComparisonOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** What one run saw of a check over repeats, read as `STAT(value) op limit` whichever side STAT was written on. */
export interface OverRepeats {
  readonly stat: RepeatStat;
  readonly op: ComparisonOp;
  /** Absent: this run had no value (no data). */
  readonly value?: number;
  /** Absent: the limit was not known. */
  readonly limit?: number;
  /** The journal's unit of both (`ms`, `/s`, `%`, `B`, or "" for a number). */
  readonly unit: string;
}

export type Verdict = "pass" | "fail" | "error" | "no-data";
export type ErrorClass = "environment" | "fault-injection" | "timeout" | "internal" | "interrupted";
/** A datacenter's role as the failover observer infers it: the words `role(…)` answers (one list, in the registry). */
export type DcRole = (typeof DC_ROLES)[number];

/** Headline figures of a scenario; absent when not measured. */
export interface Figures {
  readonly rtoMs?: number;
  readonly detectionMs?: number;
  readonly rpoMs?: number;
  readonly rpoTuples?: number;
  readonly lostTuples?: number;
  readonly duplicateTuples?: number;
  readonly sentTuples?: number;
  readonly receivedTuples?: number;
}

export type SettingSource = "submission" | "app-config" | "config-file" | "unset";

/** The toolkit's settings in the journal: durations in ms. */
export interface ToolkitSettingsRecord {
  readonly heartbeatMs?: number;
  readonly missesAllowed?: number;
  readonly initDelayMs?: number;
  readonly snapshotIntervalMs?: number;
  readonly mode?: "active" | "passive";
}

export type JournalEventBody =
  | { readonly kind: "run.start"; readonly version: typeof JOURNAL_VERSION; readonly xdc: string; readonly seed: number; readonly environment: string; readonly files: readonly string[]; /** The machine that ran it (absent in older journals): JUnit's `hostname`. */ readonly host?: string }
  | {
      readonly kind: "scenario.start";
      readonly file: string;
      readonly tags: readonly string[];
      readonly timeoutMs: number;
      /** The scenario's parameters and the values this run used (defaults, or `--set`), as written in .xdc. */
      readonly params?: Readonly<Record<string, string>>;
    }
  | { readonly kind: "phase.start"; readonly phase: Phase }
  | { readonly kind: "phase.end"; readonly phase: Phase; readonly ok: boolean }
  /** A statement did something: deploy, submit, inject, log… `what` is the plan's wording. */
  | {
      readonly kind: "action";
      readonly builtin: string;
      readonly what: string;
      readonly ok: boolean;
      readonly detail?: string;
      /** `inject` with a shaped rate: the rate it plans over time (ms from its start, linear between points) and how many tuples. */
      readonly rate?: { readonly tuples: number; readonly points: readonly { readonly atMs: number; readonly perSecond: number }[] };
    }
  | {
      readonly kind: "fault.applied";
      readonly id: string;
      readonly fault: string;
      readonly what: string;
      readonly hosts: readonly string[];
      readonly dcs: readonly string[];
      /** The World's one-line account of what it applied where. */
      readonly summary?: string;
      /** The commands that applied it, and those that will undo it. */
      readonly commands?: readonly string[];
      readonly undo?: readonly string[];
      /** The `for` of the statement: it is reverted this long after being applied. */
      readonly forMs?: number;
    }
  | { readonly kind: "fault.reverted"; readonly id: string; readonly fault: string; readonly status: "undone" | "nothing-to-undo" | "failed"; readonly problems: readonly string[] }
  /** What the failover observer inferred about a datacenter. */
  | { readonly kind: "role"; readonly dc: string; readonly role: DcRole; readonly signals: readonly string[] }
  /**
   * The Cross-DC Failover toolkit's settings of a job just submitted, as the REST API shows them
   * (src/drivers/toolkit/settings.ts): the known values, where each came from, and the time from
   * a fault to the peer declared down that they give.
   */
  | {
      readonly kind: "toolkit";
      readonly dc: string;
      readonly app: string;
      readonly job: string;
      readonly settings: ToolkitSettingsRecord;
      /** By setting name (`heartbeat`, `misses_allowed`, …): `submission`, `app-config`, `config-file` or `unset`. */
      readonly sources: Readonly<Record<string, SettingSource>>;
      readonly configFile?: string;
      /** The toolkit's operators the job lacks (none: the toolkit is there). */
      readonly missingOperators: readonly string[];
      /** Values that are set but cannot be read. */
      readonly problems: readonly string[];
      /** From a fault to DOWN, when the heartbeat and the misses allowed are known. */
      readonly detection?: { readonly minMs: number; readonly maxMs: number };
    }
  | { readonly kind: "failover"; readonly from: string; readonly to: string; readonly faultAtMs?: number; readonly detectedAtMs: number; readonly takeoverAtMs: number; readonly firstTupleAtMs?: number; readonly rtoMs: number; readonly detectionMs: number }
  /** One point of a time series: throughput (tuples/s), latency (ms), a metric. */
  | { readonly kind: "sample"; readonly series: string; readonly unit: string; readonly value: number; readonly dc?: string; readonly endpoint?: string }
  /**
   * One reading of a series the scenario declared (`let cpu = sample … every 1s`): `series` is
   * its name, the span that of its `let`; `unit` as the runtime keeps values (`ms`, `/s`, `%`,
   * `B`, or empty for a plain number).
   */
  | { readonly kind: "series.sample"; readonly series: string; readonly unit: string; readonly value: number }
  /** The data checks' account of a workload at a sink (src/data); ranges are [from, to] inclusive. */
  | {
      readonly kind: "data";
      readonly workload: string;
      /** The name of the `let` the workload was bound to (`load`, `before`): how reports name it. */
      readonly name?: string;
      /** The workload's key attribute (`seq`, `probe`): how a person tells workloads apart. */
      readonly key?: string;
      /** Whether a check (`lost`, `duplicates`, `rpo`, `latency_p`) judged this workload at this sink. */
      readonly judged?: boolean;
      readonly sink: string;
      readonly sent: number;
      readonly acked: number;
      readonly received: number;
      readonly lost: number;
      readonly lostRanges: readonly { readonly stream: string; readonly from: number; readonly to: number; readonly sentFromMs?: number; readonly sentToMs?: number }[];
      readonly duplicates: number;
      readonly outOfOrder: number;
      readonly rpoMs?: number;
      /** The sending time the RPO counted losses in: a failover's window; absent when it is over the whole run. */
      readonly rpoWindow?: { readonly fromMs: number; readonly toMs: number };
      readonly latencyMs?: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
    }
  | {
      readonly kind: "expect";
      readonly ok: boolean;
      readonly noData: boolean;
      readonly source: string;
      readonly expected: string;
      readonly actual: string;
      readonly message?: string;
      /** For `expect NAME op LIMIT throughout`: the series it followed, and LIMIT in the unit of its samples (the report draws it). */
      readonly series?: string;
      readonly limit?: number;
      /** A check over tuples (`all`, `conforms`, `continues`): the offending keys, then the first failing tuples. */
      readonly findings?: readonly string[];
      /** A check over repeats (`expect p95(fo.rto) <= 2s`): this run's value and the limit, for the judgement after the last repeat. */
      readonly overRepeats?: OverRepeats;
      /** One of several repeats' value of a check over repeats: not a verdict on its own (`ok` is false, `noData` tells a missing value); the repeats summary judges them together. */
      readonly deferred?: boolean;
    }
  | { readonly kind: "log"; readonly level: "debug" | "info" | "warn" | "error"; readonly message: string }
  | { readonly kind: "scenario.end"; readonly verdict: Verdict; readonly errorClass?: ErrorClass; readonly reason?: string; readonly durationMs: number; readonly figures: Figures }
  /** `reason`: why the run judged nothing, when it ran no scenario (exit code 4). */
  | { readonly kind: "run.end"; readonly exitCode: number; readonly interrupted: boolean; readonly verdicts: Readonly<Record<Verdict, number>>; readonly reason?: string };

export type JournalEventKind = JournalEventBody["kind"];

export type JournalEvent = JournalEventBody & {
  readonly t: number;
  readonly wall: string;
  readonly scenario?: string;
  readonly span?: JournalSpan;
};
