import type { Clock } from "../../runtime/clock.js";
import type { HttpError } from "../http/errors.js";
import { err, ok, type Result } from "../result.js";
import type { Tuple } from "./types.js";
import type { Wire } from "./wire.js";

/**
 * Where a reader begins: the sink's whole buffer, what arrives from now on (from when the reader
 * was made: the sink's `start`), or what arrived since a time on the run's clock.
 */
export type ReadFrom = "buffer" | "now" | { readonly atMs: number };

export interface Page {
  readonly items: readonly Tuple[];
  /** Tuples the sink dropped before this reader got to them (its buffer was full): the reader's gap, not the application's loss. */
  readonly missed: number;
  /** The sink may hold more right now (the page was cut at `limit`). */
  readonly more: boolean;
}

/**
 * A position in one EndpointSink (the twin's inspect semantics, docs/twin.md): each answer's
 * `next` is passed back as `since`, so reads go on without losing or re-reading tuples, and a
 * `next` below the position means the sink's numbering started again (its datacenter came
 * back), so the reader starts from the sink's beginning. An answer without `next` is a sink
 * that leaves positions to the server (consuming reads): every answer is then new tuples.
 */
export class SinkCursor {
  private since: number | undefined;
  private first = true;
  /** "now" means when the cursor was made, not when it first reads. */
  private readonly from: "buffer" | { readonly atMs: number };

  constructor(
    private readonly wire: Wire,
    private readonly clock: Clock,
    private readonly url: string,
    from: ReadFrom,
    private readonly limit: number,
  ) {
    this.from = from === "now" ? { atMs: clock.now() } : from;
  }

  async read(signal?: AbortSignal): Promise<Result<Page, HttpError>> {
    const r = await this.wire.send({ method: "GET", url: this.requestUrl(), ...(signal ? { signal } : {}) });
    if (!r.ok) return r;
    const body = r.value.json as { items?: unknown; next?: unknown; missed?: unknown } | undefined;
    if (!body || !Array.isArray(body.items)) {
      const path = new URL(this.url).pathname;
      return err({ kind: "protocol", message: `GET ${path} answered without an \`items\` list`, method: "GET", path, status: r.value.status });
    }
    const items = body.items.filter((t): t is Tuple => typeof t === "object" && t !== null && !Array.isArray(t));
    let restarted = false;
    if (typeof body.next === "number") {
      restarted = this.since !== undefined && body.next < this.since && items.length === 0;
      this.since = restarted ? 0 : body.next;
    }
    this.first = false;
    const missed = typeof body.missed === "number" ? body.missed : 0;
    return ok({ items, missed, more: restarted || items.length >= this.limit });
  }

  private requestUrl(): string {
    const u = new URL(this.url);
    if (this.since !== undefined) u.searchParams.set("since", String(this.since));
    else if (this.first && this.from !== "buffer") u.searchParams.set("start", String(Math.floor(this.from.atMs + this.clock.wallAnchorMs)));
    u.searchParams.set("limit", String(this.limit));
    return u.toString();
  }
}
