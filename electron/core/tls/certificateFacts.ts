// What a person needs to judge one certificate of a chain (subject, key, signature, validity, names,
// fingerprints), read once from its DER. Node's X509Certificate does the checks; the ASN.1 schema gives the
// fields Node 20 does not expose (signature algorithm, exact dates, typed SANs).
import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, Certificate, GeneralName, id_ce_basicConstraints, id_ce_subjectAltName, SubjectAlternativeName, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { CertificateSummary } from '../../../shared/ipc';
import { spkiSha256 } from '../keys/publicKeyExports';
import { signatureAlgorithmOf, type SignatureAlgorithm } from './signatureAlgorithms';

export interface CertificateFacts {
  summary: Omit<CertificateSummary, 'trustAnchor'>;
  signature: SignatureAlgorithm;
  x509: X509Certificate;
}

/** Parses one DER certificate; throws if Node or the ASN.1 schema cannot read it. */
export function certificateFacts(der: Buffer): CertificateFacts {
  const x509 = new X509Certificate(der);
  const asn1 = AsnConvert.parse(der, Certificate);
  const tbs = asn1.tbsCertificate;
  const signature = signatureAlgorithmOf(asn1.signatureAlgorithm);
  const key = keyOf(x509, tbs.subjectPublicKeyInfo.algorithm.algorithm);
  return {
    x509,
    signature,
    summary: {
      subject: oneLineName(x509.subject),
      issuer: oneLineName(x509.issuer),
      serialNumber: x509.serialNumber.toUpperCase(),
      notBefore: tbs.validity.notBefore.getTime().toISOString(),
      notAfter: tbs.validity.notAfter.getTime().toISOString(),
      keyType: key.type,
      keyBits: key.bits,
      curve: key.curve,
      signatureAlgorithm: signature.name,
      sans: subjectAltNames(asn1),
      sha256Fingerprint: x509.fingerprint256,
      spkiSha256: hashSpki(tbs.subjectPublicKeyInfo),
      pem: x509.toString(),
      isCa: isCa(asn1),
      selfSigned: isSelfSigned(x509),
    },
  };
}

/** The same SPKI SHA-256 (lower-case hex) a Courier key carries, so a certificate, its key and a pin match. */
function hashSpki(spki: SubjectPublicKeyInfo): string {
  return spkiSha256(new Uint8Array(AsnConvert.serialize(spki)));
}

/** Node prints names one attribute per line, control characters escaped; one line reads better. */
function oneLineName(multiline: string): string {
  return multiline.split('\n').filter(Boolean).join(', ');
}

function keyOf(x509: X509Certificate, algorithmOid: string): { type: string; bits: number | null; curve: string | null } {
  let publicKey;
  try {
    publicKey = x509.publicKey;
  } catch {
    return { type: algorithmOid, bits: null, curve: null };
  }
  const type = publicKey.asymmetricKeyType ?? algorithmOid;
  const details = publicKey.asymmetricKeyDetails ?? {};
  if (details.modulusLength !== undefined) return { type, bits: details.modulusLength, curve: null };
  if (details.namedCurve !== undefined) return { type, bits: curveBits(details.namedCurve), curve: details.namedCurve };
  const edwards: Record<string, number> = { ed25519: 256, ed448: 456 };
  return { type, bits: edwards[type] ?? null, curve: null };
}

/** prime256v1 → 256, secp384r1 → 384, brainpoolP512r1 → 512. */
function curveBits(curve: string): number | null {
  const digits = /(\d{3})/.exec(curve);
  return digits ? Number(digits[1]) : null;
}

function subjectAltNames(certificate: Certificate): string[] {
  const extension = certificate.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_subjectAltName);
  if (!extension) return [];
  return AsnConvert.parse(extension.extnValue, SubjectAlternativeName).map(generalName);
}

function generalName(name: GeneralName): string {
  if (name.dNSName !== undefined) return `DNS:${name.dNSName}`;
  if (name.iPAddress !== undefined) return `IP:${name.iPAddress}`;
  if (name.rfc822Name !== undefined) return `email:${name.rfc822Name}`;
  if (name.uniformResourceIdentifier !== undefined) return `URI:${name.uniformResourceIdentifier}`;
  if (name.registeredID !== undefined) return `RID:${name.registeredID}`;
  if (name.directoryName !== undefined) return 'DirName';
  if (name.otherName !== undefined) return `othername:${name.otherName.typeId}`;
  return 'other';
}

function isCa(certificate: Certificate): boolean {
  const extension = certificate.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_basicConstraints);
  return extension ? AsnConvert.parse(extension.extnValue, BasicConstraints).cA : false;
}

/** Issued by itself and its signature verifies with its own key. */
/**
 * Issuer = subject and the signature verifies with the certificate's own key. Not OpenSSL's X509_check_issued,
 * which also demands keyCertSign and so calls a self-signed end-entity certificate (our own, a partner's AS2
 * certificate) "not self-signed".
 */
function isSelfSigned(x509: X509Certificate): boolean {
  try {
    return x509.issuer === x509.subject && x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}
