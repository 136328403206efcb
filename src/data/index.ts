/** Test data: generation of workloads and streaming validation of what arrived (docs/data.md). */
export type { TupleId, TupleRecorder } from "./records.js";
export { generator, type Workload, type WorkloadResult, type WorkloadSpec } from "./generator.js";
export { identity } from "./identity.js";
export { rateProblem, rateProfile, rateSpec, schedule, type RatePoint, type RateShape, type RateSpec, type Schedule } from "./rates.js";
export { checkRecording, describeProblem, formatOf, RECORDED_EXTENSIONS, replay, replaySpecProblem, type RecordingCheck, type Replay, type ReplayProblem, type ReplaySpec } from "./replay.js";
export { parseRecorded, type Recorded, type RecordedFormat, type RecordedResult } from "./recorded.js";
export { parseSchema, type AttributeType, type ScalarType, type Schema, type SchemaProblem, type SchemaText } from "./schema.js";
export { DataTracker, type ReportOptions, type TrackerOptions } from "./tracker.js";
export type { DataReport, LostRange, RangeList, Rpo, StreamRange, TimeWindow } from "./report.js";
export { duplicateTuples, inOrder, latencyMs, lostPercent, rpoMs, type Reading } from "./readings.js";
export { failoverRpo, failoverRpoWindow, failoverWindow, recovery, type FailoverSpan, type Recovery, type RecoveryInput } from "./recovery.js";
export { quantile, type LatencySketch } from "./sketch.js";
export type { ReceiveGap, ReceiveTimeline } from "./timeline.js";
export { toJournalData, type DataEvent } from "./journal.js";
export { type SeqRange } from "./ranges.js";
