import { dirname, isAbsolute, join } from "node:path";
import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { expectType } from "./expr.js";
import { again } from "./problems.js";
import { compact } from "./compact.js";
import type { DcInfo, EnvironmentInfo, HostInfo, TlsInfo } from "./program.js";
import type { Span } from "./span.js";
import { collectSettings, type SettingSpec } from "./settings.js";
import { assignable, T } from "./types.js";
import type { Value } from "./values.js";

/** How many hosts the twin gives each datacenter (`xdc sim` and `environment: sim`). */
export const SIM_HOSTS_PER_DC = 3;

/** The embedded twin: two datacenters, nothing to configure. */
export const SIM: EnvironmentInfo = {
  name: "sim",
  dcs: [{ name: "dc1", hosts: [], hostCount: SIM_HOSTS_PER_DC }, { name: "dc2", hosts: [], hostCount: SIM_HOSTS_PER_DC }],
};

/**
 * How xdc trusts a deployment's HTTPS servers (REST API, data service, Prometheus, Jolokia), and shows
 * them a certificate of its own. Set in an environment they hold for all its datacenters; set
 * in a `dc` block they win for that one.
 */
export const TLS_SETTINGS: Readonly<Record<string, SettingSpec>> = {
  ca_file: { type: T.String, doc: "PEM file of the CA (or CAs) that signed the servers' certificates, trusted besides the system's; absolute, or relative to this file." },
  insecure: { type: T.Bool, doc: "`true` accepts any server certificate: for test systems only, and every run says so." },
  client_cert: { type: T.String, doc: "PEM client certificate, for servers that ask for one (mutual TLS); needs `client_key`." },
  client_key: { type: T.String, doc: "PEM file of the unencrypted private key of `client_cert`." },
};

export const ENVIRONMENT_SETTINGS: Readonly<Record<string, SettingSpec>> = {
  ssh_key: { type: T.String, doc: "Path of the private key for SSH to the hosts." },
  ground_truth: { type: T.String, doc: "URL of the twin's record of what really happened (tests against `xdc sim` only)." },
  ...TLS_SETTINGS,
};

export const DC_SETTINGS: Readonly<Record<string, SettingSpec>> = {
  streams: { type: T.String, required: true, doc: "URL of the Streams REST API (`…/streams/rest`)." },
  instance: { type: T.String, required: true, doc: "The Streams instance's id." },
  user: { type: T.String, doc: "The REST API user." },
  password: { type: T.Secret, doc: "The REST API password: `secret(\"ENV_VAR\")`, never a literal." },
  data: { type: T.String, doc: "URL of the data exchange service." },
  prometheus: { type: T.String, doc: "Base URL of a Prometheus server with the datacenter's metrics (not a /metrics page): what `promql` asks." },
  jolokia: { type: T.String, doc: "URL of the datacenter's Jolokia agent, or of a Jolokia proxy to its JMX (`http://host:8778/jolokia`), for `jmx(…)`; it takes `user` and `password`, and the TLS settings." },
  hosts: { type: T.list(T.Host), doc: "The datacenter's hosts, for process and resource faults." },
  ...TLS_SETTINGS,
};

/** Checks an `environment NAME { … }` declaration and returns what scenarios need of it. */
export function checkEnvironment(ctx: Context, where: Where, env: A.Environment): EnvironmentInfo {
  const own = env.members.filter((m): m is A.Setting => m.kind === "setting");
  const settings = collectSettings(ctx, own, ENVIRONMENT_SETTINGS, "XDC5003", "in an environment");
  for (const [key, s] of settings) if (!Object.hasOwn(TLS_SETTINGS, key)) expectType(ctx, where, s.value, ENVIRONMENT_SETTINGS[key]!.type);
  const tls = tlsLevel(ctx, where, settings);
  // One report per written setting: an environment-wide certificate without a key is one mistake, not one per datacenter.
  const unpaired = new Map<Span, boolean>();
  const dcs: DcInfo[] = [];
  const seen = new Map<string, A.DcDecl>();
  for (const dc of env.members) {
    if (dc.kind !== "dc" || dc.name.name === "") continue;
    const first = seen.get(dc.name.name);
    if (first) {
      ctx.report(again("XDC2003", dc.name.span, `datacenter \`${dc.name.name}\` is declared twice`, first.name.span));
      continue;
    }
    seen.set(dc.name.name, dc);
    const checked = checkDc(ctx, where, dc, tls);
    dcs.push(checked.info);
    const lone = unpairedClientSetting(checked.tls);
    if (lone) unpaired.set(lone.span, lone.isCert);
  }
  for (const [span, isCert] of unpaired) reportUnpaired(ctx, span, isCert);
  if (dcs.length < 2) {
    ctx.report(diagnostic("XDC5004", env.name.span, `environment \`${env.name.name}\` declares ${dcs.length === 0 ? "no datacenter" : "one datacenter"}`, {
      label: "a failover needs somewhere to go",
      help: { message: "declare at least two: `dc dc1 { … }` and `dc dc2 { … }`" },
    }));
  }
  const text = (key: string) => {
    const s = settings.get(key);
    return s ? stringValue(ctx.values.get(s.value)) : undefined;
  };
  return compact<EnvironmentInfo>({ name: env.name.name, span: env.name.span, dcs, sshKey: text("ssh_key"), groundTruth: text("ground_truth"), tls: tlsInfo(tls) });
}

