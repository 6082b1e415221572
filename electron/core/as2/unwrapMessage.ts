// Why this file exists: a received AS2 body may be any nesting of EnvelopedData / AuthEnvelopedData,
// CompressedData and multipart/signed around the payload entity (or, from some senders, the bare payload). This
// peels the layers, checks the signature against the partner's certificate, computes the MIC RFC 4130 §7.3.1
// defines for that shape, and turns every failure into the disposition modifier the MDN must report.
//
// Whole-buffer by design: the body is already in memory (the receiver stores the raw wire message first), and each
// layer is at most that size, or maxDecompressedBytes after decompression. openMessage streams the common shape.
import { createHash, type X509Certificate } from 'node:crypto';
import { ContentInfo } from '@peculiar/asn1-cms';
import { decryptAuthEnvelopedData } from '../cms/authEnvelopedData';
import { fromBerTree, readBerTree } from '../cms/berDecoding';
import { CmsError } from '../cms/cmsError';
import { decompressData, DEFAULT_MAX_DECOMPRESSED_BYTES } from '../cms/compressedData';
import type { DigestName } from '../cms/digests';
import { decryptEnvelopedData, type DecryptionIdentity } from '../cms/envelopedData';
import { oidAuthEnvelopedData, oidCompressedData, oidEnvelopedData, oidSignedData } from '../cms/oids';
import { verifySignedData, type SignerVerdict } from '../cms/signedDataVerification';
import { withCanonicalHeaders } from '../mime/canonicalize';
import type { MimeEntity } from '../mime/entity';
import { Headers, parseHeaderSection } from '../mime/headers';
import { mimeLimits, type MimeLimits } from '../mime/limits';
import { readMultipartSigned } from '../mime/multipartSigned';
import { parseContentDisposition } from '../mime/parameters';
import { parseEntity, parseEntityBody } from '../mime/parseEntity';
import { isPkcs7Mime, readPkcs7Mime, type SmimeType } from '../mime/pkcs7Mime';
import { insufficientSecurity, processingFailure, unknownSigner, type UnwrapStep } from './processingFailure';

export { As2ProcessingError, type As2FailureModifier } from './processingFailure';

export interface UnwrapOptions {
  identities: readonly DecryptionIdentity[];
  /** The partner's signature-verification certificate(s). */
  partnerCertificates: readonly X509Certificate[];
  /** MIC digests the MDN request prefers (for unsigned messages: the first one; sha256 when it names none). */
  micAlgorithms: readonly DigestName[];
  limits?: Partial<MimeLimits> & { maxDecompressedBytes?: number };
  /** Content-Transfer-Encoding of the HTTP body, when the sender sent one (some send base64 bodies). */
  contentTransferEncoding?: string;
  /** Content-Disposition of the HTTP body: the file name of a bare or unwrapped payload. */
  contentDisposition?: string;
  /** The partner's policy: refuse with insufficient-message-security what lacks these. */
  require?: { signature?: boolean; encryption?: boolean };
}

export interface UnwrappedMessage {
  payload: Buffer;
  payloadHeaders: Headers;
  /** From Content-Disposition's filename, when there is one. */
  fileName: string | null;
  contentType: string;
  security: {
    encryption: { cipher: string; keyTransport: string; recipient: X509Certificate } | null;
    signature: { digest: DigestName; signer: X509Certificate; signingTime: Date | null } | null;
    compressed: boolean;
  };
  mic: { digest: DigestName; base64: string };
}

/** Enveloped → compressed → signed → compressed → payload is four; more is hostile. */
const MAX_LAYERS = 6;

interface Peeled {
  encryption: UnwrappedMessage['security']['encryption'];
  signature: UnwrappedMessage['security']['signature'];
  compressed: boolean;
  /** Digest of the signed entity, by the first (outermost) signature. */
  signedMic: { digest: DigestName; value: Buffer } | undefined;
}

async function step<T>(name: UnwrapStep, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw processingFailure(name, error);
  }
}

