// Why this file exists: an outbound AS2 message (RFC 4130 §7.3) is the payload entity wrapped in whatever a
// partner agreed to — compression before or after signing (RFC 5402), a detached signature, encryption — and the
// MIC that the partner's MDN must echo is fixed by that shape (§7.3.1). This composes every combination.
//
// Memory: the payload entity, the multipart/signed around it and EnvelopedData (AES-CBC, 3DES, RC2, CAST5, IDEA)
// stream chunk by chunk, so the common signed + encrypted message never holds the payload whole. Two shapes buffer:
// compression (CompressedData is written whole, so the compressed size is held) and AES-GCM/CCM (AuthEnvelopedData
// is sealed over the whole plaintext, so the signed entity is held).
import { createHash, type Hash, type X509Certificate } from 'node:crypto';
import type { As2Cipher, PartnerInterop } from '../../../shared/ipc/procedures/as2';
import type { AuthCipherName } from '../cms/authenticatedCiphers';
import { encryptAuthEnvelopedData } from '../cms/authEnvelopedData';
import { compressData } from '../cms/compressedData';
import type { ContentCipherName } from '../cms/contentCiphers';
import type { SigningDigest } from '../cms/digests';
import { encryptEnvelopedStream, type EnvelopeRecipient } from '../cms/envelopedData';
import type { OaepHash } from '../cms/rsaKeyTransport';
import { signDetachedDigest, type SignerIdentity } from '../cms/signedData';
import { entityChunks, streamMultipartSigned, streamPayloadEntity, streamPkcs7Mime, type SendEncoding, type StreamedEntity } from '../mime/build';
import { CrlfCanonicalizer } from '../mime/canonicalize';
import { codeChunks, collect, type Content } from '../mime/chunks';
import { parseContentType } from '../mime/parameters';

export interface ComposeOptions {
  payload: { fileName: string | null; contentType: string };
  /** null: unsigned. */
  sign: { signer: SignerIdentity; digest: SigningDigest } | null;
  /** null: unencrypted. */
  encrypt: {
    certificate: X509Certificate;
    cipher: As2Cipher;
    keyTransport: 'rsa-pkcs1v15' | 'rsa-oaep';
    /** RSA-OAEP hash (MGF1 uses the same); default sha256. */
    oaepHash?: OaepHash;
  } | null;
  compression: 'none' | 'before-signing' | 'after-signing';
  interop: PartnerInterop;
  /** The MIC algorithm the MDN request names; used for the MIC of an unsigned message. */
  micAlgorithm: SigningDigest;
}

export interface ComposedMessage {
  /** The HTTP Content-Type of the body (e.g. application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m). */
  contentType: string;
  /** Content-Disposition to send as an HTTP header: it carries the file name of a payload that is the whole body. */
  contentDisposition?: string;
  /** The HTTP body, read once. */
  body: AsyncIterable<Uint8Array>;
  /** The MIC (RFC 4130 §7.3.1) the MDN must return; known once `body` has ended. */
  mic(): { digest: SigningDigest; base64: string };
  /**
   * The MIC of a signed message in the requested micAlgorithm too, when it differs from the signing digest: some
   * receivers compute Received-Content-MIC with the algorithm the MDN request names. First entry: `mic()`.
   */
  mics?(): Array<{ digest: SigningDigest; base64: string }>;
}

const AUTH_CIPHERS: ReadonlySet<string> = new Set<AuthCipherName>(['aes-128-gcm', 'aes-192-gcm', 'aes-256-gcm', 'aes-128-ccm', 'aes-192-ccm', 'aes-256-ccm']);

/** EDI and XML travel as text; everything else is binary and never has its line ends touched (RFC 4130 §5.2.1). */
const TEXT_TYPES: ReadonlySet<string> = new Set(['application/xml', 'application/edi-x12', 'application/edifact']);

function isTextPayload(contentType: string): boolean {
  const { type, mediaType } = parseContentType(contentType);
  return type === 'text' || TEXT_TYPES.has(mediaType);
}

/** Yields `source` unchanged while digesting it; `done` gets the digest when the source has ended. */
async function* digesting(source: AsyncIterable<Uint8Array> | Content, hash: Hash, done: (digest: Buffer) => void): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    hash.update(source);
    yield source;
  } else {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
  }
  done(hash.digest());
}

/** An async source whose bytes are produced on first read (a whole CMS object made from a stream). */
async function* later(make: () => Promise<Uint8Array>): AsyncIterable<Uint8Array> {
  yield await make();
}

/** The same entity, its header section and body passing as one digested stream. */
function digestedEntity(entity: StreamedEntity, hash: Hash, done: (digest: Buffer) => void): StreamedEntity {
  return { headerFields: entity.headerFields, headerBytes: Buffer.alloc(0), body: digesting(entityChunks(entity), hash, done) as AsyncIterable<Buffer> };
}

/** application/pkcs7-mime; smime-type=compressed-data around the entity (RFC 5402 §3), zlib (RFC 3274). */
function compressed(entity: StreamedEntity, encoding: SendEncoding): StreamedEntity {
  return streamPkcs7Mime({ smimeType: 'compressed-data', transferEncoding: encoding }, later(() => compressData(entityChunks(entity))));
}

