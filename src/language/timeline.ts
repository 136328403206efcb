import type * as A from "./ast.js";
import type { Context } from "./context.js";
import { assertNever, diagnostic } from "./diagnostics.js";
import { T, assignable } from "./types.js";
import { formatQuantity } from "./values.js";

/**
 * The scenario's timeline against its timeout, from the durations known before the run
 * (literals, constant arithmetic, constant names). Phases run one after another (setup,
 * steady, run, verify), each until everything it started has ended: its `wait`s, its `at`
 * offsets, the `for` of its faults, workloads (`for:`) and `every`s.
 *
 * - XDC4005: the earliest moment something ends lies beyond the timeout, so the scenario
 *   cannot get there (awaits counted as passing at once).
 * - XDC4009: only when an `await` takes the whole of its `within` does the timeline overrun
 *   the timeout: the scenario may be stopped by the timeout while it waits, not by the await's
 *   own bound, and then reports a timeout instead of the await that failed.
 *
 * Each is reported once, at the first such statement, and XDC4009 only when XDC4005 is not.
 */
export function checkTimeline(ctx: Context, blocks: readonly A.PhaseBlock[], timeoutMs: number): void {
  if (walk(blocks, new Walker(ctx, timeoutMs, "earliest"))) return;
  walk(blocks, new Walker(ctx, timeoutMs, "latest"));
}

/** Walks the phases in order; returns whether something was reported. */
function walk(blocks: readonly A.PhaseBlock[], walker: Walker): boolean {
  let start = 0;
  for (const phase of ["setup", "steady", "run", "verify"] as const) {
    const block = blocks.find((b) => b.phase === phase);
    if (!block) continue;
    start += walker.body(block.body, start).extent;
    if (walker.reported) return true;
  }
  return false;
}

interface Bound {
  /** How far the statement moves the sequence on (a `wait`: its duration; an `at`: nothing). */
  readonly advance: number;
  /** How long after the start of its block everything it started has ended. */
  readonly extent: number;
}

/** `earliest`: an await passes at once (a lower bound); `latest`: it takes its whole `within`. */
type Mode = "earliest" | "latest";

class Walker {
  reported = false;

  constructor(
    private readonly ctx: Context,
    private readonly timeoutMs: number,
    private readonly mode: Mode,
  ) {}

  private ms(e: A.Expr | undefined): number {
    const v = e ? this.ctx.values.get(e) : undefined;
    return v?.kind === "quantity" && v.unit === "Duration" && v.value > 0 ? v.value : 0;
  }

  private count(e: A.Expr): number {
    const v = this.ctx.values.get(e);
    return v?.kind === "quantity" && v.unit === "Number" && v.value > 0 ? Math.floor(v.value) : 0;
  }

  /** How many items a list has, when known: written out, or the hosts of a datacenter of the environment. */
  private length(e: A.Expr): number {
    return this.ctx.loopLengths.get(e) ?? 0;
  }

  body(body: A.Body, start: number): Bound {
    let cursor = 0;
    let extent = 0;
    for (const s of body.stmts) {
      if (this.reported) break;
      if (s.kind === "at") {
        const offset = this.ms(s.time);
        if (this.mode === "earliest") this.beyond(start + offset, s.time.span, () => `\`at ${formatQuantity("Duration", offset)}\` starts`);
        extent = Math.max(extent, offset + this.body(s.body, start + offset).extent);
        continue;
      }
      const b = this.stmt(s, start + cursor);
      extent = Math.max(extent, cursor + b.extent);
      cursor += b.advance;
    }
    return { advance: cursor, extent: Math.max(extent, cursor) };
  }

