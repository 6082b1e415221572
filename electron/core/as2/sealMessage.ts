// Why this file exists: an AS2 message that is signed and encrypted (RFC 4130 §7.3) is three layers — the payload
// entity, multipart/signed around it with a detached SignedData, and EnvelopedData around that — and a payload can
// be a gigabyte. This composes the layers as one pipeline: each chunk of the payload is framed, digested and
// encrypted as it passes, and the signature is made from the digest when the payload has gone by.
import { createHash } from 'node:crypto';
import type { ContentCipherName } from '../cms/contentCiphers';
import type { SigningDigest } from '../cms/digests';
import { encryptEnvelopedStream, type EnvelopeRecipient } from '../cms/envelopedData';
import { signDetachedDigest, type SignerIdentity } from '../cms/signedData';
import { entityChunks, streamMultipartSigned, streamPayloadEntity, type PayloadOptions } from '../mime/build';
import type { Content } from '../mime/chunks';

export interface SealOptions {
  /** How the payload is labelled (Content-Type, filename, transfer encoding). */
  payload: PayloadOptions;
  signer: SignerIdentity;
  /** Default sha256. */
  digest?: SigningDigest;
  /** The partner's encryption certificate(s). */
  recipients: readonly EnvelopeRecipient[];
  /** Default aes-256-cbc. */
  cipher?: ContentCipherName;
}

export interface SealedMessage {
  /** The EnvelopedData (BER, indefinite lengths), to be read once: a file, an HTTP body. */
  bytes: AsyncIterable<Uint8Array>;
  /** The digest of the signed entity, for matching the MDN's Received-Content-MIC; known once `bytes` has ended. */
  mic(): { digest: SigningDigest; value: Buffer };
}

/** Yields `source` unchanged while feeding it to `update`. */
async function* tapped(source: AsyncIterable<Uint8Array>, update: (chunk: Uint8Array) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    update(chunk);
    yield chunk;
  }
}

/** payload → MIME entity → multipart/signed (detached SignedData) → EnvelopedData, streamed. */
export function sealMessage(payload: Content, options: SealOptions): SealedMessage {
  const digest = options.digest ?? 'sha256';
  const hash = createHash(digest);
  let mic: Buffer | undefined;
  const entity = streamPayloadEntity(options.payload, payload);
  const signed = streamMultipartSigned(
    tapped(entityChunks(entity), (chunk) => hash.update(chunk)),
    () => {
      mic = hash.digest();
      return signDetachedDigest(mic, { signer: options.signer, digest });
    },
    { micalg: digest },
  );
  return {
    bytes: encryptEnvelopedStream(entityChunks(signed), { recipients: options.recipients, cipher: options.cipher ?? 'aes-256-cbc' }),
    mic: () => {
      if (!mic) throw new Error('The MIC is known once the sealed message has been read to its end');
      return { digest, value: mic };
    },
  };
}
