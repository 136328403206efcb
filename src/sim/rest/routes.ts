import { describe, isObject } from "../bundle/validate.js";
import type { StreamsInstance } from "../model/instance.js";
import type { MetricSet } from "../model/metrics.js";
import type { Host, Job, Pe, View } from "../model/types.js";
import { fromModelError, restError } from "./errors.js";
import type { Links } from "./links.js";
import { listBody, parseQuery, pickFields, type Json } from "./query.js";
import {
  renderAppConfiguration,
  renderBundle,
  renderHost,
  renderInstance,
  renderJob,
  renderJobGroup,
  renderMetrics,
  renderOperator,
  renderOperatorConnection,
  renderOperatorPort,
  renderPe,
  renderPeConnection,
  renderPePort,
  renderProperty,
  renderResourceAllocation,
  renderSubmission,
  renderView,
  renderViewItem,
} from "./render.js";
import { json, noContent, text, type Reply } from "./reply.js";
import type { Resolved } from "./resolve.js";
import { readSubmitBody } from "./submit-body.js";
import { tarGz } from "./tar.js";

export interface RouteContext {
  readonly instance: StreamsInstance;
  readonly links: Links;
  readonly resolved: Resolved;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** the request's absolute URL without its query */
  readonly url: string;
  readonly user: string;
  readonly scheme: "basic" | "bearer";
  /** the parsed JSON body (routes with `body: "json"`), undefined when empty */
  readonly body: unknown;
  /** the raw body (routes with `body: "raw"`) */
  readonly raw: Buffer | undefined;
  readonly contentType: string;
  readonly accept: string;
  /** whether the access-token flow is on (reference §1.4) */
  readonly tokens: boolean;
  readonly issueToken: (user: string) => { accessToken: string; expireTime: number };
}

export interface MethodSpec {
  readonly run: (ctx: RouteContext) => Reply;
  readonly body?: "json" | "raw";
  /** the answer depends only on the URL and the instance's revision: the handler may cache it */
  readonly cacheable?: boolean;
}

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface Route {
  /** relative to /streams/rest; `:name` segments are resolved by resolve.ts */
  readonly path: string;
  readonly methods: Partial<Record<Method, MethodSpec>>;
}

const get = (run: MethodSpec["run"], cacheable = true): Partial<Record<Method, MethodSpec>> => ({ GET: { run, cacheable } });

function list(ctx: RouteContext, resourceType: string, key: string, elements: readonly Json[], owner?: string): Reply {
  const q = parseQuery(ctx.query);
  if (!q.ok) return q.error;
  return json(listBody({ resourceType, key, url: ctx.url, params: ctx.query, ...(owner ? { owner } : {}) }, elements, q.value));
}

function element(ctx: RouteContext, body: Json, status = 200): Reply {
  const q = parseQuery(ctx.query);
  if (!q.ok) return q.error;
  return json(pickFields(body, q.value.fields), status);
}

const metrics = (ctx: RouteContext, set: MetricSet, owner: string): Reply => list(ctx, "metricList", "metrics", renderMetrics(set, ctx.instance.now()), owner);

