// The one subscription to Courier's events, mounted once: each change the main process announces updates
// or invalidates the query that shows it, so no page polls.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from '../ipc/ClientProvider';
import { auditKey } from '../features/audit/queries';
import { refreshCertificates } from '../features/certificates/queries';
import { useSendBatch } from '../features/compose/sendBatch';
import { refreshConnections } from '../features/connections/queries';
import { useGenerationJobs } from '../features/keys/generationJobs';
import { keysListKey } from '../features/keys/queries';
import { refreshRotations } from '../features/keys/rotation/rotationQueries';
import { noteMessageChanged } from '../features/messages/queries';
import { refreshProfiles } from '../features/partners/queries';
import { settingsKey } from '../features/settings/queries';
import { tlsTrustKey } from '../features/tls/queries';

export function useLiveEvents(): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.subscribe('events', {}, (event) => {
        switch (event.type) {
          case 'settings.changed':
            queryClient.setQueryData(settingsKey, event.settings);
            break;
          case 'audit.appended':
            void queryClient.invalidateQueries({ queryKey: auditKey });
            // A profile's TLS trust changed (tls.ca-trusted, tls.pin-added, tls.trust-removed), perhaps in another window.
            if (event.entry.action.startsWith('tls.')) void queryClient.invalidateQueries({ queryKey: tlsTrustKey });
            // Certificates changed (cert.imported, cert.deleted, …), or a key whose certificates show as "Own key" came or went.
            if (event.entry.action.startsWith('cert.') || event.entry.action.startsWith('key.')) refreshCertificates(queryClient);
            // A key was imported or deleted (key.imported, key.deleted), perhaps by the CLI or another window.
            if (event.entry.action.startsWith('key.')) void queryClient.invalidateQueries({ queryKey: keysListKey });
            // A station or partner was saved, imported or deleted (as2.*), perhaps by the CLI or another window.
            if (event.entry.action.startsWith('as2.')) refreshProfiles(queryClient);
            // A FISCAL or Pagero profile or a push endpoint was saved or deleted (fiscal.*, pagero.*).
            if (event.entry.action.startsWith('fiscal.') || event.entry.action.startsWith('pagero.')) refreshConnections(queryClient);
            break;
          case 'keys.generation':
            useGenerationJobs.getState().record(event.job);
            if (event.job.state === 'succeeded') void queryClient.invalidateQueries({ queryKey: keysListKey });
            break;
          case 'keys.rotation':
            refreshRotations(queryClient);
            break;
          case 'messages.changed':
            noteMessageChanged(queryClient, event.message);
            break;
          case 'transfers.progress':
            if (event.transfer.state === 'sending') useSendBatch.getState().progress(event.transfer.transferId, event.transfer.sentBytes, event.transfer.totalBytes);
            break;
        }
      }),
    [client, queryClient],
  );
}