function checkDc(ctx: Context, where: Where, dc: A.DcDecl, envTls: TlsLevel): { info: DcInfo; tls: TlsLevel } {
  const settings = collectSettings(ctx, dc.settings, DC_SETTINGS, "XDC5003", `of datacenter \`${dc.name.name}\``);
  for (const [key, s] of settings) {
    if (Object.hasOwn(TLS_SETTINGS, key)) continue; // tlsLevel checks these
    if (key === "password" && s.value.kind === "string") {
      ctx.types.set(s.value, T.String);
      const variable = `${dc.name.name.toUpperCase()}_STREAMS_PASSWORD`;
      // Never repeat the password itself: messages end up in CI logs.
      ctx.report(diagnostic("XDC5002", s.value.span, "password written in clear", {
        severity: "warning",
        label: "anyone who can read this file can read the password",
        help: { message: `read it from an environment variable: \`secret("${variable}")\``, edit: { span: s.value.span, newText: `secret("${variable}")`, applicability: "maybe-incorrect" } },
      }));
      continue;
    }
    expectType(ctx, where, s.value, DC_SETTINGS[key]!.type);
  }
  const missing = Object.entries(DC_SETTINGS).filter(([key, spec]) => spec.required === true && !settings.has(key));
  for (const [key] of missing) {
    ctx.report(diagnostic("XDC5001", dc.name.span, `datacenter \`${dc.name.name}\` has no \`${key}\``, {
      label: `\`${key}\` is required`,
      help: { message: `add \`${key}: ${key === "streams" ? '"https://HOST:8443/streams/rest"' : '"StreamsInstance"'}\`` },
    }));
  }
  const value = (key: string) => {
    const s = settings.get(key);
    return s ? ctx.values.get(s.value) : undefined;
  };
  const password = settings.get("password");
  const secret = value("password");
  const tls = withDefaults(tlsLevel(ctx, where, settings), envTls);
  const info = compact<DcInfo>({
    name: dc.name.name,
    span: dc.name.span,
    hosts: hosts(value("hosts")),
    // Left out, there are none; written but known only at run time, the count is unknown too.
    hostCount: !settings.has("hosts") ? 0 : value("hosts")?.kind === "list" ? hosts(value("hosts")).length : undefined,
    streams: stringValue(value("streams")),
    instance: stringValue(value("instance")),
    user: stringValue(value("user")),
    data: stringValue(value("data")),
    prometheus: stringValue(value("prometheus")),
    jolokia: stringValue(value("jolokia")),
    password: password?.value.kind === "string" ? "written in clear" : secret?.kind === "secret" ? { secret: secret.variable } : undefined,
    tls: tlsInfo(tls),
  });
  return { info, tls };
}

/** The TLS settings of one level (an environment or a datacenter), checked, with where each was written. */
interface TlsLevel {
  readonly info: TlsInfo;
  readonly spans: Partial<Record<keyof TlsInfo, Span>>;
}

const TLS_KEYS: Readonly<Record<string, keyof TlsInfo>> = { ca_file: "caFile", insecure: "insecure", client_cert: "clientCert", client_key: "clientKey" };

/** What a PEM file must hold, by setting. */
const PEM_CONTENT: Readonly<Record<string, { readonly marker: RegExp; readonly what: string }>> = {
  ca_file: { marker: /-----BEGIN CERTIFICATE-----/, what: "PEM certificate" },
  client_cert: { marker: /-----BEGIN CERTIFICATE-----/, what: "PEM certificate" },
  client_key: { marker: /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/, what: "unencrypted PEM private key" },
};

