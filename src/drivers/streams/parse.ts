import { err, ok, type Result } from "../result.js";
import {
  HEALTH,
  INSTANCE_STATUS,
  JOB_STATUS,
  METRIC_KIND,
  METRIC_TYPE,
  PE_STATUS,
  RESOURCE_STATUS,
  type AppConfiguration,
  type Instance,
  type Job,
  type Links,
  type Metric,
  type Operator,
  type Pe,
  type Resource,
  type SubmitParameter,
} from "./models.js";

/** Turns one JSON element into a model, or says which required field is missing or wrong. */
export type Parser<T> = (json: unknown) => Result<T, string>;

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** `Running` and `running` are the same status; a value not in the list is `unknown`. */
function enumValue<T extends string>(values: readonly T[], raw: unknown): T {
  if (typeof raw !== "string" || raw.length === 0) return "unknown" as T;
  const camel = raw[0]!.toLowerCase() + raw.slice(1);
  return values.find((v) => v === raw || v === camel) ?? ("unknown" as T);
}

/** A reader over one element that notes the first required field it cannot find. */
class Fields {
  problem: string | undefined;

  constructor(
    private readonly o: Json,
    private readonly what: string,
  ) {}

  /** Ids are JSON strings, but a number is accepted (and read as its decimal text). */
  id(key: string): string {
    const v = this.o[key];
    if (typeof v === "string" && v.length > 0) return v;
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    this.problem ??= `${this.what} without \`${key}\``;
    return "";
  }

  text(key: string): string | undefined {
    const v = this.o[key];
    return typeof v === "string" ? v : undefined;
  }

  number(key: string): number | undefined {
    const v = this.o[key];
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return undefined;
  }

  links<K extends string>(keys: readonly K[]): Links<K> {
    const out: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const v = this.o[k];
      if (typeof v === "string" && /^https?:\/\//i.test(v)) out[k] = v;
    }
    return out;
  }

  done<T>(value: T): Result<T, string> {
    return this.problem === undefined ? ok(value) : err(this.problem);
  }
}

/** Drops the keys whose value is undefined, so optional fields are absent rather than undefined. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function element<T>(what: string, json: unknown, read: (f: Fields) => T): Result<T, string> {
  if (!isObject(json)) return err(`expected a ${what} object, found ${Array.isArray(json) ? "an array" : typeof json}`);
  const f = new Fields(json, what);
  const value = read(f);
  return f.done(value);
}

export const parseInstance: Parser<Instance> = (json) =>
  element("instance", json, (f) =>
    compact({
      id: f.id("id"),
      self: f.id("self"),
      status: enumValue(INSTANCE_STATUS, f.text("status")),
      health: enumValue(HEALTH, f.text("health")),
      owner: f.text("owner"),
      startTime: f.number("startTime"),
      productVersion: f.text("productVersion"),
      links: f.links(["jobs", "pes", "operators", "resources", "hosts", "applicationBundles", "applicationConfigurations", "jobSubmissions"] as const),
    }),
  );

function submitParameters(raw: unknown): SubmitParameter[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).flatMap((p) => (typeof p["name"] === "string" ? [{ name: p["name"], value: typeof p["value"] === "string" ? p["value"] : JSON.stringify(p["value"] ?? "") }] : []));
}

export const parseJob: Parser<Job> = (json) =>
  element("job", json, (f) =>
    compact({
      id: f.id("id"),
      self: f.id("self"),
      name: f.text("name") ?? "",
      applicationName: f.text("applicationName"),
      status: enumValue(JOB_STATUS, f.text("status")),
      health: enumValue(HEALTH, f.text("health")),
      startedBy: f.text("startedBy"),
      submitTime: f.number("submitTime"),
      jobGroup: f.text("jobGroup"),
      generationId: f.text("generationId"),
      submitParameters: submitParameters(isObject(json) ? json["submitParameters"] : undefined),
      links: f.links(["instance", "pes", "operators"] as const),
    }),
  );

export const parsePe: Parser<Pe> = (json) =>
  element("pe", json, (f) => {
    const links = f.links(["job", "resource", "host", "metrics", "operators"] as const);
    return compact({
      id: f.id("id"),
      self: f.id("self"),
      status: enumValue(PE_STATUS, f.text("status")),
      statusReason: lowerFirst(f.text("statusReason")),
      health: enumValue(HEALTH, f.text("health")),
      launchCount: f.number("launchCount") ?? 0,
      indexWithinJob: f.number("indexWithinJob"),
      processId: f.text("processId") ?? f.number("processId")?.toString(),
      ipAddress: f.text("ipAddress"),
      // 4.x names the PE's host `host`; later versions `resource`.
      links: compact({ job: links.job, resource: links.resource ?? links.host, metrics: links.metrics, operators: links.operators }),
    });
  });

export const parseOperator: Parser<Operator> = (json) =>
  element("operator", json, (f) =>
    compact({
      name: f.id("name"),
      self: f.id("self"),
      kind: f.text("operatorKind") ?? "",
      logicalName: f.text("logicalName"),
      indexWithinJob: f.number("indexWithinJob"),
      links: f.links(["job", "pe", "metrics"] as const),
    }),
  );

export const parseResource: Parser<Resource> = (json) =>
  element("resource", json, (f) =>
    compact({
      id: f.id("id"),
      self: f.id("self"),
      displayName: f.text("displayName"),
      ipAddress: f.text("ipAddress"),
      status: enumValue(RESOURCE_STATUS, f.text("status")),
      tags: isObject(json) && Array.isArray(json["tags"]) ? json["tags"].filter((t): t is string => typeof t === "string") : [],
      links: f.links(["metrics"] as const),
    }),
  );

export const parseMetric: Parser<Metric> = (json) =>
  element("metric", json, (f) => {
    const value = f.number("value");
    if (value === undefined) f.problem ??= "metric without a numeric `value`";
    return compact({
      name: f.id("name"),
      value: value ?? 0,
      kind: enumValue(METRIC_KIND, f.text("metricKind")),
      type: enumValue(METRIC_TYPE, f.text("metricType")),
      lastTimeRetrieved: f.number("lastTimeRetrieved"),
    });
  });

export const parseAppConfiguration: Parser<AppConfiguration> = (json) =>
  element("application configuration", json, (f) => {
    const raw = isObject(json) && isObject(json["properties"]) ? json["properties"] : {};
    const properties = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
    return compact({ name: f.id("name"), self: f.id("self"), description: f.text("description"), properties });
  });

/** The `{"bundleId": …}` answer of an upload. */
export const parseBundle: Parser<{ readonly bundleId: string }> = (json) => element("application bundle", json, (f) => ({ bundleId: f.id("bundleId") }));

/** The `{"accessToken": …, "expireTime": <epoch s>}` answer of the token resource. */
export const parseToken: Parser<{ readonly accessToken: string; readonly expireTimeS?: number }> = (json) =>
  element("access token", json, (f) => compact({ accessToken: f.id("accessToken"), expireTimeS: f.number("expireTime") }));

const lowerFirst = (s: string | undefined): string | undefined => (s && s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s);
