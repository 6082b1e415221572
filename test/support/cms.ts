// Shared pieces of the CMS tests: the fixed RSA recipient (an openssl-made key and certificate, with a subject key
// identifier), a BER rewriter that turns our DER into what Bouncy Castle writes (indefinite lengths, chunked OCTET
// STRINGs), byte surgery for tampering, and a helper that returns the CmsError reason a call threw.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import { expect } from 'vitest';
import { CmsError } from '../../electron/core/cms/cmsError';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/cms/${name}`, import.meta.url));

export interface RsaIdentity {
  certificate: X509Certificate;
  privateKey: KeyObject;
}

/** RSA-2048 key and self-signed certificate from `openssl req -x509` (see test/fixtures/cms/README.md). */
export function fixtureRecipient(): RsaIdentity {
  return { certificate: new X509Certificate(fixture('recipient-cert.pem')), privateKey: createPrivateKey(fixture('recipient-key.pem')) };
}

export function fixtureFile(name: string): Buffer {
  return fixture(name);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/**
 * Re-encodes DER the way Bouncy Castle streams CMS: every constructed element down to `depth` gets an indefinite
 * length, and primitive OCTET STRINGs (universal or [0] IMPLICIT) longer than `chunkAbove` become constructed strings
 * of `chunk`-byte pieces. Certificates (deeper than `depth`) keep their DER.
 */
export function toStreamingBer(der: Uint8Array, options: { depth?: number; chunk?: number; chunkAbove?: number } = {}): Buffer {
  const { depth = 4, chunk = 100, chunkAbove = 600 } = options;
  const rewrite = (node: asn1js.AsnType, level: number): Buffer => {
    const raw = Buffer.from(node.valueBeforeDecodeView);
    const tag = raw[0]!;
    const { tagClass, tagNumber, isConstructed } = node.idBlock;
    if (isConstructed && level <= depth) {
      const parts = ((node.valueBlock as { value: asn1js.AsnType[] }).value ?? []).map((child) => rewrite(child, level + 1));
      return Buffer.concat([Buffer.from([tag, 0x80]), ...parts, Buffer.from([0, 0])]);
    }
    const octets = (tagClass === 1 && tagNumber === 4) || (tagClass === 3 && tagNumber === 0);
    const value = Buffer.from((node.valueBlock as { valueHexView?: Uint8Array }).valueHexView ?? []);
    if (!isConstructed && octets && value.length > chunkAbove) {
      const pieces: Buffer[] = [];
      for (let i = 0; i < value.length; i += chunk) {
        const piece = value.subarray(i, i + chunk);
        pieces.push(Buffer.concat([Buffer.from([0x04]), derLength(piece.length), piece]));
      }
      return Buffer.concat([Buffer.from([tag | 0x20, 0x80]), ...pieces, Buffer.from([0, 0])]);
    }
    return raw;
  };
  return rewrite(asn1js.fromBER(der).result, 0);
}

/** Replaces the last occurrence of `find` with `replacement` (same length). */
export function replaceLast(bytes: Uint8Array, find: Uint8Array, replacement: Uint8Array): Buffer {
  const out = Buffer.from(bytes);
  const at = out.lastIndexOf(Buffer.from(find));
  if (at < 0 || find.length !== replacement.length) throw new Error('pattern not found or lengths differ');
  Buffer.from(replacement).copy(out, at);
  return out;
}

/** Flips one bit at `offset` (negative: from the end). */
export function flipBit(bytes: Uint8Array, offset: number): Buffer {
  const out = Buffer.from(bytes);
  const at = offset < 0 ? out.length + offset : offset;
  out[at] = out[at]! ^ 0x01;
  return out;
}

/** DER of an OBJECT IDENTIFIER, for finding one inside a message. */
export function oidBytes(oid: string): Buffer {
  return Buffer.from(new asn1js.ObjectIdentifier({ value: oid }).toBER(false));
}

/** Runs `fn` and returns the CmsError it threw (failing the test when it threw anything else or nothing). */
export async function cmsFailure(fn: () => unknown): Promise<CmsError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CmsError);
    return error as CmsError;
  }
  throw new Error('expected a CmsError, but the call succeeded');
}

/** Content as an async stream of `chunk`-byte pieces, so tests exercise the incremental paths. */
export async function* chunked(content: Uint8Array, chunk = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < content.length; i += chunk) yield content.subarray(i, i + chunk);
}
