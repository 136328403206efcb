import { readFile } from "node:fs/promises";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { rootCertificates } from "node:tls";
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
}

export interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/** Connections are kept alive between calls: a poll every few hundred ms must not pay a handshake each time. */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8 } as const;

/**
 * The agents a client sends through: TLS trusting the system's CAs, plus `caFile` if given,
 * or nothing at all with `insecure`. Reading the CA file is the only I/O; a missing or empty
 * file is an error value naming it.
 */
export async function makeAgents(origin: string, tls: TlsOptions, logger: Logger): Promise<Result<Agents, string>> {
  let ca: Buffer | undefined;
  if (tls.caFile !== undefined) {
    try {
      ca = await readFile(tls.caFile);
    } catch (e) {
      return err(`cannot read the CA file ${tls.caFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    if (!/-----BEGIN CERTIFICATE-----/.test(ca.toString("latin1"))) return err(`the CA file ${tls.caFile} holds no PEM certificate`);
  }
  if (tls.insecure) {
    logger.log("warn", `TLS certificate checks are OFF for ${origin} (insecure): anyone on the network path can read and change this traffic, the password included. Use a CA file outside test systems.`, {
      origin,
      insecure: true,
    });
  }
  const https = new HttpsAgent({ ...AGENT_OPTIONS, ...(ca ? { ca: withSystemCas(ca) } : {}), rejectUnauthorized: !tls.insecure });
  return ok({ http: new HttpAgent(AGENT_OPTIONS), https });
}

/** A CA file adds to the trusted CAs; node's `ca` option alone would replace them. */
const withSystemCas = (ca: Buffer): string[] => [...rootCertificates, ca.toString("utf8")];
