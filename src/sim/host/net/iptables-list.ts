import { listAddressColumn, listExtras, protocolName, saveRule, targetName, type Rule } from "./rule.js";
import type { Chain, Counters, Entry, Ruleset } from "./ruleset.js";

/** The columns of `iptables -L` as iptables 1.8.9 prints them (print_header, print_firewall). */
export interface ListFormat {
  readonly numeric: boolean;
  readonly verbose: boolean;
  readonly exact: boolean;
  readonly lineNumbers: boolean;
}

const UNITS = ["K", "M", "G", "T"];

/** xtables_print_num: exact with -x, otherwise shortened to K/M/G/T past 99999. */
function counterCell(n: number, format: ListFormat, table: boolean): string {
  if (format.exact) return table ? `${String(n).padStart(8)} ` : `${n} `;
  if (n <= 99999) return table ? `${String(n).padStart(5)} ` : `${n} `;
  let scaled = n;
  for (const unit of UNITS) {
    scaled = Math.floor((scaled + 500) / 1000);
    if (scaled <= 9999 || unit === "T") return table ? `${String(scaled).padStart(4)}${unit} ` : `${scaled}${unit} `;
  }
  return `${n} `;
}

function chainTitle(ruleset: Ruleset, chain: Chain, format: ListFormat): string {
  if (!chain.policy) return `Chain ${chain.name} (${ruleset.references(chain.name)} references)\n`;
  if (!format.verbose) return `Chain ${chain.name} (policy ${chain.policy})\n`;
  const c = chain.policyCounters;
  return `Chain ${chain.name} (policy ${chain.policy} ${counterCell(c.pkts, format, false)}packets, ${counterCell(c.bytes, format, false)}bytes)\n`;
}

function columnHeader(format: ListFormat): string {
  let line = format.lineNumbers ? `${"num".padEnd(4)} ` : "";
  if (format.verbose) line += format.exact ? `${"pkts".padStart(8)} ${"bytes".padStart(10)} ` : `${"pkts".padStart(5)} ${"bytes".padStart(5)} `;
  line += `${"target".padEnd(9)} `;
  line += " prot opt";
  if (format.verbose) line += ` ${"in".padEnd(6)} ${"out".padEnd(6)} `;
  line += ` ${"source".padEnd(19)} `;
  line += ` ${"destination".padEnd(19)} `;
  return `${line}\n`;
}

const ifaceCell = (c: Rule["inIface"], numeric: boolean) => (c ? `${c.invert ? "!" : ""}${c.value}` : numeric ? "*" : "any");

/** One rule as a row of `iptables -L`. */
export function listRow(rule: Rule, counters: Counters, format: ListFormat, num: number): string {
  let line = format.lineNumbers ? `${String(num).padEnd(4)} ` : "";
  if (format.verbose) line += counterCell(counters.pkts, format, true) + counterCell(counters.bytes, format, true);
  line += `${targetName(rule.target).padEnd(9)} `;
  line += rule.proto?.invert ? "!" : " ";
  const proto = rule.proto?.value ?? 0;
  // iptables-nft 1.8.9 prints protocol numbers with -n.
  line += `${(format.numeric ? String(proto) : protocolName(proto)).padEnd(4)} `;
  line += "-- ";
  if (format.verbose) line += ` ${ifaceCell(rule.inIface, format.numeric).padEnd(6)} ${ifaceCell(rule.outIface, format.numeric).padEnd(6)} `;
  line += `${rule.src?.invert ? "!" : " "}${listAddressColumn(rule.src, format.numeric).padEnd(19)} `;
  line += `${rule.dst?.invert ? "!" : " "}${listAddressColumn(rule.dst, format.numeric).padEnd(19)} `;
  line += listExtras(rule, format.numeric);
  return `${line}\n`;
}

function chainBlock(ruleset: Ruleset, chain: Chain, format: ListFormat): string {
  return chainTitle(ruleset, chain, format) + columnHeader(format) + chain.entries.map((e, i) => listRow(e.rule, e.counters, format, i + 1)).join("");
}

/** `iptables -L [CHAIN]`: every chain (blank line between) or one. */
export function listChains(ruleset: Ruleset, chains: readonly Chain[], format: ListFormat): string {
  return chains.map((c) => chainBlock(ruleset, c, format)).join("\n");
}

const counterSuffix = (c: Counters, verbose: boolean) => (verbose ? ` -c ${c.pkts} ${c.bytes}` : "");

/** The `-P`/`-N` line that opens a chain in `iptables -S`. */
function chainDeclaration(chain: Chain, verbose: boolean): string {
  return chain.policy ? `-P ${chain.name} ${chain.policy}${counterSuffix(chain.policyCounters, verbose)}\n` : `-N ${chain.name}\n`;
}

/** One rule as a line of `iptables -S`. */
export const ruleLine = (chain: string, entry: Entry, verbose: boolean) => `${saveRule(chain, entry.rule, verbose ? entry.counters : undefined)}\n`;

const ruleLines = (chain: Chain, verbose: boolean) => chain.entries.map((e) => ruleLine(chain.name, e, verbose)).join("");

/** `iptables -S`: declarations of every chain first, then every rule; or one chain. */
export function listRules(chains: readonly Chain[], verbose: boolean): string {
  if (chains.length === 1) return chainDeclaration(chains[0]!, verbose) + ruleLines(chains[0]!, verbose);
  return chains.map((c) => chainDeclaration(c, verbose)).join("") + chains.map((c) => ruleLines(c, verbose)).join("");
}
