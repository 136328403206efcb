import type { Clock } from "../runtime/clock.js";
import type { Logger } from "../runtime/logger.js";
import type { Random } from "../runtime/random.js";
import type { Redactor } from "../runtime/redact.js";

/** What every HTTP driver is given: time, chance, somewhere to log, and the run's secrets. */
export interface DriverContext {
  readonly clock: Clock;
  /** Seeded: the jitter of a run can be replayed. */
  readonly random: Random;
  readonly logger: Logger;
  /** Shared by the drivers of a run, so each one's secrets are kept out of all logs. */
  readonly redactor: Redactor;
}
