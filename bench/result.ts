/** What one workload reports: both sides in words, the ratio the target is stated in, and the raw numbers. */
export interface WorkloadResult {
  /** 1..10, as numbered in docs/benchmarks.md's table of workloads and targets. */
  id: number;
  title: string;
  popgate: string;
  baseline: string;
  /** The ratio the target is written in (popgate ÷ baseline), or null when the target is not a ratio. */
  ratio: number | null;
  target: string;
  met: boolean;
  /** Every number measured, by name, for the generated docs and the smoke test. */
  values: Record<string, number>;
  notes: string[];
}

/** Runs the two sides alternately, `rounds` times each, so drifting machine load hits both alike. */
export async function alternate<B, P>(rounds: number, baseline: () => Promise<B>, popgate: () => Promise<P>): Promise<{ baseline: B[]; popgate: P[] }> {
  const out = { baseline: [] as B[], popgate: [] as P[] };
  for (let i = 0; i < rounds; i++) {
    out.baseline.push(await baseline());
    out.popgate.push(await popgate());
  }
  return out;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function best<T>(items: T[], score: (item: T) => number): T {
  return items.reduce((a, b) => (score(b) > score(a) ? b : a));
}

export const fmt = {
  int: (n: number): string => Math.round(n).toLocaleString('en-US'),
  ms: (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`,
  ratio: (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)}×`,
  mb: (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`,
  mib: (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`,
};
