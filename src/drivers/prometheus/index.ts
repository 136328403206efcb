export type { InstantResult, InstantSeries, Labels, Point, PrometheusApi, PrometheusError, PrometheusResult, QueryOptions, RangeOptions, RangeResult, RangeSeries } from "./api.js";
export { connectPrometheus, type PrometheusConnection } from "./connect.js";
export { restProbe } from "./probes.js";
export { readStreamsMetric, type MetricTarget } from "./rest-metrics.js";
export { RingBuffer } from "./ring.js";
export { Sampler, type Probe, type Sample, type SamplerOptions, type SeriesStats } from "./sampler.js";
