import type { Clock } from "../clock.js";
import type { LiveDc } from "./environment.js";

/**
 * A small Data Exchange client over the discovery document (docs/twin.md, "Data Exchange"):
 * endpoint URLs come from it, never built. It stands in until the exchange driver
 * (src/drivers/exchange/) lands; every request is bounded by `timeoutMs` on the run's clock.
 */
export interface EndpointUrls {
  readonly inject: Readonly<Record<string, string>>;
  readonly inspect: Readonly<Record<string, string>>;
}

interface Discovery {
  readonly jobs?: readonly { readonly jobId: string; readonly inject?: readonly { operator: string; url: string }[]; readonly inspect?: readonly { operator: string; url: string }[] }[];
}

export type Answer = { readonly ok: true; readonly status: number; readonly body: unknown } | { readonly ok: false; readonly message: string };

export class ExchangeClient {
  private readonly auth: string;

  constructor(
    private readonly dc: LiveDc,
    private readonly clock: Clock,
    private readonly timeoutMs = 5_000,
  ) {
    this.auth = `Basic ${Buffer.from(`${dc.user}:${dc.password}`).toString("base64")}`;
  }

  /** One request, ended by the run's signal or by the timeout, whichever comes first. */
  async request(url: string, signal: AbortSignal, body?: unknown): Promise<Answer> {
    const own = new AbortController();
    const stop = () => own.abort();
    signal.addEventListener("abort", stop, { once: true });
    const timer = this.clock.sleep(this.timeoutMs, own.signal).then(stop, () => undefined);
    try {
      const res = await fetch(url, {
        method: body === undefined ? "GET" : "POST",
        headers: { Authorization: this.auth, Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: own.signal,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      return { ok: true, status: res.status, body: parsed };
    } catch (e) {
      return { ok: false, message: own.signal.aborted && !signal.aborted ? `no answer within ${this.timeoutMs} ms` : (e as Error).message };
    } finally {
      signal.removeEventListener("abort", stop);
      own.abort();
      await timer;
    }
  }

  /** The endpoints of one job, by operator name; undefined when the data service does not list the job. */
  async endpoints(jobId: string, signal: AbortSignal): Promise<EndpointUrls | undefined> {
    if (!this.dc.data) return undefined;
    const a = await this.request(this.dc.data, signal);
    if (!a.ok || a.status !== 200) return undefined;
    const job = (a.body as Discovery).jobs?.find((j) => j.jobId === jobId);
    if (!job) return undefined;
    return {
      inject: Object.fromEntries((job.inject ?? []).map((e) => [e.operator, e.url])),
      inspect: Object.fromEntries((job.inspect ?? []).map((e) => [e.operator, e.url])),
    };
  }
}
