/**
 * A seeded random source (mulberry32): the same seed gives the same pids, generation ids and
 * metric wobble, so a twin run can be replayed. Not for secrets: tokens use node:crypto.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `digits` lowercase hex digits drawn from `random`. */
export function randomHex(random: () => number, digits: number): string {
  let out = "";
  for (let i = 0; i < digits; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A whole number in [min, max). */
export const randomInt = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min));
