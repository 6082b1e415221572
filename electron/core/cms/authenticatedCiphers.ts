// Why this file exists: AuthEnvelopedData names its AEAD cipher by OID with GCMParameters or CCMParameters (RFC 5084
// §3), and whether the runtime can run it differs (DESIGN §4: Electron's BoringSSL may lack AES-CCM). This reads and
// writes those parameters, and seals and opens content in one shot, so no unauthenticated plaintext is released.
// AES-CCM runs natively where the runtime has it, otherwise (and for empty content, which Node's CCM mishandles when
// the empty buffer has no backing store: "tag not set") through ciphers/ccm.ts over the runtime's AES-CBC and AES-CTR.
import { createCipheriv, createDecipheriv, getCiphers, randomBytes, type CipherCCM, type CipherGCM, type DecipherCCM, type DecipherGCM } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { CourierError } from '../errors';
import { readBerTree } from './berDecoding';
import { ccmOpen, ccmSeal } from './ciphers/ccm';
import { CmsError } from './cmsError';
import type { KeyLengthRule } from './implicitRejection';
import { oidAes128Ccm, oidAes128Gcm, oidAes192Ccm, oidAes192Gcm, oidAes256Ccm, oidAes256Gcm } from './oids';

export type AuthCipherName = 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' | 'aes-128-ccm' | 'aes-192-ccm' | 'aes-256-ccm';

/** An AEAD content algorithm as read from or written to an EncryptedContentInfo. */
export interface AuthContentAlgorithm {
  cipher: AuthCipherName;
  nonce: Uint8Array;
  /** aes-ICVlen: bytes of the MessageAuthenticationCode. */
  tagLength: number;
}

type Mode = 'gcm' | 'ccm';

const specs: Record<AuthCipherName, { oid: string; keyBytes: number; mode: Mode }> = {
  'aes-128-gcm': { oid: oidAes128Gcm, keyBytes: 16, mode: 'gcm' },
  'aes-192-gcm': { oid: oidAes192Gcm, keyBytes: 24, mode: 'gcm' },
  'aes-256-gcm': { oid: oidAes256Gcm, keyBytes: 32, mode: 'gcm' },
  'aes-128-ccm': { oid: oidAes128Ccm, keyBytes: 16, mode: 'ccm' },
  'aes-192-ccm': { oid: oidAes192Ccm, keyBytes: 24, mode: 'ccm' },
  'aes-256-ccm': { oid: oidAes256Ccm, keyBytes: 32, mode: 'ccm' },
};

const byOid = new Map<string, AuthCipherName>(Object.entries(specs).map(([name, spec]) => [spec.oid, name as AuthCipherName]));

/** RFC 5084 §3.1 AES-GCM-ICVlen and §3.2 AES-CCM-ICVlen; both default to 12. */
const tagLengths: Record<Mode, ReadonlySet<number>> = {
  gcm: new Set([12, 13, 14, 15, 16]),
  ccm: new Set([4, 6, 8, 10, 12, 14, 16]),
};
const DEFAULT_TAG_LENGTH = 12;
/** The nonce length RFC 5084 recommends for GCM and the one Courier and Bouncy Castle use for CCM. */
const NONCE_LENGTH = 12;

function nonceFits(mode: Mode, length: number): boolean {
  // CCM: RFC 5084 §3.2 / RFC 3610 allow 7…13 bytes. GCM: any length works; bound it so hostile input stays small.
  return mode === 'ccm' ? length >= 7 && length <= 13 : length >= 1 && length <= 64;
}

/** The longest plaintext CCM can carry with this nonce: 2^(8L) - 1 bytes where L = 15 - nonce length (RFC 3610 §2). */
function ccmMaxLength(nonceLength: number): number {
  return 2 ** (8 * (15 - nonceLength)) - 1;
}

export function authKeyLengthRule(algorithm: AuthContentAlgorithm): KeyLengthRule {
  const bytes = specs[algorithm.cipher].keyBytes;
  return { min: bytes, max: bytes, fallback: bytes };
}

let runtimeCiphers: ReadonlySet<string> | undefined;

