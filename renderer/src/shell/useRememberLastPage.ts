// Saves the page the user is on as the lastPage preference, so the next start reopens it.
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { useSetSettings, useSettings } from '../features/settings/queries';
import { isPagePath } from '../navigation/pages';

export function useRememberLastPage(): void {
  const { pathname } = useLocation();
  const savedPage = useSettings().data?.lastPage;
  const { mutate } = useSetSettings();
  // Written once per arrival on a page: another window changing lastPage, or a failed write being rolled
  // back, must not start a write back and forth.
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (savedPage === undefined || !isPagePath(pathname) || handled.current === pathname) return;
    handled.current = pathname;
    if (savedPage !== pathname) mutate({ lastPage: pathname });
  }, [pathname, savedPage, mutate]);
}