const portRoutes = (prefix: string, owner: "operator" | "pe"): Route[] =>
  (["input", "output"] as const).flatMap((direction) => {
    const param = direction === "input" ? ":inputPort" : ":outputPort";
    const base = `${prefix}/${direction}ports`;
    const listType = owner === "operator" ? `operator${direction === "input" ? "Input" : "Output"}PortList` : `pe${direction === "input" ? "Input" : "Output"}PortList`;
    const key = `${direction}Ports`;
    return [
      {
        path: base,
        methods: get((ctx) => {
          const { operator, pe } = ctx.resolved;
          const rendered = operator
            ? (direction === "input" ? operator.inputPorts : operator.outputPorts).map((p) => renderOperatorPort(ctx.links, p))
            : (direction === "input" ? pe!.inputPorts : pe!.outputPorts).map((p) => renderPePort(ctx.links, p));
          return list(ctx, listType, key, rendered);
        }),
      },
      {
        path: `${base}/${param}`,
        methods: get((ctx) => {
          const { operatorPort, pePort } = ctx.resolved;
          return element(ctx, operatorPort ? renderOperatorPort(ctx.links, operatorPort) : renderPePort(ctx.links, pePort!));
        }),
      },
      {
        path: `${base}/${param}/metrics`,
        methods: get((ctx) => {
          const { operatorPort, pePort } = ctx.resolved;
          return operatorPort ? metrics(ctx, operatorPort.metrics, ctx.links.operatorPort(operatorPort)) : metrics(ctx, pePort!.metrics, ctx.links.pePort(pePort!));
        }, false),
      },
      {
        path: `${base}/${param}/connections`,
        methods: get((ctx) => {
          const { operatorPort, pePort } = ctx.resolved;
          return operatorPort
            ? list(ctx, "operatorConnectionList", "connections", operatorPort.connections.map((c) => renderOperatorConnection(ctx.links, c)))
            : list(ctx, "peConnectionList", "connections", pePort!.connections.map((c) => renderPeConnection(ctx.links, c)));
        }),
      },
    ];
  });

const hostRoutes = (as: "resource" | "host"): Route[] => {
  const base = `instances/:instance/${as}s`;
  return [
    { path: base, methods: get((ctx) => list(ctx, `${as}List`, `${as}s`, ctx.instance.hosts().map((h) => renderHost(ctx.links, h, as)))) },
    { path: `${base}/:${as}`, methods: get((ctx) => element(ctx, renderHost(ctx.links, ctx.resolved.host!, as))) },
    {
      path: `${base}/:${as}/metrics`,
      methods: get((ctx) => metrics(ctx, ctx.resolved.host!.metrics, as === "resource" ? ctx.links.resource(ctx.resolved.host!) : ctx.links.host(ctx.resolved.host!)), false),
    },
  ];
};

/** The hosts the twin placed some of these PEs on, in the instance's host order. */
const hostsOf = (instance: StreamsInstance, pes: readonly Pe[]): Host[] => {
  const ids = new Set(pes.map((pe) => pe.hostId));
  return instance.hosts().filter((h) => ids.has(h.id));
};

/** The PEs the twin placed on a host, and the jobs they belong to (each once, in job order). */
const pesOn = (instance: StreamsInstance, host: Host): Pe[] => instance.pes().filter((pe) => pe.hostId === host.id);
const jobsOf = (instance: StreamsInstance, pes: readonly Pe[]): Job[] => {
  const ids = new Set(pes.map((pe) => pe.job.id));
  return instance.jobs().filter((j) => ids.has(j.id));
};

/** The views of the instance's jobs, all configured or only the active ones (buffering). */
const viewList = (ctx: RouteContext, key: string, which: (v: View) => boolean): Reply =>
  list(ctx, "viewList", key, ctx.instance.views().filter(which).map((v) => renderView(ctx.links, v)));

/**
 * Views (docs/twin-rest.md): every view of the instance's jobs is configured; those buffering
 * (`automatic` ones from the job's start, `firstAccess` ones once read) are active. Their
 * answers change with every tuple, so none is cached.
 */
const viewRoutes: Route[] = [
  { path: "instances/:instance/views", methods: get((ctx) => viewList(ctx, "views", () => true), false) },
  { path: "instances/:instance/configuredviews", methods: get((ctx) => viewList(ctx, "configuredViews", () => true), false) },
  { path: "instances/:instance/activeviews", methods: get((ctx) => viewList(ctx, "activeViews", (v) => v.active), false) },
  { path: "instances/:instance/views/:view", methods: get((ctx) => element(ctx, renderView(ctx.links, ctx.resolved.view!)), false) },
  {
    path: "instances/:instance/views/:view/viewitems",
    methods: get((ctx) => {
      const view = ctx.resolved.view!;
      const now = ctx.instance.now();
      view.activate(now);
      return list(ctx, "viewItemList", "viewItems", view.items(now).map(renderViewItem));
    }, false),
  },
];

