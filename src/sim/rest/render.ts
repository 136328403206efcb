import { connectionsState } from "../model/health.js";
import type { StreamsInstance } from "../model/instance.js";
import type { MetricSet } from "../model/metrics.js";
import type {
  AppConfiguration,
  Host,
  Job,
  Operator,
  OperatorConnection,
  OperatorPort,
  Pe,
  PeConnection,
  PePort,
  StoredBundle,
  Submission,
  View,
  ViewItem,
} from "../model/types.js";
import type { Links } from "./links.js";
import type { Json } from "./query.js";

/**
 * The JSON of every element, as reference §1.2 describes them: `resourceType`, string `restid`
 * and `id`, an absolute `self`, epoch-ms times, links to everything related. Only links that
 * resolve are given (test/sim/rest-links.test.ts follows them all).
 */
export function renderInstance(l: Links, i: StreamsInstance): Json {
  return {
    resourceType: "instance",
    id: i.id,
    restid: i.id,
    self: l.instance,
    status: i.status,
    health: i.health,
    owner: i.owner,
    startedBy: i.owner,
    startTime: i.startTime,
    creationTime: i.startTime,
    productVersion: i.productVersion,
    jobs: l.under("jobs"),
    pes: l.under("pes"),
    operators: l.under("operators"),
    peConnections: l.under("peconnections"),
    hosts: l.under("hosts"),
    resources: l.under("resources"),
    resourceAllocations: l.under("resourceallocations"),
    jobGroups: l.under("jobgroups"),
    applicationBundles: l.under("applicationbundles"),
    applicationConfigurations: l.under("applicationconfigurations"),
    jobSubmissions: l.under("jobsubmissions"),
    properties: l.under("properties"),
    // Collections the twin has nothing for (no views, no Export/Import operators, no services,
    // no published topics in its applications): each answers its documented empty list.
    views: l.under("views"),
    activeViews: l.under("activeviews"),
    configuredViews: l.under("configuredviews"),
    exportedStreams: l.under("exportedstreams"),
    importedStreams: l.under("importedstreams"),
    activeServices: l.under("activeservices"),
    publishedTopics: l.under("publishedtopics"),
  };
}

export function renderJob(l: Links, job: Job, productVersion: string): Json {
  const self = l.job(job);
  return {
    resourceType: "job",
    id: job.id,
    restid: job.id,
    self,
    name: job.name,
    applicationName: job.applicationName,
    applicationVersion: job.applicationVersion,
    status: job.status,
    health: job.health,
    startedBy: job.startedBy,
    submitTime: job.submitTime,
    jobGroup: job.jobGroup,
    generationId: job.generationId,
    productVersion,
    tracing: job.tracing,
    submitParameters: job.submitParameters.map((p) => ({ name: p.name, value: p.value })),
    ...(job.jobConfigurationOverlay === undefined ? {} : { jobConfigurationOverlay: job.jobConfigurationOverlay }),
    instance: l.instance,
    pes: `${self}/pes`,
    operators: `${self}/operators`,
    operatorConnections: `${self}/operatorconnections`,
    peConnections: `${self}/peconnections`,
    hosts: `${self}/hosts`,
    resourceAllocations: `${self}/resourceallocations`,
    views: `${self}/views`,
    applicationLogTrace: `${self}/applicationlogtrace`,
  };
}

export function renderPe(l: Links, pe: Pe, instance: StreamsInstance): Json {
  const self = l.pe(pe);
  const host = instance.host(pe.hostId);
  return {
    resourceType: "pe",
    id: pe.id,
    restid: pe.id,
    self,
    status: pe.status,
    statusReason: pe.statusReason,
    health: pe.health,
    indexWithinJob: pe.indexWithinJob,
    launchCount: pe.launchCount,
    ...(pe.processId === undefined ? {} : { processId: pe.processId }),
    ...(pe.launchTime === undefined ? {} : { launchTime: pe.launchTime }),
    requiredConnections: pe.requiredConnections,
    // The twin's applications declare no optional connections.
    optionalConnections: connectionsState([]),
    ...(host ? { ipAddress: host.ipAddress, hostName: host.id } : {}),
    job: l.job(pe.job),
    instance: l.instance,
    resource: l.resourceById(pe.hostId),
    host: l.hostById(pe.hostId),
    resourceAllocation: l.resourceAllocationById(pe.hostId),
    metrics: `${self}/metrics`,
    operators: `${self}/operators`,
    inputPorts: `${self}/inputports`,
    outputPorts: `${self}/outputports`,
    connections: `${self}/connections`,
    consoleLog: `${self}/consolelog`,
    applicationTrace: `${self}/applicationtrace`,
  };
}

