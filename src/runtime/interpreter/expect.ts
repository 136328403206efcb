import type * as A from "../../language/ast.js";
import type { RuntimeValue } from "../value.js";
import type { Frame } from "./context.js";
import { evaluate, messageOf } from "./evaluate.js";
import { binaryOp } from "./operators.js";
import { render } from "./render.js";
import { throughout } from "./series.js";
import { sourceText } from "./source.js";

const COMPARISONS: ReadonlySet<A.BinaryOp> = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** The condition's value, and what it was held against, rendered with units: `<= 45s` and `52.3s`. */
async function judge(f: Frame, c: A.Expr): Promise<Judged> {
  if (c.kind === "binary" && COMPARISONS.has(c.op)) {
    const l = await evaluate(f, c.left);
    const r = await evaluate(f, c.right);
    return { value: binaryOp(c.op as Exclude<A.BinaryOp, "and" | "or">, l, r), expected: `${c.op} ${render(r)}`, actual: l, limit: r };
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
}

/**
 * `expect COND [else "…"]`: pass, fail, or no-data (a reading had nothing to judge; never a
 * pass). Does not stop the scenario: every expectation of a phase is judged. In a plan,
 * one whose value is known only live is listed, not judged.
 */
export async function expectStmt(f: Frame, s: A.Expect): Promise<void> {
  const run = f.run;
  if (s.throughout) return throughout(f, s, s.throughout, (g) => judge(g, s.condition));
  const { value, expected, actual } = await judge(f, s.condition);
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
  run.journal.emit({ kind: "expect", ok, noData, source, expected, actual: shown, ...message, ...findings }, s.span);
  run.outcomes.push({ phase: run.phase, verdict: ok ? "pass" : noData ? "no-data" : "fail" });
}
