import { INTERFACES, showLine, statsLines, type Interface, type QdiscSpec } from "./qdisc.js";
import type { QdiscChange, QdiscTable } from "./qdisc-table.js";
import { parsePercent, parseRate, parseSize, parseTime } from "./tc-units.js";

export interface TcResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly changes: readonly QdiscChange[];
}

const result = (code: number, stdout: string, stderr: string, changes: readonly QdiscChange[] = []): TcResult => ({ code, stdout, stderr, changes });
const failed = (code: number, stderr: string) => result(code, "", stderr);
const twin = (what: string) => failed(2, `${what} is not simulated by the xdc twin (see docs/twin-commands.md)\n`);

/** iproute2's matches(): the argument is a non-empty prefix of the keyword. */
const matches = (arg: string, keyword: string) => arg.length > 0 && keyword.startsWith(arg);

const USAGE = `Usage:\ttc [ OPTIONS ] OBJECT { COMMAND | help }
\ttc [-force] -batch filename
where  OBJECT := { qdisc | class | filter | chain |
\t\t    action | monitor | exec }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[aw] |
\t\t    -o[neline] | -j[son] | -p[retty] | -c[olor]
\t\t    -b[atch] [filename] | -n[etns] name | -N[umeric] |
\t\t     -nm | -nam[es] | { -cf | -conf } path
\t\t     -br[ief] }
`;
const QDISC_USAGE = `Usage: tc qdisc [ add | del | replace | change | show ] dev STRING
       [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]
       [ estimator INTERVAL TIME_CONSTANT ]
       [ stab [ help | STAB_OPTIONS] ]
       [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]
       [ [ QDISC_KIND ] [ help | OPTIONS ] ]

       tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]
Where:
QDISC_KIND := { [p|b]fifo | tbf | prio | red | etc. }
OPTIONS := ... try tc qdisc add <desired QDISC_KIND> help
STAB_OPTIONS := ... try tc qdisc add stab help
`;
const TBF_USAGE = `Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS [ mtu BYTES[/BYTES] ]
\t[ peakrate KBPS ] [ latency TIME ] [ overhead BYTES ] [ linklayer TYPE ]
`;
const NETEM_USAGE = `Usage: ... netem [ limit PACKETS ]
                 [ delay TIME [ JITTER [CORRELATION]]]
                 [ distribution {uniform|normal|pareto|paretonormal} ]
                 [ corrupt PERCENT [CORRELATION]]
                 [ duplicate PERCENT [CORRELATION]]
                 [ loss random PERCENT [CORRELATION]]
                 [ loss state P13 [P31 [P32 [P23 P14]]]
                 [ loss gemodel PERCENT [R [1-H [1-K]]]
                 [ seed SEED \n]                 [ ecn ]
                 [ reorder PERCENT [CORRELATION] [ gap DISTANCE ]]
                 [ rate RATE [PACKETOVERHEAD] [CELLSIZE] [CELLOVERHEAD]]
                 [ slot MIN_DELAY [MAX_DELAY] [packets MAX_PACKETS] [bytes MAX_BYTES]]
                 [ slot distribution {uniform|normal|pareto|paretonormal|custom}
                   DELAY JITTER [packets MAX_PACKETS] [bytes MAX_BYTES]]
`;

/** Qdisc kinds tc knows that the twin does not simulate. */
const UNSIMULATED_KINDS = new Set(["pfifo", "bfifo", "pfifo_fast", "fq_codel", "fq", "codel", "htb", "hfsc", "prio", "sfq", "red", "cake", "drr", "mq", "multiq", "noqueue", "ingress", "clsact", "cbs", "etf", "taprio", "choke", "sfb", "pie", "fq_pie", "hhf", "qfq", "ets", "gred", "mqprio", "plug", "skbprio"]);

type Spec = { ok: true; spec: QdiscSpec } | { ok: false; result: TcResult };
const bad = (stderr: string, code = 1): Spec => ({ ok: false, result: failed(code, stderr) });
const nextIsNumber = (args: readonly string[], i: number) => /^\d/.test(args[i + 1] ?? "");

