// Why this file exists: EnvelopedData and AuthEnvelopedData hand the content key to recipients the same way
// (RecipientInfos of KeyTransRecipientInfo, RFC 5652 §6.2.1, RFC 5083 §2.1); building that set in DER order and
// finding the entry one of our certificates can open lives here once.
import type { KeyObject, X509Certificate } from 'node:crypto';
import { CMSVersion, KeyTransRecipientInfo, RecipientIdentifier, RecipientInfo, RecipientInfos } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { CourierError } from '../errors';
import { describeIdentifier, identifierFor, identifies, type IdentifierForm } from './certificateIdentity';
import { CmsError } from './cmsError';
import type { KeyLengthRule } from './implicitRejection';
import { decryptContentKey, encryptContentKey, keyTransportAlgorithmIdentifier, readKeyTransport, type KeyTransport } from './rsaKeyTransport';

export interface KeyTransRecipient {
  certificate: X509Certificate;
  /** Default: RSA PKCS#1 v1.5, what most AS2 partners expect. */
  keyTransport?: KeyTransport;
  /** Default: issuerAndSerialNumber (KeyTransRecipientInfo version 0). */
  identifier?: IdentifierForm;
}

/** One of our certificates and its private key. */
export interface RecipientIdentity {
  certificate: X509Certificate;
  privateKey: KeyObject;
}

/** RecipientInfos carrying `contentKey` to every recipient, sorted as DER orders a SET OF. */
export function keyTransRecipientInfos(recipients: readonly KeyTransRecipient[], contentKey: Uint8Array): RecipientInfos {
  if (recipients.length === 0) {
    throw new CourierError('BAD_INPUT', 'Encryption needs at least one recipient certificate', "Add the partner's encryption certificate.");
  }
  const infos = recipients.map((recipient) => {
    const form = recipient.identifier ?? 'issuerAndSerialNumber';
    const transport = recipient.keyTransport ?? { scheme: 'rsa-pkcs1v15' };
    return new RecipientInfo({
      ktri: new KeyTransRecipientInfo({
        version: form === 'subjectKeyIdentifier' ? CMSVersion.v2 : CMSVersion.v0,
        rid: new RecipientIdentifier(identifierFor(recipient.certificate, form)),
        keyEncryptionAlgorithm: keyTransportAlgorithmIdentifier(transport),
        encryptedKey: new OctetString(encryptContentKey(recipient.certificate.publicKey, contentKey, transport)),
      }),
    });
  });
  const sorted = infos
    .map((info) => ({ info, der: Buffer.from(AsnConvert.serialize(info)) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((entry) => entry.info);
  return new RecipientInfos(sorted);
}

function noMatch(infos: RecipientInfos): CmsError {
  const named = infos.flatMap((info) => (info.ktri ? [describeIdentifier(info.ktri.rid)] : []));
  const others = infos.length - named.length;
  const list = named.length > 0 ? `; it names ${named.join(' and ')}` : '';
  const unsupported = others > 0 ? ` (${others} recipient(s) use key agreement, KEK or password forms Courier does not read)` : '';
  return new CmsError('no-matching-recipient', `Decryption failed: no recipient matches our certificate${list}${unsupported}`);
}

export interface RecoveredContentKey {
  key: Uint8Array;
  transport: KeyTransport;
  recipient: X509Certificate;
}

/**
 * The content key from the first KeyTransRecipientInfo naming one of `identities`. With PKCS#1 v1.5 a damaged block
 * yields a pseudo-random key (implicit rejection), so the failure shows only when the content does not decrypt.
 */
export function recoverContentKey(infos: RecipientInfos, identities: readonly RecipientIdentity[], rule: KeyLengthRule): RecoveredContentKey {
  for (const identity of identities) {
    const ktri = infos.find((info) => info.ktri && identifies(info.ktri.rid, identity.certificate))?.ktri;
    if (!ktri) continue;
    const transport = readKeyTransport(ktri.keyEncryptionAlgorithm);
    const key = decryptContentKey(identity.privateKey, new Uint8Array(ktri.encryptedKey.buffer), transport, rule);
    return { key, transport, recipient: identity.certificate };
  }
  throw noMatch(infos);
}
