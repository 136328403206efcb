/**
 * The read surface of the twin's REST API as a table: for each resource type, its fields (with
 * their JSON types) and its links (with what each answers). test/sim/rest-schema.test.ts walks
 * the link graph from the root and checks every answer against this table;
 * scripts/gen-twin-rest-doc.ts writes the "Resources and links" section of docs/twin-rest.md
 * from it (a test checks that the doc is up to date).
 */

/** `url`: an absolute URL under the twin's `/streams/rest`; `integer`: a whole JSON number. */
export type FieldKind = "string" | "integer" | "boolean" | "url" | "array" | "object";

/** What a link answers: one element, a collection `{resourceType: <of>List, total, <key>: [...]}`, or text. */
export type LinkTarget =
  | { readonly element: string }
  | { readonly list: string; readonly key: string }
  | { readonly text: true };

export interface ResourceSchema {
  readonly description: string;
  /** fields every element has */
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** fields present only in some states (a PE's `processId` once launched…) */
  readonly optional?: Readonly<Record<string, FieldKind>>;
  readonly links: Readonly<Record<string, LinkTarget>>;
  /** links present only in some states (a job submission's `job` while the job exists…) */
  readonly optionalLinks?: Readonly<Record<string, LinkTarget>>;
  /** the twin never has an element of this type: its collections are the documented empty list */
  readonly alwaysEmpty?: boolean;
}

const el = (element: string): LinkTarget => ({ element });
const list = (of: string, key: string): LinkTarget => ({ list: of, key });
const TEXT: LinkTarget = { text: true };

const ELEMENT = { restid: "string", self: "url" } as const;
const METRICS = list("metric", "metrics");

const host = (as: "resource" | "host"): ResourceSchema => ({
  description: as === "resource" ? "a host of the instance (5.x name)" : "the same host as a 4.x `host` element",
  fields: { ...ELEMENT, id: "string", displayName: "string", ipAddress: "string", status: "string", tags: "array" },
  links: { instance: el("instance"), metrics: METRICS },
});

const operatorPort = (direction: "Input" | "Output"): ResourceSchema => ({
  description: `an operator's ${direction.toLowerCase()} port`,
  fields: { ...ELEMENT, indexWithinOperator: "integer", name: "string" },
  links: { operator: el("operator"), job: el("job"), pe: el("pe"), metrics: METRICS, connections: list("operatorConnection", "connections") },
});

const pePort = (direction: "Input" | "Output"): ResourceSchema => ({
  description: `a PE's ${direction.toLowerCase()} port`,
  fields: { ...ELEMENT, indexWithinPE: "integer" },
  links: { pe: el("pe"), operatorPort: el(`operator${direction}Port`), job: el("job"), metrics: METRICS, connections: list("peConnection", "connections") },
});

const empty = (description: string): ResourceSchema => ({ description, fields: {}, links: {}, alwaysEmpty: true });

export const RESOURCE_SCHEMAS: Readonly<Record<string, ResourceSchema>> = {
  instance: {
    description: "the datacenter's Streams instance",
    fields: {
      ...ELEMENT,
      id: "string",
      status: "string",
      health: "string",
      owner: "string",
      startedBy: "string",
      startTime: "integer",
      creationTime: "integer",
      productVersion: "string",
    },
    links: {
      jobs: list("job", "jobs"),
      pes: list("pe", "pes"),
      operators: list("operator", "operators"),
      peConnections: list("peConnection", "connections"),
      hosts: list("host", "hosts"),
      resources: list("resource", "resources"),
      resourceAllocations: list("resourceAllocation", "resourceAllocations"),
      jobGroups: list("jobGroup", "jobGroups"),
      applicationBundles: list("applicationBundle", "applicationBundles"),
      applicationConfigurations: list("applicationConfiguration", "applicationConfigurations"),
      jobSubmissions: list("jobSubmission", "jobSubmissions"),
      properties: list("property", "properties"),
      views: list("view", "views"),
      activeViews: list("view", "activeViews"),
      configuredViews: list("view", "configuredViews"),
      exportedStreams: list("exportedStream", "exportedStreams"),
      importedStreams: list("importedStream", "importedStreams"),
      activeServices: list("activeService", "activeServices"),
      publishedTopics: list("publishedTopic", "publishedTopics"),
    },
  },
  job: {
    description: "a submitted job",
    fields: {
      ...ELEMENT,
      id: "string",
      name: "string",
      applicationName: "string",
      applicationVersion: "string",
      status: "string",
      health: "string",
      startedBy: "string",
      submitTime: "integer",
      jobGroup: "string",
      generationId: "string",
      productVersion: "string",
      tracing: "string",
      submitParameters: "array",
    },
    optional: { jobConfigurationOverlay: "object" },
    links: {
      instance: el("instance"),
      pes: list("pe", "pes"),
      operators: list("operator", "operators"),
      operatorConnections: list("operatorConnection", "connections"),
      peConnections: list("peConnection", "connections"),
      hosts: list("host", "hosts"),
      resourceAllocations: list("resourceAllocation", "resourceAllocations"),
      views: list("view", "views"),
      applicationLogTrace: TEXT,
    },
  },
  pe: {
    description: "a processing element (one process of a job)",
    fields: {
      ...ELEMENT,
      id: "string",
      status: "string",
      statusReason: "string",
      health: "string",
      indexWithinJob: "integer",
      launchCount: "integer",
      requiredConnections: "string",
      optionalConnections: "string",
    },
    optional: { processId: "string", launchTime: "integer", ipAddress: "string", hostName: "string" },
    links: {
      job: el("job"),
      instance: el("instance"),
      resource: el("resource"),
      host: el("host"),
      resourceAllocation: el("resourceAllocation"),
      metrics: METRICS,
      operators: list("operator", "operators"),
      inputPorts: list("peInputPort", "inputPorts"),
      outputPorts: list("peOutputPort", "outputPorts"),
      connections: list("peConnection", "connections"),
      consoleLog: TEXT,
      applicationTrace: TEXT,
    },
  },
  operator: {
    description: "an operator of a job (`name` is its restid)",
    fields: { ...ELEMENT, name: "string", operatorKind: "string", logicalName: "string", indexWithinJob: "integer" },
    links: {
      job: el("job"),
      pe: el("pe"),
      instance: el("instance"),
      resource: el("resource"),
      metrics: METRICS,
      inputPorts: list("operatorInputPort", "inputPorts"),
      outputPorts: list("operatorOutputPort", "outputPorts"),
      connections: list("operatorConnection", "connections"),
    },
  },
  operatorInputPort: operatorPort("Input"),
  operatorOutputPort: operatorPort("Output"),
  operatorConnection: {
    description: "a stream from an operator output port to an operator input port",
    fields: { ...ELEMENT, id: "string" },
    links: {
      source: el("operatorOutputPort"),
      destination: el("operatorInputPort"),
      sourceOperator: el("operator"),
      destinationOperator: el("operator"),
      job: el("job"),
    },
    optionalLinks: { peConnection: el("peConnection") },
  },
  peInputPort: pePort("Input"),
  peOutputPort: pePort("Output"),
  peConnection: {
    description: "a connection from a PE output port to a PE input port (`1o0-2i0`)",
    fields: { ...ELEMENT, id: "string", status: "string", required: "boolean" },
    links: { source: el("peOutputPort"), destination: el("peInputPort"), sourcePe: el("pe"), destinationPe: el("pe"), job: el("job"), metrics: METRICS },
  },
  resource: host("resource"),
  host: host("host"),
  resourceAllocation: {
    description: "a host's allocation to the instance (restid: the host's id); `pes` and `jobs` are those placed on it",
    fields: { ...ELEMENT, id: "string", applicationResource: "boolean", schedulerStatus: "string" },
    links: { instance: el("instance"), resource: el("resource"), host: el("host"), pes: list("pe", "pes"), jobs: list("job", "jobs") },
  },
  jobGroup: {
    description: "a job group (`default` and every group a job used)",
    fields: { ...ELEMENT, id: "string", name: "string" },
    links: { instance: el("instance"), jobs: list("job", "jobs") },
  },
  applicationBundle: {
    description: "an uploaded application bundle",
    fields: { ...ELEMENT, id: "string", bundleId: "string", applicationName: "string", applicationVersion: "string", size: "integer", uploadTime: "integer" },
    links: { instance: el("instance") },
  },
  jobSubmission: {
    description: "an asynchronous job submission",
    fields: { ...ELEMENT, id: "string", status: "string", submitTime: "integer", startedBy: "string" },
    optional: { jobId: "string", failureReason: "string" },
    links: { logMessages: TEXT, instance: el("instance") },
    optionalLinks: { job: el("job") },
  },
  applicationConfiguration: {
    description: "an application configuration (`name` is its restid)",
    fields: { ...ELEMENT, name: "string", description: "string", properties: "object", owner: "string", creationTime: "integer", lastModifiedTime: "integer" },
    links: { instance: el("instance") },
  },
  property: {
    description: "an instance property",
    fields: { ...ELEMENT, name: "string", value: "string" },
    links: {},
  },
  metric: {
    description: "a metric, inside a `metricList` (which has an `owner` link); no `self`",
    fields: { name: "string", value: "integer", metricKind: "string", metricType: "string", description: "string", lastTimeRetrieved: "integer" },
    links: {},
  },
  view: {
    description: "a view on an operator output port's stream, as the bundle's manifest declares it (restid: `<job id>-<name>`)",
    fields: {
      ...ELEMENT,
      id: "string",
      name: "string",
      description: "string",
      activateOption: "string",
      active: "boolean",
      logicalOperatorName: "string",
      outputPortName: "string",
      attributes: "array",
      bufferCapacityUnits: "string",
      bufferCapacityTuples: "integer",
      bufferCapacitySeconds: "integer",
      maximumTupleRate: "integer",
    },
    optional: { filter: "object" },
    links: {
      instance: el("instance"),
      job: el("job"),
      operator: el("operator"),
      operatorOutputPort: el("operatorOutputPort"),
      viewItems: list("viewItem", "viewItems"),
    },
  },
  viewItem: {
    description: "a tuple in a view's window, inside a `viewItemList`; no `self`",
    fields: { collectionTime: "integer", data: "object" },
    links: {},
  },
  exportedStream: empty("an exported stream: the twin's applications have no Export operators"),
  importedStream: empty("an imported stream: the twin's applications have no Import operators"),
  activeService: empty("an active service: the twin runs none"),
  publishedTopic: empty("a published topic: the twin's applications publish none"),
};


export const describeTarget = (t: LinkTarget): string => ("element" in t ? t.element : "list" in t ? `${t.list}List (\`${t.key}\`)` : "text/plain");
