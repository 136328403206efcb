import type { HttpError } from "../http/errors.js";
import { err, ok, type Result } from "../result.js";
import type { Parser } from "./parse.js";
import { protocolError, type Session } from "./session.js";

export interface CollectionQuery {
  /** Elements per page (`count`); without it the server decides, and answers whole lists. */
  readonly pageSize?: number;
  /** Filters (`name=Ingest`, `id=3`): reference §1.3, AND across names, OR across a comma list. */
  readonly filters?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** A server that keeps answering `next` this often is broken, not big. */
const MAX_PAGES = 100_000;

/**
 * Every element of a collection (`{"resourceType":"jobList","total":…,"jobs":[…]}`): its first
 * page at `url` with the query added, then every page its `next` link names, until a page has
 * none. Each page is an idempotent GET, retried on its own.
 */
export async function readCollection<T>(session: Session, url: string, key: string, parse: Parser<T>, q: CollectionQuery = {}): Promise<Result<T[], HttpError>> {
  const out: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined = withQuery(url, { ...q.filters, ...(q.pageSize ? { count: String(q.pageSize) } : {}) });
  while (next !== undefined) {
    if (seen.has(next) || seen.size >= MAX_PAGES) return err(protocolError("GET", next, "the `next` links go round in a circle"));
    seen.add(next);
    const page = await session.call({ method: "GET", url: next, ...(q.signal ? { signal: q.signal } : {}) });
    if (!page.ok) return page;
    const body = page.value.json;
    if (typeof body !== "object" || body === null || Array.isArray(body)) return err(protocolError("GET", next, "expected a collection object"));
    const items = (body as Record<string, unknown>)[key];
    if (items !== undefined && !Array.isArray(items)) return err(protocolError("GET", next, `\`${key}\` is not an array`));
    for (const item of (items ?? []) as unknown[]) {
      const parsed = parse(item);
      if (!parsed.ok) return err(protocolError("GET", next, parsed.error));
      out.push(parsed.value);
    }
    const link = (body as Record<string, unknown>)["next"];
    next = typeof link === "string" && link.length > 0 ? new URL(link, next).toString() : undefined;
  }
  return ok(out);
}

/** The URL with these query parameters set (others it has are kept). */
export function withQuery(url: string, params: Readonly<Record<string, string>>): string {
  if (Object.keys(params).length === 0) return url;
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}
