// Keeps Mantine's colour scheme in step with the theme preference, wherever it was changed (this window,
// another window, or the CLI) — mounted once in the shell.
import { useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { useEffect } from 'react';
import type { OutputOf } from '../../../../shared/ipc';
import { useSettings } from './queries';

const colorSchemeOf: Record<OutputOf<'settings.get'>['theme'], MantineColorScheme> = {
  system: 'auto',
  light: 'light',
  dark: 'dark',
};

export function useThemeFromSettings(): void {
  const theme = useSettings().data?.theme;
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => {
    if (theme) setColorScheme(colorSchemeOf[theme]);
  }, [theme, setColorScheme]);
}
