// After the user opens another page, moves focus to its h1 so keyboard and screen-reader users start at
// the top of what they just opened. The first load and redirects keep the browser's own focus, so the
// first Tab still reaches "Skip to content".
import { useEffect, useRef, type RefObject } from 'react';
import { useLocation, useNavigationType } from 'react-router-dom';

export function focusPageHeading(container: HTMLElement | null): void {
  container?.querySelector<HTMLElement>('[data-page-heading]')?.focus();
}

export function useFocusHeadingOnNavigate(container: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (navigationType !== 'REPLACE') focusPageHeading(container.current);
  }, [pathname, navigationType, container]);
}