/** netem_parse_opt, for limit, delay/latency, loss/drop and rate. */
function parseNetem(args: readonly string[]): Spec {
  let limit = 1000;
  let delayUs = 0;
  let jitterUs = 0;
  let delayCorrelation: number | undefined;
  let loss = 0;
  let lossSeen = false;
  let lossCorrelation: number | undefined;
  let rateBytes: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const missing = () => bad(`Command line is not complete. Try option "help"\n`, 255);
    if (matches(arg, "limit")) {
      if (args[++i] === undefined) return missing();
      const n = parseSize(args[i]!);
      if (n === undefined) return bad('Illegal "limit"\n');
      limit = n;
    } else if (matches(arg, "latency") || matches(arg, "delay")) {
      if (args[++i] === undefined) return missing();
      const d = parseTime(args[i]!);
      if (d === undefined) return bad('Illegal "latency"\n');
      delayUs = d;
      if (nextIsNumber(args, i)) {
        const j = parseTime(args[++i]!);
        if (j === undefined) return bad('Illegal "latency"\n');
        jitterUs = j;
        if (nextIsNumber(args, i)) {
          const c = parsePercent(args[++i]!);
          if (c === undefined) return bad('Illegal "latency"\n');
          delayCorrelation = c;
        }
      }
    } else if (matches(arg, "loss") || matches(arg, "drop")) {
      if (lossSeen) return bad('Illegal "duplicate loss argument\n"\n');
      lossSeen = true;
      if (args[++i] === undefined) return missing();
      if (args[i] === "random") {
        if (args[++i] === undefined) return missing();
      } else if (!/^\d/.test(args[i]!)) {
        if (args[i] === "state" || args[i] === "gemodel") return { ok: false, result: twin(`netem loss ${args[i]}`) };
        return bad(`Unknown loss parameter: ${args[i]}\n`);
      }
      const p = parsePercent(args[i]!);
      if (p === undefined) return bad('Illegal "loss percent"\n');
      loss = p;
      if (nextIsNumber(args, i)) {
        const c = parsePercent(args[++i]!);
        if (c === undefined) return bad('Illegal "loss correlation"\n');
        lossCorrelation = c;
      }
    } else if (matches(arg, "rate")) {
      if (args[++i] === undefined) return missing();
      const r = parseRate(args[i]!);
      if (r === undefined) return bad('Illegal "rate"\n');
      rateBytes = r;
      if (/^-?\d/.test(args[i + 1] ?? "")) return { ok: false, result: twin("netem rate overheads and cell sizes") };
    } else if (["seed", "ecn", "reorder", "corrupt", "gap", "duplicate", "distribution", "slot"].some((k) => matches(arg, k))) {
      return { ok: false, result: twin(`netem ${arg}`) };
    } else {
      return bad(`${arg === "help" ? "" : `What is "${arg}"?\n`}${NETEM_USAGE}`);
    }
  }
  return { ok: true, spec: { kind: "netem", limit, delayUs, jitterUs, delayCorrelation, loss, lossCorrelation, rateBytes } };
}

