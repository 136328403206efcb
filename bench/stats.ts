/** Small statistics helpers shared by the benchmarks. */
export const median = (xs: readonly number[]) => quantile(xs, 0.5);

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export const fmt = (x: number, digits = 1) => x.toFixed(digits);
