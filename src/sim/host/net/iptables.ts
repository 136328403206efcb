import { BUILTIN_TARGETS, parseIptables, type IptablesCommand, type ParseProblem } from "./iptables-parse.js";
import { listChains, listRow, listRules, ruleLine } from "./iptables-list.js";
import type { Rule } from "./rule.js";
import type { Outcome, Policy, Ruleset, RulesetChange, RulesetError } from "./ruleset.js";

export interface IptablesResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly changes: readonly RulesetChange[];
}

const PREFIX = "iptables v1.8.9 (nf_tables): ";
const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";
const POLICIES = new Set(["ACCEPT", "DROP"]);
const SIMULATED_TABLES = new Set(["nat", "mangle", "raw", "security"]);

const result = (code: number, stdout: string, stderr: string, changes: readonly RulesetChange[] = []): IptablesResult => ({ code, stdout, stderr, changes });
const failed = (code: number, stderr: string) => result(code, "", stderr);

const HELP = `iptables v1.8.9 (nf_tables)

Usage: iptables -[ACD] chain rule-specification [options]
       iptables -I chain [rulenum] rule-specification [options]
       iptables -D chain rulenum [options]
       iptables -[LS] [chain [rulenum]] [options]
       iptables -[FZ] [chain] [options]
       iptables -[NX] chain
       iptables -E old-chain-name new-chain-name
       iptables -P chain target [options]
       iptables -h (print this help information)

(xdc twin: the filter table only; see docs/twin-commands.md for what is simulated)
`;

function problemText(problem: ParseProblem): IptablesResult {
  switch (problem.kind) {
    case "usage":
      return failed(2, `${PREFIX}${problem.message}\n${TRY}`);
    case "bad-argument":
      return failed(2, `Bad argument \`${problem.arg}'\n${TRY}`);
    case "table":
      return SIMULATED_TABLES.has(problem.table)
        ? failed(3, `${PREFIX}table \`${problem.table}' is not simulated by the xdc twin (filter only)\n`)
        : failed(3, `${PREFIX}table '${problem.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`);
    case "twin":
      return failed(2, `${PREFIX}${problem.message}\n`);
  }
}

function kernelText(error: RulesetError): IptablesResult {
  switch (error.code) {
    case "no-chain":
      return failed(1, "iptables: No chain/target/match by that name.\n");
    case "bad-rule":
      return failed(1, "iptables: Bad rule (does a matching rule exist in that chain?).\n");
    case "index-too-big":
      return failed(1, `iptables: Index of ${error.op} too big.\n`);
    case "chain-exists":
      return failed(1, "iptables: Chain already exists.\n");
    case "file-exists":
      return failed(1, "iptables: File exists.\n");
    case "busy":
      return failed(4, `${PREFIX} CHAIN_DEL failed (Device or resource busy): chain ${error.chain}\n`);
    case "not-builtin":
      return failed(1, "iptables: Bad built-in chain name.\n");
    case "loop":
      return failed(4, `${PREFIX} ${error.op} failed (Too many levels of symbolic links): rule in chain ${error.chain}\n`);
  }
}

const applied = (outcome: Outcome): IptablesResult => (outcome.ok ? result(0, "", "", outcome.changes) : kernelText(outcome.error));

const BATCH_OP: Readonly<Record<string, string>> = { append: "RULE_APPEND", insert: "RULE_INSERT", "delete-rule": "RULE_DELETE", check: "RULE_CHECK" };

/** What the kernel rejects in a rule that iptables itself let through. */
function invalidRule(rule: Rule): boolean {
  const tcpReset = rule.target?.kind === "reject" && rule.target.with === "tcp-reset";
  const isTcp = rule.proto?.value === 6 && !rule.proto.invert;
  const everywhereInverted = [rule.src, rule.dst].some((c) => c?.invert && c.value.mask === 0);
  return (tcpReset && !isTcp) || everywhereInverted;
}

