// Importing a partner from a Courier JSON export: what the file holds (AS2 ID, URL, which certificates come
// with it) and which of our stations it is for, before anything is added.
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { As2PartnerExport, As2Station } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { FactList } from '../../ui/FactList';
import { FormFailure } from '../../ui/FormFailure';
import { useImportPartner } from './queries';

interface Props {
  file: { fileName: string; document: As2PartnerExport } | null;
  stations: As2Station[];
  onClose(): void;
}

export function ImportPartnerDialog({ file, stations, onClose }: Props) {
  const importPartner = useImportPartner();
  const [stationId, setStationId] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = stationId ?? stations[0]?.id ?? null;
  const close = () => {
    setFailure(null);
    setStationId(null);
    onClose();
  };
  const run = async () => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      await importPartner({ document: file.document, ...(chosen ? { station: chosen } : {}) });
      close();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  const partner = file?.document.partner;
  return (
    <Modal opened={file !== null} onClose={close} title="Import partner" closeButtonProps={{ 'aria-label': 'Close' }} size="lg">
      {file && partner && (
        <Stack gap="md">
          <Text size="sm">From {file.fileName}:</Text>
          <FactList
            facts={[
              ['AS2 ID', partner.as2Id],
              ['Name', partner.name ?? partner.as2Id],
              ['URL', partner.url],
              ['Environment', partner.environment ?? 'test'],
              ['Encryption certificate', file.document.encryptionCertificatePem ? 'Included' : 'Not included'],
              ['Signature certificate', file.document.signatureCertificatePem ? 'Included' : 'Not included'],
            ]}
          />
          <Select
            label="For our station"
            data={stations.map((station) => ({ value: station.id, label: `${station.name} (${station.as2Id}, ${station.environment})` }))}
            value={chosen}
            allowDeselect={false}
            onChange={setStationId}
          />
          <FormFailure title="The partner was not imported" failure={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button onClick={() => void run()} loading={busy} disabled={chosen === null}>
              Import partner
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
