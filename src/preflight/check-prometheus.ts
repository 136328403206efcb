import type { DriverContext } from "../drivers/context.js";
import { connectPrometheus } from "../drivers/prometheus/index.js";
import type { LiveDc } from "../runtime/live/environment.js";
import { failed, ok, type CheckLine } from "./types.js";

/**
 * The Prometheus server of a datacenter whose metrics a scenario reads: it answers a trivial
 * query (`vector(1)`) with the run's TLS settings. The twin's `prometheus:` is its own
 * exposition (`…/metrics`), which answers a plain GET instead of queries.
 */
export async function checkPrometheus(dc: LiveDc, ctx: DriverContext, timeoutMs: number): Promise<CheckLine[]> {
  if (dc.prometheus === undefined) return [];
  const url = dc.prometheus;
  const fix = "check `prometheus` in the environment file: the server's base URL, such as http://prometheus:9090";
  if (new URL(url).pathname.endsWith("/metrics")) return [await exposition(dc.name, url, ctx, timeoutMs, fix)];
  const prom = await connectPrometheus({ url, ...(dc.tls ? { tls: dc.tls } : {}), timeoutMs, retry: { attempts: 1 } }, ctx);
  if (!prom.ok) return [failed("prometheus", dc.name, prom.error.message, fix)];
  try {
    const r = await prom.value.query("vector(1)");
    return [r.ok ? ok("prometheus", dc.name, `${url} answers queries`) : failed("prometheus", dc.name, `${url}: ${r.error.message}`, fix)];
  } finally {
    prom.value.close();
  }
}

async function exposition(dc: string, url: string, ctx: DriverContext, timeoutMs: number, fix: string): Promise<CheckLine> {
  const stop = new AbortController();
  const done = new AbortController();
  void ctx.clock.sleep(timeoutMs, done.signal).then(() => stop.abort(new Error(`no answer within ${timeoutMs} ms`)), () => undefined);
  try {
    const res = await fetch(url, { signal: stop.signal });
    const text = await res.text();
    if (res.ok && /^# (TYPE|HELP) /m.test(text)) return ok("prometheus", dc, `${url} serves metrics`);
    return failed("prometheus", dc, `${url} answered ${res.status} without metrics`, fix);
  } catch (e) {
    return failed("prometheus", dc, `${url}: ${(e as Error).message}`, fix);
  } finally {
    done.abort();
  }
}
