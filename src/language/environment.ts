import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { expectType } from "./expr.js";
import { again } from "./problems.js";
import { compact } from "./compact.js";
import type { DcInfo, EnvironmentInfo, HostInfo } from "./program.js";
import { collectSettings, type SettingSpec } from "./settings.js";
import { T } from "./types.js";
import type { Value } from "./values.js";

/** The embedded twin: two datacenters, nothing to configure. */
export const SIM: EnvironmentInfo = {
  name: "sim",
  dcs: [{ name: "dc1", hosts: [] }, { name: "dc2", hosts: [] }],
};

export const ENVIRONMENT_SETTINGS: Readonly<Record<string, SettingSpec>> = {
  ssh_key: { type: T.String, doc: "Path of the private key for SSH to the hosts." },
  ground_truth: { type: T.String, doc: "URL of the twin's record of what really happened (tests against `xdc sim` only)." },
};

export const DC_SETTINGS: Readonly<Record<string, SettingSpec>> = {
  streams: { type: T.String, required: true, doc: "URL of the Streams REST API (`…/streams/rest`)." },
  instance: { type: T.String, required: true, doc: "The Streams instance's id." },
  user: { type: T.String, doc: "The REST API user." },
  password: { type: T.Secret, doc: "The REST API password: `secret(\"ENV_VAR\")`, never a literal." },
  data: { type: T.String, doc: "URL of the data exchange service." },
  prometheus: { type: T.String, doc: "URL of a Prometheus server with the datacenter's metrics." },
  hosts: { type: T.list(T.Host), doc: "The datacenter's hosts, for process and resource faults." },
};

/** Checks an `environment NAME { … }` declaration and returns what scenarios need of it. */
export function checkEnvironment(ctx: Context, where: Where, env: A.Environment): EnvironmentInfo {
  const own = env.members.filter((m): m is A.Setting => m.kind === "setting");
  const settings = collectSettings(ctx, own, ENVIRONMENT_SETTINGS, "XDC5003", "in an environment");
  for (const [key, s] of settings) expectType(ctx, where, s.value, ENVIRONMENT_SETTINGS[key]!.type);
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
    dcs.push(checkDc(ctx, where, dc));
  }
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
  return compact<EnvironmentInfo>({ name: env.name.name, span: env.name.span, dcs, sshKey: text("ssh_key"), groundTruth: text("ground_truth") });
}

function checkDc(ctx: Context, where: Where, dc: A.DcDecl): DcInfo {
  const settings = collectSettings(ctx, dc.settings, DC_SETTINGS, "XDC5003", `of datacenter \`${dc.name.name}\``);
  for (const [key, s] of settings) {
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
  return compact<DcInfo>({
    name: dc.name.name,
    span: dc.name.span,
    hosts: hosts(value("hosts")),
    streams: stringValue(value("streams")),
    instance: stringValue(value("instance")),
    user: stringValue(value("user")),
    data: stringValue(value("data")),
    prometheus: stringValue(value("prometheus")),
    password: password?.value.kind === "string" ? "written in clear" : secret?.kind === "secret" ? { secret: secret.variable } : undefined,
  });
}

const stringValue = (v: Value | undefined): string | undefined => (v?.kind === "string" ? v.value : undefined);

function hosts(v: Value | undefined): HostInfo[] {
  if (v?.kind !== "list") return [];
  return v.items.flatMap((h) => (h.kind === "host" ? [compact<HostInfo>({ name: h.name, address: h.address, ssh: h.ssh, hostKey: h.hostKey })] : []));
}
