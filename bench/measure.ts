// What a benchmark reports: the median of several runs of ours beside the median of a reference, and the peak
// memory a bench child process (bench/as2Pipeline.ts, bench/fiscalUploadClient.ts) reports of itself.
import { readFileSync } from 'node:fs';
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

/**
 * Peak RSS of this process image. getrusage's maxRSS survives execve (getrusage(2)), so a child forked from a large
 * parent reports the parent's size; Linux's VmHWM belongs to the new image alone.
 */
export function peakRssBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux: fall back to getrusage, an upper bound
  }
  return process.resourceUsage().maxRSS * 1024;
}
