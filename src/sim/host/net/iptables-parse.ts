import { parseCidr, type Cidr } from "./ipv4.js";
import { FULL_RANGE, PROBABILITY_SCALE, type Condition, type Match, type PortRange, type Rule, type Target } from "./rule.js";
import { servicePort } from "./services.js";

/** An iptables invocation, read the way iptables 1.8.9 (nf_tables) reads its command line. */
export type IptablesCommand =
  | { readonly op: "append" | "check" | "delete-rule"; readonly chain: string; readonly rules: readonly Rule[] }
  | { readonly op: "insert"; readonly chain: string; readonly position: number; readonly rules: readonly Rule[] }
  | { readonly op: "delete-num"; readonly chain: string; readonly position: number }
  | { readonly op: "list"; readonly chain?: string; readonly position?: number; readonly numeric: boolean; readonly verbose: boolean; readonly exact: boolean; readonly lineNumbers: boolean }
  | { readonly op: "list-rules"; readonly chain?: string; readonly position?: number; readonly verbose: boolean }
  | { readonly op: "flush" | "zero" | "delete-chain"; readonly chain?: string }
  | { readonly op: "new-chain"; readonly chain: string }
  | { readonly op: "rename-chain"; readonly chain: string; readonly to: string }
  | { readonly op: "policy"; readonly chain: string; readonly policy: string }
  | { readonly op: "version" | "help" };

/** Why iptables refused its command line, before it ever talked to the kernel. */
export type ParseProblem =
  /** `iptables v1.8.9 (nf_tables): MESSAGE` + the "Try" line; exit 2. */
  | { readonly kind: "usage"; readonly message: string }
  /** `Bad argument `X'` + the "Try" line; exit 2. */
  | { readonly kind: "bad-argument"; readonly arg: string }
  /** A table other than filter; exit 3. */
  | { readonly kind: "table"; readonly table: string }
  /** Real iptables would accept it, the twin does not simulate it; exit 2. */
  | { readonly kind: "twin"; readonly message: string };

export type ParseOutcome = { readonly ok: true; readonly command: IptablesCommand } | { readonly ok: false; readonly problem: ParseProblem };

type CommandLetter = "A" | "C" | "D" | "I" | "L" | "S" | "F" | "Z" | "N" | "X" | "E" | "P" | "R";
type Option = "n" | "s" | "d" | "p" | "j" | "v" | "x" | "i" | "o" | "line" | "m" | "t" | "w" | "V" | "h" | CommandLetter;

/** Options with a required argument; `-w` takes an optional one. */
const NEEDS_ARG = new Set<string>(["A", "C", "D", "I", "N", "E", "P", "R", "s", "d", "p", "j", "i", "o", "m", "t"]);
const OPTIONAL_ARG = new Set<string>(["L", "S", "F", "Z", "X"]);
const SHORT = new Set<string>([...NEEDS_ARG, ...OPTIONAL_ARG, "n", "v", "x", "w", "V", "h"]);
const LONG: Readonly<Record<string, Option>> = {
  append: "A", check: "C", delete: "D", insert: "I", list: "L", "list-rules": "S", flush: "F", zero: "Z",
  "new-chain": "N", "delete-chain": "X", "rename-chain": "E", policy: "P", replace: "R", numeric: "n",
  source: "s", src: "s", destination: "d", dst: "d", protocol: "p", jump: "j", verbose: "v", exact: "x",
  "in-interface": "i", "out-interface": "o", "line-numbers": "line", match: "m", table: "t", wait: "w",
  version: "V", help: "h",
};

/** Which general options each command allows (iptables' commands_v_options, for our commands). */
const RULE_OPTIONS = ["s", "d", "p", "j", "v", "i", "o"];
const ALLOWED: Readonly<Record<CommandLetter, readonly string[]>> = {
  A: RULE_OPTIONS, C: RULE_OPTIONS, D: RULE_OPTIONS, I: RULE_OPTIONS, R: RULE_OPTIONS,
  L: ["n", "v", "x", "line"], S: ["v"], F: ["v"], Z: ["v"], N: ["v"], X: ["v"], E: ["v"], P: ["v"],
};
const DELETE_NUM_ALLOWED = ["v"];
const OPTION_TEXT: Readonly<Record<string, string>> = { line: "--line-numbers" };

