import { redactingLogger } from "../../runtime/logger.js";
import type { DriverContext } from "../context.js";
import { basicAuthorization, type Credentials } from "../http/basic.js";
import { configurationError, type HttpError } from "../http/errors.js";
import { serviceUrl } from "../http/service-url.js";
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from "../http/retry.js";
import { makeAgents, type TlsOptions } from "../http/tls.js";
import { err, ok, type Result } from "../result.js";
import { readStreamsErrorBody } from "../streams/error-body.js";
import { SinkCursor, type ReadFrom } from "./cursor.js";
import { findEndpoint, parseDataService, type DataService, type Endpoint, type EndpointQuery } from "./discovery.js";
import { startInjection, type InjectOptions, type Injection } from "./injector.js";
import { startReading, type ReadOptions, type Reading } from "./reader.js";
import { Wire } from "./wire.js";

export type { SourcedTuple, Tuple, TupleIdentity, TupleSource } from "./types.js";
export type { DataService, Endpoint, EndpointQuery } from "./discovery.js";
export type { InjectOptions, InjectSummary, Injection } from "./injector.js";
export type { ReadOptions, ReadSummary, Reading } from "./reader.js";
export type { Page, ReadFrom } from "./cursor.js";
export { SinkCursor } from "./cursor.js";
export { csvSource, fileLines, jsonLinesSource, type TextInputOptions } from "./input.js";

/** Every failure of a Data Exchange call: classified like the REST driver's. */
export type ExchangeError = HttpError;

/** One datacenter's data service: what an environment file's `data:` says, with the REST credentials. */
export interface ExchangeConnection {
  /** The data service's root document (`streamtool getinstanceurl --data`; the twin's `/xdc-data`). */
  readonly url: string;
  readonly credentials: Credentials;
  readonly tls?: TlsOptions;
  /** A request fails when the server is silent this long; default 10 s. */
  readonly timeoutMs?: number;
  /** Retries of the discovery document's GET; injection and reading decide their own. */
  readonly retry?: Partial<RetryPolicy>;
  /** An answer longer than this is refused; default 64 MiB. */
  readonly maxResponseBytes?: number;
}

/** The Data Exchange of one datacenter. */
export interface Exchange {
  /** The endpoints the data service lists now (they move with the PEs: look again after a restart). */
  discover(o?: { readonly signal?: AbortSignal }): Promise<Result<DataService, ExchangeError>>;
  /** One endpoint, discovered afresh; `not-found` names the endpoints there are. */
  endpoint(kind: Endpoint["kind"], q: EndpointQuery, o?: { readonly signal?: AbortSignal }): Promise<Result<Endpoint, ExchangeError>>;
  /** Starts injecting into an inject URL; see injector.ts. */
  inject(o: InjectOptions): Injection;
  /** Starts reading an inspect URL continuously; see reader.ts. */
  read(o: ReadOptions): Reading;
  /** A position in a sink, for callers that read at their own pace (the failover observer). */
  cursor(url: string, from?: ReadFrom, limit?: number): SinkCursor;
  /** Drops kept-alive connections. */
  close(): void;
}

/** An Exchange; nothing is sent until the first call. Fails only on a configuration mistake. */
export async function connectExchange(c: ExchangeConnection, ctx: DriverContext): Promise<Result<Exchange, ExchangeError>> {
  const parsed = serviceUrl(c.url, { address: "the data service's address", example: "http://127.0.1.1:8080/xdc-data", url: "the data service's URL" });
  if (!parsed.ok) return parsed;
  const url = parsed.value;
  const logger = redactingLogger(ctx.logger, ctx.redactor);
  const agents = await makeAgents(url.origin, c.tls ?? {}, logger);
  if (!agents.ok) return err(configurationError(agents.error));
  const wire = new Wire({
    agents: agents.value,
    clock: ctx.clock,
    logger,
    redactor: ctx.redactor,
    authorization: basicAuthorization(c.credentials, ctx.redactor),
    timeoutMs: c.timeoutMs ?? 10_000,
    readErrorBody: readStreamsErrorBody,
    maxResponseBytes: c.maxResponseBytes ?? 64 * 1024 * 1024,
  });
  const policy = { ...DEFAULT_RETRY, ...c.retry };
  const deps = { wire, clock: ctx.clock, logger };

  const discover: Exchange["discover"] = async (o = {}) => {
    const res = await withRetries(() => wire.send({ method: "GET", url: url.toString(), ...(o.signal ? { signal: o.signal } : {}) }), {
      clock: ctx.clock,
      random: ctx.random,
      policy,
      logger,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    if (!res.ok) return res;
    const parsed = parseDataService(res.value.json, url.toString());
    if (!parsed.ok) return err({ kind: "protocol", message: `GET ${url.pathname}: ${parsed.error}`, method: "GET", path: url.pathname, status: res.value.status });
    return ok(parsed.value);
  };

  return ok({
    discover,
    async endpoint(kind, q, o) {
      const service = await discover(o);
      if (!service.ok) return service;
      const found = findEndpoint(service.value, kind, q);
      return found.ok ? found : err({ kind: "not-found", message: found.error, method: "GET", path: url.pathname });
    },
    inject: (o) => startInjection(deps, o),
    read: (o) => startReading(deps, o),
    cursor: (u, from = "now", limit = 10_000) => new SinkCursor(wire, ctx.clock, u, from, limit),
    close: () => wire.close(),
  });
}
