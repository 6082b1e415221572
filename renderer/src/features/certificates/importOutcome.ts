// What an import did, in the words a security officer expects: "Imported 3 certificates (1 already
// present)", or for a PKCS#12 identity "Imported key and certificate for CN=…".
import type { OutputOf } from '../../../../shared/ipc';
import type { Outcome } from '../keys/outcomeNotice';
import { purposeLabel } from '../keys/keyChoices';
import { commonName } from './certificateWords';

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function importOutcome(fileName: string, imported: OutputOf<'certs.import'>): Outcome {
  const total = imported.certificates.length;
  const present = imported.certificates.filter((entry) => entry.alreadyPresent).length;
  const names = imported.certificates.map((entry) => commonName(entry.certificate.subject)).join(', ');
  const [key] = imported.keys;
  if (key) {
    const own = imported.certificates.find((entry) => entry.certificate.keyId === key.key.id)?.certificate;
    const keyWords = `${key.alreadyPresent ? 'The key was already held as' : 'The key is stored as'} “${key.key.label}” (${purposeLabel(key.key.purpose)})`;
    return {
      tone: 'success',
      title: own ? `Imported key and certificate for ${own.subject}` : `Imported key “${key.key.label}”`,
      detail: `${keyWords}; ${fileName} held ${count(total, 'certificate')}${present > 0 ? `, ${present} already present` : ''}.`,
    };
  }
  if (present === total) {
    return { tone: 'neutral', title: 'Nothing new imported', detail: `${total === 1 ? 'The certificate' : `All ${total} certificates`} in ${fileName} ${total === 1 ? 'was' : 'were'} already present: ${names}.` };
  }
  return {
    tone: 'success',
    title: `Imported ${count(total, 'certificate')}${present > 0 ? ` (${present} already present)` : ''}`,
    detail: `From ${fileName}: ${names}.`,
  };
}
