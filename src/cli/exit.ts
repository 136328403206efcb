// Exit codes are part of the CLI's contract: documented in --help and docs/cli.md.
export const EXIT = {
  pass: 0,
  fail: 1,
  usage: 2,
  error: 3,
  "no-data": 4,
  interrupted: 130,
} as const;
export type ExitName = keyof typeof EXIT;

/** The worst first: an interrupted run says so, a broken harness outranks a failure, a failure outranks no data. */
const PRECEDENCE: readonly ExitName[] = ["interrupted", "error", "fail", "no-data"];

/** The exit code of a run from its scenarios' verdicts: 0 only when every one passed (and there was one). */
export function exitCodeFor(outcomes: readonly { readonly verdict: "pass" | "fail" | "error" | "no-data"; readonly errorClass?: string }[]): number {
  const names = new Set<ExitName>(outcomes.map((o) => (o.verdict === "error" && o.errorClass === "interrupted" ? "interrupted" : o.verdict)));
  // No scenario judged is no verdict at all: a run that ran nothing must not pass for a green one.
  if (outcomes.length === 0) return EXIT["no-data"];
  return EXIT[PRECEDENCE.find((n) => names.has(n)) ?? "pass"];
}