export function renderOperator(l: Links, op: Operator): Json {
  const self = l.operator(op);
  return {
    resourceType: "operator",
    name: op.name,
    restid: op.name,
    self,
    operatorKind: op.kind,
    logicalName: op.logicalName,
    indexWithinJob: op.indexWithinJob,
    job: l.job(op.job),
    pe: l.pe(op.pe),
    instance: l.instance,
    resource: l.resourceById(op.pe.hostId),
    metrics: `${self}/metrics`,
    inputPorts: `${self}/inputports`,
    outputPorts: `${self}/outputports`,
    connections: `${self}/connections`,
  };
}

export function renderOperatorPort(l: Links, port: OperatorPort): Json {
  const self = l.operatorPort(port);
  return {
    resourceType: port.direction === "input" ? "operatorInputPort" : "operatorOutputPort",
    restid: String(port.index),
    self,
    indexWithinOperator: port.index,
    name: port.name,
    operator: l.operator(port.operator),
    job: l.job(port.operator.job),
    pe: l.pe(port.operator.pe),
    metrics: `${self}/metrics`,
    connections: `${self}/connections`,
  };
}

export function renderOperatorConnection(l: Links, c: OperatorConnection): Json {
  return {
    resourceType: "operatorConnection",
    id: c.id,
    restid: c.id,
    self: l.operatorConnection(c),
    source: l.operatorPort(c.from),
    destination: l.operatorPort(c.to),
    sourceOperator: l.operator(c.from.operator),
    destinationOperator: l.operator(c.to.operator),
    job: l.job(c.from.operator.job),
    ...(c.peConnection ? { peConnection: l.peConnection(c.peConnection) } : {}),
  };
}

export function renderPePort(l: Links, port: PePort): Json {
  const self = l.pePort(port);
  return {
    resourceType: port.direction === "input" ? "peInputPort" : "peOutputPort",
    restid: String(port.index),
    self,
    indexWithinPE: port.index,
    pe: l.pe(port.pe),
    operatorPort: l.operatorPort(port.operatorPort),
    job: l.job(port.pe.job),
    metrics: `${self}/metrics`,
    connections: `${self}/connections`,
  };
}

export function renderPeConnection(l: Links, c: PeConnection): Json {
  const self = l.peConnection(c);
  return {
    resourceType: "peConnection",
    id: c.id,
    restid: c.id,
    self,
    status: c.state,
    required: true,
    source: l.pePort(c.from),
    destination: l.pePort(c.to),
    sourcePe: l.pe(c.from.pe),
    destinationPe: l.pe(c.to.pe),
    job: l.job(c.from.pe.job),
    metrics: `${self}/metrics`,
  };
}

/** A host, as a 5.x `resource` or a 4.x `host` element: same data, each with its own `self`. */
export function renderHost(l: Links, host: Host, as: "resource" | "host"): Json {
  const self = as === "resource" ? l.resource(host) : l.host(host);
  return {
    resourceType: as,
    id: host.id,
    restid: host.id,
    self,
    displayName: host.displayName,
    ipAddress: host.ipAddress,
    status: host.status,
    tags: host.tags,
    instance: l.instance,
    metrics: `${self}/metrics`,
  };
}

/**
 * A host's allocation to the instance (4.x `resourceAllocation`): every host of the twin is
 * allocated to its datacenter's instance and may run application PEs; `pes` and `jobs` are
 * those the twin placed on it.
 */
