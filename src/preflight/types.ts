/** One line of the preflight: what was checked, where, how it went, why, and what fixes it. */
export type CheckStatus = "ok" | "warn" | "failed";

export interface CheckLine {
  /** Stable name of the check (docs/preflight.md lists them): `rest`, `sudo`, `clock`, … */
  readonly check: string;
  /** The datacenter, host or file it was about. */
  readonly where: string;
  readonly status: CheckStatus;
  /** What was found, one line. */
  readonly detail: string;
  /** What to do about it, for `warn` and `failed`. */
  readonly fix?: string;
}

export const ok = (check: string, where: string, detail: string): CheckLine => ({ check, where, status: "ok", detail });
export const warn = (check: string, where: string, detail: string, fix: string): CheckLine => ({ check, where, status: "warn", detail, fix });
export const failed = (check: string, where: string, detail: string, fix: string): CheckLine => ({ check, where, status: "failed", detail, fix });

/** Whether a run may go ahead: warnings do not stop it. */
export const passed = (lines: readonly CheckLine[]): boolean => lines.every((l) => l.status !== "failed");