/** Targets iptables knows that the twin does not simulate. */
const UNSIMULATED_TARGETS = new Set(["LOG", "NFLOG", "NFQUEUE", "QUEUE", "MARK", "CONNMARK", "CT", "NOTRACK", "TCPMSS", "TEE", "TRACE", "AUDIT", "CLASSIFY", "DSCP", "TOS", "TTL", "SET", "CHECKSUM", "SNAT", "DNAT", "MASQUERADE", "REDIRECT"]);
/** Matches iptables knows that the twin does not simulate. */
const UNSIMULATED_MATCHES = new Set(["state", "conntrack", "multiport", "limit", "hashlimit", "iprange", "mac", "mark", "connmark", "owner", "time", "string", "length", "connlimit", "recent", "set", "physdev", "addrtype", "pkttype", "icmp", "u32", "bpf", "cgroup", "socket", "ttl", "tos", "dscp", "helper", "quota", "nfacct", "rpfilter", "sctp"]);
export const BUILTIN_TARGETS = new Set(["ACCEPT", "DROP", "RETURN", "REJECT"]);

const REJECT_TYPES: Readonly<Record<string, string>> = {
  "icmp-net-unreachable": "icmp-net-unreachable", "net-unreach": "icmp-net-unreachable",
  "icmp-host-unreachable": "icmp-host-unreachable", "host-unreach": "icmp-host-unreachable",
  "icmp-port-unreachable": "icmp-port-unreachable", "port-unreach": "icmp-port-unreachable",
  "icmp-proto-unreachable": "icmp-proto-unreachable", "proto-unreach": "icmp-proto-unreachable",
  "icmp-net-prohibited": "icmp-net-prohibited", "net-prohib": "icmp-net-prohibited",
  "icmp-host-prohibited": "icmp-host-prohibited", "host-prohib": "icmp-host-prohibited",
  "icmp-admin-prohibited": "icmp-admin-prohibited", "admin-prohib": "icmp-admin-prohibited",
  "tcp-reset": "tcp-reset", "tcp-rst": "tcp-reset",
};
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { all: 0, "0": 0, icmp: 1, "1": 1, tcp: 6, "6": 6, udp: 17, "17": 17 };
const KNOWN_PROTOCOLS = new Set(["gre", "esp", "ah", "sctp", "udplite", "icmpv6", "ipv6", "igmp", "ipip", "ospf", "pim", "vrrp", "mh", "dccp"]);
const COMMENT_MAX = 255;
const CHAIN_NAME_MAX = 28;
const IFNAMSIZ = 15;

type Fail = { ok: false; problem: ParseProblem };
const usage = (message: string): Fail => ({ ok: false, problem: { kind: "usage", message } });
const badArgument = (arg: string): Fail => ({ ok: false, problem: { kind: "bad-argument", arg } });
const twin = (message: string): Fail => ({ ok: false, problem: { kind: "twin", message } });

/** A match under construction; `-m tcp` given twice (or implied by --dport) is the same match. */
type Building =
  | { kind: "tcp" | "udp"; sport?: Condition<PortRange>; dport?: Condition<PortRange> }
  | { kind: "statistic"; mode?: string; probability?: number }
  | { kind: "comment"; text?: string };

export function parseIptables(argv: readonly string[]): ParseOutcome {
  return new IptablesParser(argv).parse();
}

class IptablesParser {
  private i = 0;
  private invert = false;
  private command: CommandLetter | undefined;
  private chain: string | undefined;
  private position: number | undefined;
  private extra: string | undefined;
  private readonly seen = new Set<string>();
  private readonly sources: Cidr[] = [];
  private readonly destinations: Cidr[] = [];
  private srcInvert = false;
  private dstInvert = false;
  private proto: Condition<number> | undefined;
  private inIface: Condition<string> | undefined;
  private outIface: Condition<string> | undefined;
  private readonly matches: Building[] = [];
  private target: string | undefined;
  private rejectWith: string | undefined;
  private numeric = false;
  private verbose = false;
  private exact = false;
  private lineNumbers = false;

  constructor(private readonly argv: readonly string[]) {}

