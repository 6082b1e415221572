// Why this file exists: CMS names digests by OID while Node names them by string, and AS2 payloads can be large, so
// content is hashed incrementally from a stream of chunks; both live here, once.
import { createHash, type Hash } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { CmsError } from './cmsError';
import { oidMd5, oidSha1, oidSha224, oidSha256, oidSha384, oidSha512 } from './oids';

export type DigestName = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
/** Digests Courier signs with; MD5 is accepted for verification only and reported as weak. */
export type SigningDigest = Exclude<DigestName, 'md5'>;

export const digestOids: Record<DigestName, string> = {
  md5: oidMd5,
  sha1: oidSha1,
  sha224: oidSha224,
  sha256: oidSha256,
  sha384: oidSha384,
  sha512: oidSha512,
};

/** Output length in bytes (the default RSASSA-PSS salt length for each hash, RFC 4055 §3.1). */
export const digestLengths: Record<DigestName, number> = {
  md5: 16,
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

const digestByOid = new Map<string, DigestName>(
  (Object.entries(digestOids) as [DigestName, string][]).map(([name, oid]) => [oid, name]),
);

export function digestNameOf(oid: string): DigestName | undefined {
  return digestByOid.get(oid);
}

/** A digest AlgorithmIdentifier read from a message; its parameters (absent or NULL, RFC 5754 §2) are ignored. */
export function readDigestAlgorithm(algorithm: AlgorithmIdentifier, where: string): DigestName {
  const name = digestByOid.get(algorithm.algorithm);
  if (!name) throw new CmsError('unsupported-algorithm', `${where} uses digest ${algorithm.algorithm}, which Courier does not support`);
  return name;
}

/** The digest AlgorithmIdentifier Courier writes: parameters absent (RFC 5754 §2, what OpenSSL writes). */
export function digestAlgorithmIdentifier(name: DigestName): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: digestOids[name] });
}

/** Content as one buffer, or as chunks (a Node Readable, a file stream, a generator) so it never sits in memory whole. */
export type ContentSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Anything that takes content chunk by chunk: a Node Hash, Sign or Verify. */
export interface ContentSink {
  update(chunk: Uint8Array): unknown;
}

/** Feeds every chunk of `content` to every sink, in order; returns the number of bytes. */
export async function pipeContent(content: ContentSource, sinks: readonly ContentSink[]): Promise<number> {
  if (content instanceof Uint8Array) {
    for (const sink of sinks) sink.update(content);
    return content.length;
  }
  let total = 0;
  for await (const chunk of content as AsyncIterable<Uint8Array>) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('Content chunks must be bytes (Uint8Array or Buffer)');
    for (const sink of sinks) sink.update(chunk);
    total += chunk.length;
  }
  return total;
}

/** Digests `content` with each named algorithm in one pass, feeding `alongside` (e.g. Verify streams) the same chunks. */
export async function digestContent(
  content: ContentSource,
  names: readonly DigestName[],
  alongside: readonly ContentSink[] = [],
): Promise<Map<DigestName, Buffer>> {
  const hashes = new Map<DigestName, Hash>();
  for (const name of names) if (!hashes.has(name)) hashes.set(name, createHash(name));
  await pipeContent(content, [...hashes.values(), ...alongside]);
  return new Map([...hashes].map(([name, hash]) => [name, hash.digest()]));
}
