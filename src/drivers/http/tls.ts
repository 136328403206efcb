import { readFile } from "node:fs/promises";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { createSecureContext, rootCertificates } from "node:tls";
import type { Logger } from "../../runtime/logger.js";
import { err, ok, type Result } from "../result.js";

export interface TlsOptions {
  /** PEM file of the CA (or CAs) that signed the server's certificate. */
  readonly caFile?: string;
  /**
   * Accept any certificate. For test systems only: it is logged as a warning every time a
   * client is made with it, since anyone on the path can then read the password.
   */
  readonly insecure?: boolean;
  /** PEM certificate to show a server that asks for one (mutual TLS); needs `clientKey`. */
  readonly clientCert?: string;
  /** PEM file of the private key of `clientCert`, unencrypted. */
  readonly clientKey?: string;
}

export interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/** What node's TLS is given: trust, and the client's own certificate. Key material, never to be logged. */
export interface SecureOptions {
  readonly ca?: string[];
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly rejectUnauthorized: boolean;
}

/** Connections are kept alive between calls: a poll every few hundred ms must not pay a handshake each time. */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8 } as const;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/;

/**
 * The agents a client sends through: TLS trusting the system's CAs, plus `caFile` if given,
 * or nothing at all with `insecure`. Reading the files is the only I/O; a missing file, one
 * without PEM, or a key that does not fit its certificate is an error value naming the file.
 */
export async function makeAgents(origin: string, tls: TlsOptions, logger: Logger): Promise<Result<Agents, string>> {
  const secure = await secureOptions(tls);
  if (!secure.ok) return secure;
  if (tls.insecure) {
    logger.log("warn", `TLS certificate checks are OFF for ${origin} (insecure): anyone on the network path can read and change this traffic, the password included. Use a CA file outside test systems.`, {
      origin,
      insecure: true,
    });
  }
  const https = new HttpsAgent({ ...AGENT_OPTIONS, ...secure.value });
  return ok({ http: new HttpAgent(AGENT_OPTIONS), https });
}

/** Reads and checks the files `tls` names; the TLS options every client (and the preflight probe) uses. */
export async function secureOptions(tls: TlsOptions): Promise<Result<SecureOptions, string>> {
  let ca: Buffer | undefined;
  if (tls.caFile !== undefined) {
    const read = await readPem(tls.caFile, "CA file", PEM_CERTIFICATE, "PEM certificate");
    if (!read.ok) return read;
    ca = read.value;
  }
  if ((tls.clientCert === undefined) !== (tls.clientKey === undefined)) return err(tls.clientCert === undefined ? "a client key needs its client certificate" : "a client certificate needs its client key");
  let client: { cert: Buffer; key: Buffer } | undefined;
  if (tls.clientCert !== undefined && tls.clientKey !== undefined) {
    const cert = await readPem(tls.clientCert, "client certificate", PEM_CERTIFICATE, "PEM certificate");
    if (!cert.ok) return cert;
    const key = await readPem(tls.clientKey, "client key", PEM_KEY, "unencrypted PEM private key");
    if (!key.ok) return key;
    client = { cert: cert.value, key: key.value };
  }
  const options: SecureOptions = { ...(ca ? { ca: withSystemCas(ca) } : {}), ...client, rejectUnauthorized: !tls.insecure };
  try {
    // Parses every certificate and key now, so a broken file fails here and not at the first request.
    createSecureContext(options);
  } catch (e) {
    // OpenSSL's words only: its messages never quote key material.
    return err(`the TLS files cannot be used (${[tls.caFile, tls.clientCert, tls.clientKey].filter((f) => f !== undefined).join(", ")}): ${(e as Error).message}`);
  }
  return ok(options);
}

async function readPem(path: string, what: string, marker: RegExp, expected: string): Promise<Result<Buffer, string>> {
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (e) {
    return err(`cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (!marker.test(text.toString("latin1"))) return err(`the ${what} ${path} holds no ${expected}`);
  return ok(text);
}

/** A CA file adds to the trusted CAs; node's `ca` option alone would replace them. */
const withSystemCas = (ca: Buffer): string[] => [...rootCertificates, ca.toString("utf8")];
