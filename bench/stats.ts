/** Small helpers for the bench scripts: percentiles and aligned output. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i] as number;
}

export function summarize(samplesMs: readonly number[]): { mean: number; p50: number; p99: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { mean, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Milliseconds with three decimals, for printing only. */
export function ms(x: number): string {
  return `${(Math.round(x * 1000) / 1000).toString()} ms`;
}

/** A figure with `digits` decimals, for printing only (not money). */
export const fixed = (x: number, digits: number): string =>
  (Math.round(x * 10 ** digits) / 10 ** digits).toLocaleString('en', { minimumFractionDigits: digits, useGrouping: false });