/** The CMS type of a pkcs7-mime body that names none (smime-type missing, name not .p7z/.p7c). */
function cmsTypeOf(der: Uint8Array): SmimeType | undefined {
  const info = fromBerTree(readBerTree(der, 'The pkcs7-mime content'), ContentInfo, 'The pkcs7-mime content');
  const byOid: Record<string, SmimeType> = {
    [oidEnvelopedData]: 'enveloped-data',
    [oidAuthEnvelopedData]: 'authEnveloped-data',
    [oidCompressedData]: 'compressed-data',
    [oidSignedData]: 'signed-data',
  };
  return byOid[info.contentType];
}

/**
 * The MIME entity inside a decrypted or decompressed layer. Content that does not start with a header section
 * naming a Content-Type is a bare payload (Mendelson encrypts the file itself when it sends unsigned).
 */
function innerEntity(bytes: Buffer, limits: MimeLimits): MimeEntity | 'bare' {
  try {
    const { headers } = parseHeaderSection(bytes, 0, bytes.length, limits);
    if (!headers.has('content-type')) return 'bare';
  } catch {
    return 'bare';
  }
  return parseEntity(bytes, limits);
}

function isPartnerCertificate(signer: X509Certificate, partner: readonly X509Certificate[]): boolean {
  return partner.some((c) => c.fingerprint256 === signer.fingerprint256 || c.publicKey.equals(signer.publicKey));
}

/** Records a verified signature (the first is the one the MIC follows) after checking it is the partner's. */
function acceptSigner(peeled: Peeled, signer: SignerVerdict, signedBytes: Uint8Array, options: UnwrapOptions): void {
  if (!isPartnerCertificate(signer.certificate, options.partnerCertificates)) throw unknownSigner(signer.certificate.subject.replace(/\n/g, ', '));
  if (peeled.signature) return;
  peeled.signature = { digest: signer.digestAlgorithm, signer: signer.certificate, signingTime: signer.signingTime ?? null };
  peeled.signedMic = { digest: signer.digestAlgorithm, value: createHash(signer.digestAlgorithm).update(signedBytes).digest() };
}

/** multipart/signed: the first part as received, or (for captures whose line ends were altered) with CRLF headers. */
async function verifyMultipartSigned(entity: MimeEntity, peeled: Peeled, options: UnwrapOptions): Promise<MimeEntity> {
  const signed = await step('parse', () => readMultipartSigned(entity));
  const certificates = options.partnerCertificates;
  const verify = (content: Buffer) => verifySignedData(signed.signature.body, { content, certificates });
  const raw = signed.content.rawBytes;
  const canonical = withCanonicalHeaders(signed.content);
  const verified = await step('verify', async () => {
    try {
      return { bytes: raw, result: await verify(raw) };
    } catch (error) {
      if (!(error instanceof CmsError && error.reason === 'digest-mismatch') || canonical.equals(raw)) throw error;
      return { bytes: canonical, result: await verify(canonical) };
    }
  });
  acceptSigner(peeled, verified.result.signers[0]!, verified.bytes, options);
  return signed.content;
}

/**
 * Tries our identities one at a time: two of them may carry the same issuer and serial (self-signed certificates
 * from the same tool), and only the content's padding or tag tells which key opened it. The error kept is the one
 * from an identity the message named, when there was one.
 */
function decryptWithEach(der: Buffer, type: 'enveloped-data' | 'authEnveloped-data', identities: readonly DecryptionIdentity[]) {
  let failure: unknown = new CmsError('no-matching-recipient', 'Decryption failed: no decryption key is configured for this station');
  for (const identity of identities) {
    try {
      return type === 'enveloped-data' ? decryptEnvelopedData(der, [identity]) : decryptAuthEnvelopedData(der, [identity]);
    } catch (error) {
      if (!(error instanceof CmsError && error.reason === 'no-matching-recipient' && failure instanceof CmsError && failure.reason !== 'no-matching-recipient')) failure = error;
    }
  }
  throw failure;
}