  parse(): ParseOutcome {
    while (this.i < this.argv.length) {
      const arg = this.argv[this.i++]!;
      if (arg === "!") {
        if (this.invert) return usage("multiple consecutive ! not allowed");
        this.invert = true;
        continue;
      }
      const step = arg.startsWith("--") ? this.long(arg) : arg.startsWith("-") && arg.length > 1 ? this.short(arg) : badArgument(arg);
      if (step) return step;
    }
    return this.finish();
  }

  private long(arg: string): Fail | undefined {
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const attached = eq < 0 ? undefined : arg.slice(eq + 1);
    const option = LONG[name];
    if (!option) return this.extensionOption(arg, name, attached);
    let value = attached;
    if (value === undefined && NEEDS_ARG.has(option)) {
      value = this.argv[this.i++];
      if (value === undefined) return usage(`option "${arg}" requires an argument`);
    }
    return this.option(option, value);
  }

  private short(arg: string): Fail | undefined {
    for (let k = 1; k < arg.length; k++) {
      const letter = arg[k]!;
      if (!SHORT.has(letter)) return usage(`unknown option "${arg.length === 2 ? arg : `-${letter}`}"`);
      const rest = arg.slice(k + 1);
      if (NEEDS_ARG.has(letter)) {
        const value = rest !== "" ? rest : this.argv[this.i++];
        if (value === undefined) return usage(`option "-${letter}" requires an argument`);
        return this.option(letter as Option, value);
      }
      if ((OPTIONAL_ARG.has(letter) || letter === "w") && rest !== "") return this.option(letter as Option, rest);
      const step = this.option(letter as Option, undefined);
      if (step) return step;
    }
    return undefined;
  }

  /** The next argument when it is not an option, as iptables peeks for optional operands. */
  private operand(): string | undefined {
    const next = this.argv[this.i];
    if (next === undefined || next.startsWith("-") || next.startsWith("!")) return undefined;
    this.i++;
    return next;
  }

  private setCommand(letter: CommandLetter): Fail | undefined {
    if (this.command) return usage(`Cannot use -${letter} with -${this.command}`);
    this.command = letter;
    return undefined;
  }

