import type { FaultHost } from "../../drivers/faults/types.js";
import type { TlsOptions } from "../../drivers/http/tls.js";
import { err, ok, type Result } from "../../drivers/result.js";
import type { DcInfo, EnvironmentInfo, HostInfo } from "../../language/program.js";

/**
 * A deployment as a live run needs it: every datacenter with its REST API, credentials and
 * hosts, resolved from a checked environment description (a real one, or the file `xdc sim`
 * writes). Secrets are read once, here, through the lookup the CLI passes in.
 */
export interface LiveEnvironment {
  readonly name: string;
  readonly dcs: readonly LiveDc[];
  /** The client key for the hosts, when the environment names one. */
  readonly sshKey?: string;
  /** Twin only: its record of what really happened. Nothing of a run's judgement reads it. */
  readonly groundTruth?: string;
}

export interface LiveDc {
  readonly name: string;
  readonly streams: string;
  readonly instance: string;
  readonly user: string;
  readonly password: string;
  /** The name of the variable the password came from: the ledger keeps this, never the password. */
  readonly passwordEnv: string;
  readonly data?: string;
  readonly prometheus?: string;
  /** The Jolokia agent (or proxy) that `jmx(…)` reads. */
  readonly jolokia?: string;
  readonly hosts: readonly FaultHost[];
  /** How its HTTPS servers are trusted (the environment's settings under its own); paths only, never key material. */
  readonly tls?: TlsOptions;
}

/** `user@address:port`, `user@address`, `address:port` or `address`. */
const SSH = /^(?:([^@\s]+)@)?([^:@\s]+)(?::(\d+))?$/;

export function faultHostOf(h: HostInfo, defaultUser: string): Result<FaultHost, string> {
  const m = SSH.exec(h.ssh ?? h.address ?? h.name);
  if (!m) return err(`host ${h.name}: cannot read its ssh address \`${h.ssh}\` (write user@address:port)`);
  const user = m[1] ?? defaultUser;
  const address = m[2]!;
  const port = m[3] === undefined ? 22 : Number(m[3]);
  return ok({
    ssh: { name: h.name, address, port, user, ...(h.hostKey ? { hostKeys: [h.hostKey] } : {}) },
    address: h.address ?? address,
    sudo: user !== "root",
    device: "eth0",
  });
}

function liveDc(dc: DcInfo, secret: (variable: string) => string | undefined, sshUser: string): Result<LiveDc, string> {
  if (!dc.streams || !dc.instance) return err(`datacenter ${dc.name} has no \`streams\` URL or \`instance\``);
  if (dc.password === "written in clear") return err(`datacenter ${dc.name}: write its password as secret("VARIABLE"), never in clear`);
  const passwordEnv = dc.password?.secret;
  const password = passwordEnv === undefined ? "" : secret(passwordEnv);
  if (passwordEnv !== undefined && (password === undefined || password === "")) return err(`datacenter ${dc.name}: the environment variable ${passwordEnv} that holds its password is not set`);
  const hosts: FaultHost[] = [];
  for (const h of dc.hosts) {
    const host = faultHostOf(h, sshUser);
    if (!host.ok) return host;
    hosts.push(host.value);
  }
  return ok({
    name: dc.name,
    streams: dc.streams,
    instance: dc.instance,
    user: dc.user ?? "streamsadmin",
    password: password ?? "",
    passwordEnv: passwordEnv ?? "",
    ...(dc.data ? { data: dc.data } : {}),
    ...(dc.prometheus ? { prometheus: dc.prometheus } : {}),
    ...(dc.jolokia ? { jolokia: dc.jolokia } : {}),
    ...(dc.tls ? { tls: dc.tls } : {}),
    hosts,
  });
}

/** The live form of a checked environment; the first problem found, in words, otherwise. */
export function liveEnvironment(env: EnvironmentInfo, secret: (variable: string) => string | undefined, sshUser = "root"): Result<LiveEnvironment, string> {
  if (env.unresolved) return err(`environment ${env.name} is not declared`);
  const dcs: LiveDc[] = [];
  for (const dc of env.dcs) {
    const live = liveDc(dc, secret, sshUser);
    if (!live.ok) return live;
    dcs.push(live.value);
  }
  if (dcs.length < 2) return err(`environment ${env.name} declares fewer than two datacenters`);
  return ok({ name: env.name, dcs, ...(env.sshKey ? { sshKey: env.sshKey } : {}), ...(env.groundTruth ? { groundTruth: env.groundTruth } : {}) });
}


/** The datacenters whose certificate checks are off (`insecure: true`), by name. */
export const insecureDcs = (env: LiveEnvironment): string[] => env.dcs.filter((d) => d.tls?.insecure === true).map((d) => d.name);
