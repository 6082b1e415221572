// The document a message carried: its size and digest, a preview when it is text, and a download (up to the
// contract's limit; larger payloads leave through the command line).
import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { MAX_CONTRACT_PAYLOAD_BYTES, type MessageDetail } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { useUiStore } from '../../state/uiStore';
import { downloadBase64 } from '../../ui/downloadText';
import { FactList } from '../../ui/FactList';
import { sizeLabel } from './messageWords';
import { useMessageDownloads } from './queries';
import { ViewSection } from './ViewSection';

export function PayloadSection({ message }: { message: MessageDetail }) {
  const downloads = useMessageDownloads();
  const [busy, setBusy] = useState(false);
  const { payload } = message;
  if (payload === null) {
    return (
      <ViewSection title="Payload">
        <Text size="sm">No payload was stored for this message.</Text>
      </ViewSection>
    );
  }
  const tooLarge = payload.size > MAX_CONTRACT_PAYLOAD_BYTES;
  const download = async () => {
    setBusy(true);
    try {
      const file = await downloads.payload(message.id);
      downloadBase64(file.fileName, file.contentBase64, file.contentType);
    } catch (error) {
      useUiStore.getState().showToast(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ViewSection title="Payload">
      <FactList
        facts={[
          ['File name', message.fileName ?? '—'],
          ['Content type', message.contentType ?? '—'],
          ['Size', `${sizeLabel(payload.size)} (${payload.size.toLocaleString('en')} bytes)`],
          [
            'SHA-256',
            <Text span size="sm" ff="monospace" key="sha">
              {payload.sha256}
            </Text>,
          ],
        ]}
      />
      <Group>
        <Button variant="light" onClick={() => void download()} loading={busy} disabled={tooLarge}>
          Download payload
        </Button>
        {tooLarge && <Text size="sm">Over 32 MiB: export it with the courier command line.</Text>}
      </Group>
      {payload.preview === null ? (
        <Text size="sm" c="dimmed">
          No preview: the payload is not text.
        </Text>
      ) : (
        <Stack gap={4}>
          <Code block aria-label="Payload preview" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '24rem', overflow: 'auto' }}>
            {payload.preview}
          </Code>
          {payload.previewTruncated && (
            <Text size="xs" c="dimmed">
              The preview shows the first 16 KiB; download the payload for the rest.
            </Text>
          )}
        </Stack>
      )}
    </ViewSection>
  );
}
