import type { Host, Job, Operator, OperatorConnection, OperatorPort, Pe, PeConnection, PePort, View } from "../model/types.js";

/** The REST API's prefix under the server's origin. */
export const REST_PREFIX = "/streams/rest";

const seg = encodeURIComponent;

/**
 * The absolute URL of every resource the twin serves (reference §1.1–1.2: links are absolute,
 * each element has one stable `self`). `rest` is `http://host:port/streams/rest`.
 */
export class Links {
  constructor(
    readonly rest: string,
    private readonly instanceId: string,
  ) {}

  get root(): string {
    return `${this.rest}/resources`;
  }
  get instances(): string {
    return `${this.rest}/instances`;
  }
  get accessTokens(): string {
    return `${this.rest}/accesstokens`;
  }
  get instance(): string {
    return `${this.rest}/instances/${seg(this.instanceId)}`;
  }
  under(path: string): string {
    return `${this.instance}/${path}`;
  }
  job(job: Job): string {
    return `${this.instance}/jobs/${seg(job.id)}`;
  }
  pe(pe: Pe): string {
    return `${this.instance}/pes/${seg(pe.id)}`;
  }
  operator(op: Operator): string {
    return `${this.job(op.job)}/operators/${seg(op.name)}`;
  }
  operatorPort(port: OperatorPort): string {
    return `${this.operator(port.operator)}/${port.direction}ports/${port.index}`;
  }
  operatorConnection(c: OperatorConnection): string {
    return `${this.job(c.from.operator.job)}/operatorconnections/${seg(c.id)}`;
  }
  pePort(port: PePort): string {
    return `${this.pe(port.pe)}/${port.direction}ports/${port.index}`;
  }
  peConnection(c: PeConnection): string {
    return `${this.instance}/peconnections/${seg(c.id)}`;
  }
  resource(host: Host): string {
    return `${this.instance}/resources/${seg(host.id)}`;
  }
  host(host: Host): string {
    return `${this.instance}/hosts/${seg(host.id)}`;
  }
  resourceById(id: string): string {
    return `${this.instance}/resources/${seg(id)}`;
  }
  hostById(id: string): string {
    return `${this.instance}/hosts/${seg(id)}`;
  }
  /** a host's resource allocation to this instance: one per host, named like the host */
  resourceAllocationById(hostId: string): string {
    return `${this.instance}/resourceallocations/${seg(hostId)}`;
  }
  view(view: View): string {
    return `${this.instance}/views/${seg(view.id)}`;
  }
  jobGroup(name: string): string {
    return `${this.instance}/jobgroups/${seg(name)}`;
  }
  bundle(id: string): string {
    return `${this.instance}/applicationbundles/${seg(id)}`;
  }
  submission(id: string): string {
    return `${this.instance}/jobsubmissions/${seg(id)}`;
  }
  appConfiguration(name: string): string {
    return `${this.instance}/applicationconfigurations/${seg(name)}`;
  }
  property(name: string): string {
    return `${this.instance}/properties/${seg(name)}`;
  }
}
