import { expect } from "chai";
import { readFileSync } from "node:fs";
import { withResourceTable } from "../../src/sim/rest/schema-doc.js";
import { RESOURCE_SCHEMAS, type FieldKind, type LinkTarget } from "../../src/sim/rest/schema.js";
import { startTwin, type Twin } from "./rest-helpers.js";

const SAB = new URL("../../examples/apps/FailoverDemo.sab", import.meta.url);
const MAX_REQUESTS = 5000;

interface Walk {
  readonly requests: number;
  readonly dangling: string[];
  readonly mismatches: string[];
  /** resource types seen as elements */
  readonly types: Set<string>;
  /** link fields followed, as `type.field` */
  readonly followed: Set<string>;
  readonly unfinished: number;
}

const kindOf = (v: unknown, rest: string): FieldKind | "other" => {
  if (typeof v === "string") return v.startsWith(`${rest}/`) ? "url" : "string";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "other";
  if (typeof v === "boolean") return "boolean";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object" && v !== null) return "object";
  return "other";
};

/**
 * Follows every link from the root as a client would (breadth first, each URL once, at most
 * MAX_REQUESTS requests) and checks each answer against RESOURCE_SCHEMAS: the element's fields
 * and their types, no field the table does not name, every link where the table expects it.
 */
async function walk(t: Twin): Promise<Walk> {
  const dangling: string[] = [];
  const mismatches: string[] = [];
  const types = new Set<string>();
  const followed = new Set<string>();
  const expected = new Map<string, string>();
  const queue: Array<{ url: string; target: LinkTarget | "root" | { list: "instance"; key: "instances" }; from: string }> = [
    { url: `${t.rest}/resources`, target: "root", from: "(start)" },
  ];
  let requests = 0;
  const enqueue = (url: unknown, target: LinkTarget, from: string) => {
    if (typeof url !== "string" || !url.startsWith(`${t.rest}/`)) {
      mismatches.push(`${from}: not an absolute URL under ${t.rest}: ${JSON.stringify(url)}`);
      return;
    }
    const key = JSON.stringify(target);
    const before = expected.get(url);
    if (before === undefined) {
      expected.set(url, key);
      queue.push({ url, target, from });
    } else if (before !== key) mismatches.push(`${from}: ${url} expected as ${key}, elsewhere as ${before}`);
  };

  const checkElement = (e: unknown, type: string, where: string, url?: string) => {
    const schema = RESOURCE_SCHEMAS[type];
    if (!schema) return mismatches.push(`${where}: no schema for ${type}`);
    if (schema.alwaysEmpty) return mismatches.push(`${where}: an element of ${type}, which the table says the twin never has`);
    if (typeof e !== "object" || e === null || Array.isArray(e)) return mismatches.push(`${where}: not an object`);
    const body = e as Record<string, unknown>;
    types.add(type);
    if (body["resourceType"] !== type) mismatches.push(`${where}: resourceType ${JSON.stringify(body["resourceType"])}, expected ${type}`);
    if (url !== undefined && body["self"] !== url) mismatches.push(`${where}: self ${JSON.stringify(body["self"])}`);
    const fields = { ...schema.fields };
    const optional = { ...(schema.optional ?? {}) };
    const links = { ...schema.links };
    const optionalLinks = { ...(schema.optionalLinks ?? {}) };
    for (const [name, kind] of Object.entries(fields)) {
      if (!(name in body)) mismatches.push(`${where}: ${type}.${name} missing`);
      else if (kindOf(body[name], t.rest) !== kind) mismatches.push(`${where}: ${type}.${name} is ${JSON.stringify(body[name])}, expected ${kind}`);
    }
    for (const [name, kind] of Object.entries(optional)) {
      if (name in body && kindOf(body[name], t.rest) !== kind) mismatches.push(`${where}: ${type}.${name} is ${JSON.stringify(body[name])}, expected ${kind}`);
    }
    for (const [name, target] of Object.entries(links)) {
      if (!(name in body)) mismatches.push(`${where}: ${type}.${name} link missing`);
      else {
        followed.add(`${type}.${name}`);
        enqueue(body[name], target, `${where} ${type}.${name}`);
      }
    }
    for (const [name, target] of Object.entries(optionalLinks)) {
      if (name in body) {
        followed.add(`${type}.${name}`);
        enqueue(body[name], target, `${where} ${type}.${name}`);
      }
    }
    for (const name of Object.keys(body)) {
      if (name !== "resourceType" && !(name in fields) && !(name in optional) && !(name in links) && !(name in optionalLinks)) {
        mismatches.push(`${where}: ${type}.${name} is not in the table`);
      }
    }
    return undefined;
  };

  while (queue.length > 0 && requests < MAX_REQUESTS) {
    const { url, target, from } = queue.shift()!;
    requests++;
    const res = await t.get(url);
    if (res.status !== 200) {
      dangling.push(`${url} (from ${from}): ${res.status}`);
      continue;
    }
    const contentType = res.headers.get("content-type") ?? "";
    if (target !== "root" && "text" in target) {
      if (!contentType.startsWith("text/plain") || typeof res.body !== "string") mismatches.push(`${url}: expected text/plain, got ${contentType}`);
      continue;
    }
    if (!contentType.startsWith("application/json") || typeof res.body !== "object" || res.body === null) {
      mismatches.push(`${url}: expected a JSON object, got ${contentType}`);
      continue;
    }
    const body = res.body as Record<string, unknown>;
    if (target === "root") {
      const entries = body["resources"];
      if (!Array.isArray(entries)) mismatches.push(`${url}: no resources array`);
      const instances = (Array.isArray(entries) ? entries : []).find((r: any) => r?.name === "instances");
      if (!instances) mismatches.push(`${url}: no instances entry`);
      else enqueue((instances as any).resource, { list: "instance", key: "instances" }, "root.instances");
    } else if ("element" in target) {
      checkElement(body, target.element, url, url);
    } else {
      if (body["resourceType"] !== `${target.list}List`) mismatches.push(`${url}: resourceType ${JSON.stringify(body["resourceType"])}, expected ${target.list}List`);
      if (!Number.isInteger(body["total"])) mismatches.push(`${url}: total ${JSON.stringify(body["total"])}`);
      const elements = body[target.key];
      if (!Array.isArray(elements)) {
        mismatches.push(`${url}: no ${target.key} array (keys: ${Object.keys(body).join(", ")})`);
        continue;
      }
      if (body["total"] !== elements.length) mismatches.push(`${url}: total ${String(body["total"])} for ${elements.length} elements`);
      for (const name of Object.keys(body)) {
        if (!["resourceType", "total", target.key, "owner"].includes(name)) mismatches.push(`${url}: list field ${name} is not in the table`);
      }
      if ("owner" in body) {
        if (target.list !== "metric") mismatches.push(`${url}: owner on a ${target.list}List`);
        else if (kindOf(body["owner"], t.rest) !== "url") mismatches.push(`${url}: owner ${JSON.stringify(body["owner"])}`);
      }
      elements.forEach((e, i) => {
        checkElement(e, target.list, `${url} [${i}]`);
        const self = (e as Record<string, unknown> | null)?.["self"];
        if (typeof self === "string") enqueue(self, { element: target.list }, `${url} [${i}].self`);
      });
    }
  }
  return { requests, dangling, mismatches, types, followed, unfinished: queue.length };
}