function recipient(encrypt: NonNullable<ComposeOptions['encrypt']>): EnvelopeRecipient {
  const keyTransport = encrypt.keyTransport === 'rsa-oaep' ? { scheme: 'rsa-oaep' as const, hash: encrypt.oaepHash ?? 'sha256' } : { scheme: 'rsa-pkcs1v15' as const };
  return { certificate: encrypt.certificate, keyTransport };
}

/** EnvelopedData (streamed) or AuthEnvelopedData (AES-GCM/CCM, whole) around the entity. */
function encrypted(entity: StreamedEntity, encrypt: NonNullable<ComposeOptions['encrypt']>, interop: PartnerInterop): StreamedEntity {
  const recipients = [recipient(encrypt)];
  if (AUTH_CIPHERS.has(encrypt.cipher)) {
    const der = later(async () => encryptAuthEnvelopedData(await collect(entityChunks(entity)), { recipients, cipher: encrypt.cipher as AuthCipherName }));
    return streamPkcs7Mime({ smimeType: 'authEnveloped-data' }, der);
  }
  const der = encryptEnvelopedStream(entityChunks(entity), {
    recipients,
    cipher: encrypt.cipher as ContentCipherName,
    cast5Parameters: interop.cast5Parameters === 'iv-only' ? 'iv' : 'rfc2984',
  });
  return streamPkcs7Mime({ smimeType: 'enveloped-data' }, der);
}

/** multipart/signed around the entity; the digest of its exact bytes is both the signed message-digest and the MIC. */
function signed(entity: StreamedEntity, sign: NonNullable<ComposeOptions['sign']>, interop: PartnerInterop, setMic: (mic: Buffer) => void, also: { hash: Hash; done: (digest: Buffer) => void } | null): StreamedEntity {
  const hash = createHash(sign.digest);
  let digest: Buffer | undefined;
  const source = also ? digesting(entityChunks(entity), also.hash, also.done) : entityChunks(entity);
  return streamMultipartSigned(
    digesting(source, hash, (value) => {
      digest = value;
      setMic(value);
    }),
    () =>
      signDetachedDigest(digest!, {
        signer: sign.signer,
        digest: sign.digest,
        signedAttributes: interop.omitAlgorithmProtection ? { algorithmProtection: false } : {},
      }),
    { micalg: sign.digest, micalgSpelling: interop.micalgSpelling },
  );
}

/**
 * The layers, inside out: payload entity → [compressed before signing] → [multipart/signed] → [compressed after
 * signing] → [encrypted]. Unsigned messages have one compression position. The MIC (RFC 4130 §7.3.1, RFC 5402 §4):
 * signed — the signed entity with its headers (the compressed entity when compressed before signing); unsigned and
 * encrypted — the uncompressed payload entity with its headers; neither — the payload content without headers.
 */
export function composeMessage(payload: Content, options: ComposeOptions): ComposedMessage {
  const { sign, encrypt, interop, compression } = options;
  const micDigest: SigningDigest = sign ? sign.digest : options.micAlgorithm;
  let mic: Buffer | undefined;
  const setMic = (value: Buffer): void => {
    mic = value;
  };
  const layered = sign !== null || encrypt !== null || compression !== 'none';
  const text = interop.textPayloads === 'canonicalize' && isTextPayload(options.payload.contentType);
  let content: Content = text ? codeChunks(new CrlfCanonicalizer(), payload) : payload;
  if (!sign && !encrypt) content = digesting(content, createHash(micDigest), setMic);

  const payloadEntity = streamPayloadEntity(
    {
      contentType: options.payload.contentType,
      // Inner parts follow the partner's choice; a payload that is the HTTP body itself is sent binary.
      transferEncoding: layered ? interop.transferEncoding : 'binary',
      ...(options.payload.fileName !== null && { filename: options.payload.fileName }),
    },
    content,
  );
  let entity: StreamedEntity = payloadEntity;
  if (!sign && encrypt) entity = digestedEntity(entity, createHash(micDigest), setMic);
  const compressFirst = compression === 'before-signing' || (!sign && compression === 'after-signing');
  // A compressed part that is the HTTP body itself is binary; inside another layer it follows the partner's choice.
  const compressedEncoding = (outermost: boolean): SendEncoding => (outermost ? 'binary' : interop.transferEncoding);
  if (compressFirst) entity = compressed(entity, compressedEncoding(!sign && !encrypt));
  let requestedMic: Buffer | undefined;
  const requested = sign && sign.digest !== options.micAlgorithm ? { hash: createHash(options.micAlgorithm), done: (digest: Buffer) => (requestedMic = digest) } : null;
  if (sign) entity = signed(entity, sign, interop, setMic, requested);
  if (sign && compression === 'after-signing') entity = compressed(entity, compressedEncoding(!encrypt));
  if (encrypt) entity = encrypted(entity, encrypt, interop);

  const field = (name: string): string | undefined => entity.headerFields.find(([n]) => n.toLowerCase() === name)?.[1];
  const contentDisposition = field('content-disposition');
  const micOf = (): { digest: SigningDigest; base64: string } => {
    if (!mic) throw new Error('The MIC is known once the composed message has been read to its end');
    return { digest: micDigest, base64: mic.toString('base64') };
  };
  return {
    contentType: field('content-type')!,
    ...(contentDisposition !== undefined && { contentDisposition }),
    body: entity.body,
    mic: micOf,
    mics: () => {
      const first = micOf();
      return requestedMic ? [first, { digest: options.micAlgorithm, base64: requestedMic.toString('base64') }] : [first];
    },
  };
}
