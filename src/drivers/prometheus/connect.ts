import type { DriverContext } from "../context.js";
import { basicAuthorization, type Credentials } from "../http/basic.js";
import { serviceUrl } from "../http/service-url.js";
import { openHttp } from "../http/open.js";
import { DEFAULT_RETRY, type RetryPolicy } from "../http/retry.js";
import type { TlsOptions } from "../http/tls.js";
import { ok, type Result } from "../result.js";
import type { PrometheusApi, PrometheusError } from "./api.js";
import { HttpPrometheusApi } from "./client.js";
import { readPrometheusErrorBody } from "./parse.js";

export interface PrometheusConnection {
  /** The server's base URL, e.g. `http://127.0.0.1:9090` (with its path prefix, if any). */
  readonly url: string;
  /** Basic authentication, for a server behind a proxy that asks for it. */
  readonly credentials?: Credentials;
  readonly tls?: TlsOptions;
  /** A query fails when the server is silent this long; default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** A PrometheusApi; nothing is sent until the first query. */
export async function connectPrometheus(c: PrometheusConnection, ctx: DriverContext): Promise<Result<PrometheusApi, PrometheusError>> {
  const parsed = serviceUrl(c.url, { address: "the Prometheus server's address", example: "http://127.0.0.1:9090", url: "the Prometheus URL" });
  if (!parsed.ok) return parsed;
  const base = parsed.value;
  const opened = await openHttp({ origin: base.origin, timeoutMs: c.timeoutMs ?? 30_000, readErrorBody: readPrometheusErrorBody, ...(c.tls ? { tls: c.tls } : {}) }, ctx);
  if (!opened.ok) return opened;
  const { http, logger } = opened.value;
  const authorization = c.credentials ? basicAuthorization(c.credentials, ctx.redactor) : undefined;
  const policy = { ...DEFAULT_RETRY, ...c.retry };
  return ok(new HttpPrometheusApi(http, `${base.origin}${base.pathname.replace(/\/+$/, "")}`, authorization, { clock: ctx.clock, random: ctx.random, policy, logger }));
}