const resourceAllocationRoutes: Route[] = [
  {
    path: "instances/:instance/resourceallocations",
    methods: get((ctx) => list(ctx, "resourceAllocationList", "resourceAllocations", ctx.instance.hosts().map((h) => renderResourceAllocation(ctx.links, h)))),
  },
  { path: "instances/:instance/resourceallocations/:resourceAllocation", methods: get((ctx) => element(ctx, renderResourceAllocation(ctx.links, ctx.resolved.host!))) },
  {
    path: "instances/:instance/resourceallocations/:resourceAllocation/pes",
    methods: get((ctx) => list(ctx, "peList", "pes", pesOn(ctx.instance, ctx.resolved.host!).map((pe) => renderPe(ctx.links, pe, ctx.instance)))),
  },
  {
    path: "instances/:instance/resourceallocations/:resourceAllocation/jobs",
    methods: get((ctx) =>
      list(
        ctx,
        "jobList",
        "jobs",
        jobsOf(ctx.instance, pesOn(ctx.instance, ctx.resolved.host!)).map((j) => renderJob(ctx.links, j, ctx.instance.productVersion)),
      ),
    ),
  },
];

/**
 * Instance collections the twin has no element for: its applications export or import no
 * streams, run no services and publish no topics. Each answers the documented empty list (list
 * type: the element type plus `List`, key: the link's name).
 */
const EMPTY_INSTANCE_COLLECTIONS: ReadonlyArray<readonly [path: string, key: string, elementType: string]> = [
  ["exportedstreams", "exportedStreams", "exportedStream"],
  ["importedstreams", "importedStreams", "importedStream"],
  ["activeservices", "activeServices", "activeService"],
  ["publishedtopics", "publishedTopics", "publishedTopic"],
];

/** Instance properties clients read (reference §4: `sws.consoleUrl` answers 2xx `{name, value}`). */
const properties = (links: Links): ReadonlyArray<readonly [string, string]> => [["sws.consoleUrl", `${links.rest.replace(/\/streams\/rest$/, "")}/streams/domain/console`]];

function submitJob(ctx: RouteContext): Reply {
  const parsed = readSubmitBody(ctx.body, ctx.user);
  if (!parsed.ok) return parsed.error;
  if (parsed.value.preview) {
    const plan = ctx.instance.planJob(parsed.value.request);
    if (!plan.ok) return fromModelError(plan.error);
    const m = plan.value.bundle.manifest;
    return json({
      resourceType: "jobPreview",
      preview: true,
      name: plan.value.name ?? `${m.application}_<id>`,
      applicationName: m.application,
      jobGroup: plan.value.jobGroup,
      submitParameters: plan.value.submitParameters,
      pes: m.pes.length,
      operators: m.pes.reduce((n, pe) => n + pe.operators.length, 0),
    });
  }
  const job = ctx.instance.submitJob(parsed.value.request);
  if (!job.ok) return fromModelError(job.error);
  const body = renderJob(ctx.links, job.value, ctx.instance.productVersion);
  return json(body, 201, { Location: body["self"] as string });
}

function uploadBundle(ctx: RouteContext): Reply {
  if (/^(multipart\/|application\/json)/i.test(ctx.contentType)) {
    return restError("badInput", `applicationbundles: send the raw .sab bytes with Content-Type: application/x-jar, not ${ctx.contentType.split(";")[0]}`);
  }
  const uploaded = ctx.instance.uploadBundle(ctx.raw ?? Buffer.alloc(0));
  if (!uploaded.ok) return fromModelError(uploaded.error);
  return json(renderBundle(ctx.links, ctx.instance.bundle(uploaded.value.bundleId)!));
}

