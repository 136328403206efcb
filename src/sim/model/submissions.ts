import type { Cancel, Timers } from "./clock.js";
import { appendLog } from "./entities.js";
import type { ModelError } from "./errors.js";
import type { SubmitRequest } from "./instance.js";
import type { Result } from "./result.js";
import type { Job, Submission, SubmissionStatus } from "./types.js";

interface SubmissionRecord extends Submission {
  status: SubmissionStatus;
  jobId: string | undefined;
  failureReason: string | undefined;
  readonly log: string[];
}

const KEPT = 100;

/**
 * The asynchronous submissions of `POST …/jobsubmissions` (newer clients): each is accepted at
 * once and processed after a delay; its status then says `submission.complete` with the job,
 * or why it failed. Only the last hundred are kept.
 */
export class SubmissionLog {
  private readonly records = new Map<string, SubmissionRecord>();
  private readonly pending = new Map<string, Cancel>();
  private nextId = 1;

  constructor(
    private readonly timers: Timers,
    private readonly delayMs: number,
    private readonly now: () => number,
    private readonly submit: (req: SubmitRequest) => Result<Job, ModelError>,
    private readonly changed: (s: Submission) => void,
  ) {}

  list(): Submission[] {
    return [...this.records.values()];
  }

  get(id: string): Submission | undefined {
    return this.records.get(id);
  }

  create(req: SubmitRequest): Submission {
    const id = String(this.nextId++);
    const record: SubmissionRecord = {
      id,
      status: "submission.submitted",
      submitTime: this.now(),
      startedBy: req.startedBy,
      jobId: undefined,
      failureReason: undefined,
      log: [],
    };
    appendLog(record.log, record.submitTime, `INFO submission ${id} of application bundle ${req.bundleId} received from ${req.startedBy}`);
    this.records.set(id, record);
    for (const old of [...this.records.keys()].slice(0, Math.max(0, this.records.size - KEPT))) this.records.delete(old);
    this.pending.set(id, this.timers.setTimer(this.delayMs, () => this.process(record, req)));
    return record;
  }

  dispose(): void {
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }

  private process(record: SubmissionRecord, req: SubmitRequest): void {
    this.pending.delete(record.id);
    record.status = "submission.processingJob";
    appendLog(record.log, this.now(), `INFO processing the job of submission ${record.id}`);
    const result = this.submit(req);
    if (result.ok) {
      record.status = "submission.complete";
      record.jobId = result.value.id;
      appendLog(record.log, this.now(), `INFO job ${result.value.id} (${result.value.name}) submitted`);
    } else {
      // A request the application cannot take fails in processing; a state that refuses it fails the submit.
      record.status = result.error.code === "bad-input" ? "submission.failedProcessingJob" : "job.submitFailed";
      record.failureReason = result.error.message;
      appendLog(record.log, this.now(), `ERROR ${result.error.message}`);
    }
    this.changed(record);
  }
}
