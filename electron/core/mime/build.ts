// Why this file exists: what Courier sends is built here, in the forms RFC 4130 and RFC 8551 prescribe: a payload
// entity, multipart/signed around the exact signed bytes, application/pkcs7-mime around a CMS object. Each comes as
// Buffers (small parts) or as a stream of chunks, so a 1 GB payload never sits in memory whole.
import { BoundaryGuard, boundaryFor, randomBoundary } from './boundary';
import { CrlfCanonicalizer } from './canonicalize';
import { chainCoders, codeAll, codeChunks, type ChunkCoder, type Content } from './chunks';
import { formatHeaderSection, type HeaderFieldInit } from './headerFormat';
import { type DigestName, formatMicalg, type MicalgSpelling } from './micalg';
import { MimeError } from './mimeError';
import { formatMediaType, formatParameter, parseContentType } from './parameters';
import type { SmimeType } from './pkcs7Mime';
import { Base64LineEncoder, encodeBase64Lines } from './transferEncoding';

/** A built entity: header fields (for a transport that carries them, like HTTP), the body, and both joined. */
export interface BuiltEntity {
  readonly headerFields: readonly HeaderFieldInit[];
  readonly body: Buffer;
  /** Header section, blank line, body: what gets signed or encrypted when the entity is nested. */
  readonly bytes: Buffer;
}

/** A streamed entity: its body can be read once. */
export interface StreamedEntity {
  readonly headerFields: readonly HeaderFieldInit[];
  /** The header section with its blank line. */
  readonly headerBytes: Buffer;
  readonly body: AsyncIterable<Buffer>;
}

/** The whole entity as one stream of chunks: header section, then body. */
export async function* entityChunks(entity: StreamedEntity): AsyncIterable<Buffer> {
  yield entity.headerBytes;
  yield* entity.body;
}

export function builtEntity(headerFields: readonly HeaderFieldInit[], body: Buffer): BuiltEntity {
  return { headerFields, body, bytes: Buffer.concat([formatHeaderSection(headerFields), body]) };
}

/** Transfer encodings a sender of AS2 uses: binary (RFC 4130 §5.2.1, over HTTP) or base64 (76-character lines). */
export type SendEncoding = 'binary' | 'base64';

interface Leaf {
  headerFields: HeaderFieldInit[];
  coder: () => ChunkCoder;
}

function buildLeaf(leaf: Leaf, content: Uint8Array): BuiltEntity {
  return builtEntity(leaf.headerFields, codeAll(leaf.coder(), content));
}

function streamLeaf(leaf: Leaf, content: Content): StreamedEntity {
  return { headerFields: leaf.headerFields, headerBytes: formatHeaderSection(leaf.headerFields), body: codeChunks(leaf.coder(), content) };
}

export interface PayloadOptions {
  /** `type/subtype`, parameters allowed (`text/plain; charset=utf-8`). */
  readonly contentType: string;
  /** Default binary. */
  readonly transferEncoding?: SendEncoding;
  /** Sent as Content-Disposition: attachment; filename (RFC 2231 UTF-8, with an ASCII fallback, when not ASCII). */
  readonly filename?: string;
  /** Convert line ends to CRLF first (RFC 5751 §3.1.1), for text that will be signed; never for binary content. */
  readonly canonicalizeText?: boolean;
  /** Further fields (Content-ID, Content-Description…), written after the standard ones. */
  readonly headers?: readonly HeaderFieldInit[];
}

function payloadLeaf(options: PayloadOptions): Leaf {
  const contentType = parseContentType(options.contentType);
  const encoding = options.transferEncoding ?? 'binary';
  const headerFields: HeaderFieldInit[] = [
    ['Content-Type', formatMediaType(contentType.mediaType, [...contentType.params])],
    ['Content-Transfer-Encoding', encoding],
  ];
  if (options.filename !== undefined) {
    headerFields.push(['Content-Disposition', ['attachment', ...formatParameter('filename', options.filename, { asciiFallback: true })].join('; ')]);
  }
  headerFields.push(...(options.headers ?? []));
  const coder = (): ChunkCoder =>
    chainCoders([...(options.canonicalizeText ? [new CrlfCanonicalizer()] : []), ...(encoding === 'base64' ? [new Base64LineEncoder()] : [])]);
  return { headerFields, coder };
}

export function buildPayloadEntity(options: PayloadOptions, content: Uint8Array): BuiltEntity {
  return buildLeaf(payloadLeaf(options), content);
}

export function streamPayloadEntity(options: PayloadOptions, content: Content): StreamedEntity {
  return streamLeaf(payloadLeaf(options), content);
}

export interface Pkcs7MimeOptions {
  readonly smimeType: SmimeType;
  /** Default binary, as AS2 sends it over HTTP; base64 for mail. */
  readonly transferEncoding?: SendEncoding;
}