/** Whether this runtime's crypto library has the cipher; `available` is exposed so tests can show both outcomes. */
function runtimeHas(cipher: AuthCipherName, available: ReadonlySet<string> = (runtimeCiphers ??= new Set(getCiphers()))): boolean {
  return available.has(cipher);
}

/** A fresh algorithm (random 12-byte nonce) and content-encryption key. */
export function newAuthContentEncryption(name: AuthCipherName, tagLength: number = 16): { algorithm: AuthContentAlgorithm; key: Buffer } {
  const spec = specs[name];
  if (!spec) throw new CourierError('BAD_INPUT', `Courier does not encrypt with ${String(name)}`, 'Use AES-GCM or AES-CCM.');
  if (!tagLengths[spec.mode].has(tagLength)) {
    throw new CourierError('BAD_INPUT', `A ${name} tag of ${tagLength} bytes is not allowed by RFC 5084`, 'Use a 16-byte (or 12-byte) tag.');
  }
  return { algorithm: { cipher: name, nonce: randomBytes(NONCE_LENGTH), tagLength }, key: randomBytes(spec.keyBytes) };
}

/** GCMParameters / CCMParameters ::= SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen INTEGER DEFAULT 12 }. */
export function authAlgorithmIdentifier(algorithm: AuthContentAlgorithm): AlgorithmIdentifier {
  const fields: asn1js.AsnType[] = [new asn1js.OctetString({ valueHex: algorithm.nonce })];
  if (algorithm.tagLength !== DEFAULT_TAG_LENGTH) fields.push(new asn1js.Integer({ value: algorithm.tagLength })); // DER omits a DEFAULT
  return new AlgorithmIdentifier({ algorithm: specs[algorithm.cipher].oid, parameters: new asn1js.Sequence({ value: fields }).toBER(false) });
}

const isUniversal = (node: asn1js.AsnType | undefined, tag: number): boolean =>
  node?.idBlock.tagClass === 1 && node.idBlock.tagNumber === tag;

/** Reads an authEncryptedContentInfo's contentEncryptionAlgorithm; unknown OIDs and unusable parameters are typed errors. */
export function readAuthContentAlgorithm(identifier: AlgorithmIdentifier): AuthContentAlgorithm {
  const cipher = byOid.get(identifier.algorithm);
  if (!cipher) {
    throw new CmsError(
      'unsupported-algorithm',
      `Decryption failed: authenticated content cipher ${identifier.algorithm} is not supported (Courier reads AES-GCM and AES-CCM)`,
    );
  }
  const mode = specs[cipher].mode;
  const name = mode === 'gcm' ? 'GCMParameters' : 'CCMParameters';
  if (!identifier.parameters) throw new CmsError('bad-parameters', `The ${cipher} algorithm identifier has no ${name}`);
  const node = readBerTree(identifier.parameters, `The ${cipher} parameters`);
  const [nonceNode, tagNode, ...extra] = isUniversal(node, 16) ? (node as asn1js.Sequence).valueBlock.value : [];
  if (!isUniversal(nonceNode, 4) || nonceNode!.idBlock.isConstructed || (tagNode && !isUniversal(tagNode, 2)) || extra.length > 0) {
    throw new CmsError('bad-parameters', `The ${cipher} parameters are not ${name} (SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen INTEGER })`);
  }
  const nonce = Uint8Array.from((nonceNode as asn1js.OctetString).valueBlock.valueHexView);
  if (!nonceFits(mode, nonce.length)) {
    throw new CmsError('bad-parameters', `The ${cipher} nonce is ${nonce.length} bytes, which RFC 5084 does not allow`);
  }
  const tagBytes = tagNode ? (tagNode as asn1js.Integer).valueBlock.valueHexView : undefined;
  const tagLength = tagBytes ? (tagBytes.length === 1 ? tagBytes[0]! : -1) : DEFAULT_TAG_LENGTH;
  if (!tagLengths[mode].has(tagLength)) {
    throw new CmsError('bad-parameters', `The ${cipher} aes-ICVlen is not one RFC 5084 allows (${[...tagLengths[mode]].join(', ')})`);
  }
  return { cipher, nonce, tagLength };
}

