// Why this file exists: AS2 and S/MIME encrypt with CMS EnvelopedData (RFC 5652 §6): a random content key encrypts
// the content, and each recipient gets that key under their RSA certificate (KeyTransRecipientInfo). This composes
// the steps — content cipher, key transport, recipient identifiers — into encrypt and decrypt.
import type { KeyObject, X509Certificate } from 'node:crypto';
import {
  CMSVersion,
  EncryptedContent,
  EncryptedContentInfo,
  EnvelopedData,
  KeyTransRecipientInfo,
  RecipientIdentifier,
  RecipientInfo,
  RecipientInfos,
} from '@peculiar/asn1-cms';
import { AsnConvert, AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import { CourierError } from '../errors';
import { fromBerTree } from './berDecoding';
import { describeIdentifier, identifierFor, identifies, type IdentifierForm } from './certificateIdentity';
import { CipherPaddingError } from './ciphers/blockCipher';
import type { Cast5ParameterForm } from './cipherParameters';
import { CmsError } from './cmsError';
import {
  blockSizeOf,
  contentAlgorithmIdentifier,
  contentAlgorithmName,
  createContentDecryptor,
  createContentEncryptor,
  keyLengthRule,
  newContentEncryption,
  readContentAlgorithm,
  type ContentCipherName,
} from './contentCiphers';
import { readContentInfo, writeContentInfo } from './contentInfo';
import { oidData, oidEnvelopedData } from './oids';
import { decryptContentKey, encryptContentKey, keyTransportAlgorithmIdentifier, readKeyTransport, type KeyTransport } from './rsaKeyTransport';

export interface EnvelopeRecipient {
  certificate: X509Certificate;
  /** Default: RSA PKCS#1 v1.5, what most AS2 partners expect. */
  keyTransport?: KeyTransport;
  /** Default: issuerAndSerialNumber (KeyTransRecipientInfo version 0). */
  identifier?: IdentifierForm;
}

export interface EncryptOptions {
  recipients: readonly EnvelopeRecipient[];
  cipher: ContentCipherName;
  /** The type of the encrypted content; default id-data. */
  contentType?: string;
  /**
   * CAST5-CBC parameter syntax: 'rfc2984' (default; Bouncy Castle, Mendelson) or 'iv' for OpenSSL-based partners,
   * which cannot read RFC 2984's SEQUENCE (and BC cannot read the bare IV).
   */
  cast5Parameters?: Cast5ParameterForm;
}

/** One of our certificates and its private key. */
export interface DecryptionIdentity {
  certificate: X509Certificate;
  privateKey: KeyObject;
}

export interface DecryptedEnvelope {
  content: Buffer;
  /** OID of the encrypted content (id-data for AS2). */
  contentType: string;
  /** e.g. aes-256-cbc, des-ede3-cbc, rc2-40-cbc. */
  contentCipher: string;
  keyTransport: KeyTransport;
  /** The identity whose certificate the message named. */
  recipient: X509Certificate;
}

function concat(a: Uint8Array, b: Uint8Array): Buffer {
  return Buffer.concat([a, b]);
}

/** EnvelopedData as DER ContentInfo, encrypted to every recipient. */
export function encryptEnvelopedData(content: Uint8Array, options: EncryptOptions): Uint8Array {
  if (options.recipients.length === 0) {
    throw new CourierError('BAD_INPUT', 'Encryption needs at least one recipient certificate', 'Add the partner\'s encryption certificate.');
  }
  const { algorithm, key } = newContentEncryption(options.cipher, options.cast5Parameters);
  try {
    const infos = options.recipients.map((recipient) => {
      const form = recipient.identifier ?? 'issuerAndSerialNumber';
      const transport = recipient.keyTransport ?? { scheme: 'rsa-pkcs1v15' };
      return new RecipientInfo({
        ktri: new KeyTransRecipientInfo({
          version: form === 'subjectKeyIdentifier' ? CMSVersion.v2 : CMSVersion.v0,
          rid: new RecipientIdentifier(identifierFor(recipient.certificate, form)),
          keyEncryptionAlgorithm: keyTransportAlgorithmIdentifier(transport),
          encryptedKey: new OctetString(encryptContentKey(recipient.certificate.publicKey, key, transport)),
        }),
      });
    });
    // DER orders a SET OF by the encodings of its elements.
    const sorted = infos
      .map((info) => ({ info, der: Buffer.from(AsnConvert.serialize(info)) }))
      .sort((a, b) => Buffer.compare(a.der, b.der))
      .map((entry) => entry.info);
    const encryptor = createContentEncryptor(algorithm, key);
    const ciphertext = concat(encryptor.update(content), encryptor.final());
    const enveloped = new EnvelopedData({
      version: infos.some((info) => info.ktri?.version === CMSVersion.v2) ? CMSVersion.v2 : CMSVersion.v0,
      recipientInfos: new RecipientInfos(sorted),
      encryptedContentInfo: new EncryptedContentInfo({
        contentType: options.contentType ?? oidData,
        contentEncryptionAlgorithm: contentAlgorithmIdentifier(algorithm),
        encryptedContent: new EncryptedContent({ value: new OctetString(ciphertext) }),
      }),
    });
    return writeContentInfo(oidEnvelopedData, AsnSerializer.toASN(enveloped));
  } finally {
    key.fill(0);
  }
}

function encryptedContentOf(info: EncryptedContentInfo): Uint8Array {
  const encrypted = info.encryptedContent;
  if (encrypted?.value) return new Uint8Array(encrypted.value.buffer);
  if (encrypted?.constructedValue) return Buffer.concat(encrypted.constructedValue.map((chunk) => new Uint8Array(chunk.buffer)));
  throw new CmsError('malformed', 'The EnvelopedData carries no encrypted content (detached encrypted content is not supported)');
}

function noMatch(enveloped: EnvelopedData): CmsError {
  const named = enveloped.recipientInfos.flatMap((info) => (info.ktri ? [describeIdentifier(info.ktri.rid)] : []));
  const others = enveloped.recipientInfos.length - named.length;
  const list = named.length > 0 ? `; it names ${named.join(' and ')}` : '';
  const unsupported = others > 0 ? ` (${others} recipient(s) use key agreement, KEK or password forms Courier does not read)` : '';
  return new CmsError('no-matching-recipient', `Decryption failed: no recipient matches our certificate${list}${unsupported}`);
}

/** Decrypts a DER/BER ContentInfo holding EnvelopedData with whichever of `identities` it names. */
export function decryptEnvelopedData(message: Uint8Array, identities: readonly DecryptionIdentity[]): DecryptedEnvelope {
  const tree = readContentInfo(message, oidEnvelopedData, 'The encrypted message');
  const enveloped = fromBerTree(tree, EnvelopedData, 'The EnvelopedData');
  const algorithm = readContentAlgorithm(enveloped.encryptedContentInfo.contentEncryptionAlgorithm);
  const ciphertext = encryptedContentOf(enveloped.encryptedContentInfo);
  const blockSize = blockSizeOf(algorithm);
  if (ciphertext.length === 0 || ciphertext.length % blockSize !== 0) {
    throw new CmsError(
      'malformed',
      `The encrypted content is ${ciphertext.length} bytes, not a whole number of ${blockSize}-byte blocks: it is truncated`,
    );
  }
  let match: { identity: DecryptionIdentity; ktri: KeyTransRecipientInfo } | undefined;
  for (const identity of identities) {
    const ktri = enveloped.recipientInfos.find((info) => info.ktri && identifies(info.ktri.rid, identity.certificate))?.ktri;
    if (ktri) {
      match = { identity, ktri };
      break;
    }
  }
  if (!match) throw noMatch(enveloped);
  const transport = readKeyTransport(match.ktri.keyEncryptionAlgorithm);
  const key = decryptContentKey(match.identity.privateKey, new Uint8Array(match.ktri.encryptedKey.buffer), transport, keyLengthRule(algorithm));
  try {
    const decryptor = createContentDecryptor(algorithm, key);
    const content = concat(decryptor.update(ciphertext), decryptor.final());
    return {
      content,
      contentType: enveloped.encryptedContentInfo.contentType,
      contentCipher: contentAlgorithmName(algorithm),
      keyTransport: transport,
      recipient: match.identity.certificate,
    };
  } catch (error) {
    if (!(error instanceof CipherPaddingError)) throw error;
    throw new CmsError(
      'decryption-failed',
      'Decryption failed: the content could not be decrypted with our key (wrong key, or the message or its key-transport block is corrupted)',
    );
  } finally {
    key.fill(0);
  }
}
