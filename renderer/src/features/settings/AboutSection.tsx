// Tells the user which Courier they are looking at and where it keeps its data, so they know what to
// back up and which files a support question is about.
import { Box, Code, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useAppInfo } from '../app/queries';
import { hostLabel } from '../app/hostLabel';

export function AboutSection() {
  const headingId = useId();
  const { data: info, isError } = useAppInfo();
  const rows: [string, string][] = info
    ? [
        ['Version', info.version],
        ['Host', hostLabel(info.host)],
        ['Home', info.home],
        ['Database', info.paths.database],
        ['Blobs', info.paths.blobs],
        ['Keys', info.paths.keys],
      ]
    : [];
  return (
    <Stack component="section" aria-labelledby={headingId} gap="xs">
      <Title order={2} id={headingId}>
        About this Courier
      </Title>
      {info ? (
        <Box component="dl" className="facts">
          {rows.map(([term, value]) => (
            <div key={term} className="facts-row">
              <Text component="dt" fw={500} size="sm">
                {term}
              </Text>
              <Text component="dd" size="sm">
                {term === 'Version' || term === 'Host' ? value : <Code>{value}</Code>}
              </Text>
            </div>
          ))}
        </Box>
      ) : (
        <Text size="sm" c="dimmed">
          {isError ? 'Courier did not say where it keeps its data.' : 'Asking Courier…'}
        </Text>
      )}
    </Stack>
  );
}
