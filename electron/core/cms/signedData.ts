// Why this file exists: AS2 signs with CMS SignedData (RFC 5652 §5), detached (multipart/signed) or with the content
// inside; this composes digest, signed attributes and RSA signature into one SignerInfo and writes the structure
// with our certificate (and chain). Content arrives as chunks, so a detached signature never holds it whole.
import { createHash, type KeyObject, type X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  CMSVersion,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import { CourierError } from '../errors';
import { identifierFor, type IdentifierForm } from './certificateIdentity';
import { writeContentInfo } from './contentInfo';
import { digestAlgorithmIdentifier, digestLengths, pipeContent, type ContentSink, type ContentSource, type SigningDigest } from './digests';
import { oidData, oidSignedData } from './oids';
import {
  contentSigner,
  finishContentSignature,
  requireRsaSigningKey,
  signatureAlgorithmIdentifier,
  signBytes,
  type SignatureScheme,
} from './rsaSignature';
import { buildSignedAttributes, type SignedAttributeOptions } from './signedAttributes';

export interface SignerIdentity {
  certificate: X509Certificate;
  privateKey: KeyObject;
  /** Intermediate CA certificates to include after the signer's own. */
  chain?: readonly X509Certificate[];
}

export interface SignOptions {
  signer: SignerIdentity;
  digest: SigningDigest;
  /** Default: RSA PKCS#1 v1.5. */
  signature?: SignatureScheme;
  /** true: the content stays outside (multipart/signed); false: it is carried in eContent. */
  detached: boolean;
  /**
   * Default: content-type, message-digest, signing-time, SMIMECapabilities and CMSAlgorithmProtection. `false`
   * signs the content directly with no attributes at all (allowed only for id-data).
   */
  signedAttributes?: false | SignedAttributeOptions;
  /** Default: issuerAndSerialNumber (SignerInfo version 1). */
  identifier?: IdentifierForm;
  /** eContentType; default id-data. */
  contentType?: string;
}

const signingDigests: ReadonlySet<string> = new Set<SigningDigest>(['sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

/** Collects chunks for attached signing (the content goes into the structure, so it is held anyway). */
class Collector implements ContentSink {
  readonly chunks: Uint8Array[] = [];
  update(chunk: Uint8Array): void {
    this.chunks.push(Uint8Array.from(chunk)); // a source may reuse its buffer for the next chunk
  }
}

interface Prepared {
  options: SignOptions;
  scheme: SignatureScheme;
  form: IdentifierForm;
  contentType: string;
  digestAlgorithm: ReturnType<typeof digestAlgorithmIdentifier>;
  signatureAlgorithm: ReturnType<typeof signatureAlgorithmIdentifier>;
  base: Pick<SignerInfo, 'version' | 'sid' | 'digestAlgorithm' | 'signatureAlgorithm'>;
}

function prepare(options: SignOptions): Prepared {
  const { signer, digest } = options;
  if (!signingDigests.has(digest)) {
    throw new CourierError('BAD_INPUT', `Courier does not sign with ${String(digest)}`, 'Sign with SHA-256 (or SHA-1, SHA-224, SHA-384, SHA-512 where a partner needs it).');
  }
  requireRsaSigningKey(signer.privateKey, 'signing key');
  const scheme = options.signature ?? { scheme: 'rsa-pkcs1v15' };
  const form = options.identifier ?? 'issuerAndSerialNumber';
  const digestAlgorithm = digestAlgorithmIdentifier(digest);
  const signatureAlgorithm = signatureAlgorithmIdentifier(scheme, digest);
  const base = {
    version: form === 'subjectKeyIdentifier' ? CMSVersion.v3 : CMSVersion.v1,
    sid: new SignerIdentifier(identifierFor(signer.certificate, form)),
    digestAlgorithm,
    signatureAlgorithm,
  };
  return { options, scheme, form, contentType: options.contentType ?? oidData, digestAlgorithm, signatureAlgorithm, base };
}

/** The SignerInfo over signed attributes that carry `messageDigest`, the digest of the content. */
function attributedSignerInfo(p: Prepared, messageDigest: Uint8Array): SignerInfo {
  const { attributes, signedBytes } = buildSignedAttributes({
    contentType: p.contentType,
    messageDigest,
    digestAlgorithm: p.digestAlgorithm,
    signatureAlgorithm: p.signatureAlgorithm,
    options: p.options.signedAttributes || {},
  });
  const signature = signBytes(signedBytes, p.options.signer.privateKey, p.options.digest, p.scheme);
  return new SignerInfo({ ...p.base, signedAttrs: attributes, signature: new OctetString(signature) });
}

/** A DER element written as is inside an asn1js structure (RawData itself ignores the writer asn1js passes). */
class PreEncoded extends asn1js.RawData {
  override toBER(sizeOnly?: boolean, writer?: asn1js.ViewWriter): ArrayBuffer {
    const bytes = super.toBER(sizeOnly);
    if (!writer) return bytes;
    writer.write(bytes);
    return new ArrayBuffer(0);
  }
}

function assemble(p: Prepared, signerInfo: SignerInfo, eContent: Uint8Array | undefined): Uint8Array {
  const { signer } = p.options;
  const encapsulated = new EncapsulatedContentInfo({
    eContentType: p.contentType,
    eContent: eContent ? new EncapsulatedContent({ single: new OctetString(eContent) }) : undefined,
  });
  // The certificates go in as the DER they already are: parsing and re-encoding them cost more than the signature.
  const certificates = [signer.certificate, ...(signer.chain ?? [])].map((c) => new PreEncoded({ data: c.raw }));
  const signedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: p.form === 'subjectKeyIdentifier' || p.contentType !== oidData ? 3 : 1 }),
      AsnSerializer.toASN(new DigestAlgorithmIdentifiers([p.digestAlgorithm])) as asn1js.AsnType,
      AsnSerializer.toASN(encapsulated) as asn1js.AsnType,
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: certificates as unknown as asn1js.AsnType[] }),
      AsnSerializer.toASN(new SignerInfos([signerInfo])) as asn1js.AsnType,
    ],
  });
  return writeContentInfo(oidSignedData, signedData);
}

