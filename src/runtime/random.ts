/**
 * A seeded random source: numbers in [0, 1). The same seed gives the same jitter and the same
 * generated data, so a run can be replayed; the seed goes into the journal. Not for secrets.
 */
export type Random = () => number;

/** mulberry32: small, fast, and good enough for jitter and test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
