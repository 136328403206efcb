import type { CallOptions, StreamsApi } from "../streams/api.js";
import { ok } from "../result.js";
import type { PrometheusApi } from "./api.js";
import { readStreamsMetric, type MetricTarget } from "./rest-metrics.js";
import type { Probe } from "./sampler.js";

/** A Streams metric read through the REST API, as a sampler probe. */
export const restProbe = (series: string, api: StreamsApi, target: MetricTarget, metric: string): Probe => ({
  series,
  read: (signal) => readStreamsMetric(api, target, metric, { signal } satisfies CallOptions),
});

/**
 * A PromQL expression, as a sampler probe: a scalar's value, or the sum of a vector's series
 * (undefined when the vector is empty: the series does not exist yet).
 */
export const prometheusProbe = (series: string, api: PrometheusApi, expr: string): Probe => ({
  series,
  read: async (signal) => {
    const r = await api.query(expr, { signal });
    if (!r.ok) return r;
    const v = r.value;
    switch (v.resultType) {
      case "scalar":
        return ok(v.point.value);
      case "vector":
        return ok(v.series.length === 0 ? undefined : v.series.reduce((sum, s) => sum + s.point.value, 0));
      case "string":
        return ok(Number.isNaN(Number(v.value)) ? undefined : Number(v.value));
    }
  },
});
