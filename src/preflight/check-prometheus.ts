import type { DriverContext } from "../drivers/context.js";
import { connectPrometheus } from "../drivers/prometheus/index.js";
import type { LiveDc } from "../runtime/live/environment.js";
import { failed, ok, type CheckLine } from "./types.js";
import { SERVICE_RETRY } from "../runtime/live/drivers.js";

/**
 * The Prometheus server of a datacenter whose server a scenario queries (`promql`): it answers
 * a trivial query (`vector(1)`) with the run's TLS settings. `named`: the scenario names this
 * datacenter, so a missing server is a failure; a query without `on:` needs only the servers
 * the environment lists.
 */
export async function checkPrometheus(dc: LiveDc, ctx: DriverContext, timeoutMs: number, named: boolean): Promise<CheckLine[]> {
  const fix = "set `prometheus` in the environment file to the server's base URL, such as http://prometheus:9090";
  if (dc.prometheus === undefined) return named ? [failed("prometheus", dc.name, "a scenario queries this datacenter's Prometheus server, and the environment names none", fix)] : [];
  const url = dc.prometheus;
  // An exposition page (what a server scrapes) answers no queries: a common slip when filling the setting in.
  if (new URL(url).pathname.endsWith("/metrics")) return [failed("prometheus", dc.name, `${url} is a metrics page to scrape, not a Prometheus server`, fix)];
  // The run's own rule (src/runtime/live/drivers.ts): the datacenter's credentials only over HTTPS.
  const credentials = url.startsWith("https://") && dc.password !== "" ? { credentials: { user: dc.user, password: dc.password } } : {};
  const prom = await connectPrometheus({ url, ...credentials, ...(dc.tls ? { tls: dc.tls } : {}), timeoutMs, retry: SERVICE_RETRY }, ctx);
  if (!prom.ok) return [failed("prometheus", dc.name, prom.error.message, fix)];
  try {
    const r = await prom.value.query("vector(1)");
    return [r.ok ? ok("prometheus", dc.name, `${url} answers queries`) : failed("prometheus", dc.name, `${url}: ${r.error.message}`, fix)];
  } finally {
    prom.value.close();
  }
}