function ruleCommand(command: Extract<IptablesCommand, { rules: readonly Rule[] }>, ruleset: Ruleset): IptablesResult {
  for (const rule of command.rules) {
    const jump = rule.target?.kind === "jump" ? rule.target.chain : undefined;
    if (jump !== undefined && !BUILTIN_TARGETS.has(jump) && !ruleset.chain(jump)) {
      return failed(2, `${PREFIX}Chain '${jump}' does not exist\n${TRY}`);
    }
    if (invalidRule(rule)) return failed(4, `${PREFIX} ${BATCH_OP[command.op]} failed (Invalid argument): rule in chain ${command.chain}\n`);
  }
  switch (command.op) {
    case "append":
      return applied(ruleset.append(command.chain, command.rules));
    case "insert":
      return applied(ruleset.insert(command.chain, command.position, command.rules));
    case "delete-rule":
      return applied(ruleset.deleteMatching(command.chain, command.rules));
    case "check":
      return applied(ruleset.check(command.chain, command.rules));
  }
}

const incompatible = (chain: string) => failed(1, `${PREFIX}chain \`${chain}' in table \`filter' is incompatible, use 'nft' tool.\n`);

function list(command: Extract<IptablesCommand, { op: "list" }>, ruleset: Ruleset): IptablesResult {
  if (command.chain === undefined) return result(0, listChains(ruleset, ruleset.allChains(), command), "");
  const chain = ruleset.chain(command.chain);
  if (!chain) return incompatible(command.chain);
  if (command.position === undefined) return result(0, listChains(ruleset, [chain], command), "");
  const entry = chain.entries[command.position - 1];
  return result(0, entry ? listRow(entry.rule, entry.counters, command, command.position) : "", "");
}

function listRulesCommand(command: Extract<IptablesCommand, { op: "list-rules" }>, ruleset: Ruleset): IptablesResult {
  if (command.chain === undefined) return result(0, listRules(ruleset.allChains(), command.verbose), "");
  const chain = ruleset.chain(command.chain);
  if (!chain) return incompatible(command.chain);
  if (command.position === undefined) return result(0, listRules([chain], command.verbose), "");
  const entry = chain.entries[command.position - 1];
  return result(0, entry ? ruleLine(chain.name, entry, command.verbose) : "", "");
}

/**
 * `iptables ARGS` on one host's filter table, as root when `root` (non-root users get the
 * permission error iptables-nft prints). The changes it made come back for the host's events.
 */
export function runIptables(argv: readonly string[], ruleset: Ruleset, root: boolean): IptablesResult {
  const parsed = parseIptables(argv);
  if (!parsed.ok) return problemText(parsed.problem);
  const command = parsed.command;
  if (command.op === "version") return result(0, "iptables v1.8.9 (nf_tables)\n", "");
  if (command.op === "help") return result(0, HELP, "");
  if (!root) return failed(4, `${PREFIX}Could not fetch rule set generation id: Permission denied (you must be root)\n`);
  switch (command.op) {
    case "append":
    case "insert":
    case "delete-rule":
    case "check":
      return ruleCommand(command, ruleset);
    case "delete-num":
      return applied(ruleset.deleteNumber(command.chain, command.position));
    case "list":
      return list(command, ruleset);
    case "list-rules":
      return listRulesCommand(command, ruleset);
    case "flush":
      return applied(ruleset.flush(command.chain));
    case "zero":
      return applied(ruleset.zero(command.chain));
    case "new-chain":
      return applied(ruleset.newChain(command.chain));
    case "delete-chain":
      return applied(ruleset.deleteChain(command.chain));
    case "rename-chain":
      return applied(ruleset.renameChain(command.chain, command.to));
    case "policy":
      if (!POLICIES.has(command.policy)) return failed(1, "iptables: Bad policy name. Run `dmesg' for more information.\n");
      return applied(ruleset.setPolicy(command.chain, command.policy as Policy));
  }
}
