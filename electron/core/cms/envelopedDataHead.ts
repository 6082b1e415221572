// Why this file exists: the head of an EnvelopedData — everything before the encrypted content: content type,
// recipient infos, content-encryption algorithm — is small and must be read whole before any content can be
// decrypted. This reads it from the bytes received so far (asking for more when they end too soon), finds our
// recipient and recovers the content key, so the streaming decryption only has the content left to do.
import type { X509Certificate } from 'node:crypto';
import { RecipientInfos } from '@peculiar/asn1-cms';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { ObjectIdentifier } from 'asn1js';
import { decodeBer, readBerTree } from './berDecoding';
import { berElementEnd, CONTEXT, OBJECT_IDENTIFIER, readBerHeader, SEQUENCE, SET, UNIVERSAL, type BerHeader } from './berStreaming';
import type { IncrementalCipher } from './ciphers/blockCipher';
import { CmsError } from './cmsError';
import { blockSizeOf, contentAlgorithmName, createContentDecryptor, keyLengthRule, readContentAlgorithm } from './contentCiphers';
import { contentTypeName } from './contentInfo';
import { oidEnvelopedData } from './oids';
import { recoverContentKey, type RecipientIdentity } from './keyTransRecipients';
import type { KeyTransport } from './rsaKeyTransport';

/** One of our certificates and its private key. */
export type DecryptionIdentity = RecipientIdentity;

export interface EnvelopeDetails {
  /** OID of the encrypted content (id-data for AS2). */
  contentType: string;
  /** e.g. aes-256-cbc, des-ede3-cbc, rc2-40-cbc. */
  contentCipher: string;
  keyTransport: KeyTransport;
  /** The identity whose certificate the message named. */
  recipient: X509Certificate;
}

export const WHAT = 'The encrypted message';
/** Recipient infos and algorithm identifiers are small; originator certificates may add some. Beyond this is hostile. */
export const MAX_HEAD_BYTES = 1024 * 1024;

/** Thrown inside head parsing when the bytes so far end before the head does. */
export const NEED_MORE = Symbol('need more bytes');

/** An open constructed element: where it ends (absolute offset), or undefined for an indefinite length. */
export interface Frame {
  end: number | undefined;
}

export interface Head {
  frames: Frame[];
  details: EnvelopeDetails;
  cipher: IncrementalCipher;
  blockSize: number;
  /** The encryptedContent's own header, at `contentStart`. */
  content: BerHeader;
  contentStart: number;
}

function header(bytes: Buffer, at: number): BerHeader {
  const found = readBerHeader(bytes, at, WHAT);
  if (!found) throw NEED_MORE;
  return found;
}

function element(bytes: Buffer, at: number): Buffer {
  const end = berElementEnd(bytes, at, WHAT);
  if (end === undefined) throw NEED_MORE;
  return bytes.subarray(at, end);
}

export function is(h: BerHeader, tagClass: number, tagNumber: number, constructed: boolean): boolean {
  return h.tagClass === tagClass && h.tagNumber === tagNumber && h.constructed === constructed;
}

function objectIdentifier(bytes: Buffer, what: string): string {
  const tree = readBerTree(bytes, what);
  if (!(tree instanceof ObjectIdentifier)) throw new CmsError('malformed', `${what} is not an OBJECT IDENTIFIER`);
  return tree.getValue();
}

function openContentKey(infos: RecipientInfos, identities: readonly DecryptionIdentity[], contentAlgorithm: AlgorithmIdentifier, contentType: string) {
  const algorithm = readContentAlgorithm(contentAlgorithm);
  const { key, transport, recipient } = recoverContentKey(infos, identities, keyLengthRule(algorithm));
  try {
    return {
      cipher: createContentDecryptor(algorithm, key),
      blockSize: blockSizeOf(algorithm),
      details: { contentType, contentCipher: contentAlgorithmName(algorithm), keyTransport: transport, recipient },
    };
  } finally {
    key.fill(0);
  }
}

/** Reads ContentInfo → [0] → EnvelopedData → EncryptedContentInfo up to the encryptedContent; throws NEED_MORE. */
export function readHead(bytes: Buffer, identities: readonly DecryptionIdentity[]): Head {
  const frames: Frame[] = [];
  let at = 0;
  const open = (h: BerHeader): void => {
    at += h.headerLength;
    frames.push({ end: h.length === undefined ? undefined : at + h.length });
  };
  const expect = (tagClass: number, tagNumber: number, constructed: boolean, what: string): BerHeader => {
    const h = header(bytes, at);
    if (!is(h, tagClass, tagNumber, constructed)) throw new CmsError('malformed', `${WHAT} is not valid CMS: ${what} is missing`);
    return h;
  };
  const next = (what: string): Buffer => {
    const bytesOf = element(bytes, at);
    at += bytesOf.length;
    const frame = frames.at(-1);
    if (frame?.end !== undefined && at > frame.end) throw new CmsError('malformed', `${WHAT} is not valid BER: ${what} overruns its enclosing element`);
    return bytesOf;
  };

  open(expect(UNIVERSAL, SEQUENCE, true, 'the ContentInfo SEQUENCE'));
  expect(UNIVERSAL, OBJECT_IDENTIFIER, false, 'the content type');
  const outerType = objectIdentifier(next('the content type'), `${WHAT} (ContentInfo)`);
  if (outerType !== oidEnvelopedData) {
    throw new CmsError('unexpected-content-type', `${WHAT} is CMS ${contentTypeName(outerType)}, not ${contentTypeName(oidEnvelopedData)}`);
  }
  open(expect(CONTEXT, 0, true, 'the [0] content'));
  open(expect(UNIVERSAL, SEQUENCE, true, 'the EnvelopedData SEQUENCE'));
  expect(UNIVERSAL, 2, false, 'the version');
  next('the version');
  if (is(header(bytes, at), CONTEXT, 0, true)) next('the originator info');
  expect(UNIVERSAL, SET, true, 'the recipient infos');
  const infos = decodeBer(next('the recipient infos'), RecipientInfos, 'The recipient infos');
  open(expect(UNIVERSAL, SEQUENCE, true, 'the EncryptedContentInfo'));
  expect(UNIVERSAL, OBJECT_IDENTIFIER, false, 'the encrypted content type');
  const contentType = objectIdentifier(next('the encrypted content type'), 'The encrypted content type');
  expect(UNIVERSAL, SEQUENCE, true, 'the content-encryption algorithm');
  const algorithm = decodeBer(next('the content-encryption algorithm'), AlgorithmIdentifier, 'The content-encryption algorithm');
  const content = header(bytes, at);
  if (content.tagClass !== CONTEXT || content.tagNumber !== 0) {
    throw new CmsError('malformed', 'The EnvelopedData carries no encrypted content (detached encrypted content is not supported)');
  }
  return { frames, content, contentStart: at, ...openContentKey(infos, identities, algorithm, contentType) };
}