/**
 * Checks the TLS settings among `settings`: their types, that each file exists and holds what
 * it should (through the host, so an editor and `xdc check` see the same), and warns of
 * `insecure: true`. Paths are resolved against the file the setting is written in.
 */
function tlsLevel(ctx: Context, where: Where, settings: ReadonlyMap<string, A.Setting>): TlsLevel {
  const info: { -readonly [K in keyof TlsInfo]: TlsInfo[K] } = {};
  const spans: Partial<Record<keyof TlsInfo, Span>> = {};
  for (const [key, s] of settings) {
    const field = TLS_KEYS[key];
    if (field === undefined) continue;
    if (!assignable(expectType(ctx, where, s.value, TLS_SETTINGS[key]!.type), TLS_SETTINGS[key]!.type)) continue;
    const v = ctx.values.get(s.value);
    spans[field] = s.value.span;
    if (field === "insecure") {
      if (v?.kind !== "bool") continue;
      info.insecure = v.value;
      if (v.value) {
        ctx.report(diagnostic("XDC5008", s.value.span, "TLS certificate checks are off", {
          severity: "warning",
          label: "any server certificate is accepted: anyone on the network path can read the password",
          notes: ["every run against this environment says so, in the console, the journal and the report"],
          help: { message: 'on anything but a test system, trust the servers\' CA instead: `ca_file: "ca.pem"`' },
        }));
      }
      continue;
    }
    if (v?.kind !== "string") continue;
    const path = isAbsolute(v.value) ? v.value : join(dirname(s.value.span.file), v.value);
    info[field] = path;
    const text = ctx.host.read(path);
    if (text === undefined) {
      ctx.report(diagnostic("XDC5005", s.value.span, `cannot read the file \`${v.value}\` of \`${key}\``, {
        label: path === v.value ? "no such file" : `no such file: ${path}`,
        help: { message: "give the path of the PEM file, absolute or relative to this environment file" },
      }));
      continue;
    }
    const expected = PEM_CONTENT[key]!;
    if (!expected.marker.test(text)) {
      ctx.report(diagnostic("XDC5006", s.value.span, `\`${key}\` holds no ${expected.what}`, {
        label: /ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(text) ? "this key is encrypted, and xdc has no passphrase for it" : `\`${v.value}\` has no \`${expected.marker.source.replace(/\(\?:RSA \|EC \)\?/, "")}\` block`,
        help: { message: key === "client_key" ? "give the unencrypted private key (`openssl pkey -in KEY -out KEY.pem`)" : "give the PEM file (`-----BEGIN CERTIFICATE-----`) of the certificate" },
      }));
    }
  }
  return { info, spans };
}

/** A datacenter's TLS: each of its own settings, else the environment's. */
const withDefaults = (own: TlsLevel, env: TlsLevel): TlsLevel => ({ info: { ...env.info, ...own.info }, spans: { ...env.spans, ...own.spans } });

/** The span of a client certificate set without its key, or of a key without its certificate, in a datacenter's TLS. */
function unpairedClientSetting(t: TlsLevel): { span: Span; isCert: boolean } | undefined {
  const isCert = t.spans.clientCert !== undefined;
  if (isCert === (t.spans.clientKey !== undefined)) return undefined;
  return { span: (isCert ? t.spans.clientCert : t.spans.clientKey)!, isCert };
}

function reportUnpaired(ctx: Context, span: Span, isCert: boolean): void {
  const [present, missing] = isCert ? ["client_cert", "client_key"] : ["client_key", "client_cert"];
  ctx.report(diagnostic("XDC5007", span, `\`${present}\` without \`${missing}\``, {
    label: isCert ? "a client certificate is shown with its private key" : "a private key is of no use without its certificate",
    help: { message: `add \`${missing}: "${isCert ? "client.key" : "client.pem"}"\` beside it, or in every datacenter` },
  }));
}

const tlsInfo = (l: TlsLevel): TlsInfo | undefined => (Object.keys(l.info).length === 0 ? undefined : l.info);

const stringValue = (v: Value | undefined): string | undefined => (v?.kind === "string" ? v.value : undefined);

function hosts(v: Value | undefined): HostInfo[] {
  if (v?.kind !== "list") return [];
  return v.items.flatMap((h) => (h.kind === "host" ? [compact<HostInfo>({ name: h.name, address: h.address, ssh: h.ssh, hostKey: h.hostKey })] : []));
}
