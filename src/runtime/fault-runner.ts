import type { ApiFaultPort } from "../drivers/api-faults/port.js";
import { unmet } from "../drivers/faults/expect.js";
import type { Action, Check, FaultPlan } from "../drivers/faults/types.js";
import { shellQuote } from "../drivers/ssh/quote.js";
import { manualSsh, type ExecResult, type RemoteShell, type SshErrorCode } from "../drivers/ssh/types.js";
import { type Result, err, ok } from "../drivers/result.js";
import { wallTime, type Clock } from "./clock.js";
import { faultKey, type Ledger, type LedgerTarget } from "./ledger.js";

export interface FaultRunnerDeps {
  readonly shell: RemoteShell;
  /** The REST driver, for API faults; without it they fail to apply (and to undo, loudly). */
  readonly api?: ApiFaultPort;
  readonly ledger: Ledger;
  /** Polls checks; dates the ledger's records (wall-clock epoch ms). */
  readonly clock: Clock;
  /** Who undoes: a run, or `xdc recover`. */
  readonly by: "run" | "recover";
  /** What the faults are applied to, when it is gone once the run is (the twin `xdc exec` starts): recorded with each. */
  readonly target?: LedgerTarget;
  /** How long a check may take to come true (a process takes a moment to die). */
  readonly verifyTimeoutMs?: number;
  readonly verifyIntervalMs?: number;
  readonly commandTimeoutMs?: number;
}

export type UndoStatus = "undone" | "nothing-to-undo" | "failed";

export interface UndoReport {
  readonly run: string;
  readonly id: string;
  readonly summary: string;
  readonly status: UndoStatus;
  /** What did not work, one line each. */
  readonly problems: readonly string[];
  /** For `failed`: the commands a person should run to undo it by hand. */
  readonly manual: readonly string[];
}

export interface FaultError {
  readonly code: "ledger" | "apply-failed" | "verify-failed";
  readonly fault: string;
  readonly message: string;
  /** The undo that followed a failed apply. */
  readonly undo?: UndoReport;
}

/** Why a command or probe did not answer; `lasting` when trying again soon cannot help. */
interface Failure {
  readonly message: string;
  readonly lasting: boolean;
}

const LASTING: ReadonlySet<SshErrorCode> = new Set<SshErrorCode>(["auth", "host-key-unknown", "host-key-changed", "host-key-revoked"]);

