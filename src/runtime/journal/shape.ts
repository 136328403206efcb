import { bool, int, list, num, object, oneOf, opt, record, str, type Field, type Shape } from "../shape.js";
import { REPEAT_STATS, type JournalEventKind } from "./events.js";

/**
 * What each journal event must hold, field by field, as events.ts declares it: the reports
 * read these fields without looking twice, so a journal that says `"files": 3` is refused
 * here, naming its line and field, instead of failing as a TypeError inside a report.
 */

const VERDICTS = ["pass", "fail", "error", "no-data"];
const PHASES = ["setup", "steady", "run", "verify", "steady-after", "teardown"];
const ERROR_CLASSES = ["environment", "fault-injection", "timeout", "internal", "interrupted"];

const figures = object({
  rtoMs: opt(num),
  detectionMs: opt(num),
  rpoMs: opt(num),
  rpoTuples: opt(num),
  lostTuples: opt(num),
  duplicateTuples: opt(num),
  sentTuples: opt(num),
  receivedTuples: opt(num),
});

const lostRange = object({ stream: str, from: num, to: num, sentFromMs: opt(num), sentToMs: opt(num) });

/** Fields every event has, whatever its kind. */
export const ENVELOPE: Readonly<Record<string, Field>> = {
  t: num,
  wall: str,
  scenario: opt(str),
  span: opt(object({ file: str, line: int, column: int, endLine: int, endColumn: int })),
};

export const EVENT_FIELDS: Readonly<Record<JournalEventKind, Readonly<Record<string, Field>>>> = {
  "run.start": { version: num, xdc: str, seed: num, environment: str, files: list(str), host: opt(str) },
  "scenario.start": { file: str, tags: list(str), timeoutMs: num, params: opt(record(str)) },
  "phase.start": { phase: oneOf(PHASES) },
  "phase.end": { phase: oneOf(PHASES), ok: bool },
  action: { builtin: str, what: str, ok: bool, detail: opt(str), rate: opt(object({ tuples: num, points: list(object({ atMs: num, perSecond: num })) })) },
  "fault.applied": { id: str, fault: str, what: str, hosts: list(str), dcs: list(str), summary: opt(str), commands: opt(list(str)), undo: opt(list(str)), forMs: opt(num) },
  "fault.reverted": { id: str, fault: str, status: oneOf(["undone", "nothing-to-undo", "failed"]), problems: list(str) },
  role: { dc: str, role: oneOf(["active", "standby", "down", "unknown"]), signals: list(str) },
  toolkit: {
    dc: str,
    app: str,
    job: str,
    settings: object({ heartbeatMs: opt(num), missesAllowed: opt(num), initDelayMs: opt(num), snapshotIntervalMs: opt(num), mode: opt(oneOf(["active", "passive"])) }),
    sources: record(oneOf(["submission", "app-config", "config-file", "unset"])),
    configFile: opt(str),
    missingOperators: list(str),
    problems: list(str),
    detection: opt(object({ minMs: num, maxMs: num })),
  },
  failover: { from: str, to: str, faultAtMs: opt(num), detectedAtMs: num, takeoverAtMs: num, firstTupleAtMs: opt(num), rtoMs: num, detectionMs: num },
  sample: { series: str, unit: str, value: num, dc: opt(str), endpoint: opt(str) },
  "series.sample": { series: str, unit: str, value: num },
  data: {
    workload: str,
    name: opt(str),
    key: opt(str),
    judged: opt(bool),
    sink: str,
    sent: num,
    acked: num,
    received: num,
    lost: num,
    lostRanges: list(lostRange),
    duplicates: num,
    outOfOrder: num,
    rpoMs: opt(num),
    latencyMs: opt(object({ p50: num, p95: num, p99: num, max: num })),
  },
  expect: {
    ok: bool, noData: bool, source: str, expected: str, actual: str, message: opt(str), series: opt(str), limit: opt(num), findings: opt(list(str)),
    overRepeats: opt(object({ stat: oneOf(REPEAT_STATS), op: oneOf(["==", "!=", "<", "<=", ">", ">="]), value: opt(num), limit: opt(num), unit: str })),
    deferred: opt(bool),
  },
  log: { level: oneOf(["debug", "info", "warn", "error"]), message: str },
  "scenario.end": { verdict: oneOf(VERDICTS), errorClass: opt(oneOf(ERROR_CLASSES)), reason: opt(str), durationMs: num, figures },
  "run.end": { exitCode: int, interrupted: bool, verdicts: record(num) },
};

/** The whole shape of an event of a kind, envelope included. */
export const eventShape = (kind: JournalEventKind): Shape => object({ ...ENVELOPE, ...EVENT_FIELDS[kind] });
