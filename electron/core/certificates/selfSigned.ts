// A self-signed certificate for one of our keys (RFC 5280): what a partner who accepts self-signed AS2
// certificates needs, made without a CA. Serial from 16 random bytes, validity from now, the profile's
// extensions, signed with the key itself.
import { randomBytes, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, Extensions, SubjectPublicKeyInfo, TBSCertificate, Validity, Version, type GeneralName, type Name } from '@peculiar/asn1-x509';
import type { KeyAlgorithm } from '../../../shared/ipc';
import { DAY_MS } from './expiry';
import { selfSignedExtensions, signatureSchemeFor, signDer, subjectExtensions, type Usage } from './certificateProfile';

export interface SelfSignedRequest {
  subject: Name;
  sans: readonly GeneralName[];
  usage: Usage;
  days: number;
  algorithm: KeyAlgorithm;
  /** DER SubjectPublicKeyInfo of the key pair. */
  spki: Uint8Array;
  privateKey: KeyObject;
  now?: Date;
}

/** RFC 5280 §4.1.2.2: positive, at most 20 octets; 16 random bytes with the top bit clear and the next set (minimal DER). */
export function randomSerialNumber(): ArrayBuffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return new Uint8Array(serial).buffer;
}

/** DER of the new certificate. */
export function createSelfSigned(request: SelfSignedRequest): Buffer {
  const now = request.now ?? new Date();
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const spki = AsnConvert.parse(request.spki, SubjectPublicKeyInfo);
  const scheme = signatureSchemeFor(request.algorithm);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: randomSerialNumber(),
    signature: scheme.identifier,
    issuer: request.subject,
    validity: new Validity({ notBefore, notAfter: new Date(notBefore.getTime() + request.days * DAY_MS) }),
    subject: request.subject,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([...selfSignedExtensions(spki), ...subjectExtensions(request.usage, request.sans)]),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const certificate = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: scheme.identifier, signatureValue: signDer(scheme, tbsDer, request.privateKey) });
  return Buffer.from(AsnConvert.serialize(certificate));
}
