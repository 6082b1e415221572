// What a benchmark reports: the median of several runs of ours beside the median of a reference.
export interface Series {
  name: string;
  runs: number[];
  median: number;
}

export interface BenchResult extends Series {
  unit: string;
  reference: Series;
  notes?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function series(name: string, runs: number[]): Series {
  return { name, runs, median: median(runs) };
}
