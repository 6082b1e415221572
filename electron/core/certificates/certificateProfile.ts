// What our own certificates and CSRs say about their key: the key usage and extended key usage its purpose
// calls for (unless the user chooses), the SAN, key identifiers, and the signature algorithm its type uses
// (RSA: PKCS#1 v1.5 with SHA-256; EC: ECDSA with SHA-256 on P-256, SHA-384 on P-384). Signing happens here with
// the key as a Node KeyObject; it never leaves the main process.
import { createHash, sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  Extension,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_clientAuth,
  id_kp_codeSigning,
  id_kp_emailProtection,
  id_kp_OCSPSigning,
  id_kp_serverAuth,
  id_kp_timeStamping,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  type GeneralName,
  type SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import type { ExtendedKeyUsageName, KeyAlgorithm, KeyPurpose, KeyUsageName } from '../../../shared/ipc';
import { CourierError } from '../errors';

const EKU_OIDS: Record<ExtendedKeyUsageName, string> = {
  serverAuth: id_kp_serverAuth,
  clientAuth: id_kp_clientAuth,
  codeSigning: id_kp_codeSigning,
  emailProtection: id_kp_emailProtection,
  timeStamping: id_kp_timeStamping,
  OCSPSigning: id_kp_OCSPSigning,
};

const RSA_ONLY: readonly KeyUsageName[] = ['keyEncipherment', 'dataEncipherment'];
const EC_ONLY: readonly KeyUsageName[] = ['keyAgreement', 'encipherOnly', 'decipherOnly'];
const CA_ONLY: readonly KeyUsageName[] = ['keyCertSign', 'cRLSign'];

export interface Usage {
  keyUsage: KeyUsageName[];
  extendedKeyUsage: ExtendedKeyUsageName[];
}

function defaultUsage(purpose: KeyPurpose, algorithm: KeyAlgorithm): Usage {
  if (purpose === 'tls-client') return { keyUsage: ['digitalSignature'], extendedKeyUsage: ['clientAuth'] };
  if (purpose.endsWith('-encryption')) {
    return { keyUsage: algorithm.type === 'rsa' ? ['keyEncipherment', 'dataEncipherment'] : ['keyAgreement'], extendedKeyUsage: [] };
  }
  return { keyUsage: ['digitalSignature', 'nonRepudiation'], extendedKeyUsage: [] };
}

/** The usage asked for, or the purpose's default; refuses bits the key type cannot honour (RFC 5280 §4.2.1.3). */
export function usageFor(purpose: KeyPurpose, algorithm: KeyAlgorithm, requested: Partial<Usage>): Usage {
  const defaults = defaultUsage(purpose, algorithm);
  const keyUsage = [...new Set(requested.keyUsage ?? defaults.keyUsage)];
  const extendedKeyUsage = [...new Set(requested.extendedKeyUsage ?? defaults.extendedKeyUsage)];
  const impossible = algorithm.type === 'rsa' ? EC_ONLY : RSA_ONLY;
  const wrong = keyUsage.find((usage) => impossible.includes(usage) || CA_ONLY.includes(usage));
  if (wrong) {
    const why = CA_ONLY.includes(wrong) ? 'it is for CA certificates, and this is an end-entity certificate' : `an ${algorithm.type.toUpperCase()} key cannot do that`;
    throw new CourierError('BAD_INPUT', `The key usage ${wrong} does not fit: ${why}.`, algorithm.type === 'rsa' ? 'RSA keys sign (digitalSignature, nonRepudiation) and encrypt (keyEncipherment, dataEncipherment).' : 'EC keys sign (digitalSignature, nonRepudiation) and agree keys (keyAgreement).');
  }
  return { keyUsage, extendedKeyUsage };
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's value. */
export function keyIdentifierOf(spki: SubjectPublicKeyInfo): Buffer {
  return createHash('sha1').update(new Uint8Array(spki.subjectPublicKey)).digest();
}

/** What the key is for and what it is called: the extensions a CSR requests and a certificate carries. */
export function subjectExtensions(usage: Usage, sans: readonly GeneralName[], subjectIsEmpty = false): Extension[] {
  const flags = usage.keyUsage.reduce((bits, name) => bits | KeyUsageFlags[name], 0);
  const extensions = [extension(id_ce_keyUsage, true, new KeyUsage(flags))];
  if (usage.extendedKeyUsage.length > 0) extensions.push(extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage(usage.extendedKeyUsage.map((name) => EKU_OIDS[name]))));
  if (sans.length > 0) extensions.push(extension(id_ce_subjectAltName, subjectIsEmpty, new SubjectAlternativeName([...sans])));
  return extensions;
}

/** A self-signed end-entity certificate also says it is no CA and names its own key as issuer key. */
export function selfSignedExtensions(spki: SubjectPublicKeyInfo): Extension[] {
  const keyId = keyIdentifierOf(spki);
  return [
    extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: false })),
    extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(new Uint8Array(keyId))),
    extension(id_ce_authorityKeyIdentifier, false, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(new Uint8Array(keyId)) })),
  ];
}

export interface SignatureScheme {
  identifier: AlgorithmIdentifier;
  hash: 'sha256' | 'sha384';
}

export function signatureSchemeFor(algorithm: KeyAlgorithm): SignatureScheme {
  if (algorithm.type === 'rsa') {
    return { identifier: new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: new Uint8Array([0x05, 0x00]).buffer }), hash: 'sha256' };
  }
  return algorithm.curve === 'P-384'
    ? { identifier: new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.3' }), hash: 'sha384' }
    : { identifier: new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' }), hash: 'sha256' };
}

/** The signature over DER `data` (RSA PKCS#1 v1.5, or ECDSA as the DER SEQUENCE X.509 expects). */
export function signDer(scheme: SignatureScheme, data: Uint8Array, privateKey: KeyObject): ArrayBuffer {
  return new Uint8Array(sign(scheme.hash, data, privateKey)).buffer;
}
