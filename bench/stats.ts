/** Small helpers for benchmark figures. */

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export type Figures = { p50: number; p99: number; perSecond: number; count: number };

/** Runs one loop per batch, all at once, timing every `run`: latency percentiles and items per second of wall time. */
export async function measure<T>(batches: T[][], run: (item: T, worker: number) => Promise<void>): Promise<Figures> {
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    batches.map(async (items, worker) => {
      for (const item of items) {
        const t0 = performance.now();
        await run(item, worker);
        times.push(performance.now() - t0);
      }
    }),
  );
  const wall = performance.now() - started;
  return { p50: median(times), p99: percentile(times, 99), perSecond: times.length / (wall / 1000), count: times.length };
}
