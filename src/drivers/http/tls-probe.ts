import { request } from "node:https";
import { secureOptions, type TlsOptions } from "./tls.js";
import { wireFailure } from "./errors.js";

/**
 * Why an HTTPS server cannot be talked to, as far as TLS goes: its certificate is not trusted,
 * names another host, is out of date; it wants a client certificate; or the TLS files given
 * cannot be used. Anything else (a refused connection, a timeout) is not TLS's business and is
 * left to the calls that follow.
 */
export type TlsProblem =
  | { readonly kind: "untrusted"; readonly code: string; readonly detail: string }
  | { readonly kind: "name"; readonly code: string; readonly detail: string }
  | { readonly kind: "expired"; readonly code: string; readonly detail: string }
  | { readonly kind: "client-certificate"; readonly code: string; readonly detail: string }
  | { readonly kind: "other"; readonly code: string; readonly detail: string }
  | { readonly kind: "files"; readonly detail: string };

const UNTRUSTED = new Set(["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "SELF_SIGNED_CERT_IN_CHAIN", "DEPTH_ZERO_SELF_SIGNED_CERT", "CERT_SIGNATURE_FAILURE", "CERT_UNTRUSTED", "CERT_REJECTED", "INVALID_CA"]);
const EXPIRED = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
/** A server that wants a client certificate ends the handshake with an alert (TLS 1.3: after the client thinks it is done). */
const CLIENT_CERTIFICATE = /ALERT_CERTIFICATE_REQUIRED|ALERT_HANDSHAKE_FAILURE|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|ALERT_CERTIFICATE_UNKNOWN/;

/**
 * One HEAD request to `url` with the TLS a client of `tls` would use, unauthenticated: any
 * HTTP answer means TLS is fine (undefined). Sent once, never retried, bounded by `timeoutMs`.
 * A plain `http:` URL has nothing to check.
 */
export async function probeTls(url: string, tls: TlsOptions, timeoutMs: number): Promise<TlsProblem | undefined> {
  const target = new URL(url);
  if (target.protocol !== "https:") return undefined;
  const secure = await secureOptions(tls);
  if (!secure.ok) return { kind: "files", detail: secure.error };
  return new Promise((resolve) => {
    // No redirects followed, no proxy, no kept-alive socket: the probe leaves nothing behind.
    const req = request({ method: "HEAD", host: target.hostname.replace(/^\[|\]$/g, ""), port: target.port || 443, path: `${target.pathname}${target.search}`, agent: false, timeout: timeoutMs, ...secure.value });
    req.on("response", (res) => {
      res.resume();
      req.destroy();
      resolve(undefined);
    });
    req.on("timeout", () => {
      req.destroy();
      resolve(undefined);
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve(classify(e)));
    req.end();
  });
}

function classify(e: NodeJS.ErrnoException): TlsProblem | undefined {
  const code = e.code ?? "";
  const detail = e.message;
  if (UNTRUSTED.has(code)) return { kind: "untrusted", code, detail };
  if (EXPIRED.has(code)) return { kind: "expired", code, detail };
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return { kind: "name", code, detail };
  if (CLIENT_CERTIFICATE.test(code) || CLIENT_CERTIFICATE.test(detail.toUpperCase().replace(/ /g, "_"))) return { kind: "client-certificate", code, detail };
  if (code !== "" && wireFailure(code).retry === false && /CERT|SSL|TLS|EPROTO/.test(code)) return { kind: "other", code, detail };
  return undefined;
}
