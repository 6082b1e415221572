// The partner form's state and its translation into `as2.partners.save`: every profile field as the form
// holds it (text as typed, '' for "none"), checked against the contract's own schema so the form names the
// field to fix before anything is sent.
import {
  partnerInputSchema,
  partnerInteropSchema,
  partnerMdnSchema,
  partnerSecuritySchema,
  type As2Partner,
  type InputOf,
} from '../../../../shared/ipc';
import type { z } from 'zod';

export interface HeaderDraft {
  name: string;
  value: string;
}

export interface PartnerDraft {
  /** Present when editing. */
  id: string | null;
  as2Id: string;
  name: string;
  stationId: string | null;
  url: string;
  environment: As2Partner['environment'];
  encryptionCertificateId: string | null;
  signatureCertificateId: string | null;
  security: z.output<typeof partnerSecuritySchema>;
  mdn: Omit<z.output<typeof partnerMdnSchema>, 'asyncUrl'> & { asyncUrl: string };
  interop: z.output<typeof partnerInteropSchema>;
  headers: HeaderDraft[];
  /** As a number input gives it: a number, or '' while empty. */
  sendTimeoutSeconds: number | string;
  pauseIncoming: boolean;
  pauseOutgoing: boolean;
}

export type DraftErrors = Partial<Record<string, string>>;

export function emptyPartnerDraft(stationId: string | null): PartnerDraft {
  const defaults = partnerInputSchema.parse({ as2Id: 'x', url: 'https://x.example/' });
  return {
    id: null,
    as2Id: '',
    name: '',
    stationId,
    url: '',
    environment: defaults.environment,
    encryptionCertificateId: null,
    signatureCertificateId: null,
    security: defaults.security,
    mdn: { ...defaults.mdn, asyncUrl: '' },
    interop: defaults.interop,
    headers: [],
    sendTimeoutSeconds: defaults.sendTimeoutSeconds,
    pauseIncoming: false,
    pauseOutgoing: false,
  };
}

export function partnerDraftOf(partner: As2Partner): PartnerDraft {
  return {
    id: partner.id,
    as2Id: partner.as2Id,
    name: partner.name,
    stationId: partner.stationId,
    url: partner.url,
    environment: partner.environment,
    encryptionCertificateId: partner.encryptionCertificateId,
    signatureCertificateId: partner.signatureCertificateId,
    security: partner.security,
    mdn: { ...partner.mdn, asyncUrl: partner.mdn.asyncUrl ?? '' },
    interop: partner.interop,
    headers: partner.headers.map((header) => ({ ...header })),
    sendTimeoutSeconds: partner.sendTimeoutSeconds,
    pauseIncoming: partner.pauseIncoming,
    pauseOutgoing: partner.pauseOutgoing,
  };
}

/** The first message per field, keyed by its path in the input ("url", "mdn.asyncUrl", "headers.0.name"). */
export function issuesByPath(issues: readonly { path: readonly PropertyKey[]; message: string }[]): DraftErrors {
  const errors: DraftErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The save input, or the fields to fix. */
export function toPartnerInput(draft: PartnerDraft): { input: InputOf<'as2.partners.save'> | null; errors: DraftErrors } {
  const name = draft.name.trim();
  const asyncUrl = draft.mdn.asyncUrl.trim();
  const timeout = typeof draft.sendTimeoutSeconds === 'number' ? draft.sendTimeoutSeconds : Number.NaN;
  const input: InputOf<'as2.partners.save'> = {
    ...(draft.id ? { id: draft.id } : {}),
    as2Id: draft.as2Id,
    ...(name ? { name } : {}),
    ...(draft.stationId ? { station: draft.stationId } : {}),
    url: draft.url.trim(),
    environment: draft.environment,
    encryptionCertificateId: draft.encryptionCertificateId,
    signatureCertificateId: draft.signatureCertificateId,
    security: draft.security,
    // The receipt URL only means something for asynchronous MDNs.
    mdn: { ...draft.mdn, asyncUrl: draft.mdn.mode === 'async' && asyncUrl ? asyncUrl : null },
    interop: draft.interop,
    headers: draft.headers.filter((header) => header.name.trim() !== '' || header.value !== '').map((header) => ({ name: header.name.trim(), value: header.value })),
    sendTimeoutSeconds: timeout,
    pauseIncoming: draft.pauseIncoming,
    pauseOutgoing: draft.pauseOutgoing,
  };
  const checked = partnerInputSchema.safeParse(input);
  if (!checked.success) {
    const errors = issuesByPath(checked.error.issues);
    if (errors.sendTimeoutSeconds && !Number.isFinite(timeout)) errors.sendTimeoutSeconds = 'Enter a timeout in seconds (5 to 3600).';
    return { input: null, errors };
  }
  return { input, errors: {} };
}

/** Partners whose name, AS2 ID or URL contains the search text (any case). */
export function searchPartners<T extends Pick<As2Partner, 'name' | 'as2Id' | 'url'>>(partners: readonly T[], text: string): T[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [...partners];
  return partners.filter((partner) => [partner.name, partner.as2Id, partner.url].some((field) => field.toLowerCase().includes(needle)));
}