/** tbf_parse_opt, for rate, burst/buffer/maxburst, latency and limit. */
function parseTbf(args: readonly string[]): Spec {
  let rate: number | undefined;
  let burst: number | undefined;
  let latencyUs: number | undefined;
  let limit: number | undefined;
  const illegal = (name: string, value: string) => bad(`tbf: illegal value for "${name}": "${value}"\n`);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (["limit", "latency", "burst", "buffer", "maxburst", "rate"].some((k) => matches(arg, k)) && value === undefined) {
      return bad(`Command line is not complete. Try option "help"\n`, 255);
    }
    if (matches(arg, "limit")) {
      if (latencyUs !== undefined) return bad('tbf: specifying both "latency" and "limit" is not allowed\n');
      limit = parseSize(value!);
      if (limit === undefined) return illegal("limit", value!);
      i++;
    } else if (matches(arg, "latency")) {
      if (limit !== undefined) return bad('tbf: specifying both "limit" and "latency" is not allowed\n');
      latencyUs = parseTime(value!);
      if (latencyUs === undefined) return illegal("latency", value!);
      i++;
    } else if (matches(arg, "burst") || matches(arg, "buffer") || matches(arg, "maxburst")) {
      if (burst !== undefined) return bad('tbf: duplicate "burst/buffer/maxburst" specification\n');
      if (value!.includes("/")) return { ok: false, result: twin("tbf cell sizes (BYTES/BYTES)") };
      burst = parseSize(value!);
      if (burst === undefined) return illegal("burst", value!);
      i++;
    } else if (matches(arg, "rate")) {
      if (rate !== undefined) return bad('tbf: duplicate "rate" specification\n');
      rate = parseRate(value!);
      if (rate === undefined) return illegal("rate", value!);
      i++;
    } else if (["mtu", "minburst", "mpu", "peakrate", "overhead", "linklayer"].some((k) => matches(arg, k))) {
      return { ok: false, result: twin(`tbf ${arg}`) };
    } else {
      return bad(`${arg === "help" ? "" : `tbf: unknown parameter "${arg}"\n`}${TBF_USAGE}`);
    }
  }
  const missing = [
    rate === undefined ? 'tbf: the "rate" parameter is mandatory.\n' : "",
    burst === undefined ? 'tbf: the "burst" parameter is mandatory.\n' : "",
    limit === undefined && latencyUs === undefined ? 'tbf: either "limit" or "latency" is required.\n' : "",
  ].join("");
  if (missing) return bad(missing + TBF_USAGE);
  const limitBytes = limit ?? Math.floor((rate! * latencyUs!) / 1e6) + burst!;
  return { ok: true, spec: { kind: "tbf", rateBytes: rate!, burstBytes: burst!, limitBytes } };
}

const PARSERS: Readonly<Record<string, (args: readonly string[]) => Spec>> = { netem: parseNetem, tbf: parseTbf };

type Verb = "add" | "change" | "replace" | "link" | "delete" | "show" | "help";
/** In tc's order, so that a prefix picks the same verb (`d` is delete, `l` is link). */
const VERBS: readonly (readonly [string, Verb])[] = [
  ["add", "add"], ["change", "change"], ["replace", "replace"], ["link", "link"], ["delete", "delete"],
  ["show", "show"], ["list", "show"], ["lst", "show"], ["ls", "show"], ["help", "help"],
];

const cannotFind = (dev: string) => failed(1, `Cannot find device "${dev}"\n`);
const isInterface = (dev: string): dev is Interface => (INTERFACES as readonly string[]).includes(dev);

function show(args: readonly string[], table: QdiscTable, stats: boolean): TcResult {
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "dev") {
      dev = args[++i];
      if (dev === undefined) return failed(255, 'Command line is not complete. Try option "help"\n');
    } else if (args[i] !== "root" && args[i] !== "invisible") {
      return twin(`tc qdisc show ${args[i]}`);
    }
  }
  if (dev !== undefined && !isInterface(dev)) return cannotFind(dev);
  const devices = dev === undefined ? table.devices() : [dev];
  const text = devices.map((d) => showLine(d, table.root(d), dev === undefined) + (stats ? statsLines(table.root(d)) : "")).join("");
  return result(0, text, "");
}