  /** A rule number right after the chain (`-I CHAIN 2`, `-D CHAIN 2`, `-S CHAIN 2`), if there is one. */
  private optionalRuleNumber(): Fail | undefined {
    const text = this.operand();
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 0x7fffffff) return usage(`Invalid rule number \`${text}'`);
    this.position = Number(text);
    return undefined;
  }

  private option(option: Option, value: string | undefined): Fail | undefined {
    const inverted = this.invert;
    this.invert = false;
    const general = ["n", "s", "d", "p", "j", "v", "x", "i", "o", "line"];
    if (general.includes(option)) {
      if (inverted && !["s", "d", "p", "i", "o"].includes(option)) return usage(`cannot have ! before -${option}`);
      if (["s", "d", "p", "j", "i", "o"].includes(option) && this.seen.has(option)) return usage(`multiple -${option} flags not allowed`);
      this.seen.add(option);
    }
    switch (option) {
      case "A": case "C": case "D": case "I": case "N": case "R": case "E": case "P": {
        const twice = this.setCommand(option);
        if (twice) return twice;
        this.chain = value!;
        return this.commandOperands(option);
      }
      case "L": case "S": case "F": case "Z": case "X": {
        const twice = this.setCommand(option);
        if (twice) return twice;
        this.chain = value ?? this.operand();
        if ((option === "L" || option === "S") && this.chain !== undefined) return this.optionalRuleNumber();
        return undefined;
      }
      case "s": case "d":
        return this.addresses(option, value!, inverted);
      case "p":
        return this.protocol(value!, inverted);
      case "i": case "o": {
        if (value!.length > IFNAMSIZ) return usage(`interface name \`${value}' must be shorter than IFNAMSIZ (${IFNAMSIZ})`);
        const cond = { value: value!, invert: inverted };
        if (option === "i") this.inIface = cond;
        else this.outIface = cond;
        return undefined;
      }
      case "j":
        return this.jump(value!);
      case "m":
        return this.loadMatch(value!);
      case "n": this.numeric = true; return undefined;
      case "v": this.verbose = true; return undefined;
      case "x": this.exact = true; return undefined;
      case "line": this.lineNumbers = true; return undefined;
      case "w":
        if (value === undefined) this.operand();
        return undefined;
      case "t":
        if (value === "filter") return undefined;
        return { ok: false, problem: { kind: "table", table: value! } };
      case "V": case "h":
        this.seen.add(option);
        return undefined;
    }
  }

  private commandOperands(letter: CommandLetter): Fail | undefined {
    switch (letter) {
      case "I":
      case "D":
        return this.optionalRuleNumber();
      case "E": case "P": {
        this.extra = this.operand();
        if (this.extra === undefined) {
          return usage(letter === "P" ? "-P requires a chain and a policy" : "-E requires old-chain-name and new-chain-name");
        }
        return undefined;
      }
      case "R":
        return twin("-R (replace) is not simulated by the xdc twin; delete and insert instead");
      default:
        return undefined;
    }
  }

  private addresses(option: "s" | "d", value: string, inverted: boolean): Fail | undefined {
    if (value === "!") return badArgument(this.argv[this.i] ?? "!");
    const list: Cidr[] = [];
    for (const spec of value.split(",")) {
      const parsed = parseCidr(spec);
      if ("error" in parsed) {
        return usage(parsed.error === "bad-mask" ? `invalid mask \`${parsed.text}' specified` : `host/network \`${parsed.text}' not found`);
      }
      list.push(parsed);
    }
    if (option === "s") {
      this.sources.push(...list);
      this.srcInvert = inverted;
    } else {
      this.destinations.push(...list);
      this.dstInvert = inverted;
    }
    return undefined;
  }

  private protocol(value: string, inverted: boolean): Fail | undefined {
    const num = PROTOCOL_NUMBERS[value.toLowerCase()];
    if (num === undefined) {
      if (KNOWN_PROTOCOLS.has(value.toLowerCase()) || /^\d+$/.test(value)) return twin(`protocol \`${value}' is not simulated by the xdc twin`);
      return usage(`unknown protocol \`${value}' specified`);
    }
    this.proto = num === 0 && !inverted ? undefined : { value: num, invert: inverted };
    return undefined;
  }

  private jump(value: string): Fail | undefined {
    if (this.target !== undefined) return usage("multiple -j flags not allowed");
    if (UNSIMULATED_TARGETS.has(value)) return twin(`target \`${value}' is not simulated by the xdc twin`);
    this.target = value;
    return undefined;
  }

  private protoName(): "tcp" | "udp" | undefined {
    if (!this.proto || this.proto.invert) return undefined;
    return this.proto.value === 6 ? "tcp" : this.proto.value === 17 ? "udp" : undefined;
  }

  private loadMatch(name: string): Fail | undefined {
    if (name === "tcp" || name === "udp") {
      if (this.protoName() !== name) return usage(`${name.toUpperCase()} match requires '-p ${name}'`);
      if (!this.matches.some((m) => m.kind === name)) this.matches.push({ kind: name });
      return undefined;
    }
    if (name === "statistic" || name === "comment") {
      this.matches.push({ kind: name });
      return undefined;
    }
    if (UNSIMULATED_MATCHES.has(name)) return twin(`match \`${name}' is not simulated by the xdc twin`);
    return usage(`Couldn't load match \`${name}':No such file or directory\n`);
  }

  /** An option that belongs to a match or target extension (`--dport`, `--comment`, ...). */
  private extensionOption(arg: string, name: string, attached: string | undefined): Fail | undefined {
    const inverted = this.invert;
    this.invert = false;
    const takeValue = (): string | Fail => {
      const value = attached ?? this.argv[this.i++];
      return value === undefined ? usage(`option "${arg}" requires an argument`) : value;
    };
    const port = PORT_OPTIONS[name];
    if (port) {
      let match = [...this.matches].reverse().find((m) => m.kind === "tcp" || m.kind === "udp");
      if (!match) {
        const proto = this.protoName();
        if (!proto) return usage(`unknown option "${arg}"`);
        match = { kind: proto };
        this.matches.push(match);
      }
      if (match.kind !== "tcp" && match.kind !== "udp") return usage(`unknown option "${arg}"`);
      if (match[port.field]) return usage(`Only one \`${port.long}' allowed`);
      const value = takeValue();
      if (typeof value !== "string") return value;
      const parsed = parsePortRange(value, match.kind);
      if ("error" in parsed) return usage(parsed.error);
      match[port.field] = { value: parsed, invert: inverted };
      return undefined;
    }
    const statistic = [...this.matches].reverse().find((m) => m.kind === "statistic");
    if (statistic?.kind === "statistic" && (name === "mode" || name === "probability" || name === "every" || name === "packet")) {
      if (inverted) return twin(`! --${name} is not simulated by the xdc twin`);
      const value = takeValue();
      if (typeof value !== "string") return value;
      if (name === "mode") {
        if (value !== "random" && value !== "nth") return usage(`statistic: Bad value for option "--mode", "${value}".\n`);
        if (value === "nth") return twin("statistic --mode nth is not simulated by the xdc twin; use --mode random");
        statistic.mode = value;
        return undefined;
      }
      if (name === "probability") {
        if (statistic.probability !== undefined) return usage('statistic: option "--probability" can only be used once.\n');
        const p = Number(value);
        if (value.trim() === "" || !Number.isFinite(p) || p < 0 || p > 1) return usage('statistic: bad value for option "--probability", or out of range (0-1).\n');
        statistic.probability = Math.round(p * PROBABILITY_SCALE);
        return undefined;
      }
      return usage(`statistic: option "--${name}" also requires "--mode nth".\n`);
    }
    const comment = [...this.matches].reverse().find((m) => m.kind === "comment");
    if (comment?.kind === "comment" && name === "comment") {
      const value = takeValue();
      if (typeof value !== "string") return value;
      comment.text = value.slice(0, COMMENT_MAX);
      return undefined;
    }
    if (this.target === "REJECT" && name === "reject-with") {
      const value = takeValue();
      if (typeof value !== "string") return value;
      const type = REJECT_TYPES[value];
      if (!type) return usage(`unknown reject type "${value}"`);
      this.rejectWith = type;
      return undefined;
    }
    return usage(`unknown option "${arg}"`);
  }

  private finish(): ParseOutcome {
    if (this.invert) return usage("! not allowed at the end of the command line");
    if (this.seen.has("V")) return { ok: true, command: { op: "version" } };
    if (this.seen.has("h")) return { ok: true, command: { op: "help" } };
    const letter = this.command;
    if (!letter) return usage("no command specified");
    const allowed = letter === "D" && this.position !== undefined ? DELETE_NUM_ALLOWED : ALLOWED[letter];
    for (const option of ["n", "s", "d", "p", "j", "v", "x", "i", "o", "line"]) {
      if (this.seen.has(option) && !allowed.includes(option)) {
        return usage(`Illegal option \`${OPTION_TEXT[option] ?? `-${option}`}' with this command`);
      }
    }
    if (letter === "D" && this.position !== undefined && this.matches.length > 0) return usage("Illegal option `-m' with this command");
    for (const m of this.matches) {
      if (m.kind === "statistic" && m.mode === undefined) return usage('statistic: option "--mode" must be specified\n');
      if (m.kind === "statistic" && m.probability === undefined) return usage('statistic: option "--probability" must be specified\n');
      if (m.kind === "comment" && m.text === undefined) return usage('comment: option "--comment" must be specified\n');
    }
    const chain = this.chain;
    switch (letter) {
      case "L":
        return { ok: true, command: { op: "list", chain, position: this.position, numeric: this.numeric, verbose: this.verbose, exact: this.exact, lineNumbers: this.lineNumbers } };
      case "S":
        return { ok: true, command: { op: "list-rules", chain, position: this.position, verbose: this.verbose } };
      case "F":
        return { ok: true, command: { op: "flush", chain } };
      case "Z":
        return { ok: true, command: { op: "zero", chain } };
      case "X":
        return { ok: true, command: { op: "delete-chain", chain } };
      case "N":
        return this.newChain(chain!);
      case "E":
        return { ok: true, command: { op: "rename-chain", chain: chain!, to: this.extra! } };
      case "P":
        return { ok: true, command: { op: "policy", chain: chain!, policy: this.extra! } };
      case "D":
        if (this.position !== undefined) return { ok: true, command: { op: "delete-num", chain: chain!, position: this.position } };
        return this.ruleCommand("delete-rule", chain!);
      case "I":
        return this.ruleCommand("insert", chain!);
      case "A":
        return this.ruleCommand("append", chain!);
      case "C":
        return this.ruleCommand("check", chain!);
      case "R":
        return twin("-R (replace) is not simulated by the xdc twin; delete and insert instead");
    }
  }

  private newChain(name: string): ParseOutcome {
    if (name.startsWith("-")) return usage("chain name not allowed to start with `-'");
    if (name.length > CHAIN_NAME_MAX) return usage(`chain name \`${name}' too long (must be under ${CHAIN_NAME_MAX + 1} chars)`);
    if (BUILTIN_TARGETS.has(name) || UNSIMULATED_TARGETS.has(name)) return usage("chain name may not clash with target name");
    return { ok: true, command: { op: "new-chain", chain: name } };
  }

  private ruleCommand(op: "append" | "insert" | "check" | "delete-rule", chain: string): ParseOutcome {
    if (this.inIface && chain === "OUTPUT") return usage("Can't use -i with OUTPUT\n");
    if (this.outIface && chain === "INPUT") return usage("Can't use -o with INPUT\n");
    const target = this.buildTarget();
    const matches: Match[] = this.matches.map((m): Match => {
      switch (m.kind) {
        case "tcp": case "udp": return { kind: m.kind, sport: m.sport, dport: m.dport };
        case "statistic": return { kind: "statistic", probability: m.probability! };
        case "comment": return { kind: "comment", text: m.text! };
      }
    });
    const sources: (Cidr | undefined)[] = this.sources.length > 0 ? this.sources : [undefined];
    const destinations: (Cidr | undefined)[] = this.destinations.length > 0 ? this.destinations : [undefined];
    const rules: Rule[] = [];
    for (const s of sources) {
      for (const d of destinations) {
        rules.push({
          src: condition(s, this.srcInvert),
          dst: condition(d, this.dstInvert),
          inIface: this.inIface,
          outIface: this.outIface,
          proto: this.proto,
          matches,
          target,
        });
      }
    }
    if (op === "insert") return { ok: true, command: { op, chain, position: this.position ?? 1, rules } };
    return { ok: true, command: { op, chain, rules } };
  }

  private buildTarget(): Target | undefined {
    const name = this.target;
    if (name === undefined) return undefined;
    if (name === "ACCEPT" || name === "DROP" || name === "RETURN") return { kind: "verdict", name };
    if (name === "REJECT") return { kind: "reject", with: this.rejectWith ?? "icmp-port-unreachable" };
    return { kind: "jump", chain: name };
  }
}

