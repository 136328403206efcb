import { TOOLKIT_KEYS } from "../drivers/toolkit/settings.js";
import { T, type FieldType, type QuantityRange, type Type } from "../language/types.js";
import { compact } from "../language/compact.js";
import { stringList, type Value } from "../language/values.js";
import type { Builtin, CallArgs } from "./builtin.js";

/** The endpoints of `application(…)`: known when the list is a literal, none when left out. */
function endpoints(args: CallArgs, name: string): readonly string[] | undefined {
  const a = args.get(name);
  return a === undefined ? [] : stringList(a.value);
}

/** The type and bounds of each kind of toolkit setting: durations are durations, counts whole numbers. */
const SETTING_TYPES: Readonly<Record<(typeof TOOLKIT_KEYS)[number]["kind"], { readonly type: Type; readonly range?: QuantityRange }>> = {
  duration: { type: T.Duration, range: { min: 0 } },
  count: { type: T.Number, range: { min: 0, whole: true } },
  mode: { type: T.choice("active", "passive") },
};

/** A heartbeat interval of 0 would tick without pause. */
const EXCLUSIVE: ReadonlySet<string> = new Set(["heartbeat"]);

/** `submit(…, toolkit: {…})`: the toolkit's settings by xdc's names (src/drivers/toolkit/settings.ts). */
export const TOOLKIT_SETTINGS: Type = T.settings(
  "ToolkitSettings",
  TOOLKIT_KEYS.map((k): FieldType => {
    const { type, range } = SETTING_TYPES[k.kind];
    const bounds = range && EXCLUSIVE.has(k.setting) ? { ...range, minExclusive: true } : range;
    return { name: k.setting, type, doc: k.doc, aliases: [k.key, ...k.aliases], ...(bounds ? { range: bounds } : {}) };
  }),
);

