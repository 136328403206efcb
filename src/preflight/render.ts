import type { CheckLine, CheckStatus } from "./types.js";

/** The checks of one environment, and the scenarios that led to them. */
export interface EnvironmentReport {
  readonly name: string;
  /** Where it came from: `--env FILE`, `the embedded twin`, or the file that declares it. */
  readonly source: string;
  readonly scenarios: readonly string[];
  readonly checks: readonly CheckLine[];
}

/** Version of the JSON document (docs/preflight.md): a minor bump only adds fields. */
export const PREFLIGHT_FORMAT_VERSION = "1.0";

const WORD: Readonly<Record<CheckStatus, string>> = { ok: "ok", warn: "warn", failed: "FAILED" };

const counts = (reports: readonly EnvironmentReport[]) => {
  const c: Record<CheckStatus, number> = { ok: 0, warn: 0, failed: 0 };
  for (const l of reports.flatMap((r) => r.checks)) c[l.status]++;
  return c;
};

/** One line per check, in aligned columns; a warning's or failure's fix on the same line. */
export function preflightTable(reports: readonly EnvironmentReport[]): string[] {
  const all = reports.flatMap((r) => r.checks);
  const width = (f: (l: CheckLine) => string, title: string) => Math.max(title.length, ...all.map((l) => f(l).length));
  const wc = width((l) => l.check, "CHECK");
  const ww = width((l) => l.where, "WHERE");
  const ws = width((l) => WORD[l.status], "STATUS");
  const row = (a: string, b: string, c: string, d: string) => `  ${a.padEnd(wc)}  ${b.padEnd(ww)}  ${c.padEnd(ws)}  ${d}`.trimEnd();
  const out: string[] = [];
  for (const r of reports) {
    out.push(`environment ${r.name} (${r.source}): ${r.scenarios.length} scenario${r.scenarios.length === 1 ? "" : "s"}`);
    out.push(row("CHECK", "WHERE", "STATUS", "WHAT WAS FOUND — FIX"));
    for (const l of r.checks) out.push(row(l.check, l.where, WORD[l.status], l.fix !== undefined && l.status !== "ok" ? `${l.detail} — fix: ${l.fix}` : l.detail));
  }
  const c = counts(reports);
  out.push(`preflight: ${all.length} checks: ${c.ok} ok, ${c.warn} warning${c.warn === 1 ? "" : "s"}, ${c.failed} failed`);
  return out;
}

/** The stable JSON document of `xdc preflight --format json` (docs/preflight.md). */
export function preflightJson(reports: readonly EnvironmentReport[]): string {
  const c = counts(reports);
  return JSON.stringify(
    {
      format_version: PREFLIGHT_FORMAT_VERSION,
      ok: c.failed === 0,
      counts: c,
      environments: reports.map((r) => ({ name: r.name, source: r.source, scenarios: r.scenarios, checks: r.checks.map((l) => ({ check: l.check, where: l.where, status: l.status, detail: l.detail, ...(l.fix !== undefined ? { fix: l.fix } : {}) })) })),
    },
    null,
    2,
  );
}
