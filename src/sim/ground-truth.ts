import type { IncomingMessage, ServerResponse } from "node:http";
import { writeReply } from "./net/write-reply.js";
import type { TwinEvent, TwinEventBody } from "./twin-events.js";

/**
 * The twin's ground truth: every event the datacenters report, numbered in order of arrival
 * at the coordinator, kept in a bounded log (the oldest go first) and served at
 * `GET /xdc-twin/events`. Twin-only: a real deployment has no such thing, so it is never
 * listed in the REST root and xdc's observation code never reads it (docs/twin.md).
 */
export const GROUND_TRUTH_PREFIX = "/xdc-twin";
const DEFAULT_CAPACITY = 100_000;
const MAX_WAIT_MS = 30_000;

export interface TruthQuery {
  /** only events with a greater `seq`; 0 (the default) = from the start */
  readonly since?: number;
  readonly types?: ReadonlySet<string>;
  readonly dc?: string;
  readonly limit?: number;
}

export interface TruthPage {
  readonly events: readonly TwinEvent[];
  /** the `seq` to pass as `since` next time: the last event looked at */
  readonly next: number;
  /** events after `since` that the bounded log had already forgotten */
  readonly dropped: number;
}

export class GroundTruth {
  private readonly log: TwinEvent[] = [];
  private seq = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get lastSeq(): number {
    return this.seq;
  }

  record(body: TwinEventBody, time: number): TwinEvent {
    const event = { ...body, seq: ++this.seq, time } as TwinEvent;
    this.log.push(event);
    if (this.log.length > this.capacity) this.log.splice(0, this.log.length - this.capacity);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    return event;
  }

  read(query: TruthQuery = {}): TruthPage {
    const since = query.since ?? 0;
    const first = this.log[0]?.seq ?? this.seq + 1;
    const dropped = Math.max(0, first - since - 1);
    const start = Math.max(0, since + 1 - first);
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const events: TwinEvent[] = [];
    let next = Math.max(since, first - 1);
    for (let i = start; i < this.log.length && events.length < limit; i++) {
      const e = this.log[i]!;
      next = e.seq;
      if (query.types && !query.types.has(e.type)) continue;
      if (query.dc !== undefined && e.dc !== query.dc) continue;
      events.push(e);
    }
    return { events, next: Math.min(next, this.seq), dropped };
  }

  /** Resolves once an event after `since` exists, or after `timeoutMs`, whichever is first. */
  waitBeyond(since: number, timeoutMs: number): Promise<void> {
    if (this.seq > since || timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  /** Wakes every waiting reader, for shutting down. */
  release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * The HTTP side: `GET /xdc-twin` (an index) and `GET /xdc-twin/events` with the query
 * parameters `since=SEQ` (events after it), `type=a,b`, `dc=NAME`, `limit=N` and `wait=MS`
 * (long poll: answer as soon as something after `since` was recorded, at most MS later).
 * Returns false for paths it does not own.
 */
export function groundTruthHandler(truth: GroundTruth) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://twin");
    if (url.pathname !== GROUND_TRUTH_PREFIX && !url.pathname.startsWith(`${GROUND_TRUTH_PREFIX}/`)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, { message: "the ground truth is read-only: use GET" });
      return true;
    }
    if (url.pathname === GROUND_TRUTH_PREFIX || url.pathname === `${GROUND_TRUTH_PREFIX}/`) {
      const base = `http://${req.headers.host ?? "localhost"}${GROUND_TRUTH_PREFIX}`;
      sendJson(res, 200, { events: `${base}/events`, lastSeq: truth.lastSeq });
      return true;
    }
    if (url.pathname !== `${GROUND_TRUTH_PREFIX}/events`) {
      sendJson(res, 404, { message: `no ground-truth resource at ${url.pathname}; try ${GROUND_TRUTH_PREFIX}/events` });
      return true;
    }
    const query = readQuery(url.searchParams);
    if (typeof query === "string") {
      sendJson(res, 400, { message: query });
      return true;
    }
    const answer = () => sendJson(res, 200, truth.read(query.query));
    if (query.waitMs > 0 && truth.read({ ...query.query, limit: 1 }).events.length === 0) {
      void waitForMatch(truth, query.query, query.waitMs).then(answer);
    } else {
      answer();
    }
    return true;
  };
}

/** Waits until an event matching the query exists (or the time is up). */
async function waitForMatch(truth: GroundTruth, query: TruthQuery, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  let since = query.since ?? 0;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    await truth.waitBeyond(since, left);
    const page = truth.read({ ...query, since, limit: 1 });
    if (page.events.length > 0) return;
    since = Math.max(since, truth.lastSeq);
  }
}

function readQuery(params: URLSearchParams): { query: TruthQuery; waitMs: number } | string {
  const numbers: Record<string, number> = {};
  for (const name of ["since", "limit", "wait"]) {
    const raw = params.get(name);
    if (raw === null) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) return `\`${name}\` must be a whole number ≥ 0, not ${JSON.stringify(raw)}`;
    numbers[name] = n;
  }
  const type = params.get("type");
  const dc = params.get("dc");
  return {
    query: {
      since: numbers.since ?? 0,
      ...(numbers.limit === undefined ? {} : { limit: numbers.limit }),
      ...(type ? { types: new Set(type.split(",").filter(Boolean)) } : {}),
      ...(dc ? { dc } : {}),
    },
    waitMs: Math.min(numbers.wait ?? 0, MAX_WAIT_MS),
  };
}

const sendJson = (res: ServerResponse, status: number, body: unknown): void => writeReply(res, { status, json: body, headers: { "Cache-Control": "no-store" } });
