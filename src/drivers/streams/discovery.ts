import type { HttpError } from "../http/errors.js";
import { err, ok, type Result } from "../result.js";
import type { Authorizer } from "./auth.js";
import { readCollection } from "./collections.js";
import type { Instance } from "./models.js";
import { parseInstance } from "./parse.js";
import { protocolError, type Session } from "./session.js";

/**
 * The resource root of a REST API given as the environment file gives it: the root itself
 * (`…/streams/rest/resources`), the API's base (`…/streams/rest`), or only an origin
 * (`https://h:8443`), to which Streams' documented root path is added. This is the one path
 * xdc knows; everything else is found by following links.
 */
export function resourceRoot(url: string): Result<string, string> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return err(`${url} is not a URL: expected the REST API's address, such as https://host:8443/streams/rest`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return err(`${url}: expected an http or https URL`);
  if (u.username || u.password) return err("the REST URL must not carry a user name or password: give them as credentials");
  const path = u.pathname.replace(/\/+$/, "");
  u.search = "";
  u.hash = "";
  u.pathname = path.endsWith("/resources") ? path : path === "" ? "/streams/rest/resources" : `${path}/resources`;
  return ok(u.toString());
}

export interface DiscoveryOptions {
  readonly rootUrl: string;
  /** The instance to use; without it, the first one listed (as Streams' own clients do). */
  readonly instanceId?: string;
  /** Use bearer tokens when the root offers them. */
  readonly tokens: boolean;
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

/** The root's entries: `{"resources":[{"name":"instances","resource":"https://…"}]}` (reference §1.1). */
function rootEntries(json: unknown): Map<string, string> | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const list = (json as Record<string, unknown>)["resources"];
  if (!Array.isArray(list)) return undefined;
  const out = new Map<string, string>();
  for (const entry of list) {
    if (typeof entry !== "object" || entry === null) continue;
    const { name, resource } = entry as Record<string, unknown>;
    if (typeof name === "string" && typeof resource === "string") out.set(name, resource);
  }
  return out;
}

/** Root → `instances` → the instance: where every later call starts. */
export async function discover(session: Session, auth: Authorizer, o: DiscoveryOptions): Promise<Result<Instance, HttpError>> {
  const signal = o.signal ? { signal: o.signal } : {};
  const root = await session.call({ method: "GET", url: o.rootUrl, ...signal });
  if (!root.ok) return root;
  const entries = rootEntries(root.value.json);
  const instancesUrl = entries?.get("instances");
  if (!instancesUrl) return err(protocolError("GET", o.rootUrl, "the resource root lists no `instances` resource"));
  const tokens = entries?.get("accessTokens");
  if (o.tokens && tokens && !auth.usesTokens) auth.offerTokens(tokens);
  const instances = await readCollection(session, instancesUrl, "instances", parseInstance, {
    ...(o.pageSize ? { pageSize: o.pageSize } : {}),
    ...(o.instanceId ? { filters: { id: o.instanceId } } : {}),
    ...signal,
  });
  if (!instances.ok) return instances;
  const found = o.instanceId === undefined ? instances.value[0] : instances.value.find((i) => i.id === o.instanceId);
  if (found) return ok(found);
  const path = new URL(instancesUrl).pathname;
  const listed = instances.value.map((i) => i.id).join(", ");
  return err({
    kind: "not-found",
    method: "GET",
    path,
    message: o.instanceId === undefined ? `GET ${path}: the REST API lists no instance` : `GET ${path}: no instance \`${o.instanceId}\`${listed ? `; it lists ${listed}` : ""}`,
  });
}
