// Documents the keyboard shortcuts where users look for them; the list comes from the same page list
// the shortcuts themselves use.
import { Kbd, List, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { pages } from '../../navigation/pages';

export function KeyboardShortcutsSection() {
  const headingId = useId();
  return (
    <Stack component="section" aria-labelledby={headingId} gap="xs">
      <Title order={2} id={headingId}>
        Keyboard shortcuts
      </Title>
      <Text size="sm">
        <Kbd>Tab</Kbd> and <Kbd>Shift</Kbd>+<Kbd>Tab</Kbd> reach every link and control; the first <Kbd>Tab</Kbd> offers
        “Skip to content”. After each page change, focus moves to the page's heading.
      </Text>
      <List size="sm" spacing={4} listStyleType="none" ml={0} pl={0}>
        {pages.map((page) => (
          <List.Item key={page.path}>
            <Kbd>Alt</Kbd>+<Kbd>{page.shortcut}</Kbd> {page.name}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
