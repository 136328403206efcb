import type * as A from "../../language/ast.js";
import type { Span } from "../../language/span.js";
import type { Value } from "../../language/values.js";
import { continuityJudge, NO_INPUT, runningFigure, schemaJudge, type ContentReport, type TupleJudge } from "../../data/content.js";
import { parseSchema, type SchemaText } from "../../data/schema.js";
import type { RuntimeValue } from "../value.js";
import type { TupleCheck } from "../world.js";
import type { Run } from "./context.js";
import { matchArgs } from "./calls.js";
import { sourceText } from "./source.js";
import { compileTuplePredicate } from "./tuple-predicate.js";

/** The place of a call, which names its check for the World. */
export const checkId = (span: Span): string => `${span.file}:${span.start.line}:${span.start.column}`;

const knownString = (run: Run, e: A.Expr | undefined, fallback: string): string => {
  const v = e ? run.program.values.get(e) : undefined;
  return v?.kind === "string" ? v.value : fallback;
};

function schemaText(v: Value | undefined): SchemaText | undefined {
  if (v?.kind !== "record") return undefined;
  const out: Record<string, string | SchemaText> = {};
  for (const f of v.fields) {
    if (f.value.kind === "string") out[f.name] = f.value.value;
    else {
      const inner = schemaText(f.value);
      if (inner === undefined) return undefined;
      out[f.name] = inner;
    }
  }
  return out;
}

/** How each tuple check's arguments become a judge; undefined when they are not known before the run. */
const MAKERS: Readonly<Record<string, (run: Run, args: ReadonlyMap<string, A.Expr>, id: string) => Omit<TupleCheck, "id" | "sink"> | undefined>> = {
  all: (run, args) => {
    const where = args.get("where");
    if (!where) return undefined;
    const p = compileTuplePredicate(run.program, where, (span) => sourceText(run, span));
    const judge: TupleJudge = (out, _id, input) => {
      if (p.readsInput && input === undefined) return NO_INPUT;
      return p.test(out, input) ? undefined : p.explain(out, input);
    };
    return { inputAttributes: p.inputAttributes, judge: () => judge };
  },
  conforms: (run, args) => {
    const text = schemaText(args.get("schema") && run.program.values.get(args.get("schema")!));
    if (text === undefined) return undefined;
    const parsed = parseSchema(text);
    if (parsed.problems.length > 0) return undefined;
    const judge = schemaJudge(parsed.schema);
    return { inputAttributes: [], judge: () => judge };
  },
  continues: (run, args, id) => {
    const value = knownString(run, args.get("value"), "");
    const of = knownString(run, args.get("of"), "");
    const slack = args.get("slack") ? run.program.values.get(args.get("slack")!) : undefined;
    if (value === "" || (args.get("slack") && slack?.kind !== "quantity")) return undefined;
    const slackMs = slack?.kind === "quantity" ? slack.value : 0;
    return {
      inputAttributes: [],
      ...(of !== "" ? { runningFigure: () => runningFigure(of) } : {}),
      judge: () => continuityJudge(value, of, id, slackMs),
    };
  },
};

/**
 * The tuple checks of a scenario, found in the program before it starts (calls in this
 * scenario and in definitions; not in other scenarios), so that the World judges every tuple
 * from the first. A check whose arguments are not known before the run is left out: its call
 * then has no data, and says why.
 */
export function tupleChecks(run: Run): TupleCheck[] {
  const others = run.program.scenarios.filter((s) => s !== run.scenario).map((s) => s.node.span);
  const inside = (a: Span, b: Span) => a.file === b.file && a.start.offset >= b.start.offset && a.end.offset <= b.end.offset;
  const out: TupleCheck[] = [];
  for (const [call, target] of run.program.calls) {
    if (target.kind !== "builtin") continue;
    const make = MAKERS[target.builtin.name];
    if (!make || others.some((s) => inside(call.span, s))) continue;
    const args = matchArgs(call, target.builtin.params.map((p) => p.name));
    const id = checkId(call.span);
    const made = make(run, args, id);
    if (!made) continue;
    const sink = args.get("endpoint");
    out.push({ id, ...(sink?.kind === "member" ? { sink: sink.name.name } : {}), ...made });
  }
  return out;
}

/** What a tuple check found, as the condition's value: true or false with the counts and the offending keys, or no data. */
export function verdictOf(r: ContentReport, what: string): RuntimeValue {
  if (r.judged === 0) {
    const why = r.unjudged > 0 ? `none of the ${r.unjudged} tuples that arrived could be judged: their input tuples had left the window` : `no tuple arrived to judge ${what}`;
    return { kind: "unknown", why, noData: true };
  }
  const unjudged = r.unjudged > 0 ? `; ${r.unjudged} not judged (input left the window)` : "";
  if (r.failed === 0) return { kind: "bool", value: true, detail: { summary: `all ${r.judged} tuples${unjudged}`, findings: [] } };
  const keyed = r.keys.some((k) => k.key !== "");
  const keys = keyed ? [`keys: ${r.keys.map((k) => `${k.key} (${k.failed})`).join(", ")}${r.keysFailed > r.keys.length ? `, … ${r.keysFailed - r.keys.length} more` : ""}`] : [];
  const examples = r.examples.map((x) => `${x.key === "" ? "" : `${x.key} `}seq ${x.seq}: ${x.why}`);
  return {
    kind: "bool",
    value: false,
    detail: { summary: `${r.failed} of ${r.judged} tuples failed${keyed ? ` in ${r.keysFailed} keys` : ""}${unjudged}`, findings: [...keys, ...examples] },
  };
}
