// Why this file exists: a partner's SignedData (RFC 5652 §5.6) must be checked signer by signer — digest, signed
// attributes, RSA signature, algorithm protection — and every failure named, because the AS2 layer answers each with
// a different MDN. Detached content is read once, as a stream, whatever its size.
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { CourierError } from '../errors';
import { decodeOctetString, fromBerTree } from './berDecoding';
import { describeIdentifier, identifies } from './certificateIdentity';
import { CmsError } from './cmsError';
import { contentTypeName, readContentInfo } from './contentInfo';
import { digestContent, readDigestAlgorithm, type ContentSink, type ContentSource, type DigestName } from './digests';
import { oidData, oidSignedData } from './oids';
import {
  contentVerifier,
  finishContentVerification,
  readSignatureAlgorithm,
  verifyBytes,
  type SignatureAlgorithm,
} from './rsaSignature';
import { readSignedAttributes, sameAlgorithm, signedBytesCandidates } from './signedAttributes';

export interface VerifyOptions {
  /** The content of a detached signature (multipart/signed): bytes or a stream of chunks. */
  content?: ContentSource;
  /**
   * Instead of `content`: the detached content's digests, computed as it streamed past (multipart/signed carries the
   * content before its signature). Every signer must use signed attributes and a digest given here.
   */
  contentDigests?: ReadonlyMap<DigestName, Uint8Array>;
  /** Certificates that may have signed besides those in the message (the partner's certificate on file). */
  certificates?: readonly X509Certificate[];
}

export interface SignerVerdict {
  /** The certificate whose key verified the signature; whether to trust it is the caller's decision. */
  certificate: X509Certificate;
  digestAlgorithm: DigestName;
  /** MD5: accepted for verification only, never for signing. */
  weakDigest: boolean;
  signatureAlgorithm: SignatureAlgorithm;
  signingTime: Date | undefined;
  signedAttributes: boolean;
  /** A CMSAlgorithmProtection attribute was present and matched (RFC 6211). */
  algorithmProtection: boolean;
}

export interface VerifiedSignedData {
  /** eContentType (id-data for AS2). */
  contentType: string;
  /** The encapsulated content of an attached signature; undefined for a detached one. */
  content: Buffer | undefined;
  /** One verdict per SignerInfo; every one has verified. */
  signers: SignerVerdict[];
}

interface PreparedSigner {
  info: SignerInfo;
  digest: DigestName;
  algorithm: SignatureAlgorithm;
  certificate: X509Certificate;
  /** [0] IMPLICIT SignedAttributes exactly as received. */
  signedAttrsRaw: Uint8Array | undefined;
  /** Streaming verifier over the content, when the signer has no signed attributes. */
  verifier: ReturnType<typeof contentVerifier> | undefined;
}

function children(node: asn1js.AsnType | undefined): asn1js.AsnType[] {
  return (node?.valueBlock as { value?: asn1js.AsnType[] } | undefined)?.value ?? [];
}

const isContextTag = (node: asn1js.AsnType, tag: number): boolean => node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag;

/** Certificates from the message, as DER exactly as sent (re-encoding could change bytes a CA signed). */
function embeddedCertificates(signedDataNode: asn1js.AsnType): X509Certificate[] {
  const set = children(signedDataNode).find((n) => isContextTag(n, 0));
  const certificates: X509Certificate[] = [];
  for (const choice of children(set)) {
    if (choice.idBlock.tagClass !== 1) continue; // attribute and other certificate formats are not signer certificates
    try {
      const certificate = new X509Certificate(Buffer.from(choice.valueBeforeDecodeView));
      void certificate.publicKey; // Node parses the key lazily; a broken one must not surface later as a crash
      certificates.push(certificate);
    } catch {
      // A certificate Node cannot read cannot be the signer's; the signer lookup reports what is missing.
    }
  }
  return certificates;
}

/** The raw [0] SignedAttributes of each SignerInfo, in order (the schema does not keep them for repeated fields). */
function rawSignedAttributes(signedDataNode: asn1js.AsnType): (Uint8Array | undefined)[] {
  const signerInfos = children(signedDataNode).at(-1);
  return children(signerInfos).map((info) => {
    // signedAttrs is the constructed [0]; a version 3 SignerInfo's sid is a primitive [0] (subjectKeyIdentifier).
    const attrs = children(info).find((n) => isContextTag(n, 0) && n.idBlock.isConstructed);
    return attrs ? attrs.valueBeforeDecodeView : undefined;
  });
}

function prepare(
  info: SignerInfo,
  index: number,
  raw: Uint8Array | undefined,
  candidates: readonly X509Certificate[],
): PreparedSigner {
  const where = `Signer ${index + 1}`;
  const digest = readDigestAlgorithm(info.digestAlgorithm, where);
  const algorithm = readSignatureAlgorithm(info.signatureAlgorithm, digest);
  const certificate = candidates.find((c) => identifies(info.sid, c));
  if (!certificate) {
    throw new CmsError(
      'no-signer-certificate',
      `Signature verification failed: no certificate for the signer (${describeIdentifier(info.sid)}) is in the message or on file`,
    );
  }
  if (info.signedAttrs && !raw) throw new CmsError('malformed', `${where}: the signed attributes could not be located`);
  return {
    info,
    digest,
    algorithm,
    certificate,
    signedAttrsRaw: info.signedAttrs ? raw : undefined,
    verifier: info.signedAttrs ? undefined : contentVerifier(digest),
  };
}

