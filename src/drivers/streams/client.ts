import { sendChecked } from "../http/checked.js";
import type { HttpError } from "../http/errors.js";
import { err, ok, type Result } from "../result.js";
import type { CallOptions, JobRef, PeRef, StreamsApi, StreamsResult, SubmitJobRequest } from "./api.js";
import type { Authorizer } from "./auth.js";
import { readCollection } from "./collections.js";
import { discover } from "./discovery.js";
import type { AppConfiguration, Instance, Job, Metric, MetricOwner, Operator, Pe, Resource } from "./models.js";
import { parseAppConfiguration, parseBundle, parseInstance, parseJob, parseMetric, parseOperator, parsePe, parseResource, type Parser } from "./parse.js";
import type { Session } from "./session.js";
import { submissionBody } from "./submission.js";

export interface RestStreamsApiOptions {
  readonly rootUrl: string;
  readonly instanceId?: string;
  readonly tokens: boolean;
  readonly pageSize?: number;
  readonly uploadTimeoutMs: number;
}

/** What a missing link means for the user: the deployment does not offer that operation over REST. */
const INSTANCE_LINKS = {
  jobs: "jobs",
  pes: "PEs",
  applicationBundles: "bundle uploads",
  applicationConfigurations: "application configurations",
} as const;

const sig = (o: CallOptions | undefined) => (o?.signal ? { signal: o.signal } : {});

/**
 * StreamsApi over the REST Management API with axios: discovery from the resource root, then
 * only links. The instance is discovered on the first call and kept; every element after that
 * is reached through the links of the element before it.
 */
export class RestStreamsApi implements StreamsApi {
  private discovered: Instance | undefined;
  private discovering: Promise<Result<Instance, HttpError>> | undefined;

  constructor(
    private readonly s: Session,
    private readonly auth: Authorizer,
    private readonly o: RestStreamsApiOptions,
    private readonly onClose: () => void,
  ) {}

  // ---- reading --------------------------------------------------------------------------

  async instance(o?: CallOptions): StreamsResult<Instance> {
    const base = await this.base(o);
    return base.ok ? this.s.element(base.value.self, parseInstance, o?.signal) : base;
  }

  async jobs(o?: CallOptions): StreamsResult<readonly Job[]> {
    return this.instanceCollection("jobs", "jobs", parseJob, o);
  }

  async job(id: string, o?: CallOptions): StreamsResult<Job> {
    const found = await this.instanceCollection("jobs", "jobs", parseJob, o, { id });
    return this.one(found, (j) => j.id === id, "jobs", `job ${id}`);
  }

  async findJob(name: string, o?: CallOptions): StreamsResult<Job | undefined> {
    const found = await this.instanceCollection("jobs", "jobs", parseJob, o, { name });
    return found.ok ? ok(found.value.find((j) => j.name === name)) : found;
  }

  async pes(job?: JobRef, o?: CallOptions): StreamsResult<readonly Pe[]> {
    if (job === undefined) return this.instanceCollection("pes", "pes", parsePe, o);
    const j = await this.resolveJob(job, o);
    if (!j.ok) return j;
    return this.follow(j.value.links.pes, `job ${j.value.id}`, "pes", "pes", parsePe, o);
  }

  async pe(id: string, o?: CallOptions): StreamsResult<Pe> {
    const found = await this.instanceCollection("pes", "pes", parsePe, o, { id });
    return this.one(found, (p) => p.id === id, "pes", `PE ${id}`);
  }

  async operators(job: JobRef, o?: CallOptions): StreamsResult<readonly Operator[]> {
    const j = await this.resolveJob(job, o);
    if (!j.ok) return j;
    return this.follow(j.value.links.operators, `job ${j.value.id}`, "operators", "operators", parseOperator, o);
  }

  async peOf(operator: Operator, o?: CallOptions): StreamsResult<Pe> {
    const link = operator.links.pe;
    if (!link) return err(missingLink(operator.self, `operator ${operator.name}`, "pe"));
    return this.s.element(link, parsePe, o?.signal);
  }

