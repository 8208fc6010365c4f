/** Runs `operation` from `concurrency` loops for `durationMs`; answers throughput and latency percentiles. */
export interface Measurement {
  readonly operations: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export const percentile = (sortedMs: readonly number[], p: number): number =>
  sortedMs.length === 0 ? 0 : sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];

export const measure = async (concurrency: number, durationMs: number, operation: (worker: number, iteration: number) => Promise<unknown>): Promise<Measurement> => {
  // Warm up (connections, JIT, prepared statements) before anything is counted.
  const iterations = Array.from({ length: concurrency }, () => 0);
  const warmUntil = Date.now() + Math.min(500, durationMs / 4);
  await Promise.all(iterations.map(async (_, worker) => { while (Date.now() < warmUntil) await operation(worker, iterations[worker]++); }));
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        await operation(worker, iterations[worker]++);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { operations: latencies.length, perSecond: latencies.length / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
};

export const round = (n: number, digits = 0) => Number(n.toFixed(digits)).toLocaleString('en-US');
