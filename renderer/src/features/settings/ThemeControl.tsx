// Lets the user choose light, dark or the system's scheme; the choice is saved as a preference and
// applied by useThemeFromSettings.
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { settingsSchema } from '../../../../shared/ipc';
import { useSetSettings, useSettings } from './queries';
import './themeControl.css';

const themeSchema = settingsSchema.shape.theme.unwrap();
type Theme = (typeof themeSchema.options)[number];

const choices = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] satisfies { value: Theme; label: string }[];

export function ThemeControl() {
  const labelId = useId();
  const saved = useSettings().data?.theme;
  const setSettings = useSetSettings();
  // The radio follows the click at once; the saved preference takes over when it arrives (or on failure).
  const [chosen, setChosen] = useState<Theme | null>(null);
  useEffect(() => {
    if (chosen !== null && saved === chosen) setChosen(null);
  }, [saved, chosen]);

  const choose = (value: string) => {
    const theme = themeSchema.safeParse(value);
    if (!theme.success) return;
    setChosen(theme.data);
    setSettings.mutate({ theme: theme.data }, { onError: () => setChosen(null) });
  };

  return (
    <Stack gap={6} align="flex-start">
      <Text id={labelId} component="span" fw={500} size="sm">
        Theme
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        data={choices}
        classNames={{ input: 'theme-choice-input' }}
        value={chosen ?? saved ?? 'system'}
        disabled={saved === undefined}
        onChange={choose}
      />
    </Stack>
  );
}
