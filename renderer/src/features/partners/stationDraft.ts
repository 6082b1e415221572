// The station form's state and its translation into `as2.stations.save`: the AS2 ID, the signing pair (a key and
// the certificate that certifies it), the decryption pairs (none listed means "the signing pair"), and the
// public URL partners reach us at.
import { stationInputSchema, type As2Station, type InputOf } from '../../../../shared/ipc';
import { issuesByPath, type DraftErrors } from './partnerDraft';

export interface KeyPairDraft {
  keyId: string | null;
  certificateId: string | null;
}

export interface StationDraft {
  id: string | null;
  as2Id: string;
  name: string;
  environment: As2Station['environment'];
  signing: KeyPairDraft;
  decryption: KeyPairDraft[];
  publicUrl: string;
}

export function emptyStationDraft(): StationDraft {
  return { id: null, as2Id: '', name: '', environment: 'test', signing: { keyId: null, certificateId: null }, decryption: [], publicUrl: '' };
}

const sameAsSigning = (station: As2Station) =>
  station.decryption.length === 1 && station.decryption[0]!.keyId === station.signing.keyId && station.decryption[0]!.certificateId === station.signing.certificateId;

export function stationDraftOf(station: As2Station): StationDraft {
  return {
    id: station.id,
    as2Id: station.as2Id,
    name: station.name,
    environment: station.environment,
    signing: { ...station.signing },
    decryption: sameAsSigning(station) ? [] : station.decryption.map((pair) => ({ ...pair })),
    publicUrl: station.publicUrl ?? '',
  };
}

function pairErrors(pair: KeyPairDraft, field: string, errors: DraftErrors, what: string): { keyId: string; certificateId: string } | null {
  if (pair.keyId === null) errors[`${field}.keyId`] = `Choose the ${what} key.`;
  else if (pair.certificateId === null) errors[`${field}.certificateId`] = `Choose the certificate of the ${what} key.`;
  return pair.keyId !== null && pair.certificateId !== null ? { keyId: pair.keyId, certificateId: pair.certificateId } : null;
}

export function toStationInput(draft: StationDraft): { input: InputOf<'as2.stations.save'> | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const signing = pairErrors(draft.signing, 'signing', errors, 'signing');
  const decryption = draft.decryption.map((pair, index) => pairErrors(pair, `decryption.${index}`, errors, 'decryption'));
  const name = draft.name.trim();
  const publicUrl = draft.publicUrl.trim();
  const input = {
    ...(draft.id ? { id: draft.id } : {}),
    as2Id: draft.as2Id,
    ...(name ? { name } : {}),
    environment: draft.environment,
    signing: signing ?? { keyId: '', certificateId: '' },
    ...(decryption.length > 0 ? { decryption: decryption.map((pair) => pair ?? { keyId: '', certificateId: '' }) } : {}),
    publicUrl: publicUrl === '' ? null : publicUrl,
  };
  const checked = stationInputSchema.safeParse(input);
  if (!checked.success) {
    for (const [path, message] of Object.entries(issuesByPath(checked.error.issues))) {
      // A missing pair is already reported in words; the schema's "too short" would repeat it.
      if (!path.startsWith('signing') && !path.startsWith('decryption.')) errors[path] ??= message;
    }
  }
  return Object.keys(errors).length > 0 ? { input: null, errors } : { input, errors };
}
