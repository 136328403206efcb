import type { Flow, NetVerdict } from "../types.js";
import { namesFlow, ruleMatches, saveRule, type Rule } from "./rule.js";

export const BUILTIN_CHAINS = ["INPUT", "FORWARD", "OUTPUT"] as const;
export type Policy = "ACCEPT" | "DROP";

export interface Counters {
  pkts: number;
  bytes: number;
}

export interface Entry {
  readonly rule: Rule;
  readonly counters: Counters;
  /** The rule as `iptables -S` prints it in its chain: its identity for -C and -D. */
  readonly text: string;
}

export interface Chain {
  readonly name: string;
  /** Only built-in chains have a policy. */
  policy?: Policy;
  readonly policyCounters: Counters;
  entries: Entry[];
}

/** What the kernel refuses; iptables.ts words it. */
export type RulesetError =
  | { readonly code: "no-chain" }
  | { readonly code: "bad-rule" }
  | { readonly code: "index-too-big"; readonly op: "deletion" | "insertion" }
  | { readonly code: "chain-exists" }
  /** Renaming onto a name in use: the kernel's EEXIST. */
  | { readonly code: "file-exists" }
  | { readonly code: "busy"; readonly chain: string }
  | { readonly code: "not-builtin" }
  | { readonly code: "loop"; readonly op: "RULE_APPEND" | "RULE_INSERT"; readonly chain: string };

/** A change the ruleset made, for the host's events. */
export type RulesetChange =
  | { readonly kind: "rule.added" | "rule.removed"; readonly chain: string; readonly rule: string }
  | { readonly kind: "chain.added" | "chain.removed"; readonly chain: string }
  | { readonly kind: "policy.changed"; readonly chain: string; readonly rule: string };

export type Outcome = { readonly ok: true; readonly changes: readonly RulesetChange[] } | { readonly ok: false; readonly error: RulesetError };

const done = (...changes: RulesetChange[]): Outcome => ({ ok: true, changes });
const refuse = (error: RulesetError): Outcome => ({ ok: false, error });
const zero = (): Counters => ({ pkts: 0, bytes: 0 });
const newEntry = (chain: string, rule: Rule): Entry => ({ rule, counters: zero(), text: saveRule(chain, rule) });

/**
 * The filter table of one host: chains, rules in order, policies and counters. It applies
 * changes the way the kernel does (all or nothing) and judges flows the way netfilter does.
 */
export class Ruleset {
  private readonly chains = new Map<string, Chain>(
    BUILTIN_CHAINS.map((name) => [name, { name, policy: "ACCEPT" as Policy, policyCounters: zero(), entries: [] }]),
  );

  chain(name: string): Chain | undefined {
    return this.chains.get(name);
  }

  /** Built-in chains first in kernel order, then user chains by name (as iptables-nft lists them). */
  allChains(): readonly Chain[] {
    const user = [...this.chains.values()].filter((c) => !c.policy).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [...BUILTIN_CHAINS.map((n) => this.chains.get(n)!), ...user];
  }

  /** How many rules jump to the chain. */
  references(name: string): number {
    let n = 0;
    for (const c of this.chains.values()) for (const e of c.entries) if (e.rule.target?.kind === "jump" && e.rule.target.chain === name) n++;
    return n;
  }

  append(chain: string, rules: readonly Rule[]): Outcome {
    const c = this.chains.get(chain);
    if (!c) return refuse({ code: "no-chain" });
    return this.place(c, c.entries.length, rules, "RULE_APPEND");
  }

  /** Inserts before rule `position` (1-based); one past the end appends. */
  insert(chain: string, position: number, rules: readonly Rule[]): Outcome {
    const c = this.chains.get(chain);
    if (!c) return refuse({ code: "no-chain" });
    if (position > c.entries.length + 1) return refuse({ code: "index-too-big", op: "insertion" });
    return this.place(c, position - 1, rules, "RULE_INSERT");
  }

  private place(c: Chain, index: number, rules: readonly Rule[], op: "RULE_APPEND" | "RULE_INSERT"): Outcome {
    const entries = rules.map((rule) => newEntry(c.name, rule));
    const before = c.entries;
    c.entries = [...before.slice(0, index), ...entries, ...before.slice(index)];
    if (this.hasReachableLoop()) {
      c.entries = before;
      return refuse({ code: "loop", op, chain: c.name });
    }
    return done(...entries.map((e) => ({ kind: "rule.added" as const, chain: c.name, rule: e.text })));
  }

  /** Deletes the first rule equal to each of `rules`; none is deleted unless all are found. */
  deleteMatching(chain: string, rules: readonly Rule[]): Outcome {
    const c = this.chains.get(chain);
    if (!c) return refuse({ code: "no-chain" });
    const remaining = [...c.entries];
    const removed: RulesetChange[] = [];
    for (const rule of rules) {
      const text = saveRule(chain, rule);
      const i = remaining.findIndex((e) => e.text === text);
      if (i < 0) return refuse({ code: "bad-rule" });
      remaining.splice(i, 1);
      removed.push({ kind: "rule.removed", chain, rule: text });
    }
    c.entries = remaining;
    return done(...removed);
  }

  deleteNumber(chain: string, position: number): Outcome {
    const c = this.chains.get(chain);
    // iptables-nft reports an empty chain like a missing one.
    if (!c || c.entries.length === 0) return refuse({ code: "no-chain" });
    const entry = c.entries[position - 1];
    if (!entry) return refuse({ code: "index-too-big", op: "deletion" });
    c.entries = c.entries.filter((e) => e !== entry);
    return done({ kind: "rule.removed", chain, rule: entry.text });
  }

