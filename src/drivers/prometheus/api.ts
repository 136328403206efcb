import type { HttpError } from "../http/errors.js";
import type { Result } from "../result.js";

/** A failure of a Prometheus call; `messageId` holds Prometheus' `errorType` (`bad_data`, `execution`, …). */
export type PrometheusError = HttpError;
export type PrometheusResult<T> = Promise<Result<T, PrometheusError>>;

export type Labels = Readonly<Record<string, string>>;

export interface Point {
  /** epoch ms */
  readonly timeMs: number;
  /** `NaN`, `+Inf` and `-Inf` come through as the numbers they name. */
  readonly value: number;
}

export interface InstantSeries {
  readonly labels: Labels;
  readonly point: Point;
}

export interface RangeSeries {
  readonly labels: Labels;
  readonly points: readonly Point[];
}

/** What `/api/v1/query` answers, by its `resultType`. */
export type InstantResult =
  | { readonly resultType: "vector"; readonly series: readonly InstantSeries[] }
  | { readonly resultType: "scalar"; readonly point: Point }
  | { readonly resultType: "string"; readonly timeMs: number; readonly value: string };

/** What `/api/v1/query_range` answers. */
export interface RangeResult {
  readonly resultType: "matrix";
  readonly series: readonly RangeSeries[];
}

export interface QueryOptions {
  /** Evaluate at this epoch ms; default: the server's now. */
  readonly timeMs?: number;
  readonly signal?: AbortSignal;
}

export interface RangeOptions {
  /** epoch ms */
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly signal?: AbortSignal;
}

/** A Prometheus server's HTTP API (prometheus.io/docs/prometheus/latest/querying/api/), the parts xdc reads. */
export interface PrometheusApi {
  query(expr: string, o?: QueryOptions): PrometheusResult<InstantResult>;
  queryRange(expr: string, o: RangeOptions): PrometheusResult<RangeResult>;
  close(): void;
}
