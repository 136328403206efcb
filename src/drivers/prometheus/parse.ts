import type { ErrorBodyReader } from "../http/client.js";
import { err, ok, type Result } from "../result.js";
import type { InstantResult, InstantSeries, Labels, Point, RangeResult, RangeSeries } from "./api.js";

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Prometheus' error body: `{"status":"error","errorType":"bad_data","error":"…"}`. */
export const readPrometheusErrorBody: ErrorBodyReader = (res) => {
  const j = res.json;
  if (!isObject(j)) return {};
  const errorType = typeof j["errorType"] === "string" ? j["errorType"] : undefined;
  const detail = typeof j["error"] === "string" ? j["error"].slice(0, 300) : undefined;
  return { ...(errorType ? { messageId: errorType } : {}), ...(detail ? { detail } : {}) };
};

/** `[1700000000.123, "42"]` → a point; the value is a string so that NaN and ±Inf survive JSON. */
function point(raw: unknown): Result<Point, string> {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== "number" || typeof raw[1] !== "string") return err("a sample is not [time, \"value\"]");
  const value = raw[1] === "+Inf" ? Infinity : raw[1] === "-Inf" ? -Infinity : Number(raw[1]);
  if (Number.isNaN(value) && raw[1] !== "NaN") return err(`a sample value is not a number: ${raw[1].slice(0, 40)}`);
  return ok({ timeMs: Math.round(raw[0] * 1000), value });
}

function labels(raw: unknown): Labels {
  if (!isObject(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** The `data` of a successful answer, or what is wrong with it. */
function data(json: unknown): Result<Json, string> {
  if (!isObject(json)) return err("the answer is not a JSON object");
  if (json["status"] !== "success") return err(`status is ${JSON.stringify(json["status"])}, not "success"`);
  return isObject(json["data"]) ? ok(json["data"]) : err("the answer has no data");
}

function eachSeries<T>(raw: unknown, read: (s: Json) => Result<T, string>): Result<T[], string> {
  if (!Array.isArray(raw)) return err("the result is not a list");
  const out: T[] = [];
  for (const s of raw) {
    if (!isObject(s)) return err("a series is not an object");
    const r = read(s);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

export function parseInstant(json: unknown): Result<InstantResult, string> {
  const d = data(json);
  if (!d.ok) return d;
  const type = d.value["resultType"];
  const result = d.value["result"];
  switch (type) {
    case "vector": {
      const series = eachSeries<InstantSeries>(result, (s) => {
        const p = point(s["value"]);
        return p.ok ? ok({ labels: labels(s["metric"]), point: p.value }) : p;
      });
      return series.ok ? ok({ resultType: "vector", series: series.value }) : series;
    }
    case "scalar": {
      const p = point(result);
      return p.ok ? ok({ resultType: "scalar", point: p.value }) : p;
    }
    case "string":
      return Array.isArray(result) && typeof result[0] === "number" && typeof result[1] === "string"
        ? ok({ resultType: "string", timeMs: Math.round(result[0] * 1000), value: result[1] })
        : err("a string result is not [time, \"text\"]");
    default:
      return err(`an instant query answered resultType ${JSON.stringify(type)}`);
  }
}

export function parseRange(json: unknown): Result<RangeResult, string> {
  const d = data(json);
  if (!d.ok) return d;
  if (d.value["resultType"] !== "matrix") return err(`a range query answered resultType ${JSON.stringify(d.value["resultType"])}`);
  const series = eachSeries<RangeSeries>(d.value["result"], (s) => {
    if (!Array.isArray(s["values"])) return err("a series has no values");
    const points: Point[] = [];
    for (const raw of s["values"]) {
      const p = point(raw);
      if (!p.ok) return p;
      points.push(p.value);
    }
    return ok({ labels: labels(s["metric"]), points });
  });
  return series.ok ? ok({ resultType: "matrix", series: series.value }) : series;
}
