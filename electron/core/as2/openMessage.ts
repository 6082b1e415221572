// Why this file exists: a received signed-and-encrypted AS2 message (RFC 4130 §7.3) is opened as it arrives, so a
// gigabyte never sits in memory: decrypt the EnvelopedData, split the multipart/signed, digest the first part's
// exact bytes while its body streams out, then verify the detached signature against those digests. The payload
// stream ends only after the signature verified; if it throws, everything it gave must be discarded.
import type { X509Certificate } from 'node:crypto';
import { createHash, type Hash } from 'node:crypto';
import type { ContentSource, DigestName } from '../cms/digests';
import { decryptEnvelopedStream, type DecryptionIdentity, type EnvelopeDetails } from '../cms/envelopedData';
import { verifySignedData, type SignerVerdict } from '../cms/signedDataVerification';
import type { Headers } from '../mime/headers';
import type { MimeLimits } from '../mime/limits';
import { MimeError } from '../mime/mimeError';
import { splitMultipartSigned } from '../mime/multipartSignedSplitter';
import type { MediaType } from '../mime/parameters';
import { ChunkReader, readEntityHead } from '../mime/streamedEntityHead';
import { isIdentityEncoding, transferEncodingOf } from '../mime/transferEncoding';

export interface OpenOptions {
  /** Our decryption certificates and keys. */
  identities: readonly DecryptionIdentity[];
  /** The partner's signing certificate(s) on file, besides any the signature carries. */
  certificates?: readonly X509Certificate[];
  limits?: Partial<MimeLimits>;
}

export interface OpenedMessage {
  envelope: EnvelopeDetails;
  /** The payload entity's header fields and type (Content-Disposition carries the file name). */
  payloadHeaders: Headers;
  payloadType: MediaType;
  /** The payload body; read once, to its end, which is where the signature is checked. */
  payload: AsyncIterable<Buffer>;
  /** Once `payload` has ended: who signed, and the MIC of the signed entity for the MDN. */
  result(): { signers: SignerVerdict[]; mic: { digest: DigestName; value: Buffer } };
}

/** Digests to compute over the signed part: those micalg announces, or the two AS2 senders use when it names none. */
function digestsFor(micalg: readonly DigestName[]): DigestName[] {
  return micalg.length > 0 ? [...new Set(micalg)] : ['sha256', 'sha1'];
}

export async function openMessage(source: ContentSource, options: OpenOptions): Promise<OpenedMessage> {
  const envelope = await decryptEnvelopedStream(source, options.identities);
  const details: EnvelopeDetails = {
    contentType: envelope.contentType,
    contentCipher: envelope.contentCipher,
    keyTransport: envelope.keyTransport,
    recipient: envelope.recipient,
  };
  const split = await splitMultipartSigned(envelope.content, options.limits);
  const hashes = new Map<DigestName, Hash>(digestsFor(split.micalg).map((name) => [name, createHash(name)]));
  async function* digested(): AsyncIterable<Buffer> {
    for await (const chunk of split.content) {
      for (const hash of hashes.values()) hash.update(chunk);
      yield chunk;
    }
  }
  const reader = new ChunkReader(digested());
  const head = await readEntityHead(reader, options.limits);
  const encoding = transferEncodingOf(head.headers.single('content-transfer-encoding'));
  if (!isIdentityEncoding(encoding)) {
    throw new MimeError('bad-transfer-encoding', `A streamed payload must be sent binary (RFC 4130 §5.2.1), not ${encoding}`);
  }

  let result: ReturnType<OpenedMessage['result']> | undefined;
  async function* payload(): AsyncIterable<Buffer> {
    for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) yield chunk;
    const digests = new Map([...hashes].map(([name, hash]) => [name, hash.digest()]));
    const verified = await verifySignedData(split.signature().body, { contentDigests: digests, certificates: options.certificates });
    const micDigest = verified.signers[0]!.digestAlgorithm;
    result = { signers: verified.signers, mic: { digest: micDigest, value: digests.get(micDigest)! } };
  }
  return {
    envelope: details,
    payloadHeaders: head.headers,
    payloadType: head.contentType,
    payload: payload(),
    result: () => {
      if (!result) throw new Error('The signature is checked when the payload has been read to its end');
      return result;
    },
  };
}
