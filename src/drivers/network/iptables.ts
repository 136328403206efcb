import { escapeRegExp } from "../faults/command.js";

/**
 * iptables rules as xdc writes them: each carries `-m comment --comment TAG`, so the rules of
 * one fault can be listed, counted and deleted without touching anybody else's. `-w` waits
 * for the xtables lock instead of failing when another tool holds it.
 */
export interface FilterRule {
  readonly chain: "INPUT" | "OUTPUT";
  /** Match options, e.g. `-s 10.1.0.0/24` or `-p tcp --dport 22`. */
  readonly match: readonly string[];
  readonly target: "DROP" | "ACCEPT";
}

const spec = (r: FilterRule, tag: string) => [...r.match, "-m", "comment", "--comment", tag, "-j", r.target];

/** Inserts the rule at `position` (1 = first) of its chain. */
export const insertRule = (r: FilterRule, position: number, tag: string): string[] => ["iptables", "-w", "-I", r.chain, String(position), ...spec(r, tag)];

/** Deletes the rule by its whole specification; iptables says "Bad rule" when it is not there. */
export const deleteRule = (r: FilterRule, tag: string): string[] => ["iptables", "-w", "-D", r.chain, ...spec(r, tag)];

/** Lists every rule of the filter table, one per line, in `-A …` form. */
export const LIST_RULES = ["iptables", "-w", "-S"] as const;

/** Matches a listed rule carrying exactly this tag (iptables-nft prints it in double quotes, legacy without). */
export const taggedLine = (tag: string): string => `--comment "?${escapeRegExp(tag)}"?( |$)`;
