import type { CallOptions, StreamsApi } from "../streams/api.js";
import { readStreamsMetric, type MetricTarget } from "./rest-metrics.js";
import type { Probe } from "./sampler.js";

/** A Streams metric read through the REST API, as a sampler probe. */
export const restProbe = (series: string, api: StreamsApi, target: MetricTarget, metric: string): Probe => ({
  series,
  read: (signal) => readStreamsMetric(api, target, metric, { signal } satisfies CallOptions),
});