/** Opens one application/pkcs7-mime layer; returns the bytes inside. */
async function openPkcs7(entity: MimeEntity, peeled: Peeled, options: UnwrapOptions): Promise<Buffer> {
  const { smimeType, der } = await step('parse', () => readPkcs7Mime(entity));
  const type = smimeType ?? (await step('parse', () => cmsTypeOf(der)));
  switch (type) {
    case 'enveloped-data':
    case 'authEnveloped-data': {
      const opened = await step('decrypt', () => decryptWithEach(der, type, options.identities));
      peeled.encryption ??= { cipher: opened.contentCipher, keyTransport: opened.keyTransport.scheme, recipient: opened.recipient };
      return opened.content;
    }
    case 'compressed-data': {
      const maxBytes = options.limits?.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
      const opened = await step('decompress', () => decompressData(der, { maxBytes }));
      peeled.compressed = true;
      return opened.content;
    }
    case 'signed-data': {
      const verified = await step('verify', () => verifySignedData(der, { certificates: options.partnerCertificates }));
      if (!verified.content) throw processingFailure('verify', new CmsError('malformed', 'The signed-data has no content (a detached signature needs multipart/signed)'));
      acceptSigner(peeled, verified.signers[0]!, verified.content, options);
      return verified.content;
    }
    default:
      throw processingFailure('parse', new CmsError('unexpected-content-type', `application/pkcs7-mime of type ${type ?? 'unknown'} carries no AS2 message`));
  }
}

function fileNameOf(contentDisposition: string | undefined): string | null {
  if (!contentDisposition) return null;
  try {
    return parseContentDisposition(contentDisposition).params.get('filename') ?? null;
  } catch {
    return null;
  }
}

export async function unwrapMessage(contentType: string, body: Buffer, options: UnwrapOptions): Promise<UnwrappedMessage> {
  const limits = mimeLimits(options.limits);
  const httpFields: [string, string][] = [['Content-Type', contentType]];
  if (options.contentTransferEncoding) httpFields.push(['Content-Transfer-Encoding', options.contentTransferEncoding]);
  if (options.contentDisposition) httpFields.push(['Content-Disposition', options.contentDisposition]);
  let entity = await step('parse', () => parseEntityBody(Headers.fromFields(httpFields), body, limits));
  const peeled: Peeled = { encryption: null, signature: null, compressed: false, signedMic: undefined };
  let bare: Buffer | undefined;
  for (let layer = 0; ; layer++) {
    if (layer > MAX_LAYERS) throw processingFailure('parse', new CmsError('malformed', `The message nests more than ${MAX_LAYERS} security layers`));
    if (entity.contentType.mediaType === 'multipart/signed') {
      entity = await verifyMultipartSigned(entity, peeled, options);
      continue;
    }
    if (!isPkcs7Mime(entity)) break;
    const inner = await openPkcs7(entity, peeled, options);
    const next = await step('parse', () => innerEntity(inner, limits));
    if (next === 'bare') {
      bare = inner;
      break;
    }
    entity = next;
  }
  if (options.require?.encryption && !peeled.encryption) throw insufficientSecurity('encryption');
  if (options.require?.signature && !peeled.signature) throw insufficientSecurity('signature');

  const payload = bare ?? entity.body;
  const micDigest = options.micAlgorithms[0] ?? 'sha256';
  // RFC 4130 §7.3.1 with RFC 5402 §4: signed — the signed entity; encrypted only — the (uncompressed) entity with
  // its headers as decrypted; neither — the content alone.
  const mic = peeled.signedMic ?? {
    digest: micDigest,
    value: createHash(micDigest).update(peeled.encryption ? (bare ?? entity.rawBytes) : payload).digest(),
  };
  return {
    payload,
    payloadHeaders: bare ? new Headers([]) : entity.headers,
    fileName: fileNameOf(bare ? options.contentDisposition : entity.headers.get('content-disposition')),
    contentType: bare ? 'application/octet-stream' : (entity.headers.get('content-type') ?? entity.contentType.mediaType),
    security: { encryption: peeled.encryption, signature: peeled.signature, compressed: peeled.compressed },
    mic: { digest: mic.digest, base64: mic.value.toString('base64') },
  };
}
