// The sidebar: one link per page, in shortcut order, marking the current one (or the one a message view
// belongs to) for sighted and screen-reader users alike.
import { NavLink, Stack } from '@mantine/core';
import { NavLink as RouterNavLink, useLocation } from 'react-router-dom';
import { ExpiryNavBadge } from '../features/certificates/ExpiryNavBadge';
import { pages } from '../navigation/pages';

export function MainNav({ onNavigate }: { onNavigate(): void }) {
  const { pathname } = useLocation();
  return (
    <Stack gap={2}>
      {pages.map((page) => (
        <NavLink
          key={page.path}
          component={RouterNavLink}
          to={page.path}
          label={page.name}
          rightSection={<ExpiryNavBadge path={page.path} />}
          active={pathname === page.path || pathname.startsWith(`${page.path}/`)}
          aria-keyshortcuts={`Alt+${page.shortcut}`}
          onClick={onNavigate}
        />
      ))}
    </Stack>
  );
}
