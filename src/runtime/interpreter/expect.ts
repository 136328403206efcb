import type * as A from "../../language/ast.js";
import type { ComparisonOp, OverRepeats, RepeatStat } from "../journal/events.js";
import type { RuntimeValue } from "../value.js";
import type { Frame } from "./context.js";
import { evaluate, messageOf } from "./evaluate.js";
import { binaryOp } from "./operators.js";
import { render } from "./render.js";
import { throughout, UNIT_LABEL } from "./series.js";
import { sourceText } from "./source.js";

const COMPARISONS: ReadonlySet<A.BinaryOp> = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** The condition's value, and what it was held against, rendered with units: `<= 45s` and `52.3s`. */
async function judge(f: Frame, c: A.Expr): Promise<Judged> {
  if (c.kind === "binary" && COMPARISONS.has(c.op)) {
    const l = await evaluate(f, c.left);
    const r = await evaluate(f, c.right);
    const op = c.op as ComparisonOp;
    const over = overRepeats(f, c, op, l, r);
    return { value: binaryOp(op, l, r), expected: `${c.op} ${render(r)}`, actual: l, limit: r, ...(over !== undefined ? { overRepeats: over } : {}) };
  }
  const value = await evaluate(f, c);
  return { value, expected: "true", actual: value };
}

/** What a condition came to: its value, and what it was held against, with units. */
export interface Judged {
  readonly value: RuntimeValue;
  readonly expected: string;
  readonly actual: RuntimeValue;
  /** The right side of a comparison. */
  readonly limit?: RuntimeValue;
  /** A check over repeats: this run's value and the limit, as the journal keeps them. */
  readonly overRepeats?: OverRepeats;
}

/** The comparison read with the statistic on the left: `2s >= p95(x)` is `p95(x) <= 2s`. */
const MIRRORED: Readonly<Record<ComparisonOp, ComparisonOp>> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

const statOf = (f: Frame, e: A.Expr): RepeatStat | undefined => {
  const target = e.kind === "call" ? f.run.program.calls.get(e) : undefined;
  return target?.kind === "builtin" && target.builtin.category === "repeats" ? (target.builtin.name as RepeatStat) : undefined;
};

const number = (v: RuntimeValue): number | undefined => (v.kind === "quantity" ? v.value : undefined);

/** `p95(fo.rto) <= 2s` (either side; the checker allows one): what this run saw of it, in the journal's units. */
function overRepeats(f: Frame, c: A.Binary, op: ComparisonOp, l: RuntimeValue, r: RuntimeValue): OverRepeats | undefined {
  const left = statOf(f, c.left);
  const stat = left ?? statOf(f, c.right);
  if (stat === undefined) return undefined;
  const [value, limit] = left !== undefined ? [l, r] : [r, l];
  const unit = value.kind === "quantity" ? value.unit : limit.kind === "quantity" ? limit.unit : "Number";
  const v = number(value);
  const lim = number(limit);
  return { stat, op: left !== undefined ? op : MIRRORED[op], ...(v !== undefined ? { value: v } : {}), ...(lim !== undefined ? { limit: lim } : {}), unit: UNIT_LABEL[unit] };
}

/**
 * `expect COND [else "…"]`: pass, fail, or no-data (a reading had nothing to judge; never a
 * pass). Does not stop the scenario: every expectation of a phase is judged. In a plan,
 * one whose value is known only live is listed, not judged.
 */
export async function expectStmt(f: Frame, s: A.Expect): Promise<void> {
  const run = f.run;
  if (s.throughout) return throughout(f, s, s.throughout, (g) => judge(g, s.condition));
  const { value, expected, actual, overRepeats } = await judge(f, s.condition);
  const source = sourceText(run, s.span);
  const message = await messageOf(f, s.message);
  if (value.kind === "unknown" && value.noData !== true && run.planning) {
    run.journal.emit({ kind: "action", builtin: "expect", what: `expect ${sourceText(run, s.condition.span)}`, ok: true, detail: "judged live" }, s.span);
    return;
  }
  const noData = value.kind === "unknown";
  const ok = value.kind === "bool" && value.value;
  // A check over tuples says what it counted, and lists what failed.
  const detail = actual.kind === "bool" ? actual.detail : undefined;
  const shown = noData ? `no data: ${value.why}` : detail ? `${render(actual)} (${detail.summary})` : render(actual);
  const findings = detail && detail.findings.length > 0 ? { findings: detail.findings } : {};
  // One repeat's value of a check over repeats is no verdict: the repeats summary judges them all after the last.
  const deferred = overRepeats !== undefined && run.repeated;
  const over = overRepeats !== undefined ? { overRepeats, ...(deferred ? { deferred } : {}) } : {};
  run.journal.emit({ kind: "expect", ok: ok && !deferred, noData, source, expected, actual: shown, ...message, ...findings, ...over }, s.span);
  if (!deferred) run.outcomes.push({ phase: run.phase, verdict: ok ? "pass" : noData ? "no-data" : "fail" });
}