export function renderResourceAllocation(l: Links, host: Host): Json {
  const self = l.resourceAllocationById(host.id);
  return {
    resourceType: "resourceAllocation",
    id: host.id,
    restid: host.id,
    self,
    applicationResource: true,
    schedulerStatus: host.status === "running" ? "schedulable" : "unschedulable",
    instance: l.instance,
    resource: l.resource(host),
    host: l.host(host),
    pes: `${self}/pes`,
    jobs: `${self}/jobs`,
  };
}

export function renderMetrics(set: MetricSet, now: number): Json[] {
  return set.list().map((m) => ({
    resourceType: "metric",
    name: m.name,
    value: m.value,
    metricKind: m.kind,
    metricType: m.type,
    description: m.description,
    lastTimeRetrieved: now,
  }));
}

export function renderJobGroup(l: Links, name: string): Json {
  const self = l.jobGroup(name);
  return { resourceType: "jobGroup", id: name, restid: name, name, self, instance: l.instance, jobs: `${self}/jobs` };
}

export function renderBundle(l: Links, b: StoredBundle): Json {
  return {
    resourceType: "applicationBundle",
    id: b.bundleId,
    restid: b.bundleId,
    bundleId: b.bundleId,
    self: l.bundle(b.bundleId),
    applicationName: b.manifest.application,
    applicationVersion: b.manifest.version,
    size: b.bytes,
    uploadTime: b.uploadTime,
    instance: l.instance,
  };
}

export function renderSubmission(l: Links, s: Submission, instance: StreamsInstance): Json {
  const self = l.submission(s.id);
  const job = s.jobId === undefined ? undefined : instance.job(s.jobId);
  return {
    resourceType: "jobSubmission",
    id: s.id,
    restid: s.id,
    self,
    status: s.status,
    submitTime: s.submitTime,
    startedBy: s.startedBy,
    ...(s.jobId === undefined ? {} : { jobId: s.jobId }),
    // the link only while the job exists: a canceled job's URL would not resolve
    ...(job ? { job: l.job(job) } : {}),
    ...(s.failureReason === undefined ? {} : { failureReason: s.failureReason }),
    logMessages: `${self}/logmessages`,
    instance: l.instance,
  };
}

export function renderAppConfiguration(l: Links, c: AppConfiguration): Json {
  return {
    resourceType: "applicationConfiguration",
    name: c.name,
    restid: c.name,
    self: l.appConfiguration(c.name),
    description: c.description,
    properties: c.properties,
    owner: c.owner,
    creationTime: c.creationTime,
    lastModifiedTime: c.lastModifiedTime,
    instance: l.instance,
  };
}

export function renderProperty(l: Links, name: string, value: string): Json {
  return { resourceType: "property", name, restid: name, value, self: l.property(name) };
}

/** A view (its restid: `<job id>-<view name>`); `bufferCapacity*` as the Python client sizes its queue from them. */
export function renderView(l: Links, v: View): Json {
  const self = l.view(v);
  const operator = v.job.operators.find((o) => o.name === v.spec.operator)!;
  const port = operator.outputPorts[v.spec.port]!;
  return {
    resourceType: "view",
    id: v.id,
    restid: v.id,
    self,
    name: v.spec.name,
    description: v.spec.description ?? "",
    activateOption: v.spec.activateOption,
    active: v.active,
    logicalOperatorName: operator.logicalName,
    outputPortName: port.name,
    attributes: v.spec.attributes.map((a) => ({ name: a.name, type: a.type })),
    bufferCapacityUnits: v.spec.bufferSeconds === undefined ? "tuples" : "seconds",
    bufferCapacityTuples: v.spec.bufferTuples ?? 0,
    bufferCapacitySeconds: v.spec.bufferSeconds ?? 0,
    maximumTupleRate: v.spec.maximumTupleRate,
    ...(v.spec.filter ? { filter: { attribute: v.spec.filter.attribute, regularExpression: v.spec.filter.regularExpression } } : {}),
    instance: l.instance,
    job: l.job(v.job),
    operator: l.operator(operator),
    operatorOutputPort: l.operatorPort(port),
    viewItems: `${self}/viewitems`,
  };
}

/** A tuple in a view's window: no restid or self, as a client reads them only in their list. */
export const renderViewItem = (item: ViewItem): Json => ({ resourceType: "viewItem", collectionTime: item.collectionTime, data: { ...item.data } });