/** `0.0.0.0/0` is no condition at all, as iptables stores it. */
function condition(cidr: Cidr | undefined, invert: boolean): Condition<Cidr> | undefined {
  if (!cidr || (cidr.mask === 0 && !invert)) return undefined;
  return { value: cidr, invert };
}

const PORT_OPTIONS: Readonly<Record<string, { field: "sport" | "dport"; long: string }>> = {
  sport: { field: "sport", long: "--source-port" },
  "source-port": { field: "sport", long: "--source-port" },
  dport: { field: "dport", long: "--destination-port" },
  "destination-port": { field: "dport", long: "--destination-port" },
};

function parsePort(text: string, protocol: "tcp" | "udp"): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) <= 65535 ? Number(text) : undefined;
  return servicePort(protocol, text);
}

/** `80`, `1000:2000`, `:100`, `100:` or a service name. */
export function parsePortRange(text: string, protocol: "tcp" | "udp"): PortRange | { error: string } {
  const colon = text.indexOf(":");
  const bad = { error: `invalid port/service \`${text}' specified` };
  if (colon < 0) {
    const port = parsePort(text, protocol);
    return port === undefined ? bad : { min: port, max: port };
  }
  const lowText = text.slice(0, colon);
  const highText = text.slice(colon + 1);
  const min = lowText === "" ? FULL_RANGE.min : parsePort(lowText, protocol);
  const max = highText === "" ? FULL_RANGE.max : parsePort(highText, protocol);
  if (min === undefined) return { error: `invalid port/service \`${lowText}' specified` };
  if (max === undefined) return { error: `invalid port/service \`${highText}' specified` };
  if (min > max) return { error: "invalid portrange (min > max)" };
  return { min, max };
}
