import { join } from "node:path";
import type { Diagnostic } from "../../../src/language/diagnostics.js";
import { checkText, fileSystemHost } from "../../../src/language/index.js";
import { lex } from "../../../src/language/lexer.js";
import { LineMap } from "../../../src/language/span.js";
import type { Slip } from "./corpus.js";

/**
 * How the front end did on one slip. "At the slip" means: the error's primary span starts on
 * the line where the slip is, or inside the token just before or just after it (a missing
 * `}` is rightly reported at the next token, which may be lines further on).
 */
export interface Verdict {
  readonly slip: Slip;
  /** The errors reported (warnings are not counted: an unused name after a slip is fair). */
  readonly errors: readonly Diagnostic[];
  /** Whether the mutated file checks clean: then the edit was no mistake, and is left out. */
  readonly clean: boolean;
  readonly atSlip: boolean;
}

const root = new URL("../../..", import.meta.url).pathname;
const host = fileSystemHost();

export function judge(slip: Slip): Verdict {
  const path = join(root, slip.from);
  const errors = checkText(slip.text, path, host).diagnostics.filter((d) => d.severity === "error");
  return { slip, errors, clean: errors.length === 0, atSlip: errors.length > 0 && isAtSlip(slip, errors[0]!) };
}

function isAtSlip(slip: Slip, d: Diagnostic): boolean {
  const lines = new LineMap(slip.text);
  const at = d.span.start.offset;
  if (lines.position(at).line === lines.position(slip.offset).line) return true;
  const tokens = lex(slip.text).tokens;
  const before = [...tokens].reverse().find((t) => t.startOffset + t.image.length <= slip.offset);
  const after = tokens.find((t) => t.startOffset >= slip.offset + slip.length);
  const inside = (t: (typeof tokens)[number] | undefined) => t !== undefined && at >= t.startOffset && at <= t.startOffset + t.image.length;
  return inside(before) || inside(after) || (after === undefined && at >= slip.offset);
}

export interface Figures {
  readonly slips: number;
  readonly excluded: number;
  readonly oneAtSlip: number;
  readonly atMostTwo: number;
  readonly worst: readonly Verdict[];
  readonly byKind: ReadonlyMap<string, { total: number; one: number }>;
}

export function figures(verdicts: readonly Verdict[]): Figures {
  const counted = verdicts.filter((v) => !v.clean);
  const byKind = new Map<string, { total: number; one: number }>();
  for (const v of counted) {
    const k = byKind.get(v.slip.kind) ?? { total: 0, one: 0 };
    k.total++;
    if (v.errors.length === 1 && v.atSlip) k.one++;
    byKind.set(v.slip.kind, k);
  }
  return {
    slips: counted.length,
    excluded: verdicts.length - counted.length,
    oneAtSlip: counted.filter((v) => v.errors.length === 1 && v.atSlip).length,
    atMostTwo: counted.filter((v) => v.errors.length <= 2).length,
    worst: counted.filter((v) => v.errors.length > 2 || !v.atSlip),
    byKind,
  };
}