  check(chain: string, rules: readonly Rule[]): Outcome {
    const c = this.chains.get(chain);
    if (!c) return refuse({ code: "bad-rule" });
    const wanted = rules.map((r) => saveRule(chain, r));
    return wanted.every((text) => c.entries.some((e) => e.text === text)) ? done() : refuse({ code: "bad-rule" });
  }

  flush(chain?: string): Outcome {
    const targets = chain === undefined ? this.allChains() : [this.chains.get(chain)];
    const changes: RulesetChange[] = [];
    for (const c of targets) {
      if (!c) return refuse({ code: "no-chain" });
      changes.push(...c.entries.map((e) => ({ kind: "rule.removed" as const, chain: c.name, rule: e.text })));
    }
    for (const c of targets) c!.entries = [];
    return done(...changes);
  }

  newChain(name: string): Outcome {
    if (this.chains.has(name)) return refuse({ code: "chain-exists" });
    this.chains.set(name, { name, policyCounters: zero(), entries: [] });
    return done({ kind: "chain.added", chain: name });
  }

  /** Deletes one user chain, or every user chain; refused while any of them is referenced. */
  deleteChain(name?: string): Outcome {
    const targets = name === undefined ? this.allChains().filter((c) => !c.policy) : [this.chains.get(name)];
    for (const c of targets) {
      if (!c || c.policy) return refuse({ code: "no-chain" });
      // iptables-nft refuses a chain that is still jumped to or still holds rules.
      if (this.references(c.name) > 0 || c.entries.length > 0) return refuse({ code: "busy", chain: c.name });
    }
    for (const c of targets) this.chains.delete(c!.name);
    return done(...targets.map((c) => ({ kind: "chain.removed" as const, chain: c!.name })));
  }

  renameChain(from: string, to: string): Outcome {
    const c = this.chains.get(from);
    if (!c || c.policy) return refuse({ code: "no-chain" });
    if (this.chains.has(to)) return refuse({ code: "file-exists" });
    this.chains.delete(from);
    this.chains.set(to, { ...c, name: to });
    for (const other of this.chains.values()) {
      other.entries = other.entries.map((e) => {
        const rule: Rule = e.rule.target?.kind === "jump" && e.rule.target.chain === from ? { ...e.rule, target: { kind: "jump", chain: to } } : e.rule;
        return rule === e.rule && other.name !== to ? e : { ...newEntry(other.name, rule), counters: e.counters };
      });
    }
    return done({ kind: "chain.removed", chain: from }, { kind: "chain.added", chain: to });
  }

  setPolicy(chain: string, policy: Policy): Outcome {
    const c = this.chains.get(chain);
    if (!c) return refuse({ code: "no-chain" });
    if (!c.policy) return refuse({ code: "not-builtin" });
    c.policy = policy;
    return done({ kind: "policy.changed", chain, rule: `-P ${chain} ${policy}` });
  }

  zero(chain?: string): Outcome {
    const targets = chain === undefined ? this.allChains() : [this.chains.get(chain)];
    for (const c of targets) {
      if (!c) return refuse({ code: "no-chain" });
      c.policyCounters.pkts = c.policyCounters.bytes = 0;
      for (const e of c.entries) e.counters.pkts = e.counters.bytes = 0;
    }
    return done();
  }

  /**
   * Judges one flow: INPUT for incoming, OUTPUT for outgoing, following jumps and returns, and
   * counting packets (one per flow) and bytes on every rule that matched.
   */
  evaluate(flow: Flow, bytes: number, random: () => number): NetVerdict {
    const base = this.chains.get(flow.direction === "in" ? "INPUT" : "OUTPUT")!;
    const stack: { chain: Chain; next: number }[] = [];
    let chain = base;
    let next = 0;
    for (;;) {
      const entry = chain.entries[next++];
      if (!entry) {
        const frame = stack.pop();
        if (frame) {
          ({ chain, next } = frame);
          continue;
        }
        return this.policyVerdict(base, flow, bytes);
      }
      if (!ruleMatches(entry.rule, flow, random)) continue;
      const target = entry.rule.target;
      const stops = target?.kind === "reject" || (target?.kind === "verdict" && target.name === "DROP");
      if (flow.management && stops && !namesFlow(entry.rule)) continue;
      entry.counters.pkts += 1;
      entry.counters.bytes += bytes;
      if (!target) continue;
      const rule = entry.text;
      if (target.kind === "reject") return { action: "reject", rule };
      if (target.kind === "jump") {
        stack.push({ chain, next });
        chain = this.chains.get(target.chain)!;
        next = 0;
        continue;
      }
      if (target.name === "ACCEPT") return { action: "accept", rule };
      if (target.name === "DROP") return { action: "drop", rule };
      const frame = stack.pop();
      if (!frame) return this.policyVerdict(base, flow, bytes);
      ({ chain, next } = frame);
    }
  }

  private policyVerdict(base: Chain, flow: Flow, bytes: number): NetVerdict {
    base.policyCounters.pkts += 1;
    base.policyCounters.bytes += bytes;
    if (base.policy === "DROP" && !flow.management) return { action: "drop", rule: `-P ${base.name} DROP` };
    return { action: "accept" };
  }

  /** Whether a built-in chain can reach a chain that jumps back into its own path. */
  private hasReachableLoop(): boolean {
    const state = new Map<string, "visiting" | "done">();
    const visit = (name: string): boolean => {
      const seen = state.get(name);
      if (seen === "visiting") return true;
      if (seen === "done") return false;
      state.set(name, "visiting");
      for (const e of this.chains.get(name)?.entries ?? []) {
        if (e.rule.target?.kind === "jump" && visit(e.rule.target.chain)) return true;
      }
      state.set(name, "done");
      return false;
    };
    return BUILTIN_CHAINS.some((name) => visit(name));
  }
}