  async resources(o?: CallOptions): StreamsResult<readonly Resource[]> {
    const base = await this.base(o);
    if (!base.ok) return base;
    // 5.x and later call hosts `resources`; 4.x `hosts`.
    const { resources, hosts } = base.value.links;
    if (resources) return readCollection(this.s, resources, "resources", parseResource, this.query(o));
    if (hosts) return readCollection(this.s, hosts, "hosts", parseResource, this.query(o));
    return err(missingLink(base.value.self, `instance ${base.value.id}`, "resources"));
  }

  metrics(owner: MetricOwner, o?: CallOptions): StreamsResult<readonly Metric[]> {
    return this.follow(owner.links.metrics, owner.self, "metrics", "metrics", parseMetric, o);
  }

  async metric(owner: MetricOwner, name: string, o?: CallOptions): StreamsResult<Metric | undefined> {
    const found = await this.follow(owner.links.metrics, owner.self, "metrics", "metrics", parseMetric, o, { name });
    return found.ok ? ok(found.value.find((m) => m.name === name)) : found;
  }

  // ---- changing -------------------------------------------------------------------------

  async uploadBundle(bytes: Uint8Array, o?: CallOptions): StreamsResult<{ readonly bundleId: string }> {
    const url = await this.instanceLink("applicationBundles", o);
    if (!url.ok) return url;
    // Uploading the same bytes twice makes no job; at worst a second copy of the bundle. So it is retried.
    const res = await this.s.call({ method: "POST", url: url.value, body: bytes, contentType: "application/x-jar", timeoutMs: this.o.uploadTimeoutMs, ...sig(o) });
    return res.ok ? this.s.parsed(res.value, parseBundle, "POST", url.value) : res;
  }

  async submitJob(request: SubmitJobRequest, o?: CallOptions): StreamsResult<Job> {
    const url = await this.instanceLink("jobs", o);
    if (!url.ok) return url;
    const existing = await this.findJob(request.jobName, o);
    if (!existing.ok) return existing;
    if (existing.value) {
      const path = new URL(url.value).pathname;
      return err({ kind: "conflict", method: "POST", path, message: `a job named \`${request.jobName}\` exists already in instance ${this.discovered?.id ?? ""} (job ${existing.value.id}): give each submission its own name` });
    }
    const body = submissionBody(request);
    return sendChecked(
      {
        what: `submitting job ${request.jobName}`,
        send: async () => {
          const res = await this.s.once({ method: "POST", url: url.value, json: body, ...sig(o) });
          if (!res.ok) return res;
          // A submit answers the job; an answer without one still made it, so look it up.
          const job = parseJob(res.value.json);
          return job.ok ? ok(job.value) : this.jobNamed(request.jobName, url.value, o);
        },
        check: () => this.findJob(request.jobName, o),
      },
      this.s.retryContext(o?.signal),
    );
  }

  async cancelJob(job: JobRef, o?: CallOptions): StreamsResult<void> {
    const j = await this.resolveJob(job, o);
    if (!j.ok) return j;
    return this.remove(j.value.self, `canceling job ${j.value.id}`, o);
  }

  async stopPe(pe: PeRef, o?: CallOptions): StreamsResult<Pe> {
    const p = await this.resolvePe(pe, o);
    if (!p.ok) return p;
    // Stopping a stopped PE changes nothing: safe to retry.
    const res = await this.s.call({ method: "PATCH", url: p.value.self, json: { action: "stop" }, ...sig(o) });
    if (!res.ok) return err(explainAction(res.error, "stop a PE", "streamtool stoppe"));
    return this.s.answered(res.value, p.value.self, parsePe, o?.signal);
  }

  async restartPe(pe: PeRef, o?: CallOptions): StreamsResult<Pe> {
    const p = await this.resolvePe(pe, o);
    if (!p.ok) return p;
    const before = p.value;
    // Twice is two restarts: after an unclear failure, look whether the PE restarted.
    const done = await sendChecked<Pe>(
      {
        what: `restarting PE ${before.id}`,
        send: async () => {
          const res = await this.s.once({ method: "PATCH", url: before.self, json: { action: "restart" }, ...sig(o) });
          return res.ok ? this.s.answered(res.value, before.self, parsePe, o?.signal) : res;
        },
        check: async () => {
          const now = await this.s.element(before.self, parsePe, o?.signal);
          if (!now.ok) return now;
          const restarted = now.value.launchCount > before.launchCount || now.value.status === "restarting" || now.value.status === "starting";
          return ok(restarted ? now.value : undefined);
        },
      },
      this.s.retryContext(o?.signal),
    );
    return done.ok ? done : err(explainAction(done.error, "restart a PE", "streamtool restartpe"));
  }

