import type { Span } from "../../language/span.js";
import type { FaultRef } from "../value.js";
import type { AppliedFault, World } from "../world.js";
import type { JournalSink } from "../journal/sink.js";

interface Entry {
  readonly ref: FaultRef;
  state: "applied" | "reverted";
  /** Resolves when the fault has been reverted: what `after f:` waits for. */
  readonly ended: Promise<void>;
  readonly markEnded: () => void;
}
export interface BuiltinFault extends Entry {
  readonly kind: "builtin";
  readonly applied: AppliedFault;
}
/** A user-defined fault: its body runs under `controller`; its parts are the faults the body applied. */
export interface UserFault extends Entry {
  readonly kind: "user";
  readonly parts: FaultEntry[];
  readonly controller: AbortController;
}
export type FaultEntry = BuiltinFault | UserFault;

function entry(ref: FaultRef): Entry {
  let markEnded = () => {};
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  return { ref, state: "applied", ended, markEnded };
}

/**
 * Every fault a scenario applied, and their undoing. A user fault's parts belong to it, so
 * reverting it stops its body and reverts whatever part is still applied, last applied first.
 * Undoing always runs under the cleanup signal: it must happen also after a timeout or Ctrl-C.
 */
export class FaultBook {
  private readonly top: FaultEntry[] = [];
  private readonly byId = new Map<string, FaultEntry>();
  /** Undos that failed, one line each: the scenario ends in a fault-injection error. */
  readonly problems: string[] = [];

  constructor(
    private readonly world: World,
    private readonly journal: JournalSink,
    private readonly cleanupSignal: AbortSignal,
  ) {}

  builtin(ref: FaultRef, applied: AppliedFault, owner?: UserFault): BuiltinFault {
    const e = this.add<BuiltinFault>({ ...entry(ref), kind: "builtin", applied }, owner);
    // A part whose apply was under way when its user fault was reverted lands afterwards: undo it now.
    if (owner?.state === "reverted") void this.revert(e);
    return e;
  }

  user(ref: FaultRef, controller: AbortController, owner?: UserFault): UserFault {
    return this.add({ ...entry(ref), kind: "user", parts: [], controller }, owner);
  }

  private add<E extends FaultEntry>(e: E, owner?: UserFault): E {
    (owner ? owner.parts : this.top).push(e);
    this.byId.set(e.ref.id, e);
    return e;
  }

  get(id: string): FaultEntry | undefined {
    return this.byId.get(id);
  }

  /** Whether any fault is still applied. */
  get anyApplied(): boolean {
    return [...this.byId.values()].some((e) => e.state === "applied" && e.kind === "builtin");
  }

  /** Reverts a fault (and a user fault's parts); reverting one already reverted does nothing. */
  async revert(e: FaultEntry, span?: Span): Promise<void> {
    if (e.state === "reverted") return;
    e.state = "reverted";
    if (e.kind === "user") {
      e.controller.abort(new Error(`fault ${e.ref.id} reverted`));
      for (const part of [...e.parts].reverse()) await this.revert(part, span);
      this.journal.emit({ kind: "action", builtin: "revert", what: `revert ${e.ref.name} (${e.ref.id})`, ok: true }, span);
      e.markEnded();
      return;
    }
    const r = await this.world.revertFault(e.applied, { signal: this.cleanupSignal });
    const status = r.ok ? r.value.status : "failed";
    const problems = r.ok ? r.value.problems : [r.error.message];
    if (status === "failed") this.problems.push(`${e.applied.summary}: ${problems.join("; ") || "the undo failed"}`);
    this.journal.emit({ kind: "fault.reverted", id: e.ref.id, fault: e.ref.name, status, problems }, span);
    e.markEnded();
  }

  /**
   * Reverts every fault still applied, last applied first, and waits for undos that others
   * started (a `for` that ran out, a late part): when it returns, nothing is being undone.
   */
  async revertAll(): Promise<void> {
    for (const e of [...this.top].reverse()) await this.revert(e);
    for (const e of [...this.byId.values()].reverse()) await this.revert(e);
    await Promise.all([...this.byId.values()].map((e) => e.ended));
  }
}