export const TOKEN_PATH = "accesstokens";

function issueToken(ctx: RouteContext): Reply {
  if (ctx.scheme !== "basic") return restError("notAuthorized", "An access token is issued only against user name and password (Basic authentication).");
  const audience = isObject(ctx.body) ? ctx.body["audience"] : undefined;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.includes("streams")) return restError("badInput", `audience: expected "streams" or ["streams"], found ${describe(audience)}`);
  return json(ctx.issueToken(ctx.user));
}

/**
 * `PATCH {element}` with `{"action": …}`: stopping and restarting a PE, stopping and starting
 * the instance (what `streamtool stoppe`, `restartpe`, `stopinstance` and `startinstance` do).
 * The public REST documentation does not show these; the twin's shape is its own choice
 * (docs/twin-rest.md), and a client must expect a real server to answer 405.
 */
function readAction(ctx: RouteContext, actions: readonly string[]): string | Reply {
  const action = isObject(ctx.body) ? ctx.body["action"] : undefined;
  if (typeof action === "string" && actions.includes(action)) return action;
  if (action === undefined) return restError("missingAction", `The request does not say what to do: send {"action":"${actions.join('"} or {"action":"')}"}.`);
  return restError("badInput", `action: expected ${actions.map((a) => `"${a}"`).join(" or ")}, found ${describe(action)}`);
}

function peAction(ctx: RouteContext): Reply {
  const action = readAction(ctx, ["stop", "restart"]);
  if (typeof action !== "string") return action;
  const pe = ctx.resolved.pe!;
  const done = action === "stop" ? ctx.instance.stopPe(pe.id) : ctx.instance.restartPe(pe.id);
  return done.ok ? element(ctx, renderPe(ctx.links, done.value, ctx.instance)) : fromModelError(done.error);
}

function instanceAction(ctx: RouteContext): Reply {
  const action = readAction(ctx, ["stop", "start"]);
  if (typeof action !== "string") return action;
  if (action === "stop") ctx.instance.stopInstance();
  else ctx.instance.startInstance();
  return element(ctx, renderInstance(ctx.links, ctx.instance));
}

function patchJob(ctx: RouteContext): Reply {
  if (!isObject(ctx.body) || !("jobConfigurationOverlay" in ctx.body)) {
    return restError("missingAction", 'The request does not say what to change: send {"jobConfigurationOverlay":{…}}.');
  }
  const job = ctx.instance.updateJob(ctx.resolved.job!.id, ctx.body["jobConfigurationOverlay"]);
  return job.ok ? element(ctx, renderJob(ctx.links, job.value, ctx.instance.productVersion)) : fromModelError(job.error);
}

/**
 * The job's log: plain text, or, for a client that asks for an archive (the VS Code client
 * sends `Accept: application/x-compressed`), a .tar.gz holding the job's and its PEs' logs.
 */
function applicationLogTrace(ctx: RouteContext): Reply {
  const job = ctx.resolved.job!;
  const log = (lines: readonly string[]) => Buffer.from(`${lines.join("\n")}\n`, "utf8");
  if (!/application\/(x-compressed|gzip|x-gzip|x-tar)/i.test(ctx.accept)) return text(log(job.log).toString("utf8"));
  const mtimeMs = ctx.instance.now();
  const files = [
    { name: `job_${job.id}/job.log`, data: log(job.log), mtimeMs },
    ...job.pes.map((pe) => ({ name: `job_${job.id}/pe_${pe.id}/console.log`, data: log(pe.log), mtimeMs })),
  ];
  return { status: 200, bytes: tarGz(files), contentType: "application/x-compressed", headers: { "Content-Disposition": `attachment; filename="job_${job.id}_trace.tar.gz"` } };
}

/**
 * Every path the twin serves, under /streams/rest. The layout follows reference §1.1: PEs at
 * instance level, operators under their job, ports and metrics under their owner.
 */
