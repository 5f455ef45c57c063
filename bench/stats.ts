export interface Summary {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** Nearest-rank percentiles: every figure reported is one that was measured. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
  return { p50: rank(0.5), p95: rank(0.95), max: sorted.at(-1) ?? Number.NaN };
}

/** Starts a measure from a collected heap when Node runs with --expose-gc (bench/run.mjs does). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function median(samples: readonly number[]): number {
  return summarize(samples).p50;
}
