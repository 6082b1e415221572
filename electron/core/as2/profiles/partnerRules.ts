// What a partner profile must satisfy before it is saved, beyond what the contract's schema checks: its
// certificates exist and hold RSA keys (AS2 key transport and signatures), its AS2 ID is not its station's, it
// shares its station's environment (test and production use separate AS2 IDs), an async MDN has somewhere to
// arrive, and custom headers neither repeat nor carry credentials (profiles go back out through the api and
// exports, which hold nothing secret).
import type { As2Partner, As2Station, ParsedInputOf } from '../../../../shared/ipc';
import type { CertificateService } from '../../certificates/certificateService';
import { CourierError } from '../../errors';
import { quoteAs2Id } from './as2IdText';
import { as2TlsScope } from './partnerRecords';
import { catalogCertificate } from './stationKeyPairs';

export type PartnerInput = ParsedInputOf<'as2.partners.save'>;

/** Headers whose value is a credential: a profile would hand it back to every reader of the partner list. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

function checkCertificate(certificates: CertificateService, id: string | null, role: 'encryption' | 'signature'): void {
  if (id === null) return;
  const stored = catalogCertificate(certificates, id, `partner's ${role}`);
  if (stored.details.summary.keyType !== 'rsa') {
    throw new CourierError(
      'BAD_INPUT',
      `Certificate ${stored.id} (${stored.details.summary.subject}) holds an ${stored.details.summary.keyType.toUpperCase()} key; AS2 ${role === 'encryption' ? 'encrypts to' : 'verifies'} RSA keys only.`,
      "Ask the partner for their RSA certificate.",
    );
  }
}

function checkHeaders(headers: PartnerInput['headers']): void {
  const seen = new Set<string>();
  for (const header of headers) {
    const name = header.name.toLowerCase();
    if (CREDENTIAL_HEADERS.includes(name)) {
      throw new CourierError('BAD_INPUT', `A custom ${header.name} header would keep a credential in the partner profile, which is shown and exported in clear.`, 'AS2 authenticates by signatures and TLS; leave credentials out of custom headers.');
    }
    if (seen.has(name)) throw new CourierError('BAD_INPUT', `The custom header ${header.name} is given twice.`, 'Give each header once.');
    seen.add(name);
  }
}

/** The partner as it will be stored: `input` checked against its station and the catalog. */
export function partnerFrom(input: PartnerInput, station: As2Station, certificates: CertificateService, identity: { id: string; createdAt: string }, now: Date): As2Partner {
  if (input.as2Id === station.as2Id) {
    throw new CourierError('BAD_INPUT', `The partner's AS2 ID ${quoteAs2Id(input.as2Id)} is the AS2 ID of our station ${station.name}.`, "Enter the AS2 ID the partner gave you; ours is what they enter on their side.");
  }
  checkCertificate(certificates, input.encryptionCertificateId, 'encryption');
  checkCertificate(certificates, input.signatureCertificateId, 'signature');
  if (input.environment !== station.environment) {
    throw new CourierError(
      'BAD_INPUT',
      `The partner is a ${input.environment} partner and station ${station.name} is a ${station.environment} station.`,
      `Test and production use separate AS2 IDs: choose a ${input.environment} station, or set the partner's environment to ${station.environment}.`,
    );
  }
  if (input.mdn.mode === 'async' && input.mdn.asyncUrl === null && station.publicUrl === null) {
    throw new CourierError('BAD_INPUT', `An asynchronous MDN needs a URL to arrive at, and station ${station.name} has no public URL.`, "Give the MDN URL (--async-url), or set the station's public URL (--url).");
  }
  checkHeaders(input.headers);
  return {
    id: identity.id,
    as2Id: input.as2Id,
    name: input.name ?? input.as2Id,
    stationId: station.id,
    url: input.url,
    environment: input.environment,
    encryptionCertificateId: input.encryptionCertificateId,
    signatureCertificateId: input.signatureCertificateId,
    tlsScope: as2TlsScope(input.as2Id),
    security: input.security,
    mdn: input.mdn,
    interop: input.interop,
    headers: input.headers,
    sendTimeoutSeconds: input.sendTimeoutSeconds,
    pauseIncoming: input.pauseIncoming,
    pauseOutgoing: input.pauseOutgoing,
    createdAt: identity.createdAt,
    updatedAt: now.toISOString(),
  };
}