function check(signer: PreparedSigner, contentType: string, digests: Map<DigestName, Buffer>): SignerVerdict {
  const { info, digest, algorithm, certificate } = signer;
  const signature = new Uint8Array(info.signature.buffer);
  const base = { certificate, digestAlgorithm: digest, weakDigest: digest === 'md5', signatureAlgorithm: algorithm };
  if (!info.signedAttrs || !signer.signedAttrsRaw) {
    if (contentType !== oidData) {
      throw new CmsError('bad-signed-attributes', `Content of type ${contentTypeName(contentType)} was signed without signed attributes`);
    }
    if (!finishContentVerification(signer.verifier!, certificate.publicKey, digest, algorithm, signature)) {
      throw new CmsError('bad-signature', "Signature verification failed: the signature does not match the signer's key and the content");
    }
    return { ...base, signingTime: undefined, signedAttributes: false, algorithmProtection: false };
  }
  const attrs = readSignedAttributes(info.signedAttrs);
  if (attrs.contentType !== contentType) {
    throw new CmsError(
      'bad-signed-attributes',
      `The signed content-type ${contentTypeName(attrs.contentType)} differs from the encapsulated ${contentTypeName(contentType)}`,
    );
  }
  if (!Buffer.from(attrs.messageDigest).equals(digests.get(digest)!)) {
    throw new CmsError('digest-mismatch', `Signature verification failed: the ${digest} digest of the content does not match the signed message-digest`);
  }
  const protection = attrs.algorithmProtection;
  if (
    protection &&
    (!sameAlgorithm(protection.digestAlgorithm, info.digestAlgorithm) ||
      (protection.signatureAlgorithm !== undefined && !sameAlgorithm(protection.signatureAlgorithm, info.signatureAlgorithm)))
  ) {
    throw new CmsError('algorithm-protection-mismatch', 'Signature verification failed: CMSAlgorithmProtection names other algorithms than the SignerInfo');
  }
  const verified = signedBytesCandidates(signer.signedAttrsRaw, info.signedAttrs).some((bytes) =>
    verifyBytes(bytes, certificate.publicKey, digest, algorithm, signature),
  );
  if (!verified) {
    throw new CmsError('bad-signature', "Signature verification failed: the signature over the signed attributes does not match the signer's key");
  }
  return { ...base, signingTime: attrs.signingTime, signedAttributes: true, algorithmProtection: protection !== undefined };
}

function givenDigests(given: ReadonlyMap<DigestName, Uint8Array>, needed: readonly DigestName[], unattributed: number): Map<DigestName, Buffer> {
  if (unattributed > 0) {
    throw new CmsError('bad-signed-attributes', 'A signer has no signed attributes, so its signature must be checked over the content itself, which has already passed');
  }
  const missing = needed.find((name) => !given.has(name));
  if (missing) {
    throw new CmsError('digest-mismatch', `Signature verification failed: the signer used ${missing}, but the content was digested only with ${[...given.keys()].join(', ') || 'nothing'} (the micalg it announced)`);
  }
  return new Map([...given].map(([name, value]) => [name, Buffer.from(value)]));
}

/** Verifies every SignerInfo of a DER/BER ContentInfo(SignedData); throws a CmsError naming the first failure. */
export async function verifySignedData(message: Uint8Array, options: VerifyOptions = {}): Promise<VerifiedSignedData> {
  const tree = readContentInfo(message, oidSignedData, 'The signed message');
  const signedData = fromBerTree(tree, SignedData, 'The SignedData');
  const encapsulated = signedData.encapContentInfo;
  const attached = encapsulated.eContent?.single
    ? new Uint8Array(encapsulated.eContent.single.buffer)
    : encapsulated.eContent?.any
      ? decodeOctetString(encapsulated.eContent.any, 'The encapsulated content')
      : undefined;
  if (attached && options.content !== undefined) {
    throw new CourierError('BAD_INPUT', 'The signature carries its content; do not pass detached content as well');
  }
  if (options.contentDigests && (attached || options.content !== undefined)) {
    throw new CourierError('BAD_INPUT', 'Pass detached content or its digests, not both, and neither for an attached signature');
  }
  const content = attached ?? options.content;
  if (content === undefined && !options.contentDigests) {
    throw new CourierError('BAD_INPUT', 'This is a detached signature: pass the signed content to verify it', 'Give the first part of the multipart/signed entity.');
  }
  if (signedData.signerInfos.length === 0) throw new CmsError('malformed', 'The SignedData has no signers');
  const raw = rawSignedAttributes(tree);
  if (raw.length !== signedData.signerInfos.length) throw new CmsError('malformed', 'The SignerInfos could not be read consistently');

  const candidates = [...(options.certificates ?? []), ...embeddedCertificates(tree)];
  const signers = signedData.signerInfos.map((info, i) => prepare(info, i, raw[i], candidates));
  const needed = signers.filter((s) => s.signedAttrsRaw).map((s) => s.digest);
  const streams: ContentSink[] = signers.flatMap((s) => (s.verifier ? [s.verifier] : []));
  const digests = content === undefined ? givenDigests(options.contentDigests!, needed, streams.length) : await digestContent(content, needed, streams);

  return {
    contentType: encapsulated.eContentType,
    content: attached ? Buffer.from(attached) : undefined,
    signers: signers.map((s) => check(s, encapsulated.eContentType, digests)),
  };
}
