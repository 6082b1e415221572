// Everything a person checks before trusting a certificate, read once from its DER: the TLS inspector's facts
// (names, key, signature, validity, SANs, SPKI hash) plus key usage, extended key usage and the SHA-1
// fingerprint partners still quote. Certificates a person could not read (megabytes of extensions, thousands
// of names) are refused here with a typed error rather than stored.
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  ExtendedKeyUsage,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_kp_clientAuth,
  id_kp_codeSigning,
  id_kp_emailProtection,
  id_kp_OCSPSigning,
  id_kp_serverAuth,
  id_kp_timeStamping,
  KeyUsage,
  KeyUsageFlags,
  anyExtendedKeyUsage,
} from '@peculiar/asn1-x509';
import type { CertificateSummary } from '../../../shared/ipc';
import { CourierError } from '../errors';
import { certificateFacts, type CertificateFacts } from '../tls/certificateFacts';

/** Real certificates are a few KiB; the largest public ones (hundreds of SANs) stay well under this. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
export const MAX_EXTENSIONS = 64;
export const MAX_SUBJECT_ALT_NAMES = 1000;

export interface CertificateDetails {
  der: Buffer;
  facts: CertificateFacts;
  summary: Omit<CertificateSummary, 'trustAnchor'>;
  keyUsage: string[];
  extendedKeyUsage: string[];
  sha1Fingerprint: string;
}

const EKU_NAMES: Record<string, string> = {
  [id_kp_serverAuth]: 'serverAuth',
  [id_kp_clientAuth]: 'clientAuth',
  [id_kp_codeSigning]: 'codeSigning',
  [id_kp_emailProtection]: 'emailProtection',
  [id_kp_timeStamping]: 'timeStamping',
  [id_kp_OCSPSigning]: 'OCSPSigning',
  [anyExtendedKeyUsage]: 'anyExtendedKeyUsage',
  '1.3.6.1.5.5.7.3.17': 'ipsecIKE',
};

/** `where` names the certificate in errors ("Certificate 2 in chain.p7b"). */
export function certificateDetails(der: Buffer, where: string): CertificateDetails {
  if (der.length > MAX_CERTIFICATE_BYTES) {
    throw new CourierError('BAD_INPUT', `${where} is ${der.length} bytes; Courier reads certificates of at most ${MAX_CERTIFICATE_BYTES}.`, 'Ask the issuer for an ordinary certificate; this one is too large to be genuine.');
  }
  let facts: CertificateFacts;
  let asn1: Certificate;
  try {
    facts = certificateFacts(der);
    asn1 = AsnConvert.parse(der, Certificate);
  } catch {
    throw new CourierError('BAD_INPUT', `${where} cannot be read as an X.509 certificate.`, 'Give the certificate as PEM or DER, or export it again.');
  }
  const extensions = asn1.tbsCertificate.extensions ?? [];
  if (extensions.length > MAX_EXTENSIONS) {
    throw new CourierError('BAD_INPUT', `${where} has ${extensions.length} extensions; Courier reads certificates with at most ${MAX_EXTENSIONS}.`, 'This is not an ordinary certificate; ask the issuer.');
  }
  if (facts.summary.sans.length > MAX_SUBJECT_ALT_NAMES) {
    throw new CourierError('BAD_INPUT', `${where} names ${facts.summary.sans.length} subject alternative names; Courier reads at most ${MAX_SUBJECT_ALT_NAMES}.`, 'This is not an ordinary certificate; ask the issuer.');
  }
  let keyUsage: string[];
  let extendedKeyUsage: string[];
  try {
    keyUsage = keyUsageOf(extensions.find((e) => e.extnID === id_ce_keyUsage)?.extnValue.buffer);
    const eku = extensions.find((e) => e.extnID === id_ce_extKeyUsage)?.extnValue.buffer;
    extendedKeyUsage = eku ? AsnConvert.parse(eku, ExtendedKeyUsage).map((oid) => EKU_NAMES[oid] ?? oid) : [];
  } catch {
    throw new CourierError('BAD_INPUT', `${where} has an unreadable key usage extension.`, 'Ask the issuer for a corrected certificate.');
  }
  const summary = facts.summary;
  return { der, facts, summary, keyUsage, extendedKeyUsage, sha1Fingerprint: facts.x509.fingerprint };
}

/** RFC 5280 §4.2.1.3 bit names, in bit order. */
function keyUsageOf(value: ArrayBuffer | undefined): string[] {
  if (!value) return [];
  const flags = AsnConvert.parse(value, KeyUsage).toNumber();
  return Object.entries(KeyUsageFlags)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && (flags & entry[1]) !== 0)
    .map(([name]) => name);
}
