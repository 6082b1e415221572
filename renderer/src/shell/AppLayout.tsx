// The frame around every page — header, sidebar, page, status bar, toasts — and the app-wide behaviour
// mounted once: live events, connection state, theme, last page, shortcuts, focus after navigation, and
// files dropped anywhere to send them.
import { AppShell, Burger, Group, Text, useMantineTheme } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useRef } from 'react';
import { ExpiryBanner } from '../features/certificates/ExpiryBanner';
import { DropToSend } from '../features/compose/DropToSend';
import { useThemeFromSettings } from '../features/settings/useThemeFromSettings';
import { MainNav } from './MainNav';
import { PageRoutes } from './PageRoutes';
import { SkipLink } from './SkipLink';
import { StatusBar } from './StatusBar';
import { ToastRegion } from './ToastRegion';
import { useConnectionTracking } from './useConnectionTracking';
import { focusPageHeading, useFocusHeadingOnNavigate } from './useFocusHeadingOnNavigate';
import { useLiveEvents } from './useLiveEvents';
import { usePageShortcuts } from './usePageShortcuts';
import { useRememberLastPage } from './useRememberLastPage';

export function AppLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const wide = useMediaQuery(`(min-width: ${useMantineTheme().breakpoints.sm})`, true, { getInitialValueInEffect: false });
  // On narrow screens the closed sidebar slides off-screen; inert keeps its links out of the Tab order too.
  const navHidden = !wide && !navOpened;
  const mainRef = useRef<HTMLElement>(null);
  useLiveEvents();
  useConnectionTracking();
  useThemeFromSettings();
  useRememberLastPage();
  usePageShortcuts();
  useFocusHeadingOnNavigate(mainRef);

  const skipToContent = () => {
    if (mainRef.current?.querySelector('[data-page-heading]')) focusPageHeading(mainRef.current);
    else mainRef.current?.focus();
  };

  return (
    <>
      <SkipLink onSkip={skipToContent} />
      <AppShell
        header={{ height: 48 }}
        navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        footer={{ height: 36 }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" gap="sm">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Show navigation" aria-expanded={navOpened} />
            <Text fw={700} size="lg">
              Courier
            </Text>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar aria-label="Main" p="xs" inert={navHidden}>
          <MainNav onNavigate={nav.close} />
        </AppShell.Navbar>
        <AppShell.Main id="content" ref={mainRef} tabIndex={-1} className="page-content">
          <ExpiryBanner />
          <PageRoutes />
        </AppShell.Main>
        <AppShell.Footer aria-label="Status">
          <StatusBar />
        </AppShell.Footer>
      </AppShell>
      <ToastRegion />
      <DropToSend />
    </>
  );
}
