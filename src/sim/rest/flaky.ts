/**
 * `--flaky RATE`: how the twin misbehaves on purpose, so that clients' retry logic meets the
 * failures of a real network and a busy server. With probability `rate` a request is
 *  - answered 503 (half of these with `Retry-After: 1`), before anything is done;
 *  - reset: the socket is destroyed before a byte is read or written, so nothing is done;
 *  - slow: processed at once, exactly once, and answered `slowMs` later.
 * `rand` is the twin's seeded random source, so a run's misbehaviour can be replayed.
 */
export interface FlakyOptions {
  readonly rate: number;
  readonly rand: () => number;
  readonly slowMs?: number;
}

export type FlakyOutcome = { readonly kind: "none" } | { readonly kind: "unavailable"; readonly retryAfter: boolean } | { readonly kind: "reset" } | { readonly kind: "slow"; readonly delayMs: number };

export const DEFAULT_SLOW_MS = 300;

const KINDS = ["unavailable", "reset", "slow"] as const;

export function drawFlaky(options: FlakyOptions | undefined): FlakyOutcome {
  if (!options || options.rate <= 0 || options.rand() >= options.rate) return { kind: "none" };
  const kind = KINDS[Math.min(KINDS.length - 1, Math.floor(options.rand() * KINDS.length))]!;
  switch (kind) {
    case "unavailable":
      return { kind, retryAfter: options.rand() < 0.5 };
    case "reset":
      return { kind };
    case "slow":
      return { kind, delayMs: options.slowMs ?? DEFAULT_SLOW_MS };
  }
}
