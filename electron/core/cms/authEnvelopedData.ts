// Why this file exists: CMS AuthEnvelopedData (RFC 5083) encrypts and authenticates in one step with AES-GCM or
// AES-CCM (RFC 5084): the content key reaches each recipient as in EnvelopedData, the tag travels as the
// MessageAuthenticationCode, and optional authenticated attributes are bound in as additional authenticated data.
// @peculiar has no schema for it, so the structure is read and written with asn1js here.
import * as asn1js from 'asn1js';
import { Attribute, EncryptedContent, EncryptedContentInfo, RecipientInfos } from '@peculiar/asn1-cms';
import { AsnConvert, AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { X509Certificate } from 'node:crypto';
import {
  authAlgorithmIdentifier,
  authKeyLengthRule,
  newAuthContentEncryption,
  openContent,
  readAuthContentAlgorithm,
  sealContent,
  type AuthCipherName,
} from './authenticatedCiphers';
import { fromBerTree, octetStringValue, readBerTree } from './berDecoding';
import { CmsError } from './cmsError';
import { readContentInfo, writeContentInfo } from './contentInfo';
import { keyTransRecipientInfos, recoverContentKey, type KeyTransRecipient, type RecipientIdentity } from './keyTransRecipients';
import { oidAuthEnvelopedData, oidContentType, oidData } from './oids';
import type { KeyTransport } from './rsaKeyTransport';

export interface AuthEncryptOptions {
  recipients: readonly KeyTransRecipient[];
  cipher: AuthCipherName;
  /** aes-ICVlen in bytes; default 16 (GCM allows 12…16, CCM 4…16 even). */
  tagLength?: number;
  /** The type of the encrypted content; default id-data. */
  contentType?: string;
  /**
   * Authenticate a content-type attribute (authAttrs, RFC 5083 §2.1). Always on when the content type is not id-data,
   * where RFC 5083 requires authAttrs; default off for id-data, which is what most S/MIME agents send.
   */
  authenticatedAttributes?: boolean;
}

export interface DecryptedAuthEnvelope {
  content: Buffer;
  /** OID of the encrypted content (id-data for AS2). */
  contentType: string;
  contentCipher: AuthCipherName;
  /** Bytes of the MessageAuthenticationCode. */
  tagLength: number;
  keyTransport: KeyTransport;
  recipient: X509Certificate;
  /** The authenticated attributes, all covered by the tag; empty when the message has none. */
  authenticatedAttributes: Attribute[];
}

const contextTag = (tagNumber: number, value: asn1js.AsnType[]): asn1js.Constructed =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });

/** AuthAttributes as [1] IMPLICIT SET, its elements in DER order (X.690 §11.6). */
function authAttributesNode(contentType: string): asn1js.Constructed {
  const attributes = [new Attribute({ attrType: oidContentType, attrValues: [new asn1js.ObjectIdentifier({ value: contentType }).toBER(false)] })];
  const encoded = attributes.map((a) => Buffer.from(AsnConvert.serialize(a))).sort(Buffer.compare);
  return contextTag(1, encoded.map((der) => asn1js.fromBER(der).result));
}

/** RFC 5083 §2.2: the AAD is the DER of authAttrs with the EXPLICIT SET OF tag in place of [1] IMPLICIT. */
function additionalData(authAttrs: Uint8Array): Buffer {
  const aad = Buffer.from(authAttrs);
  aad[0] = 0x31;
  return aad;
}

/** AuthEnvelopedData as DER ContentInfo, encrypted and authenticated for every recipient. */
export function encryptAuthEnvelopedData(content: Uint8Array, options: AuthEncryptOptions): Uint8Array {
  const contentType = options.contentType ?? oidData;
  const { algorithm, key } = newAuthContentEncryption(options.cipher, options.tagLength ?? 16);
  try {
    const recipientInfos = keyTransRecipientInfos(options.recipients, key);
    const authAttrs = options.authenticatedAttributes || contentType !== oidData ? authAttributesNode(contentType) : undefined;
    const aad = authAttrs ? additionalData(new Uint8Array(authAttrs.toBER(false))) : new Uint8Array(0);
    const { ciphertext, tag } = sealContent(algorithm, key, content, aad);
    const encryptedContentInfo = new EncryptedContentInfo({
      contentType,
      contentEncryptionAlgorithm: authAlgorithmIdentifier(algorithm),
      encryptedContent: new EncryptedContent({ value: new OctetString(ciphertext) }),
    });
    const fields: asn1js.AsnType[] = [
      new asn1js.Integer({ value: 0 }),
      AsnSerializer.toASN(recipientInfos) as asn1js.AsnType,
      AsnSerializer.toASN(encryptedContentInfo) as asn1js.AsnType,
      ...(authAttrs ? [authAttrs] : []),
      new asn1js.OctetString({ valueHex: tag }),
    ];
    return writeContentInfo(oidAuthEnvelopedData, new asn1js.Sequence({ value: fields }));
  } finally {
    key.fill(0);
  }
}

function childrenOf(node: asn1js.AsnType): asn1js.AsnType[] {
  const value = (node.valueBlock as { value?: asn1js.AsnType[] }).value ?? [];
  return value.filter((child) => !(child instanceof asn1js.EndOfContent));
}