/** RFC 8551 §3.2.1 file names. */
function smimeFileName(smimeType: SmimeType): string {
  if (smimeType === 'compressed-data') return 'smime.p7z';
  return smimeType === 'certs-only' ? 'smime.p7c' : 'smime.p7m';
}

function pkcs7Leaf(options: Pkcs7MimeOptions): Leaf {
  const encoding = options.transferEncoding ?? 'binary';
  const name = smimeFileName(options.smimeType);
  return {
    headerFields: [
      ['Content-Type', formatMediaType('application/pkcs7-mime', [['smime-type', options.smimeType], ['name', name]])],
      ['Content-Transfer-Encoding', encoding],
      ['Content-Disposition', `attachment; filename=${name}`],
    ],
    coder: () => chainCoders(encoding === 'base64' ? [new Base64LineEncoder()] : []),
  };
}

/** application/pkcs7-mime around a CMS object (EnvelopedData, SignedData, CompressedData, AuthEnvelopedData). */
export function buildPkcs7Mime(options: Pkcs7MimeOptions, der: Uint8Array): BuiltEntity {
  return buildLeaf(pkcs7Leaf(options), der);
}

export function streamPkcs7Mime(options: Pkcs7MimeOptions, der: Content): StreamedEntity {
  return streamLeaf(pkcs7Leaf(options), der);
}

export interface MultipartSignedOptions {
  /** The digest of each signer, in signer order. */
  readonly micalg: DigestName | readonly DigestName[];
  /** Default RFC 5751 (`sha-256`). */
  readonly micalgSpelling?: MicalgSpelling;
  /** Default: a random one that does not occur in the content. */
  readonly boundary?: string;
}

function signedHeaderFields(options: MultipartSignedOptions, boundary: string): HeaderFieldInit[] {
  const digests = typeof options.micalg === 'string' ? [options.micalg] : options.micalg;
  if (digests.length === 0) throw new MimeError('bad-header-value', 'multipart/signed needs the micalg of at least one signer');
  const micalg = digests.map((digest) => formatMicalg(digest, options.micalgSpelling)).join(',');
  return [['Content-Type', formatMediaType('multipart/signed', [['protocol', 'application/pkcs7-signature'], ['micalg', micalg], ['boundary', boundary]])]];
}

function signaturePart(signature: Uint8Array): Buffer {
  const fields: HeaderFieldInit[] = [
    ['Content-Type', 'application/pkcs7-signature; name=smime.p7s; smime-type=signed-data'],
    ['Content-Transfer-Encoding', 'base64'],
    ['Content-Disposition', 'attachment; filename=smime.p7s'],
  ];
  return Buffer.concat([formatHeaderSection(fields), encodeBase64Lines(signature)]);
}

function delimiters(boundary: string): { open: Buffer; middle: Buffer; close: Buffer } {
  return {
    open: Buffer.from(`--${boundary}\r\n`, 'latin1'),
    middle: Buffer.from(`\r\n--${boundary}\r\n`, 'latin1'),
    close: Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'),
  };
}

/**
 * multipart/signed (RFC 1847, RFC 8551 §3.5): `signedEntity` is carried byte for byte as the first part (it must be
 * exactly the bytes the signature covers); `signature` is the detached CMS SignedData, base64 in the second part.
 */
export function buildMultipartSigned(signedEntity: Uint8Array, signature: Uint8Array, options: MultipartSignedOptions): BuiltEntity {
  const signatureBytes = signaturePart(signature);
  const boundary = boundaryFor([signedEntity, signatureBytes], options.boundary);
  const { open, middle, close } = delimiters(boundary);
  return builtEntity(signedHeaderFields(options, boundary), Buffer.concat([open, signedEntity, middle, signatureBytes, close]));
}

/**
 * Streamed multipart/signed: the signed entity passes through once (wrap the source to digest it on the way), then
 * `signature` is asked for the CMS SignedData. Streamed content cannot be searched for the boundary beforehand, so
 * it is watched as it passes: a collision (odds about 2^-128) fails the stream instead of corrupting the message.
 */
export function streamMultipartSigned(
  signedEntity: Content,
  signature: () => Uint8Array | Promise<Uint8Array>,
  options: MultipartSignedOptions,
): StreamedEntity {
  const boundary = signedEntity instanceof Uint8Array ? boundaryFor([signedEntity], options.boundary) : (options.boundary ?? randomBoundary());
  const headerFields = signedHeaderFields(options, boundary);
  const { open, middle, close } = delimiters(boundary);
  async function* body(): AsyncIterable<Buffer> {
    yield open;
    yield* codeChunks(new BoundaryGuard(boundary), signedEntity);
    yield middle;
    const signatureBytes = signaturePart(await signature());
    boundaryFor([signatureBytes], boundary);
    yield signatureBytes;
    yield close;
  }
  return { headerFields, headerBytes: formatHeaderSection(headerFields), body: body() };
}
