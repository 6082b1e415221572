// Importing the files a user dropped or chose, one after another: each is read (or refused) here, certificates
// go straight to `certs.import`, and PKCS#12 files wait in a queue for their password dialog. Outcomes are
// told inline on the page, failures as toasts.
import { useCallback, useState } from 'react';
import { CourierError } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { useUiStore } from '../../state/uiStore';
import { useOutcomeNotice } from '../keys/outcomeNotice';
import { FileRefusal } from '../../ui/fileContent';
import { readCertificateFile, type CertificateFile } from './certificateFile';
import { importOutcome } from './importOutcome';
import { useImportCertificateFile } from './queries';

export interface CertificateImport {
  importFiles(files: readonly File[]): Promise<void>;
  /** The PKCS#12 file whose password is being asked, if any. */
  awaitingPassword: CertificateFile | null;
  /** The password dialog is done with the file in front (imported or given up). */
  finishPassword(): void;
  busy: boolean;
}

function reportFailure(error: unknown): void {
  const { showToast } = useUiStore.getState();
  if (error instanceof FileRefusal) showToast({ title: error.message, hint: error.hint });
  else showToast(describeError(error));
}

export function useCertificateImport(): CertificateImport {
  const importFile = useImportCertificateFile();
  const [queue, setQueue] = useState<CertificateFile[]>([]);
  const [busy, setBusy] = useState(false);

  const importFiles = useCallback(
    async (files: readonly File[]) => {
      setBusy(true);
      try {
        for (const file of files) {
          try {
            const read = await readCertificateFile(file);
            if (read.pkcs12) {
              setQueue((waiting) => [...waiting, read]);
              continue;
            }
            try {
              const imported = await importFile({ fileName: read.fileName, contentBase64: read.contentBase64 });
              useOutcomeNotice.getState().report(importOutcome(read.fileName, imported));
            } catch (error) {
              // A PKCS#12 file under another name: Courier recognised it; ask for its password.
              if (error instanceof CourierError && error.code === 'PASSWORD_REQUIRED') setQueue((waiting) => [...waiting, { ...read, pkcs12: true }]);
              else throw error;
            }
          } catch (error) {
            reportFailure(error);
          }
        }
      } finally {
        setBusy(false);
      }
    },
    [importFile],
  );

  const finishPassword = useCallback(() => setQueue((waiting) => waiting.slice(1)), []);
  return { importFiles, awaitingPassword: queue[0] ?? null, finishPassword, busy };
}