const isContext = (node: asn1js.AsnType | undefined, tag: number): boolean => node?.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag;
const isUniversal = (node: asn1js.AsnType | undefined, tag: number): boolean => node?.idBlock.tagClass === 1 && node.idBlock.tagNumber === tag;

interface ParsedAuthEnvelope {
  recipientInfos: RecipientInfos;
  contentType: string;
  algorithm: AlgorithmIdentifier;
  ciphertext: Uint8Array;
  authAttrs: asn1js.AsnType | undefined;
  mac: Uint8Array;
}

/** AuthEnvelopedData ::= SEQUENCE { version, [0] originatorInfo OPTIONAL, recipientInfos, authEncryptedContentInfo, [1] authAttrs OPTIONAL, mac, [2] unauthAttrs OPTIONAL }. */
function parseAuthEnvelopedData(node: asn1js.AsnType): ParsedAuthEnvelope {
  const what = 'The AuthEnvelopedData';
  if (!isUniversal(node, 16)) throw new CmsError('malformed', `${what} is not a SEQUENCE`);
  const fields = childrenOf(node);
  let at = 0;
  const version = fields[at++];
  if (!isUniversal(version, 2) || (version as asn1js.Integer).valueBlock.valueDec !== 0) {
    throw new CmsError('malformed', `${what} version is not 0 (RFC 5083 §2.1)`);
  }
  if (isContext(fields[at], 0)) at++; // originatorInfo: certificates for key agreement, which Courier does not use
  const recipients = fields[at++];
  const info = fields[at++];
  const authAttrs = isContext(fields[at], 1) ? fields[at++] : undefined;
  const mac = fields[at++];
  if (isContext(fields[at], 2)) at++;
  if (!isUniversal(recipients, 17) || !isUniversal(info, 16) || !isUniversal(mac, 4) || at !== fields.length) {
    throw new CmsError('malformed', `${what} does not have the structure RFC 5083 §2.1 defines`);
  }
  const [contentType, algorithm, encrypted, ...rest] = childrenOf(info!);
  if (!isUniversal(contentType, 6) || !isUniversal(algorithm, 16) || rest.length > 0) {
    throw new CmsError('malformed', `${what} authEncryptedContentInfo is not an EncryptedContentInfo`);
  }
  if (!isContext(encrypted, 0)) {
    throw new CmsError('malformed', `${what} carries no encrypted content (detached encrypted content is not supported)`);
  }
  return {
    recipientInfos: fromBerTree(recipients!, RecipientInfos, `${what} recipientInfos`),
    contentType: (contentType as asn1js.ObjectIdentifier).getValue(),
    algorithm: fromBerTree(algorithm!, AlgorithmIdentifier, `${what} content-encryption algorithm`),
    ciphertext: octetStringValue(encrypted!, 'The encrypted content'),
    authAttrs,
    mac: octetStringValue(mac!, 'The message authentication code'),
  };
}

/** The attributes, and a check that a content-type attribute (when present) names the encrypted content's type. */
function readAuthAttributes(node: asn1js.AsnType, contentType: string): Attribute[] {
  const attributes = childrenOf(node).map((child) => fromBerTree(child, Attribute, 'An authenticated attribute'));
  for (const attribute of attributes.filter((a) => a.attrType === oidContentType)) {
    const values = attribute.attrValues.map((v) => readBerTree(v, 'The content-type attribute'));
    if (values.length !== 1 || !isUniversal(values[0], 6) || (values[0] as asn1js.ObjectIdentifier).getValue() !== contentType) {
      throw new CmsError('malformed', 'The content-type authenticated attribute does not name the encrypted content type');
    }
  }
  return attributes;
}

/** Decrypts and authenticates a DER/BER ContentInfo holding AuthEnvelopedData with whichever of `identities` it names. */
export function decryptAuthEnvelopedData(message: Uint8Array, identities: readonly RecipientIdentity[]): DecryptedAuthEnvelope {
  const parsed = parseAuthEnvelopedData(readContentInfo(message, oidAuthEnvelopedData, 'The encrypted message'));
  const algorithm = readAuthContentAlgorithm(parsed.algorithm);
  const authenticatedAttributes = parsed.authAttrs ? readAuthAttributes(parsed.authAttrs, parsed.contentType) : [];
  const recovered = recoverContentKey(parsed.recipientInfos, identities, authKeyLengthRule(algorithm));
  try {
    // The AAD is the attributes exactly as received (RFC 5083 requires DER), re-tagged as a SET.
    const aad = parsed.authAttrs ? additionalData(parsed.authAttrs.valueBeforeDecodeView) : new Uint8Array(0);
    return {
      content: openContent(algorithm, recovered.key, parsed.ciphertext, parsed.mac, aad),
      contentType: parsed.contentType,
      contentCipher: algorithm.cipher,
      tagLength: algorithm.tagLength,
      keyTransport: recovered.transport,
      recipient: recovered.recipient,
      authenticatedAttributes,
    };
  } finally {
    recovered.key.fill(0);
  }
}
