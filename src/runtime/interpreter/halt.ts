import type { ErrorClass, Verdict } from "../journal/events.js";
import type { Span } from "../../language/span.js";

/**
 * Why a scenario stops before its statements run out. A Halt unwinds the statement stack the
 * way an aborted signal does (both reject the pending promise), and the phase runner turns it
 * into the scenario's outcome; anything else thrown is a bug in xdc (an `internal` error).
 */
export class Halt {
  constructor(
    readonly verdict: Exclude<Verdict, "pass">,
    readonly reason: string,
    readonly errorClass?: ErrorClass,
    readonly span?: Span,
  ) {}
}

export const haltError = (errorClass: ErrorClass, reason: string, span?: Span): Halt => new Halt("error", reason, errorClass, span);
