// The arithmetic of a list too long to load at once: which pages of rows cover what is on screen, and where
// a key press moves the selection. Pure, so a list of 100,000 messages is as cheap to reason about as ten.

/** Rows per `messages.list` call: a few screens, so scrolling asks rarely and each answer stays small. */
export const MESSAGE_PAGE_SIZE = 200;

/** The page numbers holding rows first…last (inclusive), none past the end when the total is known. */
export function pagesCovering(first: number, last: number, total: number | null, pageSize = MESSAGE_PAGE_SIZE): number[] {
  const end = total === null ? last : Math.min(last, total - 1);
  if (end < 0 || end < first) return total === null ? [0] : [];
  const pages: number[] = [];
  for (let page = Math.floor(Math.max(0, first) / pageSize); page <= Math.floor(end / pageSize); page++) pages.push(page);
  return pages;
}

export type ListKey = 'ArrowDown' | 'ArrowUp' | 'PageDown' | 'PageUp' | 'Home' | 'End';

export function isListKey(key: string): key is ListKey {
  return ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End'].includes(key);
}

/** Where the selection goes for a key, given the rows in the list and how many fit on a screen. */
export function moveSelection(current: number, key: ListKey, total: number, rowsPerScreen: number): number {
  if (total <= 0) return 0;
  const step = Math.max(1, rowsPerScreen - 1);
  const next = {
    ArrowDown: current + 1,
    ArrowUp: current - 1,
    PageDown: current + step,
    PageUp: current - step,
    Home: 0,
    End: total - 1,
  }[key];
  return Math.min(total - 1, Math.max(0, next));
}
