// The Partners page: our AS2 stations (who we are to partners) and the partners we exchange with — search,
// add, edit, export as JSON, import from JSON, delete — and the HTTPS connections (FISCAL, Pagero) below them.
import { Button, FileButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import type { As2Partner, As2PartnerExport } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { useUiStore } from '../../state/uiStore';
import { downloadText } from '../../ui/downloadText';
import { Page } from '../../ui/Page';
import { ConnectionsSection } from '../connections/ConnectionsSection';
import { GatewayAccountsSection } from '../as2gateway/GatewayAccountsSection';
import { DeleteProfileDialog, type DeleteTarget } from './DeleteProfileDialog';
import { ImportPartnerDialog } from './ImportPartnerDialog';
import { searchPartners } from './partnerDraft';
import { checkPartnerDocument, MAX_PARTNER_FILE_BYTES, partnerFileName } from './partnerFile';
import { PartnerForm } from './PartnerForm';
import { PartnerList } from './PartnerList';
import { useExportPartner, usePartners, useStations } from './queries';
import { StationsSection } from './StationsSection';

type Editing = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; partner: As2Partner };

export function PartnersPage() {
  const headingId = useId();
  const partners = usePartners();
  const stations = useStations();
  const exportPartner = useExportPartner();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const [importing, setImporting] = useState<{ fileName: string; document: As2PartnerExport } | null>(null);
  const all = partners.data ?? [];
  const shown = searchPartners(all, search);
  const stationList = stations.data ?? [];
  const showToast = useUiStore((state) => state.showToast);

  const download = async (partner: As2Partner) => {
    try {
      const document = await exportPartner(partner.id);
      downloadText(partnerFileName(partner.as2Id), `${JSON.stringify(document, null, 2)}\n`, 'application/json');
    } catch (error) {
      showToast(describeError(error));
    }
  };

  const readImport = async (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_PARTNER_FILE_BYTES) {
      showToast({ title: `${file.name} is too large to be a partner export.`, hint: 'Choose the .as2-partner.json file exported from Courier.' });
      return;
    }
    const check = checkPartnerDocument(await file.text());
    if (check.ok) setImporting({ fileName: file.name, document: check.document });
    else showToast({ title: check.error, hint: 'Export the partner again from Courier, or add it by hand.' });
  };

  return (
    <Page title="Partners">
      <Text size="sm" maw={720}>
        Who you are to your AS2 partners (your stations: AS2 ID, keys, public URL) and who they are to you: their AS2 ID and URL, their
        certificates, how messages to them are secured, the receipt (MDN) you ask for, and the switches their software needs.
      </Text>
      <StationsSection onDelete={(station) => setDeleting({ kind: 'station', id: station.id, name: station.name })} />
      <Stack gap="xs" component="section" aria-labelledby={headingId}>
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id={headingId}>
            Partners
          </Title>
          <Group gap="xs">
            <FileButton onChange={(file) => void readImport(file)} accept=".json,application/json">
              {(props) => (
                <Button {...props} variant="default" disabled={stationList.length === 0}>
                  Import partner…
                </Button>
              )}
            </FileButton>
            <Button onClick={() => setEditing({ mode: 'new' })} disabled={editing.mode !== 'closed' || stationList.length === 0}>
              Add partner
            </Button>
          </Group>
        </Group>
        {stationList.length === 0 && stations.isSuccess && <Text size="sm">Add a station first: every partner is reached from one of our stations.</Text>}
        {all.length > 0 && <TextInput type="search" label="Search partners" placeholder="Name, AS2 ID or URL" value={search} onChange={(event) => setSearch(event.currentTarget.value)} maw={360} />}
        {shown.length > 0 ? (
          <PartnerList
            partners={shown}
            labelledBy={headingId}
            onEdit={(partner) => setEditing({ mode: 'edit', partner })}
            onExport={(partner) => void download(partner)}
            onDelete={(partner) => setDeleting({ kind: 'partner', id: partner.id, name: partner.name })}
          />
        ) : (
          <Text size="sm">
            {all.length > 0
              ? `No partner matches “${search}”.`
              : partners.isSuccess
                ? 'No partners yet. Add one with the AS2 ID, URL and certificates from their onboarding, or import a partner file.'
                : partners.isError
                  ? 'The partners could not be loaded.'
                  : 'Loading partners…'}
          </Text>
        )}
      </Stack>
      {editing.mode !== 'closed' && (
        <Paper withBorder p="md">
          <PartnerForm
            key={editing.mode === 'edit' ? editing.partner.id : 'new'}
            partner={editing.mode === 'edit' ? editing.partner : null}
            stations={stationList}
            onSaved={() => setEditing({ mode: 'closed' })}
            onCancel={() => setEditing({ mode: 'closed' })}
          />
        </Paper>
      )}
      <GatewayAccountsSection />
      <ConnectionsSection />
      <ImportPartnerDialog file={importing} stations={stationList} onClose={() => setImporting(null)} />
      <DeleteProfileDialog target={deleting} onClose={() => setDeleting(null)} />
    </Page>
  );
}
