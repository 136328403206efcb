import { err, ok, type Result } from "../model/result.js";
import { restError, type ErrorReply } from "./errors.js";

/**
 * The query parameters of reference §1.3: `count` and `page` (1-based, -1 = last) page a
 * collection, `fields` (with `object.member`) trims elements, any other parameter naming a
 * property filters (`status=running,canceled`: OR across values, AND across properties).
 * Names are case-sensitive; parameters that name no property are ignored, as Streams does.
 */
export interface ListQuery {
  readonly count: number | undefined;
  readonly page: number;
  readonly fields: readonly string[] | undefined;
  readonly filters: ReadonlyMap<string, readonly string[]>;
}

const RESERVED = new Set(["count", "page", "fields", "listFields", "verbose"]);

export function parseQuery(params: URLSearchParams): Result<ListQuery, ErrorReply> {
  let count: number | undefined;
  let page = 1;
  const rawCount = params.get("count");
  if (rawCount !== null) {
    count = Number(rawCount);
    if (!/^[0-9]+$/.test(rawCount) || count < 1) return err(restError("badInput", `count: expected a positive whole number, found "${rawCount}"`));
  }
  const rawPage = params.get("page");
  if (rawPage !== null) {
    page = Number(rawPage);
    if (!/^(-1|[0-9]+)$/.test(rawPage) || page === 0) return err(restError("badInput", `page: expected a page number from 1, or -1 for the last page, found "${rawPage}"`));
  }
  const rawFields = params.get("fields");
  const fields = rawFields === null ? undefined : rawFields.split(",").map((f) => f.trim()).filter((f) => f.length > 0);
  const filters = new Map<string, string[]>();
  for (const [name, value] of params) {
    if (RESERVED.has(name)) continue;
    filters.set(name, [...(filters.get(name) ?? []), ...value.split(",")]);
  }
  return ok({ count, page, fields, filters });
}

export type Json = Record<string, unknown>;

/** Keeps the listed fields; `a.b` keeps member `b` of object `a` (or of each object in array `a`). */
export function pickFields(element: Json, fields: readonly string[] | undefined): Json {
  if (!fields) return element;
  const out: Json = {};
  for (const field of fields) {
    const dot = field.indexOf(".");
    if (dot < 0) {
      if (field in element) out[field] = element[field];
      continue;
    }
    const [head, member] = [field.slice(0, dot), field.slice(dot + 1)];
    const value = element[head];
    if (Array.isArray(value)) {
      const previous = Array.isArray(out[head]) ? (out[head] as Json[]) : value.map(() => ({}));
      out[head] = value.map((v: unknown, i) => (isJson(v) ? { ...previous[i], ...pickFields(v, [member]) } : v));
    } else if (isJson(value)) {
      out[head] = { ...(isJson(out[head]) ? (out[head] as Json) : {}), ...pickFields(value, [member]) };
    }
  }
  return out;
}

/** Keeps the elements that match every filter naming one of their properties. */
export function filterElements(elements: readonly Json[], filters: ReadonlyMap<string, readonly string[]>): readonly Json[] {
  let out = elements;
  for (const [name, values] of filters) {
    if (!elements.some((e) => name in e && isScalar(e[name]))) continue;
    out = out.filter((e) => isScalar(e[name]) && values.includes(String(e[name])));
  }
  return out;
}

export interface ListShape {
  /** `jobList`, `peList`, … */
  readonly resourceType: string;
  /** the array's key: `jobs`, `pes`, … */
  readonly key: string;
  /** the absolute URL of the request without its query, for `next`/`previous` */
  readonly url: string;
  readonly params: URLSearchParams;
  /** metric lists name whose metrics they are */
  readonly owner?: string;
}

/** `{resourceType, total, <key>: […]}`, filtered, then paged (with `next`/`previous` only when paged), then trimmed. */
export function listBody(shape: ListShape, elements: readonly Json[], q: ListQuery): Json {
  const matching = filterElements(elements, q.filters);
  const body: Json = { resourceType: shape.resourceType, total: matching.length };
  if (shape.owner) body["owner"] = shape.owner;
  if (q.count === undefined) {
    body[shape.key] = matching.map((e) => pickFields(e, q.fields));
    return body;
  }
  const pages = Math.max(1, Math.ceil(matching.length / q.count));
  const page = q.page === -1 ? pages : q.page;
  body[shape.key] = matching.slice((page - 1) * q.count, page * q.count).map((e) => pickFields(e, q.fields));
  if (page < pages) body["next"] = pageUrl(shape, page + 1);
  if (page > 1) body["previous"] = pageUrl(shape, Math.min(page - 1, pages));
  return body;
}

function pageUrl(shape: ListShape, page: number): string {
  const params = new URLSearchParams(shape.params);
  params.set("page", String(page));
  return `${shape.url}?${params.toString()}`;
}

const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