export const ROUTES: readonly Route[] = [
  {
    path: "resources",
    methods: get((ctx) =>
      json({
        resources: [
          { name: "instances", resource: ctx.links.instances },
          // Only with tokens on: the Python client switches to bearer tokens when it sees this entry.
          ...(ctx.tokens ? [{ name: "accessTokens", resource: ctx.links.accessTokens }] : []),
        ],
      }),
    ),
  },
  { path: TOKEN_PATH, methods: { POST: { run: issueToken, body: "json" } } },
  { path: "instances", methods: get((ctx) => list(ctx, "instanceList", "instances", [renderInstance(ctx.links, ctx.instance)])) },
  { path: "instances/:instance", methods: { ...get((ctx) => element(ctx, renderInstance(ctx.links, ctx.instance))), PATCH: { run: instanceAction, body: "json" } } },
  {
    path: "instances/:instance/jobs",
    methods: {
      ...get((ctx) => list(ctx, "jobList", "jobs", ctx.instance.jobs().map((j) => renderJob(ctx.links, j, ctx.instance.productVersion)))),
      POST: { run: submitJob, body: "json" },
    },
  },
  {
    path: "instances/:instance/jobs/:job",
    methods: {
      ...get((ctx) => element(ctx, renderJob(ctx.links, ctx.resolved.job!, ctx.instance.productVersion))),
      DELETE: {
        run: (ctx) => {
          const canceled = ctx.instance.cancelJob(ctx.resolved.job!.id);
          return canceled.ok ? noContent() : fromModelError(canceled.error);
        },
      },
      PATCH: { run: patchJob, body: "json" },
    },
  },
  { path: "instances/:instance/jobs/:job/pes", methods: get((ctx) => list(ctx, "peList", "pes", ctx.resolved.job!.pes.map((pe) => renderPe(ctx.links, pe, ctx.instance)))) },
  { path: "instances/:instance/jobs/:job/operators", methods: get((ctx) => list(ctx, "operatorList", "operators", ctx.resolved.job!.operators.map((o) => renderOperator(ctx.links, o)))) },
  { path: "instances/:instance/jobs/:job/operators/:operator", methods: get((ctx) => element(ctx, renderOperator(ctx.links, ctx.resolved.operator!))) },
  {
    path: "instances/:instance/jobs/:job/operators/:operator/metrics",
    methods: get((ctx) => metrics(ctx, ctx.resolved.operator!.metrics, ctx.links.operator(ctx.resolved.operator!)), false),
  },
  {
    path: "instances/:instance/jobs/:job/operators/:operator/connections",
    methods: get((ctx) => {
      const op = ctx.resolved.operator!;
      const connections = [...op.inputPorts, ...op.outputPorts].flatMap((p) => p.connections);
      return list(ctx, "operatorConnectionList", "connections", connections.map((c) => renderOperatorConnection(ctx.links, c)));
    }),
  },
  ...portRoutes("instances/:instance/jobs/:job/operators/:operator", "operator"),
  {
    path: "instances/:instance/jobs/:job/operatorconnections",
    methods: get((ctx) => list(ctx, "operatorConnectionList", "connections", ctx.resolved.job!.connections.map((c) => renderOperatorConnection(ctx.links, c)))),
  },
  {
    path: "instances/:instance/jobs/:job/operatorconnections/:operatorConnection",
    methods: get((ctx) => element(ctx, renderOperatorConnection(ctx.links, ctx.resolved.operatorConnection!))),
  },
  {
    path: "instances/:instance/jobs/:job/peconnections",
    methods: get((ctx) => list(ctx, "peConnectionList", "connections", ctx.resolved.job!.peConnections.map((c) => renderPeConnection(ctx.links, c)))),
  },
  {
    path: "instances/:instance/jobs/:job/hosts",
    methods: get((ctx) => list(ctx, "hostList", "hosts", hostsOf(ctx.instance, ctx.resolved.job!.pes).map((h) => renderHost(ctx.links, h, "host")))),
  },
  {
    path: "instances/:instance/jobs/:job/resourceallocations",
    methods: get((ctx) =>
      list(ctx, "resourceAllocationList", "resourceAllocations", hostsOf(ctx.instance, ctx.resolved.job!.pes).map((h) => renderResourceAllocation(ctx.links, h))),
    ),
  },
  { path: "instances/:instance/jobs/:job/views", methods: get((ctx) => list(ctx, "viewList", "views", ctx.resolved.job!.views.map((v) => renderView(ctx.links, v))), false) },
  { path: "instances/:instance/jobs/:job/applicationlogtrace", methods: get(applicationLogTrace, false) },
  { path: "instances/:instance/pes", methods: get((ctx) => list(ctx, "peList", "pes", ctx.instance.pes().map((pe) => renderPe(ctx.links, pe, ctx.instance)))) },
  { path: "instances/:instance/pes/:pe", methods: { ...get((ctx) => element(ctx, renderPe(ctx.links, ctx.resolved.pe!, ctx.instance))), PATCH: { run: peAction, body: "json" } } },
  { path: "instances/:instance/pes/:pe/metrics", methods: get((ctx) => metrics(ctx, ctx.resolved.pe!.metrics, ctx.links.pe(ctx.resolved.pe!)), false) },
  { path: "instances/:instance/pes/:pe/operators", methods: get((ctx) => list(ctx, "operatorList", "operators", ctx.resolved.pe!.operators.map((o) => renderOperator(ctx.links, o)))) },
  { path: "instances/:instance/pes/:pe/connections", methods: get((ctx) => list(ctx, "peConnectionList", "connections", ctx.resolved.pe!.connections.map((c) => renderPeConnection(ctx.links, c)))) },
  { path: "instances/:instance/pes/:pe/consolelog", methods: get((ctx) => text(`${ctx.resolved.pe!.log.join("\n")}\n`), false) },
  // The twin keeps one log per PE process; its application trace is that log (docs/twin-rest.md).
  { path: "instances/:instance/pes/:pe/applicationtrace", methods: get((ctx) => text(`${ctx.resolved.pe!.log.join("\n")}\n`), false) },
  ...portRoutes("instances/:instance/pes/:pe", "pe"),
  { path: "instances/:instance/operators", methods: get((ctx) => list(ctx, "operatorList", "operators", ctx.instance.operators().map((o) => renderOperator(ctx.links, o)))) },
  {
    path: "instances/:instance/peconnections",
    methods: get((ctx) => list(ctx, "peConnectionList", "connections", ctx.instance.jobs().flatMap((j) => j.peConnections).map((c) => renderPeConnection(ctx.links, c)))),
  },
  { path: "instances/:instance/peconnections/:peConnection", methods: get((ctx) => element(ctx, renderPeConnection(ctx.links, ctx.resolved.peConnection!))) },
  {
    path: "instances/:instance/peconnections/:peConnection/metrics",
    methods: get((ctx) => metrics(ctx, ctx.resolved.peConnection!.metrics, ctx.links.peConnection(ctx.resolved.peConnection!)), false),
  },
  ...hostRoutes("resource"),
  ...hostRoutes("host"),
  ...resourceAllocationRoutes,
  ...viewRoutes,
  ...EMPTY_INSTANCE_COLLECTIONS.map(([path, key, type]): Route => ({ path: `instances/:instance/${path}`, methods: get((ctx) => list(ctx, `${type}List`, key, [])) })),
  { path: "instances/:instance/jobgroups", methods: get((ctx) => list(ctx, "jobGroupList", "jobGroups", ctx.instance.jobGroups().map((g) => renderJobGroup(ctx.links, g)))) },
  { path: "instances/:instance/jobgroups/:jobGroup", methods: get((ctx) => element(ctx, renderJobGroup(ctx.links, ctx.resolved.jobGroup!))) },
  {
    path: "instances/:instance/jobgroups/:jobGroup/jobs",
    methods: get((ctx) =>
      list(
        ctx,
        "jobList",
        "jobs",
        ctx.instance
          .jobs()
          .filter((j) => j.jobGroup === ctx.resolved.jobGroup)
          .map((j) => renderJob(ctx.links, j, ctx.instance.productVersion)),
      ),
    ),
  },
  {
    path: "instances/:instance/applicationbundles",
    methods: {
      ...get((ctx) => list(ctx, "applicationBundleList", "applicationBundles", ctx.instance.bundles().map((b) => renderBundle(ctx.links, b)))),
      POST: { run: uploadBundle, body: "raw" },
    },
  },
  { path: "instances/:instance/applicationbundles/:bundle", methods: get((ctx) => element(ctx, renderBundle(ctx.links, ctx.resolved.bundle!))) },
  {
    path: "instances/:instance/jobsubmissions",
    methods: {
      ...get((ctx) => list(ctx, "jobSubmissionList", "jobSubmissions", ctx.instance.submissions().map((s) => renderSubmission(ctx.links, s, ctx.instance)))),
      POST: {
        body: "json",
        run: (ctx) => {
          const parsed = readSubmitBody(ctx.body, ctx.user);
          if (!parsed.ok) return parsed.error;
          const submission = ctx.instance.createSubmission(parsed.value.request);
          const body = renderSubmission(ctx.links, submission, ctx.instance);
          return json(body, 201, { Location: body["self"] as string });
        },
      },
    },
  },
  { path: "instances/:instance/jobsubmissions/:submission", methods: get((ctx) => element(ctx, renderSubmission(ctx.links, ctx.resolved.submission!, ctx.instance))) },
  { path: "instances/:instance/jobsubmissions/:submission/logmessages", methods: get((ctx) => text(`${ctx.resolved.submission!.log.join("\n")}\n`), false) },
  {
    path: "instances/:instance/applicationconfigurations",
    methods: {
      ...get((ctx) =>
        list(ctx, "applicationConfigurationList", "applicationConfigurations", ctx.instance.appConfigurations.list().map((c) => renderAppConfiguration(ctx.links, c))),
      ),
      POST: {
        body: "json",
        run: (ctx) => {
          const created = ctx.instance.appConfigurations.create(isObject(ctx.body) ? ctx.body : {}, ctx.user);
          return created.ok ? json(renderAppConfiguration(ctx.links, created.value), 201) : fromModelError(created.error);
        },
      },
    },
  },
  {
    path: "instances/:instance/applicationconfigurations/:appConfiguration",
    methods: {
      ...get((ctx) => element(ctx, renderAppConfiguration(ctx.links, ctx.resolved.appConfiguration!))),
      PATCH: {
        body: "json",
        run: (ctx) => {
          const updated = ctx.instance.appConfigurations.update(ctx.resolved.appConfiguration!.name, isObject(ctx.body) ? ctx.body : {});
          return updated.ok ? json(renderAppConfiguration(ctx.links, updated.value)) : fromModelError(updated.error);
        },
      },
      DELETE: {
        run: (ctx) => {
          const deleted = ctx.instance.appConfigurations.delete(ctx.resolved.appConfiguration!.name);
          return deleted.ok ? noContent() : fromModelError(deleted.error);
        },
      },
    },
  },
  { path: "instances/:instance/properties", methods: get((ctx) => list(ctx, "propertyList", "properties", properties(ctx.links).map(([n, v]) => renderProperty(ctx.links, n, v)))) },
  {
    path: "instances/:instance/properties/:name",
    methods: get((ctx) => {
      const name = ctx.params["name"]!;
      const found = properties(ctx.links).find(([n]) => n === name);
      return found ? element(ctx, renderProperty(ctx.links, found[0], found[1])) : restError("notFound", `The resource with the property resourceType and restid ${name} cannot be found.`);
    }),
  },
];
