// The Settings page: preferences, what this Courier is and where its data lives, the keyboard shortcuts,
// and the audit trail.
import { Stack, Title } from '@mantine/core';
import { useId } from 'react';
import { Page } from '../../ui/Page';
import { AuditLogSection } from '../audit/AuditLogSection';
import { AboutSection } from './AboutSection';
import { KeyboardShortcutsSection } from './KeyboardShortcutsSection';
import { ThemeControl } from './ThemeControl';

export function SettingsPage() {
  const appearanceId = useId();
  return (
    <Page title="Settings">
      <Stack component="section" aria-labelledby={appearanceId} gap="xs">
        <Title order={2} id={appearanceId}>
          Appearance
        </Title>
        <ThemeControl />
      </Stack>
      <AboutSection />
      <KeyboardShortcutsSection />
      <AuditLogSection />
    </Page>
  );
}