  stopInstance(o?: CallOptions): StreamsResult<Instance> {
    return this.instanceAction("stop", "streamtool stopinstance", o);
  }

  startInstance(o?: CallOptions): StreamsResult<Instance> {
    return this.instanceAction("start", "streamtool startinstance", o);
  }

  appConfigurations(o?: CallOptions): StreamsResult<readonly AppConfiguration[]> {
    return this.instanceCollection("applicationConfigurations", "applicationConfigurations", parseAppConfiguration, o);
  }

  async appConfiguration(name: string, o?: CallOptions): StreamsResult<AppConfiguration | undefined> {
    const found = await this.instanceCollection("applicationConfigurations", "applicationConfigurations", parseAppConfiguration, o, { name });
    return found.ok ? ok(found.value.find((c) => c.name === name)) : found;
  }

  async putAppConfiguration(
    name: string,
    properties: Readonly<Record<string, string | null>>,
    o?: CallOptions & { readonly description?: string },
  ): StreamsResult<AppConfiguration> {
    const existing = await this.appConfiguration(name, o);
    if (!existing.ok) return existing;
    const description = o?.description === undefined ? {} : { description: o.description };
    if (existing.value) {
      // A merge of the same properties is the same merge: safe to retry.
      const res = await this.s.call({ method: "PATCH", url: existing.value.self, json: { properties, ...description }, ...sig(o) });
      return res.ok ? this.s.parsed(res.value, parseAppConfiguration, "PATCH", existing.value.self) : res;
    }
    const url = await this.instanceLink("applicationConfigurations", o);
    if (!url.ok) return url;
    const created = Object.fromEntries(Object.entries(properties).filter((e): e is [string, string] => e[1] !== null));
    return sendChecked(
      {
        what: `creating application configuration ${name}`,
        send: async () => {
          const res = await this.s.once({ method: "POST", url: url.value, json: { name, properties: created, ...description }, ...sig(o) });
          return res.ok ? this.s.parsed(res.value, parseAppConfiguration, "POST", url.value) : res;
        },
        check: () => this.appConfiguration(name, o),
      },
      this.s.retryContext(o?.signal),
    );
  }

  async deleteAppConfiguration(name: string, o?: CallOptions): StreamsResult<void> {
    const existing = await this.appConfiguration(name, o);
    if (!existing.ok) return existing;
    if (!existing.value) {
      const url = await this.instanceLink("applicationConfigurations", o);
      const path = url.ok ? new URL(url.value).pathname : "";
      return err({ kind: "not-found", method: "DELETE", path, message: `there is no application configuration \`${name}\`` });
    }
    return this.remove(existing.value.self, `deleting application configuration ${name}`, o);
  }

  close(): void {
    this.onClose();
  }

  // ---- helpers --------------------------------------------------------------------------

  /** The discovered instance; discovered once, and again after a failed attempt. */
  private async base(o: CallOptions | undefined): Promise<Result<Instance, HttpError>> {
    if (this.discovered) return ok(this.discovered);
    this.discovering ??= discover(this.s, this.auth, {
      rootUrl: this.o.rootUrl,
      tokens: this.o.tokens,
      ...(this.o.instanceId !== undefined ? { instanceId: this.o.instanceId } : {}),
      ...(this.o.pageSize ? { pageSize: this.o.pageSize } : {}),
      ...sig(o),
    }).finally(() => (this.discovering = undefined));
    const found = await this.discovering;
    if (found.ok) this.discovered = found.value;
    return found;
  }

  private async instanceLink(key: keyof typeof INSTANCE_LINKS, o: CallOptions | undefined): Promise<Result<string, HttpError>> {
    const base = await this.base(o);
    if (!base.ok) return base;
    const link = base.value.links[key];
    return link ? ok(link) : err(missingLink(base.value.self, `instance ${base.value.id}`, key, INSTANCE_LINKS[key]));
  }

  private async instanceCollection<T>(key: keyof typeof INSTANCE_LINKS, listKey: string, parse: Parser<T>, o: CallOptions | undefined, filters?: Record<string, string>): Promise<Result<T[], HttpError>> {
    const url = await this.instanceLink(key, o);
    return url.ok ? readCollection(this.s, url.value, listKey, parse, this.query(o, filters)) : url;
  }

