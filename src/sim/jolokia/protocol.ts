import type { StreamsInstance } from "../model/instance.js";
import { mbeanAttributes, type AttributeValue } from "./mbeans.js";
import { parseObjectName } from "./object-name.js";

/**
 * Jolokia's protocol (version 7), as far as the twin speaks it: `read` of one MBean's
 * attributes (one, several, or all), with a path into the value, and `version`. Responses have
 * Jolokia's shapes: `{request, value, timestamp, status: 200}`, or `{request, error_type,
 * error, status}` with JMX's exception names and Jolokia's message texts, so a client sees
 * what a Jolokia agent would answer.
 */
export const JOLOKIA_PROTOCOL = "7.2";
export const TWIN_AGENT = "xdc-twin";

export type JolokiaRequest = Readonly<Record<string, unknown>>;
export type JolokiaResponse = Readonly<Record<string, unknown>>;

const ILLEGAL = "java.lang.IllegalArgumentException";

/** An error response, as Jolokia writes one: `error` is the exception's class, " : ", and its message. */
export function errorResponse(status: number, errorType: string, message: string, request?: JolokiaRequest): JolokiaResponse {
  return { ...(request ? { request } : {}), error_type: errorType, error: `${errorType} : ${message}`, status };
}

/** Answers one request (an element of a bulk POST, or what a GET's path says). */
export function answer(instance: StreamsInstance, request: unknown): JolokiaResponse {
  if (typeof request !== "object" || request === null || Array.isArray(request)) return errorResponse(400, ILLEGAL, "a request must be a JSON object");
  const r = request as JolokiaRequest;
  const type = r["type"];
  if (typeof type !== "string") return errorResponse(400, ILLEGAL, "No type given", r);
  const timestamp = Math.floor(instance.now() / 1000);
  const echo = { ...r };
  delete echo["config"];
  if (type === "version") return { request: echo, value: { agent: TWIN_AGENT, protocol: JOLOKIA_PROTOCOL, info: { product: "xdc twin", vendor: "xdc" }, config: {} }, timestamp, status: 200 };
  if (type !== "read") {
    const known = ["list", "search", "write", "exec", "notification"].includes(type);
    return known
      ? errorResponse(400, "java.lang.UnsupportedOperationException", `the twin's Jolokia answers read and version, not ${type}`, echo)
      : errorResponse(400, ILLEGAL, `No type with name '${type}' exists`, echo);
  }
  const mbean = r["mbean"];
  if (typeof mbean !== "string" || mbean === "") return errorResponse(400, ILLEGAL, "No MBean name given", echo);
  const name = parseObjectName(mbean);
  if (!name.ok) return errorResponse(400, name.error.startsWith("pattern") ? "java.lang.UnsupportedOperationException" : ILLEGAL, name.error, echo);
  const attributes = mbeanAttributes(instance, name.value);
  if (!attributes) return errorResponse(404, "javax.management.InstanceNotFoundException", mbean, echo);
  const wanted = r["attribute"];
  let value: AttributeValue;
  if (wanted === undefined || wanted === null) value = attributes;
  else if (typeof wanted === "string") {
    if (!Object.hasOwn(attributes, wanted)) return errorResponse(404, "javax.management.AttributeNotFoundException", `No such attribute: ${wanted}`, echo);
    value = attributes[wanted]!;
  } else if (Array.isArray(wanted) && wanted.every((a) => typeof a === "string")) {
    const missing = wanted.find((a) => !Object.hasOwn(attributes, a));
    if (missing !== undefined) return errorResponse(404, "javax.management.AttributeNotFoundException", `No such attribute: ${missing}`, echo);
    value = Object.fromEntries(wanted.map((a) => [a, attributes[a]!]));
  } else return errorResponse(400, ILLEGAL, "attribute must be a name or a list of names", echo);
  const path = r["path"];
  if (path !== undefined && path !== null && typeof path !== "string") return errorResponse(400, ILLEGAL, "path must be a string", echo);
  return { request: echo, value: typeof path === "string" && path !== "" ? follow(value, splitPath(path)) : value, timestamp, status: 200 };
}

/**
 * Follows a path into a value. Where it leads nowhere the value is null, as Jolokia 1.x
 * answers (`HeapMemoryUsage/nokey` reads null with status 200): the client must not take that
 * for a number.
 */
function follow(value: AttributeValue, path: readonly string[]): AttributeValue {
  let current: AttributeValue = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return null;
    current = current[key]!;
  }
  return current;
}

/** Splits at `/`, with Jolokia's escapes: `!/` is a slash inside a part, `!!` an exclamation mark. */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === "!" && i + 1 < path.length) {
      current += path[++i]!;
      continue;
    }
    if (c === "/") {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts.filter((p) => p !== "");
}

/**
 * The request a GET's path below the agent's URL stands for: `read/MBEAN[/ATTRIBUTE[/PATH…]]`,
 * `version`, or nothing (also `version`). The path is URL-decoded first, then split with
 * Jolokia's escapes, as Jolokia's servlet does.
 */
export function getRequest(pathBelow: string): JolokiaRequest | JolokiaResponse {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathBelow);
  } catch {
    return errorResponse(400, ILLEGAL, "the URL's path is not valid percent-encoding");
  }
  const parts = splitPath(decoded);
  const [type, mbean, attribute, ...rest] = parts;
  if (type === undefined) return { type: "version" };
  if (type !== "read") return { type };
  return { type, ...(mbean !== undefined ? { mbean } : {}), ...(attribute !== undefined ? { attribute } : {}), ...(rest.length > 0 ? { path: rest.map((p) => p.replace(/!/g, "!!").replace(/\//g, "!/")).join("/") } : {}) };
}

export const isResponse = (x: JolokiaRequest | JolokiaResponse): x is JolokiaResponse => "status" in x;
