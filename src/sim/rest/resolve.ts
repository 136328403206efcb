import type { StreamsInstance } from "../model/instance.js";
import type { AppConfiguration, Host, Job, Operator, OperatorConnection, OperatorPort, Pe, PeConnection, PePort, StoredBundle, Submission, View } from "../model/types.js";
import { notFoundResource, type ErrorReply } from "./errors.js";

/** The resources a URL names, found in path order (a job before its operators). */
export interface Resolved {
  readonly job?: Job;
  readonly operator?: Operator;
  readonly pe?: Pe;
  readonly operatorPort?: OperatorPort;
  readonly pePort?: PePort;
  readonly operatorConnection?: OperatorConnection;
  readonly peConnection?: PeConnection;
  readonly host?: Host;
  readonly jobGroup?: string;
  readonly bundle?: StoredBundle;
  readonly submission?: Submission;
  readonly appConfiguration?: AppConfiguration;
  readonly view?: View;
}

type Resolver = (r: Resolved, value: string, instance: StreamsInstance) => Resolved | ErrorReply;

const found = <K extends keyof Resolved>(r: Resolved, key: K, value: Resolved[K] | undefined, resourceType: string, restid: string): Resolved | ErrorReply =>
  value === undefined ? notFoundResource(resourceType, restid) : { ...r, [key]: value };

const port = (direction: "input" | "output"): Resolver => (r, value) => {
  const index = /^[0-9]+$/.test(value) ? Number(value) : -1;
  const type = `${r.operator ? "operator" : "pe"}${direction === "input" ? "Input" : "Output"}Port`;
  if (r.operator) return found(r, "operatorPort", (direction === "input" ? r.operator.inputPorts : r.operator.outputPorts)[index], type, value);
  return found(r, "pePort", (direction === "input" ? r.pe!.inputPorts : r.pe!.outputPorts)[index], type, value);
};

/** One resolver per path parameter that names a resource; other parameters reach the route as they are. */
export const RESOLVERS: Readonly<Record<string, Resolver>> = {
  instance: (r, value, i) => (value === i.id ? r : notFoundResource("instance", value)),
  job: (r, value, i) => found(r, "job", i.job(value), "job", value),
  operator: (r, value) => found(r, "operator", r.job!.operators.find((o) => o.name === value), "operator", value),
  pe: (r, value, i) => found(r, "pe", i.pe(value), "pe", value),
  inputPort: port("input"),
  outputPort: port("output"),
  operatorConnection: (r, value) => found(r, "operatorConnection", r.job!.connections.find((c) => c.id === value), "operatorConnection", value),
  peConnection: (r, value, i) => found(r, "peConnection", i.jobs().flatMap((j) => j.peConnections).find((c) => c.id === value), "peConnection", value),
  resource: (r, value, i) => found(r, "host", i.host(value), "resource", value),
  host: (r, value, i) => found(r, "host", i.host(value), "host", value),
  resourceAllocation: (r, value, i) => found(r, "host", i.host(value), "resourceAllocation", value),
  jobGroup: (r, value, i) => found(r, "jobGroup", i.jobGroups().find((g) => g === value), "jobGroup", value),
  bundle: (r, value, i) => found(r, "bundle", i.bundle(value), "applicationBundle", value),
  submission: (r, value, i) => found(r, "submission", i.submission(value), "jobSubmission", value),
  view: (r, value, i) => found(r, "view", i.views().find((v) => v.id === value), "view", value),
  appConfiguration: (r, value, i) => found(r, "appConfiguration", i.appConfigurations.get(value), "applicationConfiguration", value),
};
