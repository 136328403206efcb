import type { DriverContext } from "../drivers/context.js";
import { connectExchange } from "../drivers/exchange/index.js";
import type { LiveDc } from "../runtime/live/environment.js";
import type { EndpointNeed } from "./needs.js";
import { failed, ok, type CheckLine } from "./types.js";
import { SERVICE_RETRY } from "../runtime/live/drivers.js";

/**
 * A datacenter's Data Exchange: its discovery document answers with the run's credentials, and
 * for each endpoint the scenario injects into or reads from, whether it is listed. Before the
 * scenario submits its application nothing of it is listed: that is said, not failed.
 */
export async function checkExchange(dc: LiveDc, endpoints: readonly EndpointNeed[], ctx: DriverContext, timeoutMs: number): Promise<CheckLine[]> {
  if (endpoints.length === 0) return [];
  const names = endpoints.map((e) => `${e.app}.${e.operator}`).join(", ");
  if (dc.data === undefined) return [failed("data-exchange", dc.name, `the scenario uses ${names}, but datacenter ${dc.name} names no data service`, "set `data` to the data service's URL (`streamtool getinstanceurl --data`)")];
  const exchange = await connectExchange({ url: dc.data, credentials: { user: dc.user, password: dc.password }, ...(dc.tls ? { tls: dc.tls } : {}), timeoutMs, retry: SERVICE_RETRY }, ctx);
  if (!exchange.ok) return [failed("data-exchange", dc.name, exchange.error.message, "check `data` and the TLS settings of the environment file")];
  try {
    const doc = await exchange.value.discover();
    if (!doc.ok) {
      const e = doc.error;
      const fix = e.kind === "authentication" ? `check that user ${dc.user} may use the data service` : "check `data` in the environment file and that the data service runs";
      return [failed("data-exchange", dc.name, `discovery at ${dc.data} failed: ${e.message}`, fix)];
    }
    const listed = (e: EndpointNeed) => doc.value.endpoints.some((x) => x.operator === e.operator && x.kind === (e.direction === "source" ? "inject" : "inspect"));
    const now = endpoints.filter(listed).map((e) => `${e.app}.${e.operator}`);
    const later = endpoints.filter((e) => !listed(e)).map((e) => `${e.app}.${e.operator}`);
    const parts = [now.length > 0 ? `${now.join(", ")} listed` : "", later.length > 0 ? `${later.join(", ")} listed once submitted` : ""].filter(Boolean);
    return [ok("data-exchange", dc.name, `discovery answers (${doc.value.endpoints.length} endpoints now); ${parts.join("; ")}`)];
  } finally {
    exchange.value.close();
  }
}