/** Signs `content` and returns DER ContentInfo(SignedData). */
export async function signData(content: ContentSource, options: SignOptions): Promise<Uint8Array> {
  const p = prepare(options);
  const collector = options.detached ? undefined : new Collector();
  const attached = collector ? [collector] : [];
  let signerInfo: SignerInfo;
  if (options.signedAttributes === false) {
    if (p.contentType !== oidData) {
      throw new CourierError('BAD_INPUT', 'Content other than id-data must be signed with signed attributes (RFC 5652 §5.3)');
    }
    const stream = contentSigner(options.digest);
    await pipeContent(content, [stream, ...attached]);
    const signature = finishContentSignature(stream, options.signer.privateKey, options.digest, p.scheme);
    signerInfo = new SignerInfo({ ...p.base, signature: new OctetString(signature) });
  } else {
    const hash = createHash(options.digest);
    await pipeContent(content, [hash, ...attached]);
    signerInfo = attributedSignerInfo(p, hash.digest());
  }
  return assemble(p, signerInfo, collector ? Buffer.concat(collector.chunks) : undefined);
}

/**
 * A detached signature from the content's digest, computed as the content streamed past: multipart/signed writes
 * the content before its signature, so the content cannot be read a second time. Signed attributes are required
 * (without them the signature itself would have to see the content).
 */
export function signDetachedDigest(messageDigest: Uint8Array, options: Omit<SignOptions, 'detached'>): Uint8Array {
  if (options.signedAttributes === false) {
    throw new CourierError('BAD_INPUT', 'Signing a digest needs signed attributes; sign the content itself to go without them');
  }
  const p = prepare({ ...options, detached: true });
  if (messageDigest.length !== digestLengths[options.digest]) {
    throw new CourierError('BAD_INPUT', `A ${options.digest} digest is ${digestLengths[options.digest]} bytes, not ${messageDigest.length}`);
  }
  return assemble(p, attributedSignerInfo(p, messageDigest), undefined);
}
