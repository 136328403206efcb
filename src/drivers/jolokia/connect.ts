import type { DriverContext } from "../context.js";
import { basicAuthorization, type Credentials } from "../http/basic.js";
import { serviceUrl } from "../http/service-url.js";
import { openHttp } from "../http/open.js";
import { DEFAULT_RETRY, type RetryPolicy } from "../http/retry.js";
import type { TlsOptions } from "../http/tls.js";
import { ok, type Result } from "../result.js";
import type { JolokiaApi, JolokiaError } from "./api.js";
import { HttpJolokiaApi } from "./client.js";

export interface JolokiaConnection {
  /** The agent's (or proxy's) URL, `http://host:8778/jolokia`. */
  readonly url: string;
  /** Basic authentication, as an agent with `user` and `password` set asks for. */
  readonly credentials?: Credentials;
  readonly tls?: TlsOptions;
  /** A read fails when the agent is silent this long; default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** A JolokiaApi; nothing is sent until the first read. */
export async function connectJolokia(c: JolokiaConnection, ctx: DriverContext): Promise<Result<JolokiaApi, JolokiaError>> {
  const parsed = serviceUrl(c.url, { address: "the Jolokia agent's address", example: "http://host:8778/jolokia", url: "the Jolokia URL" });
  if (!parsed.ok) return parsed;
  const base = parsed.value;
  // Jolokia's error bodies come with HTTP 200; a non-2xx answer is the web server's, whose body says nothing useful.
  const opened = await openHttp({ origin: base.origin, timeoutMs: c.timeoutMs ?? 30_000, readErrorBody: () => ({}), ...(c.tls ? { tls: c.tls } : {}) }, ctx);
  if (!opened.ok) return opened;
  const { http, logger } = opened.value;
  const authorization = c.credentials ? basicAuthorization(c.credentials, ctx.redactor) : undefined;
  const policy = { ...DEFAULT_RETRY, ...c.retry };
  return ok(new HttpJolokiaApi(http, base, authorization, { clock: ctx.clock, random: ctx.random, policy, logger }, ctx.redactor));
}