/** Native CCM where the runtime has it and there is content; the composed CCM otherwise. */
function nativeCcm(algorithm: AuthContentAlgorithm, length: number, available?: ReadonlySet<string>): boolean {
  return length > 0 && runtimeHas(algorithm.cipher, available);
}

function checkCcmLength(algorithm: AuthContentAlgorithm, length: number): void {
  if (specs[algorithm.cipher].mode === 'ccm' && length > ccmMaxLength(algorithm.nonce.length)) {
    throw new CourierError(
      'BAD_INPUT',
      `${algorithm.cipher} with a ${algorithm.nonce.length}-byte nonce carries at most ${ccmMaxLength(algorithm.nonce.length)} bytes; the content is ${length}`,
      'Use AES-GCM for payloads this large.',
    );
  }
}

/** Encrypts `content` and returns the ciphertext and the MessageAuthenticationCode over it and `aad`. */
export function sealContent(
  algorithm: AuthContentAlgorithm,
  key: Uint8Array,
  content: Uint8Array,
  aad: Uint8Array,
  available?: ReadonlySet<string>,
): { ciphertext: Buffer; tag: Buffer } {
  checkCcmLength(algorithm, content.length);
  const options = { authTagLength: algorithm.tagLength };
  if (specs[algorithm.cipher].mode === 'ccm') {
    if (!nativeCcm(algorithm, content.length, available)) return ccmSeal(key, algorithm.nonce, content, aad, algorithm.tagLength);
    const cipher = createCipheriv(algorithm.cipher as 'aes-128-ccm', key, algorithm.nonce, options) as CipherCCM;
    cipher.setAAD(aad, { plaintextLength: content.length });
    const ciphertext = Buffer.concat([cipher.update(content), cipher.final()]);
    return { ciphertext, tag: cipher.getAuthTag() };
  }
  const cipher = createCipheriv(algorithm.cipher as 'aes-128-gcm', key, algorithm.nonce, options) as CipherGCM;
  if (aad.length > 0) cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/**
 * Decrypts and authenticates; a wrong key, a changed ciphertext, tag or authenticated attribute all end in the same
 * 'decryption-failed' error, and no plaintext is returned unless the tag verified.
 */
export function openContent(
  algorithm: AuthContentAlgorithm,
  key: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
  available?: ReadonlySet<string>,
): Buffer {
  if (tag.length !== algorithm.tagLength) {
    throw new CmsError('malformed', `The message authentication code is ${tag.length} bytes; the parameters say ${algorithm.tagLength}`);
  }
  if (specs[algorithm.cipher].mode === 'ccm' && ciphertext.length > ccmMaxLength(algorithm.nonce.length)) {
    throw new CmsError('malformed', `The ${algorithm.cipher} content is longer than its ${algorithm.nonce.length}-byte nonce allows`);
  }
  const options = { authTagLength: algorithm.tagLength };
  let plaintext: Buffer | undefined;
  try {
    if (specs[algorithm.cipher].mode === 'ccm' && !nativeCcm(algorithm, ciphertext.length, available)) {
      plaintext = ccmOpen(key, algorithm.nonce, ciphertext, aad, tag);
      if (!plaintext) throw new Error('CCM tag mismatch');
    } else if (specs[algorithm.cipher].mode === 'ccm') {
      const decipher = createDecipheriv(algorithm.cipher as 'aes-128-ccm', key, algorithm.nonce, options) as DecipherCCM;
      decipher.setAuthTag(tag);
      decipher.setAAD(aad, { plaintextLength: ciphertext.length });
      plaintext = decipher.update(ciphertext);
      decipher.final();
    } else {
      const decipher = createDecipheriv(algorithm.cipher as 'aes-128-gcm', key, algorithm.nonce, options) as DecipherGCM;
      decipher.setAuthTag(tag);
      if (aad.length > 0) decipher.setAAD(aad);
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    }
    return plaintext;
  } catch {
    plaintext?.fill(0);
    throw new CmsError(
      'decryption-failed',
      'Decryption failed: the content did not authenticate with our key (wrong key, or the message, its attributes or its key-transport block were changed)',
    );
  }
}
