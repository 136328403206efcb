import type { DriverContext } from "../drivers/context.js";
import { connectStreams, type StreamsApi, type StreamsError } from "../drivers/streams/index.js";
import type { LiveDc, LiveEnvironment } from "../runtime/live/environment.js";
import { checkTls } from "../runtime/live/tls-check.js";
import { failed, ok, type CheckLine } from "./types.js";
import { REST_RETRY } from "../runtime/live/drivers.js";

/** Why a first REST call failed, as the line that names the check and its fix. */
function restFailure(dc: LiveDc, e: StreamsError, passwordFrom: string): CheckLine {
  const where = dc.name;
  switch (e.kind) {
    case "authentication":
      return failed("credentials", where, `the REST API refused user ${dc.user} (${e.status ?? "401"})`, `check \`user\` and the password in ${passwordFrom}; the account may have been removed or locked`);
    case "not-found":
      return failed("instance", where, `the REST API has no instance ${dc.instance}`, "set `instance` to the instance's id (`streamtool lsinstance`)");
    case "network":
    case "timeout":
      return failed("rest", where, `no answer from ${dc.streams}: ${e.message}`, "check `streams` in the environment file, that the REST API runs, and that this machine may reach it");
    default:
      return failed("rest", where, `${dc.streams}: ${e.message}`, "check `streams` in the environment file: it must be the REST API's base URL (`streamtool geturl --api`)");
  }
}

/**
 * A datacenter's REST API: reachable, its certificate trusted, the user accepted, the instance
 * there and running, and the parts of the API a run submits and cancels through. Reads only.
 */
export async function checkRest(env: LiveEnvironment, dc: LiveDc, ctx: DriverContext, timeoutMs: number): Promise<CheckLine[]> {
  const https = dc.streams.startsWith("https:");
  if (https) {
    const tls = await checkTls({ ...env, dcs: [{ ...dc, hosts: [] }] }, timeoutMs);
    if (tls) return [failed("tls", dc.name, tls.problem, tls.fix)];
  }
  const passwordFrom = dc.passwordEnv ? `$${dc.passwordEnv}` : "the environment file";
  const api = await connectStreams({ url: dc.streams, instanceId: dc.instance, credentials: { user: dc.user, password: dc.password }, ...(dc.tls ? { tls: dc.tls } : {}), timeoutMs, retry: REST_RETRY }, ctx);
  if (!api.ok) return [failed("rest", dc.name, api.error.message, "check `streams` and the TLS settings of the environment file")];
  try {
    return await readInstance(api.value, dc, https, passwordFrom);
  } finally {
    api.value.close();
  }
}

async function readInstance(api: StreamsApi, dc: LiveDc, https: boolean, passwordFrom: string): Promise<CheckLine[]> {
  const instance = await api.instance();
  if (!instance.ok) return [restFailure(dc, instance.error, passwordFrom)];
  const lines = [
    ok("rest", dc.name, `${dc.streams} answers${https ? `, certificate verified${dc.tls?.insecure ? " (NOT: insecure: true)" : ""}` : " (plain HTTP)"}`),
    ok("credentials", dc.name, `user ${dc.user} accepted`),
  ];
  const i = instance.value;
  const version = i.productVersion ? `, Streams ${i.productVersion}` : "";
  lines.push(
    i.status === "running"
      ? ok("instance", dc.name, `instance ${i.id} is running${version}`)
      : failed("instance", dc.name, `instance ${i.id} is ${i.status}`, `start it (\`streamtool startinstance -i ${i.id}\`) and wait until it is running`),
  );
  // The API says nothing of a user's rights ahead of a call; what it does offer: the links a
  // submission and a cancellation go through, and whether this user may read the jobs there.
  const missing = (["applicationBundles", "jobs"] as const).filter((l) => i.links[l] === undefined);
  if (missing.length > 0) {
    lines.push(failed("job-rights", dc.name, `instance ${i.id} offers no ${missing.join(" or ")} link: jobs cannot be submitted through this API`, "use the REST API of Streams 5 or later, at its base URL"));
    return lines;
  }
  const jobs = await api.jobs();
  lines.push(
    jobs.ok
      ? ok("job-rights", dc.name, `user ${dc.user} may read the jobs (${jobs.value.length} now); bundle upload and job submission are offered`)
      : failed("job-rights", dc.name, `user ${dc.user} may not read the jobs of ${i.id}: ${jobs.error.message}`, `give ${dc.user} the rights to submit and cancel jobs in instance ${i.id}`),
  );
  return lines;
}