  private follow<T>(link: string | undefined, owner: string, linkName: string, listKey: string, parse: Parser<T>, o: CallOptions | undefined, filters?: Record<string, string>): Promise<Result<T[], HttpError>> {
    if (!link) return Promise.resolve(err(missingLink(owner, owner, linkName)));
    return readCollection(this.s, link, listKey, parse, this.query(o, filters));
  }

  private query(o: CallOptions | undefined, filters?: Record<string, string>) {
    return { ...(this.o.pageSize ? { pageSize: this.o.pageSize } : {}), ...(filters ? { filters } : {}), ...sig(o) };
  }

  /** The element of a filtered list that really matches (a server may ignore the filter), or not-found. */
  private one<T>(found: Result<T[], HttpError>, match: (t: T) => boolean, key: keyof typeof INSTANCE_LINKS, what: string): Result<T, HttpError> {
    if (!found.ok) return found;
    const hit = found.value.find(match);
    if (hit) return ok(hit);
    const link = this.discovered?.links[key];
    const path = link ? new URL(link).pathname : "";
    return err({ kind: "not-found", method: "GET", path, message: `there is no ${what} in instance ${this.discovered?.id ?? ""}` });
  }

  private resolveJob(job: JobRef, o: CallOptions | undefined): Promise<Result<Job, HttpError>> {
    return typeof job === "string" ? this.job(job, o) : Promise.resolve(ok(job));
  }

  private resolvePe(pe: PeRef, o: CallOptions | undefined): Promise<Result<Pe, HttpError>> {
    return typeof pe === "string" ? this.pe(pe, o) : Promise.resolve(ok(pe));
  }

  private async jobNamed(name: string, url: string, o: CallOptions | undefined): Promise<Result<Job, HttpError>> {
    const found = await this.findJob(name, o);
    if (!found.ok) return found;
    if (found.value) return ok(found.value);
    return err({ kind: "protocol", method: "POST", path: new URL(url).pathname, message: `the submission of ${name} was accepted, but no job of that name is listed` });
  }

  /**
   * DELETE an element. A retry after an unclear failure may answer 404 because the first
   * DELETE worked; so after such a failure the element is looked up: gone means done.
   */
  private async remove(self: string, what: string, o: CallOptions | undefined): Promise<Result<void, HttpError>> {
    const done = await sendChecked<true>(
      {
        what,
        send: async () => {
          const res = await this.s.once({ method: "DELETE", url: self, ...sig(o) });
          return res.ok ? ok(true) : res;
        },
        check: async () => {
          const res = await this.s.call({ method: "GET", url: self, ...sig(o) });
          if (res.ok) return ok(undefined);
          return res.error.kind === "not-found" ? ok(true) : res;
        },
      },
      this.s.retryContext(o?.signal),
    );
    return done.ok ? ok(undefined) : done;
  }

  private async instanceAction(action: "stop" | "start", tool: string, o: CallOptions | undefined): Promise<Result<Instance, HttpError>> {
    const base = await this.base(o);
    if (!base.ok) return base;
    // Stopping a stopped instance (or starting a running one) changes nothing: safe to retry.
    const res = await this.s.call({ method: "PATCH", url: base.value.self, json: { action }, ...sig(o) });
    if (!res.ok) return err(explainAction(res.error, `${action} the instance`, tool));
    return this.s.answered(res.value, base.value.self, parseInstance, o?.signal);
  }
}

function missingLink(owner: string, what: string, link: string, meaning?: string): HttpError {
  let path = owner;
  try {
    path = new URL(owner).pathname;
  } catch {
    // an owner named by words, not a URL
  }
  return { kind: "unsupported", method: "GET", path, message: `${what} has no \`${link}\` link${meaning ? `: this REST API offers no ${meaning}` : ""}` };
}

/** An action the REST API refuses as unknown: say how else to do it. */
function explainAction(e: HttpError, action: string, tool: string): HttpError {
  if (e.kind !== "unsupported" && !(e.kind === "bad-request" && e.messageId === "CDISW5011E")) return e;
  return { ...e, kind: "unsupported", message: `${e.message}; this REST API does not ${action}: use \`${tool}\` on a host of the datacenter instead` };
}
