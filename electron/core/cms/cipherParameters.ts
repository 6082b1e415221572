// Why this file exists: each CMS content cipher carries its IV (and for RC2/CAST5 a key size) in its own parameter
// syntax, and @peculiar has no schema for RC2CBCParameter, CAST5CBCParameters or IDEA-CBCPar; these few structures
// are read and written here with asn1js directly (a typed @AsnType schema would need experimentalDecorators).
import * as asn1js from 'asn1js';
import { readBerTree } from './berDecoding';
import { CmsError } from './cmsError';

const UNIVERSAL = 1;
const INTEGER = 2;
const OCTET_STRING = 4;
const SEQUENCE = 16;

type Parameters = ArrayBuffer | null | undefined;

function der(node: asn1js.AsnType): ArrayBuffer {
  return node.toBER(false);
}

function isUniversal(node: asn1js.AsnType, tag: number): boolean {
  return node.idBlock.tagClass === UNIVERSAL && node.idBlock.tagNumber === tag && (tag === SEQUENCE) === node.idBlock.isConstructed;
}

function requireParameters(params: Parameters, cipher: string): ArrayBuffer {
  if (!params) throw new CmsError('bad-parameters', `The ${cipher} algorithm identifier has no parameters; it needs at least the IV`);
  return params;
}

function octets(node: asn1js.AsnType): Uint8Array {
  return Uint8Array.from((node as asn1js.OctetString).valueBlock.valueHexView);
}

/** A small non-negative INTEGER, or undefined when it is negative or too large to be a key size. */
function smallInteger(node: asn1js.AsnType): number | undefined {
  const bytes = (node as asn1js.Integer).valueBlock.valueHexView;
  if (bytes.length === 0 || bytes.length > 3 || (bytes[0]! & 0x80) !== 0) return undefined;
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

function checkIv(iv: Uint8Array, length: number, cipher: string): Uint8Array {
  if (iv.length !== length) {
    throw new CmsError('bad-parameters', `The ${cipher} IV is ${iv.length} bytes; it must be ${length} (the block size)`);
  }
  return iv;
}

/** Parameters that are just the IV as an OCTET STRING (RFC 3370 §5.1 3DES, RFC 3565 §4.1 AES; OpenSSL's CAST5). */
export function writeIv(iv: Uint8Array): ArrayBuffer {
  return der(new asn1js.OctetString({ valueHex: iv }));
}

export function readIv(params: Parameters, blockSize: number, cipher: string): Uint8Array {
  const node = readBerTree(requireParameters(params, cipher), `The ${cipher} parameters`);
  if (!isUniversal(node, OCTET_STRING)) throw new CmsError('bad-parameters', `The ${cipher} parameters are not an IV (OCTET STRING)`);
  return checkIv(octets(node), blockSize, cipher);
}

function sequenceItems(params: ArrayBuffer, cipher: string): asn1js.AsnType[] | undefined {
  const node = readBerTree(params, `The ${cipher} parameters`);
  if (isUniversal(node, OCTET_STRING)) return undefined;
  if (!isUniversal(node, SEQUENCE)) throw new CmsError('bad-parameters', `The ${cipher} parameters are neither a SEQUENCE nor an IV`);
  return (node as asn1js.Sequence).valueBlock.value;
}

/** RC2CBCParameter ::= SEQUENCE { rc2ParameterVersion INTEGER, iv OCTET STRING } (RFC 3370 §5.2). */
export function writeRc2Parameters(version: number, iv: Uint8Array): ArrayBuffer {
  return der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: version }), new asn1js.OctetString({ valueHex: iv })] }));
}

export function readRc2Parameters(params: Parameters): { version: number; iv: Uint8Array } {
  const items = sequenceItems(requireParameters(params, 'RC2-CBC'), 'RC2-CBC');
  const [version, iv] = items ?? [];
  if (!items || items.length !== 2 || !isUniversal(version!, INTEGER) || !isUniversal(iv!, OCTET_STRING)) {
    throw new CmsError('bad-parameters', 'The RC2-CBC parameters are not an RC2CBCParameter (SEQUENCE { version INTEGER, iv OCTET STRING })');
  }
  const value = smallInteger(version!);
  if (value === undefined) throw new CmsError('bad-parameters', 'RC2 parameter version is negative or out of range');
  return { version: value, iv: checkIv(octets(iv!), 8, 'RC2-CBC') };
}

/** CAST5CBCParameters ::= SEQUENCE { iv OCTET STRING DEFAULT 0, keyLength INTEGER } (RFC 2984 §2.2, bits). */
export function writeCast5Parameters(iv: Uint8Array, keyBits: number): ArrayBuffer {
  return der(new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: iv }), new asn1js.Integer({ value: keyBits })] }));
}

/** How CAST5-CBC parameters are written: RFC 2984 (Bouncy Castle reads only this) or a bare IV (OpenSSL reads only this). */
export type Cast5ParameterForm = 'rfc2984' | 'iv';

/** Reads both forms; the bare IV implies a 128-bit key. */
export function readCast5Parameters(params: Parameters): { iv: Uint8Array; keyBits: number; parameterForm: Cast5ParameterForm } {
  const p = requireParameters(params, 'CAST5-CBC');
  const items = sequenceItems(p, 'CAST5-CBC');
  if (!items) return { iv: readIv(p, 8, 'CAST5-CBC'), keyBits: 128, parameterForm: 'iv' };
  const hasIv = items.length === 2;
  const [first, second] = items;
  const ivNode = hasIv ? first : undefined;
  const lengthNode = hasIv ? second : first;
  if (items.length < 1 || items.length > 2 || !isUniversal(lengthNode!, INTEGER) || (ivNode && !isUniversal(ivNode, OCTET_STRING))) {
    throw new CmsError('bad-parameters', 'The CAST5-CBC parameters are not CAST5CBCParameters (SEQUENCE { iv, keyLength })');
  }
  const keyBits = smallInteger(lengthNode!);
  if (keyBits === undefined || keyBits < 40 || keyBits > 128 || keyBits % 8 !== 0) {
    throw new CmsError('bad-parameters', `CAST5 key length ${keyBits ?? 'out of range'} is not 40…128 bits in whole bytes`);
  }
  return { iv: ivNode ? checkIv(octets(ivNode), 8, 'CAST5-CBC') : new Uint8Array(8), keyBits, parameterForm: 'rfc2984' };
}

/** IDEA-CBCPar ::= SEQUENCE { iv OCTET STRING OPTIONAL } (RFC 3058 §3, absent iv means zeros). */
export function writeIdeaParameters(iv: Uint8Array): ArrayBuffer {
  return der(new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: iv })] }));
}

/** Also reads a bare OCTET STRING IV, which is what OpenSSL writes for idea-cbc. */
export function readIdeaParameters(params: Parameters): Uint8Array {
  const p = requireParameters(params, 'IDEA-CBC');
  const items = sequenceItems(p, 'IDEA-CBC');
  if (!items) return readIv(p, 8, 'IDEA-CBC');
  if (items.length > 1 || (items[0] && !isUniversal(items[0], OCTET_STRING))) {
    throw new CmsError('bad-parameters', 'The IDEA-CBC parameters are not IDEA-CBCPar (SEQUENCE { iv OCTET STRING OPTIONAL })');
  }
  return items[0] ? checkIv(octets(items[0]), 8, 'IDEA-CBC') : new Uint8Array(8);
}
