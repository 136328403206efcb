import type { Logger } from "../../runtime/logger.js";
import type { HttpError, HttpErrorKind } from "../http/errors.js";

/** Errors of a long-running loop, counted by class: a run of thousands of failed batches keeps a few numbers, not a list. */
export class ErrorTally {
  private readonly counts: Partial<Record<HttpErrorKind, number>> = {};
  private last: HttpError | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  /**
   * Counts an error. The first of each kind is logged at `warn`, later ones at `debug`: a lost
   * datacenter fails every batch for as long as it is gone, and the log must stay readable.
   */
  add(e: HttpError): void {
    const seen = this.counts[e.kind] ?? 0;
    this.counts[e.kind] = seen + 1;
    this.last = e;
    this.logger.log(seen === 0 ? "warn" : "debug", `${this.what}: ${e.message}${seen === 0 ? " (further errors of this kind are logged at debug)" : ""}`, { kind: e.kind, method: e.method, path: e.path, status: e.status, code: e.code });
  }

  get byKind(): Readonly<Partial<Record<HttpErrorKind, number>>> {
    return { ...this.counts };
  }

  get lastError(): HttpError | undefined {
    return this.last;
  }
}
