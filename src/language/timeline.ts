import type * as A from "./ast.js";
import type { Context } from "./context.js";
import { assertNever, diagnostic } from "./diagnostics.js";
import { formatQuantity } from "./values.js";

/**
 * XDC4005: a lower bound of when each `wait` ends and each `at` starts, from the durations
 * known before the run (literals, constant arithmetic, constant names). When one provably
 * lies beyond the scenario's timeout, the scenario cannot get there: reported once, at the
 * first such statement. Phases run one after another: setup, steady, run, verify.
 */
export function checkTimeline(ctx: Context, blocks: readonly A.PhaseBlock[], timeoutMs: number): void {
  const walker = new Walker(ctx, timeoutMs);
  let start = 0;
  for (const phase of ["setup", "steady", "run", "verify"] as const) {
    const block = blocks.find((b) => b.phase === phase);
    if (!block) continue;
    start += walker.body(block.body, start).extent;
    if (walker.reported) return;
  }
}

interface Bound {
  /** How far the statement moves the sequence on (a `wait`: its duration; an `at`: nothing). */
  readonly advance: number;
  /** How long after the start of its block everything it started has ended. */
  readonly extent: number;
}

class Walker {
  reported = false;

  constructor(
    private readonly ctx: Context,
    private readonly timeoutMs: number,
  ) {}

  private ms(e: A.Expr | undefined): number {
    const v = e ? this.ctx.values.get(e) : undefined;
    return v?.kind === "quantity" && v.unit === "Duration" && v.value > 0 ? v.value : 0;
  }

  private count(e: A.Expr): number {
    const v = this.ctx.values.get(e);
    return v?.kind === "quantity" && v.unit === "Number" && v.value > 0 ? Math.floor(v.value) : 0;
  }

  body(body: A.Body, start: number): Bound {
    let cursor = 0;
    let extent = 0;
    for (const s of body.stmts) {
      if (this.reported) break;
      if (s.kind === "at") {
        const offset = this.ms(s.time);
        this.beyond(start + offset, s.time.span, () => `\`at ${formatQuantity("Duration", offset)}\` starts`);
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
        this.beyond(start + d, s.span, () => "this `wait` ends");
        return { advance: d, extent: d };
      }
      case "parallel": {
        let extent = 0;
        for (const st of s.body.stmts) extent = Math.max(extent, this.body({ ...s.body, stmts: [st] }, start).extent);
        return { advance: extent, extent };
      }
      case "repeat": {
        const n = this.count(s.count);
        if (n === 0) return { advance: 0, extent: 0 };
        const once = this.body(s.body, start);
        return { advance: n * once.advance, extent: (n - 1) * once.advance + once.extent };
      }
      case "after":
      case "every":
      case "let":
      case "expr":
      case "awaitStmt":
      case "expect":
        return { advance: 0, extent: 0 };
      case "at":
        return { advance: 0, extent: 0 };
      default:
        return assertNever(s);
    }
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
}
