// What a user does from a message: resend it as a new message (after a confirmation, since the partner
// receives the document again), stop or resume its retries, and export it for an audit as one zip.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { MessageDetail } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { useUiStore } from '../../state/uiStore';
import { downloadBase64 } from '../../ui/downloadText';
import { messagePath } from './MessageList';
import { useMessageDownloads, useQueueAction } from './queries';

export function MessageActions({ message }: { message: MessageDetail }) {
  const navigate = useNavigate();
  const resend = useQueueAction('messages.resend');
  const stop = useQueueAction('messages.stop');
  const resume = useQueueAction('messages.resume');
  const downloads = useMessageDownloads();
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const partner = message.partnerName ?? message.partnerId ?? 'the partner';

  const exportForAudit = async () => {
    setExporting(true);
    try {
      const zip = await downloads.auditExport(message.id);
      downloadBase64(zip.fileName, zip.contentBase64, 'application/zip');
    } catch (error) {
      useUiStore.getState().showToast(describeError(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Group gap="sm" role="group" aria-label="Message actions">
        {message.direction === 'outbound' && (
          <>
            <Button onClick={() => setConfirming(true)} disabled={!message.canResend}>
              Resend…
            </Button>
            <Button variant="default" onClick={() => stop.mutate(message.id)} disabled={!message.canStop} loading={stop.isPending}>
              Stop retrying
            </Button>
            <Button variant="default" onClick={() => resume.mutate(message.id)} disabled={!message.canResume} loading={resume.isPending}>
              Resume
            </Button>
          </>
        )}
        <Button variant="default" onClick={() => void exportForAudit()} loading={exporting}>
          Export for audit
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Resend this document?" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="md">
          <Alert color="yellow" variant="light" role="note" title={`${partner} receives the document again`}>
            <Text size="sm">
              It goes as a new message with a new Message-ID, so the partner's duplicate check will not catch it. Resend only when the
              partner confirms they did not process the first one.
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              loading={resend.isPending}
              onClick={() =>
                resend.mutate(message.id, {
                  onSuccess: (sent) => {
                    setConfirming(false);
                    navigate(messagePath('outbound', sent.id));
                  },
                })
              }
            >
              Resend as a new message
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
