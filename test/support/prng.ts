// A small deterministic generator (mulberry32), so a failing generated case can be replayed from its seed.
export type Random = () => number;

export function prng(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function below(next: Random, n: number): number {
  return Math.floor(next() * n);
}

export function pick<T>(next: Random, items: readonly T[]): T {
  return items[below(next, items.length)]!;
}
