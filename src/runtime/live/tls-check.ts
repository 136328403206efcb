import { probeTls, type TlsProblem } from "../../drivers/http/tls-probe.js";
import type { LiveDc, LiveEnvironment } from "./environment.js";

/** A TLS problem with one of a datacenter's servers: what is wrong, and which setting fixes it. */
export interface TlsFinding {
  readonly dc: string;
  /** `the certificate of the REST API at https://… is …` */
  readonly problem: string;
  /** `set \`ca_file\` to …` */
  readonly fix: string;
}

/** The servers of a datacenter, with the setting that holds each URL. */
const servers = (dc: LiveDc) =>
  [
    { what: "REST API", setting: "streams", url: dc.streams },
    { what: "data service", setting: "data", url: dc.data },
    { what: "Prometheus", setting: "prometheus", url: dc.prometheus },
    { what: "Jolokia agent", setting: "jolokia", url: dc.jolokia },
  ].filter((s): s is { what: string; setting: string; url: string } => s.url !== undefined);

/**
 * Before a run contacts anything for real: one unauthenticated HEAD to every HTTPS server of
 * every datacenter, all at once and bounded by `timeoutMs`, with the TLS the run's clients
 * will use. The first TLS problem, in the environment's order, or undefined. A server that
 * does not answer at all is not reported here: that is the run's to find.
 */
export async function checkTls(env: LiveEnvironment, timeoutMs: number): Promise<TlsFinding | undefined> {
  const probes = env.dcs.flatMap((dc) => servers(dc).map((s) => ({ dc, s, found: probeTls(s.url, dc.tls ?? {}, timeoutMs) })));
  for (const p of probes) {
    const problem = await p.found;
    if (problem) return { dc: p.dc.name, ...describe(problem, p.s, p.dc) };
  }
  return undefined;
}

function describe(p: TlsProblem, s: { what: string; setting: string; url: string }, dc: LiveDc): { problem: string; fix: string } {
  const at = `the ${s.what} at ${new URL(s.url).origin}`;
  const caFile = dc.tls?.caFile;
  switch (p.kind) {
    case "untrusted":
      return caFile === undefined
        ? { problem: `the certificate of ${at} is signed by a CA this machine does not trust (${p.code})`, fix: "set `ca_file` to the PEM file of the CA that signed it (or, on a test system only, `insecure: true`)" }
        : { problem: `the certificate of ${at} is not signed by the CA in ${caFile} (${p.code})`, fix: "set `ca_file` to the PEM file of the CA that did sign it" };
    case "name":
      return { problem: `the certificate of ${at} does not hold the name ${new URL(s.url).hostname} (${p.code})`, fix: `set \`${s.setting}\` to a URL with a name the certificate holds` };
    case "expired":
      return { problem: `the certificate of ${at} is out of date (${p.code})`, fix: "renew it on the server (or, on a test system only, set `insecure: true`)" };
    case "client-certificate":
      return { problem: `${at} wants a client certificate (${p.code})`, fix: "set `client_cert` and `client_key` to a certificate it accepts and its key" };
    case "files":
      return { problem: p.detail, fix: "set `ca_file`, `client_cert` and `client_key` to PEM files that belong together" };
    case "other":
      return { problem: `the TLS handshake with ${at} failed (${p.code}: ${p.detail})`, fix: "check the server's TLS setup, or the URL in `" + s.setting + "`" };
  }
}
