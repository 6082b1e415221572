// The confirmation before a rotation step that cannot be taken back lightly ("Switch now", "Cancel
// rotation"): it says what changes for sending and receiving, and the step runs only from its button.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  opened: boolean;
  title: string;
  /** What changes, in words. */
  children: ReactNode;
  confirmLabel: string;
  tone: 'caution' | 'danger';
  pending: boolean;
  onConfirm(): void;
  onClose(): void;
}

export function ConfirmRotationStep({ opened, title, children, confirmLabel, tone, pending, onConfirm, onClose }: Props) {
  const color = tone === 'danger' ? 'red' : 'yellow';
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Alert color={color} variant="light" role="note">
          {children}
        </Alert>
        <Text size="xs" c="dimmed">
          The step is recorded in the audit log.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Keep as is
          </Button>
          <Button color={tone === 'danger' ? 'red' : undefined} onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
