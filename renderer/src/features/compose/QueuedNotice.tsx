// What the Send page says after a message is queued (AS2 partner, AS2 Gateway): a dismissable notice with the
// message's id and a link to it in the Outbox, inside the status region so screen readers hear it.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { messagePath } from '../messages/MessageList';

interface Props {
  title: string;
  /** The line that names the message. */
  children: ReactNode;
  /** The Outbox row to link to; no notice when null. */
  messageRowId: number | null;
  onDismiss: () => void;
}

export function QueuedNotice({ title, children, messageRowId, onDismiss }: Props) {
  return (
    <Stack gap={0} role="status">
      {messageRowId !== null && (
        <Alert color="teal" variant="light" title={title} withCloseButton closeButtonLabel="Dismiss" onClose={onDismiss}>
          <Stack gap={4}>
            <Text size="sm">{children}</Text>
            <Anchor component={Link} to={messagePath('outbound', messageRowId)} size="sm">
              Open it in the Outbox
            </Anchor>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
