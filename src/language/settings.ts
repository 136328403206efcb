import type * as A from "./ast.js";
import type { Context } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import type { Code } from "./codes.js";
import { again, didYouMean } from "./problems.js";
import type { Type } from "./types.js";

/** One `key: value` a scenario, an environment or a datacenter accepts. */
export interface SettingSpec {
  readonly type: Type;
  readonly doc: string;
  readonly required?: boolean;
}

/**
 * Sorts `key: value` lines against a table: the first of each known key, by key. Reports
 * duplicates (XDC1009) and unknown keys (`unknownCode`, with did-you-mean); checking the
 * values is the caller's job.
 */
export function collectSettings(
  ctx: Context,
  settings: readonly A.Setting[],
  table: Readonly<Record<string, SettingSpec>>,
  unknownCode: Code,
  where: string,
): Map<string, A.Setting> {
  const found = new Map<string, A.Setting>();
  for (const s of settings) {
    const key = s.key.name;
    if (key === "") continue;
    if (!Object.hasOwn(table, key)) {
      const hint = didYouMean(s.key.span, key, Object.keys(table));
      ctx.report(diagnostic(unknownCode, s.key.span, `unknown setting \`${key}\` ${where}`, {
        label: "not a setting xdc knows",
        notes: hint.help ? hint.notes : [`settings: ${Object.keys(table).map((k) => `\`${k}\``).join(", ")}`],
        ...(hint.help ? { help: hint.help } : {}),
      }));
      continue;
    }
    const first = found.get(key);
    if (first) {
      ctx.report(again("XDC1009", s.key.span, `\`${key}\` is set twice`, first.key.span, "keep one of them"));
      continue;
    }
    found.set(key, s);
  }
  return found;
}
