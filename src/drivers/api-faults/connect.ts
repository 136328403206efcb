import type { DriverContext } from "../context.js";
import type { FaultPlan } from "../faults/types.js";
import { connectStreams, type StreamsApi } from "../streams/index.js";
import { err } from "../result.js";
import type { ApiFaultPort } from "./port.js";
import { streamsFaultPort } from "./streams-port.js";

export interface FaultApis {
  readonly port: ApiFaultPort;
  /** Datacenters that cannot be reached, and why: one line each. */
  readonly problems: readonly string[];
  close(): void;
}

/**
 * REST connections for the API faults among `plans`, from the endpoints the plans recorded and
 * passwords looked up by the variable names they recorded (`password(name)`, the CLI's
 * environment). A datacenter without its password gets no connection: its faults fail to
 * undo, loudly, with the reason, and the others go ahead.
 */
export async function connectFaultApis(plans: readonly FaultPlan[], password: (variable: string) => string | undefined, ctx: DriverContext): Promise<FaultApis> {
  const endpoints = new Map(plans.flatMap((p) => Object.entries(p.apis ?? {})));
  const apis: Record<string, StreamsApi> = {};
  const missing = new Map<string, string>();
  for (const [dc, e] of endpoints) {
    const secret = password(e.passwordEnv);
    if (!secret) {
      missing.set(dc, `the REST API of ${dc} needs its password in the environment variable ${e.passwordEnv}, which is not set`);
      continue;
    }
    const api = await connectStreams({ url: e.url, credentials: { user: e.user, password: secret }, ...(e.instanceId ? { instanceId: e.instanceId } : {}), ...(e.tls ? { tls: e.tls } : {}) }, ctx);
    if (api.ok) apis[dc] = api.value;
    else missing.set(dc, `the REST API of ${dc} cannot be used: ${api.error.message}`);
  }
  const port = streamsFaultPort(apis);
  return {
    port: { call: (dc, c) => (missing.has(dc) ? Promise.resolve(err({ dc, message: missing.get(dc)!, lasting: true })) : port.call(dc, c)) },
    problems: [...missing.values()],
    close: () => Object.values(apis).forEach((a) => a.close()),
  };
}
