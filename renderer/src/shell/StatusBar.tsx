// The status line at the bottom of every page: which host this is, whose data it shows, which version,
// and whether the page is connected to it right now.
import { Group, Text } from '@mantine/core';
import type { ConnectionState } from '../ipc/transport';
import { useClient } from '../ipc/ClientProvider';
import { hostLabel } from '../features/app/hostLabel';
import { useAppInfo } from '../features/app/queries';
import { useUiStore } from '../state/uiStore';

const connectionLabels: Record<ConnectionState, string> = {
  open: 'Connected',
  connecting: 'Connecting…',
  closed: 'Disconnected — reconnecting',
  refused: 'Refused: open the URL printed by courier serve',
};

const connectionColors: Record<ConnectionState, string | undefined> = {
  open: undefined,
  connecting: 'dimmed',
  closed: 'orange',
  refused: 'red',
};

export function StatusBar() {
  const client = useClient();
  const { data: info } = useAppInfo();
  const connection = useUiStore((state) => state.connection);
  // Until app.info answers, the transport already tells which kind of host this is.
  const host = info ? hostLabel(info.host) : hostLabel(client.hostKind === 'electron' ? 'electron' : 'serve');
  return (
    <Group h="100%" px="md" gap="lg" wrap="nowrap" className="status-bar">
      <Text size="xs">{host}</Text>
      {info && (
        <Text size="xs" truncate="start" title={info.home} className="status-home">
          Data: {info.home}
        </Text>
      )}
      {info && <Text size="xs">Version {info.version}</Text>}
      <Text size="xs" c={connectionColors[connection]} fw={connection === 'open' ? undefined : 600} ml="auto" aria-live="polite">
        {connectionLabels[connection]}
      </Text>
    </Group>
  );
}