describe("sim REST: the whole read surface, walked link by link against the schema table", function () {
  this.timeout(120_000);
  let t: Twin;
  let result: Walk;
  before(async () => {
    t = await startTwin();
    const up = await t.send("POST", "/streams/rest/instances/dc1/applicationbundles", new Uint8Array(readFileSync(SAB)), { "Content-Type": "application/x-jar" });
    expect(up.status).to.equal(200);
    const job = await t.send("POST", "/streams/rest/instances/dc1/jobs", {
      application: up.body.bundleId,
      jobConfigurationOverlay: { jobConfigOverlays: [{ jobConfig: { jobName: "orders-dc1", jobGroup: "blue" } }] },
    });
    expect(job.status).to.equal(201);
    await t.send("POST", "/streams/rest/instances/dc1/jobsubmissions", { application: up.body.bundleId });
    await t.send("POST", "/streams/rest/instances/dc1/applicationconfigurations", { name: "CrossDCFailover", properties: { k: "v" } });
    t.clock.advance(1000);
    // No job runtime behind this instance: the tuples a running job's streams would carry.
    const passing = { seq: 1, key: "k1", genAtMs: 0, _dc: "dc1", remote: "dc2", up: false, time: t.instance.now() };
    for (const view of t.instance.views()) view.offer([passing], t.instance.now());
    result = await walk(t);
  });
  after(() => t.close());

  it("finishes within the request cap", () => {
    expect(result.unfinished, "links left unvisited").to.equal(0);
    expect(result.requests).to.be.greaterThan(200).and.lessThan(MAX_REQUESTS);
  });

  it("finds no dangling link", () => {
    expect(result.dangling).to.deep.equal([]);
  });

  it("finds no answer that differs from the table", () => {
    expect(result.mismatches).to.deep.equal([]);
  });

  it("meets an element of every type the twin has, and follows every link field of the table", () => {
    const withElements = Object.entries(RESOURCE_SCHEMAS).filter(([, s]) => !s.alwaysEmpty).map(([type]) => type);
    expect([...result.types].sort()).to.deep.equal(withElements.sort());
    const links = Object.entries(RESOURCE_SCHEMAS).flatMap(([type, s]) => Object.keys({ ...s.links, ...(s.optionalLinks ?? {}) }).map((name) => `${type}.${name}`));
    expect([...result.followed].sort()).to.deep.equal(links.sort());
  });

  it("places hosts and resource allocations where the twin placed the PEs", async () => {
    const pes = (await t.get(`${t.rest}/instances/dc1/jobs/1/pes`)).body.pes as Array<{ hostName: string; resourceAllocation: string }>;
    const placed = [...new Set(pes.map((pe) => pe.hostName))].sort();
    expect(placed.length).to.be.greaterThan(0);
    const hosts = (await t.get(`${t.rest}/instances/dc1/jobs/1/hosts`)).body.hosts as Array<{ id: string }>;
    expect(hosts.map((h) => h.id).sort()).to.deep.equal(placed);
    const allocations = (await t.get(`${t.rest}/instances/dc1/jobs/1/resourceallocations`)).body.resourceAllocations as Array<{ id: string }>;
    expect(allocations.map((a) => a.id).sort()).to.deep.equal(placed);
    for (const pe of pes) {
      const onHost = (await t.get(`${pe.resourceAllocation}/pes`)).body.pes as Array<{ hostName: string }>;
      expect(onHost.every((p) => p.hostName === pe.hostName)).to.equal(true);
    }
    const all = (await t.get(`${t.rest}/instances/dc1/resourceallocations`)).body.resourceAllocations as unknown[];
    expect(all.length).to.equal(t.instance.hosts().length);
  });

  it("answers a PE's application trace as text", async () => {
    const res = await t.get(`${t.rest}/instances/dc1/pes/1/applicationtrace`);
    expect(res.status).to.equal(200);
    expect(res.body).to.be.a("string").and.not.equal("");
  });
});

describe("docs/twin-rest.md: the resource table", () => {
  it("is generated from the schema table the walk checks (run `npm run twin-rest-doc` after changing it)", () => {
    const page = readFileSync(new URL("../../docs/twin-rest.md", import.meta.url), "utf8");
    expect(withResourceTable(page) === page, "docs/twin-rest.md is stale").to.equal(true);
  });

  it("names every resource type of the table", () => {
    const page = readFileSync(new URL("../../docs/twin-rest.md", import.meta.url), "utf8");
    for (const type of Object.keys(RESOURCE_SCHEMAS)) expect(page, type).to.include(`| \`${type}\` |`);
  });
});
