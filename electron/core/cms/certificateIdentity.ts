// Why this file exists: CMS names a recipient or a signer by issuer and serial number or by subject key identifier
// (RFC 5652 §5.3, §6.2.1); this is the one place that derives those from a certificate and matches them.
import type { X509Certificate } from 'node:crypto';
import { IssuerAndSerialNumber } from '@peculiar/asn1-cms';
import { AsnConvert, type OctetString } from '@peculiar/asn1-schema';
import { Certificate, Name, SubjectKeyIdentifier } from '@peculiar/asn1-x509';
import { CourierError } from '../errors';
import { oidSubjectKeyIdentifier } from './oids';

export type IdentifierForm = 'issuerAndSerialNumber' | 'subjectKeyIdentifier';

/** The RecipientIdentifier / SignerIdentifier CHOICE as the @peculiar schemas model it. */
export interface CmsIdentifier {
  issuerAndSerialNumber?: IssuerAndSerialNumber;
  subjectKeyIdentifier?: OctetString;
}

interface CertificateNames {
  issuer: Name;
  issuerDer: Buffer;
  serial: Buffer;
  subjectKeyIdentifier: Buffer | undefined;
}

const namesCache = new WeakMap<X509Certificate, CertificateNames>();

function namesOf(certificate: X509Certificate): CertificateNames {
  const cached = namesCache.get(certificate);
  if (cached) return cached;
  const tbs = AsnConvert.parse(certificate.raw, Certificate).tbsCertificate;
  const ski = tbs.extensions?.find((e) => e.extnID === oidSubjectKeyIdentifier);
  const names: CertificateNames = {
    issuer: tbs.issuer,
    issuerDer: Buffer.from(AsnConvert.serialize(tbs.issuer)),
    serial: Buffer.from(tbs.serialNumber),
    subjectKeyIdentifier: ski
      ? Buffer.from(AsnConvert.parse(ski.extnValue.buffer, SubjectKeyIdentifier).buffer)
      : undefined,
  };
  namesCache.set(certificate, names);
  return names;
}

/** The identifier to put in a KeyTransRecipientInfo or SignerInfo for `certificate`. */
export function identifierFor(certificate: X509Certificate, form: IdentifierForm): CmsIdentifier {
  const names = namesOf(certificate);
  if (form === 'issuerAndSerialNumber') {
    return {
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: names.issuer,
        serialNumber: Uint8Array.from(names.serial).buffer,
      }),
    };
  }
  if (!names.subjectKeyIdentifier) {
    throw new CourierError(
      'BAD_INPUT',
      `The certificate "${certificate.subject.replace(/\n/g, ', ')}" has no subject key identifier extension`,
      'Identify this certificate by issuer and serial number instead.',
    );
  }
  return { subjectKeyIdentifier: new SubjectKeyIdentifier(Uint8Array.from(names.subjectKeyIdentifier)) };
}

/** INTEGER contents compared as numbers: a non-minimal leading 0x00 does not make two serials differ. */
function sameSerial(a: Uint8Array, b: Uint8Array): boolean {
  const strip = (x: Uint8Array): Buffer => {
    let i = 0;
    while (i < x.length - 1 && x[i] === 0) i++;
    return Buffer.from(x.subarray(i));
  };
  return strip(a).equals(strip(b));
}

/** Does `id` (from a message) name `certificate`? A certificate the schema cannot read names nothing. */
export function identifies(id: CmsIdentifier, certificate: X509Certificate): boolean {
  let names: CertificateNames;
  try {
    names = namesOf(certificate);
  } catch {
    return false;
  }
  if (id.subjectKeyIdentifier) {
    return names.subjectKeyIdentifier !== undefined && names.subjectKeyIdentifier.equals(Buffer.from(id.subjectKeyIdentifier.buffer));
  }
  const ias = id.issuerAndSerialNumber;
  if (!ias || !sameSerial(new Uint8Array(ias.serialNumber), names.serial)) return false;
  try {
    return Buffer.from(AsnConvert.serialize(ias.issuer)).equals(names.issuerDer);
  } catch {
    return false; // a name the schema parsed but cannot encode again (hostile strings) names no certificate of ours
  }
}

const shortNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '1.2.840.113549.1.9.1': 'E',
};

/** A one-line, public description of an identifier for error messages ("issuer CN=x, O=y, serial 0A1B"). */
export function describeIdentifier(id: CmsIdentifier): string {
  if (id.subjectKeyIdentifier) return `subject key identifier ${Buffer.from(id.subjectKeyIdentifier.buffer).toString('hex')}`;
  const ias = id.issuerAndSerialNumber;
  if (!ias) return 'an unknown identifier';
  const serial = Buffer.from(ias.serialNumber).toString('hex').toUpperCase();
  try {
    const issuer = ias.issuer
      .flatMap((rdn) => rdn.map((atv) => `${shortNames[atv.type] ?? atv.type}=${atv.value.toString()}`))
      .join(', ');
    return `issuer "${issuer}", serial ${serial}`;
  } catch {
    return `an unreadable issuer, serial ${serial}`;
  }
}