function modify(verb: "add" | "change" | "replace" | "delete", args: readonly string[], table: QdiscTable, root: boolean, now: number): TcResult {
  let dev: string | undefined;
  let handle: number | undefined;
  let isRoot = false;
  let kind: string | undefined;
  let rest: readonly string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "dev") {
      const value = args[++i];
      if (value === undefined) return failed(255, 'Command line is not complete. Try option "help"\n');
      if (dev !== undefined) return failed(255, `Error: duplicate "dev": "${value}" is the second value.\n`);
      dev = value;
    } else if (arg === "handle") {
      const value = args[++i] ?? "";
      const m = /^([0-9a-fA-F]{1,4}):?$/.exec(value);
      if (!m) return failed(1, `Error: "handle" qdisc handle is invalid: "${value}"\n`);
      handle = parseInt(m[1]!, 16);
    } else if (arg === "root") {
      if (isRoot) return failed(255, 'Error: "root" is duplicate parent ID\n');
      isRoot = true;
    } else if (["parent", "ingress", "clsact", "estimator", "stab", "ingress_block", "egress_block"].includes(arg)) {
      return twin(`tc qdisc ${arg}`);
    } else if (arg === "help") {
      return failed(255, QDISC_USAGE);
    } else {
      kind = arg;
      rest = args.slice(i + 1);
      break;
    }
  }
  let spec: QdiscSpec | undefined;
  if (kind !== undefined) {
    const parser = PARSERS[kind];
    if (!parser) {
      if (UNSIMULATED_KINDS.has(kind)) return twin(`qdisc kind \`${kind}'`);
    } else {
      const parsed = parser(rest);
      if (!parsed.ok) return parsed.result;
      spec = parsed.spec;
    }
  }
  if (dev === undefined) return failed(2, "RTNETLINK answers: No such device\n");
  if (!isInterface(dev)) return cannotFind(dev);
  if (!root) return failed(2, "RTNETLINK answers: Operation not permitted\n");
  const current = table.root(dev);
  if (verb === "delete") {
    if (!isRoot) return failed(2, "Error: Failed to find qdisc with specified handle.\n");
    if (!current) return failed(2, "Error: Cannot delete qdisc with handle of zero.\n");
    if (handle !== undefined && handle !== current.handle) return failed(2, "Error: Invalid handle.\n");
    return result(0, "", "", [table.remove(dev)]);
  }
  if (!spec) return failed(2, "Error: Specified qdisc kind is unknown.\n");
  if (!isRoot) return failed(2, "Error: Handle cannot be zero.\n");
  switch (verb) {
    case "add":
      if (current) return failed(2, "Error: Exclusivity flag on, cannot modify.\n");
      return result(0, "", "", [table.install(dev, spec, handle, now)]);
    case "change":
      if (!current) return failed(2, "Error: Qdisc not found. To create specify NLM_F_CREATE flag.\n");
      if (current.spec.kind !== spec.kind) return failed(2, "Error: Invalid qdisc name.\n");
      return result(0, "", "", [table.change(dev, spec)]);
    case "replace":
      if (current && current.spec.kind === spec.kind && (handle === undefined || handle === current.handle)) {
        return result(0, "", "", [table.change(dev, spec)]);
      }
      return result(0, "", "", [table.install(dev, spec, handle, now)]);
  }
}

/**
 * `tc ARGS` on one host: `tc [-s] qdisc add|replace|change|del|show …` with netem and tbf root
 * qdiscs on `eth0` and `lo`. Showing needs no privileges; changing needs root.
 */
export function runTc(argv: readonly string[], table: QdiscTable, root: boolean, now: number): TcResult {
  let i = 0;
  let stats = false;
  for (; i < argv.length && argv[i]!.startsWith("-"); i++) {
    const opt = argv[i]!;
    if (matches(opt, "-statistics") || matches(opt, "-stats")) stats = true;
    else if (matches(opt, "-Version")) return result(0, "tc utility, iproute2-6.1.0, libbpf 1.1.2\n", "");
    else if (matches(opt, "-details") || matches(opt, "-pretty")) continue;
    else if (matches(opt, "-help")) return result(0, USAGE, "");
    else if (["-json", "-netns", "-batch", "-force", "-raw", "-oneline", "-color", "-names", "-conf", "-brief"].some((o) => matches(opt, o))) return twin(`tc ${opt}`);
    else return failed(1, `Option "${opt}" is unknown, try "tc -help".\n`);
  }
  const object = argv[i];
  if (object === undefined) return result(0, USAGE, "");
  if (!matches(object, "qdisc")) {
    if (["class", "filter", "chain", "action", "monitor", "exec"].some((o) => matches(object, o))) return twin(`tc ${object}`);
    return failed(1, `Object "${object}" is unknown, try "tc help".\n`);
  }
  const verbText = argv[i + 1];
  const args = argv.slice(i + 2);
  if (verbText === undefined) return show([], table, stats);
  const verb = VERBS.find(([word]) => matches(verbText, word))?.[1];
  switch (verb) {
    case undefined:
      return failed(255, `Command "${verbText}" is unknown, try "tc qdisc help".\n`);
    case "show":
      return show(args, table, stats);
    case "help":
      return failed(255, QDISC_USAGE);
    case "link":
      return twin("tc qdisc link");
    default:
      return modify(verb, args, table, root, now);
  }
}
