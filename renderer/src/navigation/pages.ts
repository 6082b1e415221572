// The app's pages, in the order of the sidebar and of the Alt+1…Alt+9 shortcuts: one list, so the
// navigation, the routes, the shortcuts and their documentation cannot disagree.
const pageList = [
  { path: '/inbox', name: 'Inbox' },
  { path: '/outbox', name: 'Outbox' },
  { path: '/send', name: 'Send' },
  { path: '/partners', name: 'Partners' },
  { path: '/keys', name: 'Keys' },
  { path: '/certificates', name: 'Certificates' },
  { path: '/tls', name: 'TLS inspector' },
  { path: '/paco', name: 'Payments (PACO)' },
  { path: '/settings', name: 'Settings' },
] as const;

export type PagePath = (typeof pageList)[number]['path'];

export interface PageEntry {
  path: PagePath;
  name: string;
  /** The digit that goes with Alt to open this page. */
  shortcut: number;
}

export const pages: readonly PageEntry[] = pageList.map((page, index) => ({ ...page, shortcut: index + 1 }));

export const DEFAULT_PAGE: PagePath = '/inbox';

export function isPagePath(path: string): path is PagePath {
  return pages.some((page) => page.path === path);
}