export const deployment: readonly Builtin[] = [
  {
    name: "application",
    doc: "Declares an application: its name, its bundle (.sab), and the endpoints the scenario feeds and reads.",
    category: "deployment",
    params: [
      { name: "name", type: T.String, doc: "The application's name, as in its bundle." },
      { name: "bundle", type: T.String, doc: "Path of the .sab bundle, relative to the scenario file.", rule: { kind: "file", role: "bundle" } },
      { name: "sources", type: T.list(T.String), default: "[]", doc: "Names of its EndpointSource operators: where `inject` sends tuples." },
      { name: "sinks", type: T.list(T.String), default: "[]", doc: "Names of its EndpointSink operators: where checks read tuples." },
    ],
    returns: T.Application,
    refine: (args, call) => {
      const name = args.get("name")?.value;
      const sources = endpoints(args, "sources");
      const sinks = endpoints(args, "sinks");
      return T.application({
        span: call,
        ...(name?.kind === "string" ? { name: name.value } : {}),
        ...(sources !== undefined ? { sources } : {}),
        ...(sinks !== undefined ? { sinks } : {}),
      });
    },
    exampleIn: "setup",
    example: `let orders = application("Orders", bundle: "apps/Orders.sab", sources: ["In"], sinks: ["Out"])
submit(orders, to: dc1)`,
    describe: (a) => `application ${a["name"]} from ${a["bundle"]}`,
  },
  {
    name: "submit",
    doc: "Uploads the application's bundle to a datacenter and submits it as a job, as primary or standby.",
    category: "deployment",
    params: [
      { name: "app", type: T.Application, doc: "The application to submit." },
      { name: "to", type: T.DC, doc: "The datacenter to submit it to." },
      { name: "role", type: T.choice("primary", "standby"), default: '"primary"', doc: "The role its Cross-DC failover configuration gives it." },
      { name: "params", type: T.anyRecord, default: "{}", doc: "Submission-time parameters, by name." },
      {
        name: "toolkit",
        type: TOOLKIT_SETTINGS,
        default: "{}",
        doc: "The Cross-DC Failover toolkit's settings for this job, sent as its submission parameters in the toolkit's units (seconds); the application must declare them as submission-time values. Unset ones keep the deployment's.",
      },
    ],
    returns: T.Job,
    exampleIn: "setup",
    example: `submit(app, to: dc2, role: "standby", params: {configFileName: "dc2.txt"})
submit(app, to: dc1, toolkit: {heartbeat: 200ms, misses_allowed: 3, init_delay: 0s, mode: "active"})`,
    describe: (a) => `submit ${a["app"]} to ${a["to"]} as ${a["role"]}${a["toolkit"] !== undefined && a["toolkit"] !== "{}" ? ` with toolkit ${a["toolkit"]}` : ""}`,
  },
  {
    name: "cancel",
    doc: "Cancels the application's jobs in one datacenter or several.",
    category: "deployment",
    params: [
      { name: "app", type: T.Application, doc: "The application whose jobs to cancel." },
      { name: "on", type: T.oneOf(T.DC, T.list(T.DC)), doc: "A datacenter, or a list of them." },
    ],
    returns: T.nothing,
    exampleIn: "teardown",
    example: "cancel(app, on: [dc1, dc2])",
    describe: (a) => `cancel ${a["app"]} on ${a["on"]}`,
  },
  {
    name: "job",
    doc: "The application's job in a datacenter.",
    category: "deployment",
    params: [
      { name: "app", type: T.Application, doc: "The application." },
      { name: "on", type: T.DC, doc: "The datacenter it runs in." },
    ],
    returns: T.Job,
    exampleIn: "verify",
    example: `log("job on dc2: " + job(app, on: dc2).id)`,
    describe: (a) => `job of ${a["app"]} on ${a["on"]}`,
  },
  {
    name: "pe",
    doc: "The processing element that runs one operator of the application in a datacenter.",
    category: "deployment",
    params: [
      { name: "app", type: T.Application, doc: "The application." },
      { name: "operator", type: T.String, doc: "The operator's name in the application." },
      { name: "on", type: T.DC, doc: "The datacenter." },
    ],
    returns: T.PE,
    example: `kill(pe(app, "Ingest", on: dc1))`,
    describe: (a) => `PE of ${a["operator"]} in ${a["app"]} on ${a["on"]}`,
  },
  {
    name: "host",
    doc: "A host: declared with its address and SSH access in an environment file, or named in a scenario.",
    category: "deployment",
    params: [
      { name: "name", type: T.String, doc: "The host's name, as Streams reports it." },
      { name: "address", type: T.String, default: '""', doc: "Its IP address, when the name does not resolve." },
      { name: "ssh", type: T.String, default: '""', doc: "How to reach it: `user@host:port`." },
      { name: "host_key", type: T.String, default: '""', doc: "Its SSH host key (`ssh-ed25519 …`), checked on connect." },
    ],
    returns: T.Host,
    known: (args) => {
      const text = (key: string) => {
        const v = args.get(key)?.value;
        return v?.kind === "string" && v.value !== "" ? v.value : undefined;
      };
      const name = text("name");
      if (name === undefined) return undefined;
      return compact<Value>({ kind: "host", name, address: text("address"), ssh: text("ssh"), hostKey: text("host_key") });
    },
    example: `stress_cpu(host("dc1-a"), workers: 2) for 30s`,
    describe: (a) => `host ${a["name"]}`,
  },
  {
    name: "hosts",
    doc: "The hosts of a datacenter, as its environment declares them.",
    category: "deployment",
    params: [{ name: "dc", type: T.DC, doc: "The datacenter." }],
    returns: T.list(T.Host),
    example: "pause(hosts(dc1)[0]) for 10s",
    describe: (a) => `hosts of ${a["dc"]}`,
  },
  {
    name: "secret",
    doc: "A secret read from an environment variable when the scenario runs; never written to logs or reports.",
    category: "deployment",
    params: [{ name: "name", type: T.String, doc: "The environment variable that holds it." }],
    returns: T.Secret,
    known: (args) => {
      const v = args.get("name")?.value;
      return v?.kind === "string" ? { kind: "secret", variable: v.value } : undefined;
    },
    exampleIn: "file",
    example: `environment lab {
  dc dc1 {
    streams: "https://dc1.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC1_STREAMS_PASSWORD")
  }
  dc dc2 {
    streams: "https://dc2.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC2_STREAMS_PASSWORD")
  }
}`,
    describe: (a) => `secret from the environment variable ${a["name"]}`,
  },
];
