import type { ApiCall } from "../faults/types.js";
import type { Result } from "../result.js";

export interface ApiFaultError {
  readonly dc: string;
  readonly message: string;
  /** Trying again soon cannot help: no password, credentials refused, a call the API does not offer. */
  readonly lasting?: boolean;
}

/**
 * What the fault runner needs of the REST driver: make one call to a datacenter's instance
 * and answer with one line (a status, `absent`, or `done`). The Streams REST driver implements
 * it; tests may use a fake.
 */
export interface ApiFaultPort {
  call(dc: string, call: ApiCall): Promise<Result<string, ApiFaultError>>;
}
