import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ssh2 from "ssh2";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import type { AppManifest } from "../../src/sim/bundle/manifest.js";
import { validateManifest } from "../../src/sim/bundle/validate.js";
import type { Twin } from "../../src/sim/launcher.js";
import type { TwinEvent } from "../../src/sim/twin-events.js";

/**
 * How tests start datacenter processes: the bundle `npm test` has just built when it is newer
 * than every source of the twin (it starts in a fraction of the time tsx takes), else the
 * sources through tsx, so that a test never runs stale code.
 */
export function testDcCommand(): { command: string; args: string[] } | undefined {
  const bundle = fileURLToPath(new URL("../../dist/sim-dc.js", import.meta.url));
  if (!existsSync(bundle)) return undefined;
  const built = statSync(bundle).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  return newest(fileURLToPath(new URL("../../src/sim", import.meta.url))) < built ? { command: process.execPath, args: [bundle] } : undefined;
}

/** A test's client of a running twin: everything over HTTP and SSH, as xdc would do it. */
export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * The shipped demo application, with the toolkit's parameters declared as submission
 * parameters (empty by default, so the manifest's values apply unless a test sets them).
 */
export function demoWithToolkitParameters(): AppManifest {
  const json = JSON.parse(readFileSync(new URL("../../examples/apps/FailoverDemo.json", import.meta.url), "utf8")) as { submissionParameters: { name: string; default?: string }[] };
  for (const name of ["heartbeatExchangeInterval", "consecutiveHeartbeatMissesAllowed", "dataSnapshotExchangeInterval", "crossDCOperationMode", "crossDCInitDelay"]) {
    if (!json.submissionParameters.some((p) => p.name === name)) json.submissionParameters.push({ name, default: "" });
  }
  const manifest = validateManifest(json);
  if (!manifest.ok) throw new Error(`the demo manifest does not validate: ${JSON.stringify(manifest.error)}`);
  return manifest.value;
}

export class TwinClient {
  readonly auth: string;

  constructor(readonly twin: Twin) {
    this.auth = `Basic ${Buffer.from(`${twin.description.user}:${twin.password}`).toString("base64")}`;
  }

  dc(name: string) {
    const dc = this.twin.description.dcs.find((d) => d.name === name);
    if (!dc) throw new Error(`no datacenter ${name}`);
    return dc;
  }

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const init: RequestInit = { method, headers: { Authorization: this.auth, Accept: "application/json", ...headers } };
    if (body instanceof Uint8Array) init.body = body as RequestInit["body"];
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
    const res = await fetch(url, init);
    const text = await res.text();
    const isJson = (res.headers.get("content-type") ?? "").startsWith("application/json") && text.length > 0;
    return { status: res.status, body: isJson ? JSON.parse(text) : text, headers: res.headers };
  }

  get = (url: string) => this.request("GET", url);

  /** The instance URL, found by following links from the resource root, as clients do. */
  async instanceUrl(dc: string): Promise<string> {
    const root = await this.get(`${this.dc(dc).restUrl}/resources`);
    const instances = await this.get(root.body.resources.find((r: { name: string }) => r.name === "instances").resource);
    return instances.body.instances[0].self;
  }

  /** Uploads the bundle and submits a job with submission parameters; returns the job element. */
  async submit(dc: string, manifest: AppManifest, parameters: Record<string, string>, jobName: string): Promise<any> {
    const instance = await this.instanceUrl(dc);
    const upload = await this.request("POST", `${instance}/applicationbundles`, buildBundle(manifest), { "Content-Type": "application/x-jar" });
    if (upload.status !== 200) throw new Error(`upload answered ${upload.status}: ${JSON.stringify(upload.body)}`);
    const overlay = { jobConfigOverlays: [{ jobConfig: { jobName, submissionParameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) } }] };
    const job = await this.request("POST", `${instance}/jobs`, { application: upload.body.bundleId, jobConfigurationOverlay: overlay });
    if (job.status !== 201) throw new Error(`submit answered ${job.status}: ${JSON.stringify(job.body)}`);
    return job.body;
  }

  /** A job's endpoints from the data discovery document. */
  async endpoints(dc: string, jobId: string): Promise<{ inject: Record<string, string>; inspect: Record<string, string> }> {
    const doc = await this.get(this.dc(dc).dataUrl);
    const job = doc.body.jobs.find((j: { jobId: string }) => j.jobId === jobId);
    if (!job) throw new Error(`job ${jobId} is not in ${dc}'s discovery document`);
    const byName = (list: { operator: string; url: string }[]) => Object.fromEntries(list.map((e) => [e.operator, e.url]));
    return { inject: byName(job.inject), inspect: byName(job.inspect) };
  }

  /** Reads a sink continuously until `count` items arrived (or the time is up). */
  async readUntil(url: string, count: number, timeoutMs: number): Promise<unknown[]> {
    const items: unknown[] = [];
    let since = 0;
    const deadline = Date.now() + timeoutMs;
    while (items.length < count && Date.now() < deadline) {
      const page = await this.get(`${url}?since=${since}`);
      if (page.status !== 200) throw new Error(`inspect answered ${page.status}`);
      items.push(...page.body.items);
      since = page.body.next;
      if (items.length < count) await new Promise((r) => setImmediate(r));
    }
    return items;
  }

  /** Polls `probe` until it returns something other than undefined. */
  async until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Ground-truth events after `since` that match, waiting (long poll) up to `waitMs` for the first. */
  async events(query: { since: number; type?: string; dc?: string; waitMs?: number }): Promise<TwinEvent[]> {
    const params = new URLSearchParams({ since: String(query.since) });
    if (query.type) params.set("type", query.type);
    if (query.dc) params.set("dc", query.dc);
    if (query.waitMs) params.set("wait", String(query.waitMs));
    const res = await fetch(`${this.twin.description.groundTruthUrl}/events?${params}`);
    return ((await res.json()) as { events: TwinEvent[] }).events;
  }

  /** The first event after `since` matching, within `timeoutMs`. */
  async waitForEvent(since: number, type: string, match: (e: any) => boolean, timeoutMs: number): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    let from = since;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} event within ${timeoutMs} ms`);
      const found = await this.events({ since: from, type, waitMs: left });
      const hit = found.find(match);
      if (hit) return hit;
      if (found.length > 0) from = found[found.length - 1]!.seq;
    }
  }

  lastSeq(): number {
    return this.twin.groundTruth.lastSeq;
  }

  /** Runs a command on a simulated host over SSH as `streams`, with the twin's client key. */
  ssh(dc: string, hostName: string, command: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const host = this.dc(dc).hosts.find((h) => h.name === hostName);
    if (!host) throw new Error(`no host ${hostName} in ${dc}`);
    const privateKey = readFileSync(this.twin.description.sshKeyPath, "utf8");
    return new Promise((resolve, reject) => {
      const client = new ssh2.Client();
      client
        .on("ready", () => {
          client.exec(command, (err, stream) => {
            if (err) {
              client.end();
              reject(err);
              return;
            }
            let stdout = "";
            let stderr = "";
            stream.on("data", (d: Buffer) => (stdout += d.toString()));
            stream.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
            stream.on("close", (code: number) => {
              client.end();
              resolve({ code, stdout, stderr });
            });
          });
        })
        .on("error", reject)
        .connect({
          host: host.address,
          port: host.sshPort,
          username: host.sshUser,
          privateKey,
          hostVerifier: (key: Buffer) => key.toString("base64") === host.hostKey.split(" ")[1],
        });
    });
  }
}
