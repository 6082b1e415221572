// Why this file exists: AS2 partners compress payloads with CMS CompressedData (RFC 3274, zlib), and a few kilobytes
// of zlib can expand to gigabytes, so decompression is a stream with a hard output limit that ends in a typed error.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflate, createInflate } from 'node:zlib';
import * as asn1js from 'asn1js';
import { EncapsulatedContent, EncapsulatedContentInfo } from '@peculiar/asn1-cms';
import { AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { fromBerTree, octetStringValue } from './berDecoding';
import { CmsError } from './cmsError';
import { readContentInfo, writeContentInfo } from './contentInfo';
import type { ContentSource } from './digests';
import { oidCompressedData, oidData, oidZlibCompress } from './oids';

export interface CompressOptions {
  /** The type of the compressed content; default id-data. */
  contentType?: string;
  /** zlib level 0…9; default 6 (zlib's own default). */
  level?: number;
}

export interface DecompressOptions {
  /** Largest decompressed size accepted, in bytes; default 256 MiB. More ends in CmsError 'content-too-large'. */
  maxBytes?: number;
}

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

/** Compressed bytes are fed to zlib in pieces this size, so one piece expands to at most ~1 MiB (deflate's 1032:1). */
const FEED_CHUNK = 1024;

function sourceStream(content: ContentSource): Readable {
  return Readable.from(content instanceof Uint8Array ? [content] : (content as Iterable<Uint8Array> | AsyncIterable<Uint8Array>));
}

/** Compresses `content` (bytes or a stream of chunks) with zlib and returns DER ContentInfo(CompressedData). */
export async function compressData(content: ContentSource, options: CompressOptions = {}): Promise<Uint8Array> {
  const compressed: Buffer[] = [];
  await pipeline(sourceStream(content), createDeflate({ level: options.level ?? 6 }), async (stream: AsyncIterable<Buffer>) => {
    for await (const chunk of stream) compressed.push(chunk);
  });
  const encapsulated = new EncapsulatedContentInfo({
    eContentType: options.contentType ?? oidData,
    eContent: new EncapsulatedContent({ single: new OctetString(Buffer.concat(compressed)) }),
  });
  const compressedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      AsnSerializer.toASN(new AlgorithmIdentifier({ algorithm: oidZlibCompress })) as asn1js.AsnType,
      AsnSerializer.toASN(encapsulated) as asn1js.AsnType,
    ],
  });
  return writeContentInfo(oidCompressedData, compressedData);
}

function childrenOf(node: asn1js.AsnType | undefined): asn1js.AsnType[] {
  const value = (node?.valueBlock as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) return [];
  return (value as asn1js.AsnType[]).filter((child) => !(child instanceof asn1js.EndOfContent));
}

const isUniversal = (node: asn1js.AsnType | undefined, tag: number): boolean => node?.idBlock.tagClass === 1 && node.idBlock.tagNumber === tag;

/** CompressedData ::= SEQUENCE { version (0), compressionAlgorithm, encapContentInfo } (RFC 3274 §1.1). */
function parseCompressedData(node: asn1js.AsnType): { contentType: string; compressed: Uint8Array } {
  const what = 'The CompressedData';
  const [version, algorithm, encapsulated, ...rest] = childrenOf(node);
  if (!isUniversal(node, 16) || !isUniversal(version, 2) || !isUniversal(algorithm, 16) || !isUniversal(encapsulated, 16) || rest.length > 0) {
    throw new CmsError('malformed', `${what} does not have the structure RFC 3274 §1.1 defines`);
  }
  if ((version as asn1js.Integer).valueBlock.valueDec !== 0) throw new CmsError('malformed', `${what} version is not 0`);
  const compression = fromBerTree(algorithm!, AlgorithmIdentifier, `${what} compression algorithm`);
  if (compression.algorithm !== oidZlibCompress) {
    throw new CmsError('unsupported-algorithm', `${what} uses compression ${compression.algorithm}; Courier reads zlib (RFC 3274)`);
  }
  const [contentType, explicit, ...extra] = childrenOf(encapsulated);
  if (!isUniversal(contentType, 6) || extra.length > 0) throw new CmsError('malformed', `${what} encapContentInfo is not an EncapsulatedContentInfo`);
  const eContent = childrenOf(explicit)[0];
  if (explicit?.idBlock.tagClass !== 3 || explicit.idBlock.tagNumber !== 0 || !isUniversal(eContent, 4)) {
    throw new CmsError('malformed', `${what} carries no compressed content`);
  }
  return { contentType: (contentType as asn1js.ObjectIdentifier).getValue(), compressed: octetStringValue(eContent!, 'The compressed content') };
}

function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += FEED_CHUNK) yield bytes.subarray(i, i + FEED_CHUNK);
}

async function* inflated(compressed: Uint8Array, maxBytes: number): AsyncGenerator<Buffer> {
  const feed = Readable.from(pieces(compressed));
  const inflate = createInflate();
  feed.pipe(inflate);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new CmsError('content-too-large', `The compressed content expands to more than ${maxBytes} bytes, the limit; decompression stopped`);
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof CmsError) throw error;
    throw new CmsError('malformed', 'The compressed content is not valid zlib data (corrupted or truncated)');
  } finally {
    feed.destroy();
    inflate.destroy();
  }
}

export interface OpenedCompressedData {
  /** eContentType (id-data for AS2). */
  contentType: string;
  /** The decompressed content as it inflates; iterating fails with a CmsError past the limit or on bad zlib data. */
  chunks: AsyncIterable<Buffer>;
}

/** Reads a DER/BER ContentInfo(CompressedData) and streams its decompressed content. */
export function openCompressedData(message: Uint8Array, options: DecompressOptions = {}): OpenedCompressedData {
  const { contentType, compressed } = parseCompressedData(readContentInfo(message, oidCompressedData, 'The compressed message'));
  return { contentType, chunks: inflated(compressed, options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES) };
}

/** Decompresses a DER/BER ContentInfo(CompressedData) into one buffer (within the size limit). */
export async function decompressData(message: Uint8Array, options: DecompressOptions = {}): Promise<{ contentType: string; content: Buffer }> {
  const opened = openCompressedData(message, options);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.chunks) chunks.push(chunk);
  return { contentType: opened.contentType, content: Buffer.concat(chunks) };
}
