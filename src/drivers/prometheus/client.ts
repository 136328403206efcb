import type { HttpClient } from "../http/client.js";
import type { HttpError } from "../http/errors.js";
import { withRetries, type RetryContext } from "../http/retry.js";
import { err, ok, type Result } from "../result.js";
import type { InstantResult, PrometheusApi, PrometheusResult, QueryOptions, RangeOptions, RangeResult } from "./api.js";
import { parseInstant, parseRange } from "./parse.js";

/**
 * PrometheusApi over the HTTP API: GET `/api/v1/query` and `/api/v1/query_range` below the
 * server's base URL (a path prefix, as behind a reverse proxy, is kept). Queries are reads:
 * retried on 5xx, 429, resets and timeouts.
 */
export class HttpPrometheusApi implements PrometheusApi {
  constructor(
    private readonly http: HttpClient,
    private readonly base: string,
    private readonly authorization: string | undefined,
    private readonly retry: Omit<RetryContext, "signal">,
  ) {}

  query(expr: string, o: QueryOptions = {}): PrometheusResult<InstantResult> {
    const params: Record<string, string> = { query: expr };
    if (o.timeMs !== undefined) params["time"] = seconds(o.timeMs);
    return this.get("query", params, parseInstant, o.signal);
  }

  queryRange(expr: string, o: RangeOptions): PrometheusResult<RangeResult> {
    const params = { query: expr, start: seconds(o.startMs), end: seconds(o.endMs), step: seconds(o.stepMs) };
    return this.get("query_range", params, parseRange, o.signal);
  }

  close(): void {
    this.http.close();
  }

  private async get<T>(endpoint: string, params: Record<string, string>, parse: (json: unknown) => Result<T, string>, signal: AbortSignal | undefined): Promise<Result<T, HttpError>> {
    const url = `${this.base}/api/v1/${endpoint}?${new URLSearchParams(params).toString()}`;
    const headers = this.authorization ? { Authorization: this.authorization } : undefined;
    const res = await withRetries(() => this.http.send({ method: "GET", url, ...(headers ? { headers } : {}), ...(signal ? { signal } : {}) }), { ...this.retry, ...(signal ? { signal } : {}) });
    if (!res.ok) return res;
    const parsed = parse(res.value.json);
    if (parsed.ok) return ok(parsed.value);
    const path = `/api/v1/${endpoint}`;
    return err({ kind: "protocol", method: "GET", path, message: `GET ${path}: the answer is not what Prometheus gives: ${parsed.error}` });
  }
}

/** Prometheus takes times and steps as (fractional) seconds. */
const seconds = (ms: number): string => String(ms / 1000);
