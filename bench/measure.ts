// What a benchmark reports: the median of several runs of ours beside the median of a reference.
export interface Series {
  name: string;
  runs: number[];
  median: number;
}

export interface BenchResult extends Series {
  unit: string;
  /** Whether a larger figure is the better one: throughput (msg/s) is `higher`, time per item (ms) is `lower`. Default `higher`. */
  better?: 'higher' | 'lower';
  reference: Series;
  notes?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many times faster ours is than the reference (above 1: faster), whichever way the unit points. */
export function speedRatio(result: BenchResult): number {
  return result.better === 'lower' ? result.reference.median / result.median : result.median / result.reference.median;
}

export function series(name: string, runs: number[]): Series {
  return { name, runs, median: median(runs) };
}
