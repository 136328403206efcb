import { redactingLogger, type Logger } from "../../runtime/logger.js";
import type { DriverContext } from "../context.js";
import { err, ok, type Result } from "../result.js";
import { HttpClient, type ErrorBodyReader } from "./client.js";
import { configurationError, type HttpError } from "./errors.js";
import { makeAgents, type TlsOptions } from "./tls.js";

export interface OpenOptions {
  /** `https://host:port`: what the TLS warning names. */
  readonly origin: string;
  readonly tls?: TlsOptions;
  readonly timeoutMs: number;
  readonly readErrorBody: ErrorBodyReader;
}

/** An HttpClient for one server, and the redacting logger every driver part logs through. */
export async function openHttp(o: OpenOptions, ctx: DriverContext): Promise<Result<{ readonly http: HttpClient; readonly logger: Logger }, HttpError>> {
  const logger = redactingLogger(ctx.logger, ctx.redactor);
  const agents = await makeAgents(o.origin, o.tls ?? {}, logger);
  if (!agents.ok) return err(configurationError(agents.error));
  const http = new HttpClient({ agents: agents.value, clock: ctx.clock, logger, redactor: ctx.redactor, timeoutMs: o.timeoutMs, readErrorBody: o.readErrorBody });
  return ok({ http, logger });
}