  private stmt(s: A.Stmt, start: number): Bound {
    switch (s.kind) {
      case "wait": {
        const d = this.ms(s.duration);
        if (this.mode === "earliest") this.beyond(start + d, s.span, () => "this `wait` ends");
        return { advance: d, extent: d };
      }
      case "parallel": {
        let extent = 0;
        for (const st of s.body.stmts) extent = Math.max(extent, this.body({ ...s.body, stmts: [st] }, start).extent);
        return { advance: extent, extent };
      }
      case "repeat": {
        return this.times(this.count(s.count), s, start, "`repeat`");
      }
      case "forEach": {
        // Once per item, when the list's length is known; the body's durations are the same each time.
        return this.times(this.length(s.list), s, start, "`for` loop");
      }
      case "every": {
        // Ticks while k·T < D: the last starts before D, so D bounds it from below.
        const d = this.ms(s.duration);
        if (this.mode === "earliest") this.beyond(start + d, s.span, () => `this \`every … for ${formatQuantity("Duration", d)}\` ends`);
        return { advance: 0, extent: d };
      }
      case "expr":
        return this.lasting(s.expr, s.forDuration, start);
      case "let":
        return this.lasting(s.value, s.forDuration, start);
      case "awaitStmt":
        return this.await(s.await, start);
      case "after":
      case "expect":
      case "at":
        return { advance: 0, extent: 0 };
      default:
        return assertNever(s);
    }
  }

  /** A body run n times in a row: the first time is walked, the last one's end checked. */
  private times(n: number, s: A.Repeat | A.ForEach, start: number, what: string): Bound {
    if (n === 0) return { advance: 0, extent: 0 };
    const once = this.body(s.body, start);
    const bound = { advance: n * once.advance, extent: (n - 1) * once.advance + once.extent };
    if (this.mode === "earliest" && n > 1) this.beyond(start + bound.extent, s.span, () => `the last of the ${n} rounds of this ${what} ends`);
    return bound;
  }

  /**
   * A fault applied `for D` or a workload started `for: D` runs in the background: it moves
   * nothing on, but its phase lasts until it ends. An `await` moves the sequence on.
   */
  private lasting(e: A.Expr, forDuration: A.Expr | undefined, start: number): Bound {
    if (e.kind === "await") return this.await(e, start);
    const d = forDuration ? this.ms(forDuration) : this.workloadFor(e);
    if (d === 0) return { advance: 0, extent: 0 };
    if (this.mode === "earliest") this.beyond(start + d, e.span, () => (forDuration ? "this fault is undone" : "this workload ends"));
    return { advance: 0, extent: d };
  }

  /** The `for:` of a call that starts a workload, when known. */
  private workloadFor(e: A.Expr): number {
    if (e.kind !== "call") return 0;
    const t = this.ctx.types.get(e);
    if (!t || t.kind === "error" || !assignable(t, T.Workload)) return 0;
    return this.ms(this.ctx.callArgs.get(e)?.get("for"));
  }

  private await(e: A.Await, start: number): Bound {
    if (this.mode === "earliest" || !e.within) return { advance: 0, extent: 0 };
    const d = this.ms(e.within);
    this.mayOverrun(start + d, e.within.span, d);
    return { advance: d, extent: d };
  }

  /** `what` is a function: the message is built only for the one statement reported. */
  private beyond(at: number, span: A.Expr["span"], what: () => string): void {
    if (this.reported || at <= this.timeoutMs) return;
    this.reported = true;
    const when = formatQuantity("Duration", at);
    const limit = formatQuantity("Duration", this.timeoutMs);
    this.ctx.report(diagnostic("XDC4005", span, `${what()} after the scenario's timeout`, {
      severity: "warning",
      label: `at ${when} at the earliest; the timeout is ${limit}`,
      notes: ["the scenario is stopped at its timeout, so this is never reached"],
      help: { message: `raise \`timeout\` above ${when}, or shorten the timeline` },
    }));
  }

  private mayOverrun(at: number, span: A.Expr["span"], within: number): void {
    if (this.reported || at <= this.timeoutMs) return;
    this.reported = true;
    const when = formatQuantity("Duration", at);
    const limit = formatQuantity("Duration", this.timeoutMs);
    this.ctx.report(diagnostic("XDC4009", span, `the scenario's timeout may end this \`await\` before its \`within ${formatQuantity("Duration", within)}\` does`, {
      severity: "warning",
      label: `if it waits the whole time, it ends at ${when}; the timeout is ${limit}`,
      notes: ["a scenario stopped by its timeout reports the timeout (XDC6006), not the event that never came (XDC6005)"],
      help: { message: `raise \`timeout\` to at least ${when}, or shorten \`within\`` },
    }));
  }
}
