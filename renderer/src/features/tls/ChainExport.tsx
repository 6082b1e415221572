// "Export chain (PEM)": the certificates exactly as the server presented them in this inspection (leaf
// first, the same text `courier tls export-chain` writes), saved as a .pem by the browser and shown for
// copying. Taken from the inspection on screen, so what is exported is what was judged.
import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { TlsInspection } from '../../../../shared/ipc';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { downloadText } from '../../ui/downloadText';

/** `api.example.com_443-chain.pem`; anything but letters, digits, dot and dash becomes `_` (IPv6 colons). */
export function chainFileName(host: string, port: number): string {
  return `${host.replace(/[^A-Za-z0-9.-]/g, '_')}_${port}-chain.pem`;
}

export function ChainExport({ inspection }: { inspection: TlsInspection }) {
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const pem = inspection.chain.map((certificate) => certificate.pem).join('');
  const count = inspection.chain.length;
  const exportChain = () => {
    const fileName = chainFileName(inspection.host, inspection.port);
    downloadText(fileName, pem, 'application/x-pem-file');
    setSavedAs(fileName);
  };
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button variant="default" onClick={exportChain}>
          Export chain (PEM)
        </Button>
        {savedAs !== null && (
          <>
            <Text size="sm">
              Saved as {savedAs}: {count} certificate{count === 1 ? '' : 's'}, leaf first.
            </Text>
            <CopyValueButton value={pem} what="chain PEM" />
          </>
        )}
      </Group>
      {savedAs !== null && (
        <Code block role="region" aria-label="Chain PEM" tabIndex={0} style={{ maxHeight: 320, overflow: 'auto' }}>
          {pem}
        </Code>
      )}
    </Stack>
  );
}