interface StepResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** Groups steps by where they run (a host, or a datacenter's API); groups run in parallel, steps in order. */
function lanes<T>(items: readonly T[], laneOf: (t: T) => string): T[][] {
  const byLane = new Map<string, T[]>();
  for (const item of items) byLane.set(laneOf(item), [...(byLane.get(laneOf(item)) ?? []), item]);
  return [...byLane.values()];
}

const laneOf = (a: Action) => (a.via === "ssh" ? `ssh:${a.host}` : `api:${a.dc}`);

const describeApi = (a: Extract<Action, { via: "api" }>) => `${a.call.op}${Object.entries(a.call).filter(([k]) => k !== "op").map(([k, v]) => ` ${k}=${String(v)}`).join("")} on ${a.dc}`;

/**
 * Applies, verifies and undoes faults, and keeps the ledger: the plan is recorded (fsynced)
 * before the first command, and a fault counts as undone only when the undo's checks pass.
 * An apply that fails or cannot be verified is undone at once. One runner per process; it
 * remembers what it applied so that `undoAll` can clean up on Ctrl-C or SIGTERM.
 */
export class FaultRunner {
  private readonly applied = new Map<string, FaultPlan>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(private readonly deps: FaultRunnerDeps) {}

  /** Faults this runner applied and has not undone, oldest first. */
  outstanding(): FaultPlan[] {
    return [...this.applied.values()];
  }

  /** Applies a fault; refused once `undoAll` has begun, so nothing new starts during a clean-up. */
  apply(plan: FaultPlan): Promise<Result<FaultPlan, FaultError>> {
    if (this.stopping) return Promise.resolve(err({ code: "apply-failed", fault: plan.summary, message: "not applied: xdc is undoing its faults and stopping" }));
    const running = this.applyNow(plan);
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
    return running;
  }

  private async applyNow(plan: FaultPlan): Promise<Result<FaultPlan, FaultError>> {
    const recorded = await this.deps.ledger.append({ type: "apply", at: wallTime(this.deps.clock), fault: plan, ...(this.deps.target ? { target: this.deps.target } : {}) });
    if (!recorded.ok) return err({ code: "ledger", fault: plan.summary, message: `not applied: ${recorded.error.message}` });
    this.applied.set(faultKey(plan.run, plan.id), plan);
    const steps = await this.runSteps(plan, plan.apply);
    const failed = steps.filter((s) => !s.ok);
    if (failed.length > 0) {
      const undo = await this.undo(plan);
      return err({ code: "apply-failed", fault: plan.summary, message: failed.map((s) => s.detail).join("; "), undo });
    }
    const unmetChecks = await this.settle(plan, plan.verify);
    if (unmetChecks.length > 0) {
      const undo = await this.undo(plan);
      return err({ code: "verify-failed", fault: plan.summary, message: `applied but not in effect: ${unmetChecks.join("; ")}`, undo });
    }
    if (plan.undo.length === 0) await this.markUndone(plan, "nothing to undo");
    return ok(plan);
  }

  /** Undoes a fault, checks that it is gone, and records the outcome; idempotent. */
  async undo(plan: FaultPlan): Promise<UndoReport> {
    const base = { run: plan.run, id: plan.id, summary: plan.summary };
    if (plan.undo.length === 0 && plan.verifyUndone.length === 0) {
      const recorded = await this.markUndone(plan, "nothing to undo");
      return { ...base, status: recorded ? "nothing-to-undo" : "failed", problems: recorded ? [] : ["the ledger could not record it"], manual: [] };
    }
    const steps = await this.runSteps(plan, plan.undo);
    const unmetChecks = await this.settle(plan, plan.verifyUndone);
    if (unmetChecks.length === 0) {
      const recorded = await this.markUndone(plan);
      if (recorded) return { ...base, status: "undone", problems: [], manual: [] };
      return { ...base, status: "failed", problems: ["undone on the hosts, but the ledger could not record it; `xdc recover` will find nothing left to do"], manual: [] };
    }
    const problems = [...steps.filter((s) => !s.ok).map((s) => s.detail), ...unmetChecks];
    await this.deps.ledger.append({ type: "undo-failed", at: wallTime(this.deps.clock), run: plan.run, id: plan.id, by: this.deps.by, problems });
    return { ...base, status: "failed", problems, manual: plan.undo.map((a) => this.manual(plan, a)) };
  }

  /**
   * Undoes everything this runner still has applied, newest first. Applies under way finish
   * first (each command is bounded by its timeout), so an undo never races the apply it undoes.
   */
  async undoAll(): Promise<UndoReport[]> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    const reports: UndoReport[] = [];
    for (const plan of this.outstanding().reverse()) reports.push(await this.undo(plan));
    return reports;
  }

  private async markUndone(plan: FaultPlan, note?: string): Promise<boolean> {
    const r = await this.deps.ledger.append({ type: "undone", at: wallTime(this.deps.clock), run: plan.run, id: plan.id, by: this.deps.by, ...(note ? { note } : {}) });
    if (r.ok) this.applied.delete(faultKey(plan.run, plan.id));
    return r.ok;
  }

  private manual(plan: FaultPlan, a: Action): string {
    if (a.via === "api") return `through the REST API: ${describeApi(a)}`;
    const target = plan.hosts[a.host];
    return target ? `${manualSsh(target)} ${shellQuote(a.line)}` : `on ${a.host}: ${a.line}`;
  }

  private async runSteps(plan: FaultPlan, actions: readonly Action[]): Promise<StepResult[]> {
    const results = await Promise.all(
      lanes(actions, laneOf).map(async (lane) => {
        const out: StepResult[] = [];
        for (const action of lane) out.push(await this.step(plan, action));
        return out;
      }),
    );
    return results.flat();
  }

  private async step(plan: FaultPlan, action: Action): Promise<StepResult> {
    const r = await this.run(plan, action);
    if (!r.ok) return { ok: false, detail: r.error.message };
    if (r.value.exitCode === 0) return { ok: true, detail: "" };
    const where = action.via === "ssh" ? `on ${action.host}` : `through ${action.dc}'s REST API`;
    return { ok: false, detail: `\`${action.via === "ssh" ? action.line : describeApi(action)}\` ${where} exited ${r.value.exitCode ?? r.value.signal}: ${r.value.stderr.trim().split("\n")[0] ?? ""}` };
  }

  private async run(plan: FaultPlan, action: Action): Promise<Result<ExecResult, Failure>> {
    if (action.via === "ssh") {
      const target = plan.hosts[action.host];
      if (!target) return err({ message: `the plan names host ${action.host} without saying how to reach it`, lasting: true });
      const r = await this.deps.shell.exec(target, action.line, { ...(this.deps.commandTimeoutMs ? { timeoutMs: this.deps.commandTimeoutMs } : {}) });
      return r.ok ? r : err({ message: r.error.message, lasting: LASTING.has(r.error.code) });
    }
    if (!this.deps.api) return err({ message: `no REST driver to ${describeApi(action)}`, lasting: true });
    const r = await this.deps.api.call(action.dc, action.call);
    return r.ok ? ok({ exitCode: 0, signal: null, stdout: `${r.value}\n`, stderr: "" }) : err({ message: r.error.message, lasting: r.error.lasting ?? false });
  }

  /**
   * Checks until all pass or the time is up (a process takes a moment to die); stops early
   * when every failing check failed for a reason that waiting cannot fix. What still fails,
   * one line each.
   */
  private async settle(plan: FaultPlan, checks: readonly Check[]): Promise<string[]> {
    const interval = this.deps.verifyIntervalMs ?? 100;
    const attempts = Math.max(1, Math.ceil((this.deps.verifyTimeoutMs ?? 5000) / interval));
    let failing: { check: Check; why: Failure }[] = checks.map((check) => ({ check, why: { message: "not checked", lasting: false } }));
    for (let attempt = 0; attempt < attempts && failing.length > 0 && !failing.every((f) => f.why.lasting); attempt++) {
      if (attempt > 0) await this.deps.clock.sleep(interval);
      const judged = await Promise.all(failing.map(async (f) => ({ check: f.check, why: await this.judge(plan, f.check) })));
      failing = judged.filter((j): j is { check: Check; why: Failure } => j.why !== undefined);
    }
    return failing.map((f) => `${f.check.what}: ${f.why.message}`);
  }

  private async judge(plan: FaultPlan, c: Check): Promise<Failure | undefined> {
    const r = await this.run(plan, c.probe);
    if (!r.ok) return r.error;
    const why = unmet(c.expect, r.value);
    return why === undefined ? undefined : { message: why, lasting: false };
  }
}
