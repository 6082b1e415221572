// A PKCS#10 certificate signing request (RFC 2986) for one of our keys: subject, public key, and the
// extensions we ask the CA for (key usage, extended key usage, SAN) in an extensionRequest attribute
// (RFC 2985 §5.4.2), signed with the key to prove we hold it. The CA's answer comes back through certs.attach.
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Extensions, type GeneralName, type Name } from '@peculiar/asn1-x509';
import type { KeyAlgorithm } from '../../../shared/ipc';
import { signatureSchemeFor, signDer, subjectExtensions, type Usage } from './certificateProfile';

const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

export interface CsrRequest {
  subject: Name;
  sans: readonly GeneralName[];
  usage: Usage;
  algorithm: KeyAlgorithm;
  spki: Uint8Array;
  privateKey: KeyObject;
}

function parsed(der: ArrayBuffer | Uint8Array): asn1js.AsnType {
  return asn1js.fromBER(der).result;
}

/** DER of the CertificationRequest. */
export function createCsr(request: CsrRequest): Buffer {
  const scheme = signatureSchemeFor(request.algorithm);
  const extensionRequest = new asn1js.Sequence({
    value: [new asn1js.ObjectIdentifier({ value: OID_EXTENSION_REQUEST }), new asn1js.Set({ value: [parsed(AsnConvert.serialize(new Extensions(subjectExtensions(request.usage, request.sans))))] })],
  });
  const info = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      parsed(AsnConvert.serialize(request.subject)),
      parsed(request.spki),
      // attributes [0] IMPLICIT SET OF Attribute
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [extensionRequest] }),
    ],
  });
  const infoDer = new Uint8Array(info.toBER(false));
  const certificationRequest = new asn1js.Sequence({
    value: [parsed(infoDer), parsed(AsnConvert.serialize(scheme.identifier)), new asn1js.BitString({ valueHex: signDer(scheme, infoDer, request.privateKey) })],
  });
  return Buffer.from(certificationRequest.toBER(false));
}

/** RFC 7468 §7 textual form, as CAs take it. */
export function csrPem(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE REQUEST-----', ...lines, '-----END CERTIFICATE REQUEST-----', ''].join('\n');
}
