// Why this file exists: the MDN (RFC 3798 in RFC 4130 §7) is AS2's receipt — a multipart/report with a text part
// and a message/disposition-notification part, signed when asked — and the only proof a partner got the exact
// bytes we sent (Received-Content-MIC). We write them for what we receive and read those partners return.
import { createHash, type X509Certificate } from 'node:crypto';
import { CmsError } from '../cms/cmsError';
import type { DigestName, SigningDigest } from '../cms/digests';
import { signDetachedDigest, type SignerIdentity } from '../cms/signedData';
import { verifySignedData } from '../cms/signedDataVerification';
import { CourierError } from '../errors';
import { buildMultipartSigned } from '../mime/build';
import { withCanonicalHeaders } from '../mime/canonicalize';
import type { Disposition, DispositionNotification } from '../mime/dispositionNotification';
import { parseDispositionNotification } from '../mime/dispositionNotification';
import { buildDispositionReport, readDispositionReport, type DispositionReport } from '../mime/dispositionReport';
import { entityText, type MimeEntity } from '../mime/entity';
import { Headers } from '../mime/headers';
import { digestFromMicalg } from '../mime/micalg';
import { MimeError } from '../mime/mimeError';
import { readMultipartSigned } from '../mime/multipartSigned';
import { parseEntityBody } from '../mime/parseEntity';
import type { HeaderList } from './as2Headers';
import type { As2FailureModifier } from './unwrapMessage';

export interface MdnInit {
  /** Our AS2 ID (Final-Recipient) and the UA name (Reporting-UA). */
  reportingUa: string;
  finalRecipient: string;
  originalRecipient: string;
  originalMessageId: string;
  /** processed, or processed/error with a modifier, or processed/warning with text. */
  outcome: { kind: 'processed' } | { kind: 'error'; modifier: As2FailureModifier } | { kind: 'warning'; text: string };
  mic: { digest: DigestName; base64: string } | null;
  /** The human-readable first part. */
  text: string;
  /** null: unsigned MDN. */
  sign: { signer: SignerIdentity; digest: SigningDigest; micalgSpelling: 'rfc5751' | 'rfc3851'; omitAlgorithmProtection?: boolean } | null;
}

export interface BuiltMdn {
  /** HTTP headers for the MDN's entity: Content-Type (and MIME-Version); AS2 headers are the caller's. */
  headers: HeaderList;
  body: Buffer;
}

function dispositionOf(outcome: MdnInit['outcome']): Disposition {
  const base = { actionMode: 'automatic-action', sendingMode: 'MDN-sent-automatically', type: 'processed' } as const;
  if (outcome.kind === 'processed') return base;
  if (outcome.kind === 'error') return { ...base, modifier: { kind: 'error', description: outcome.modifier } };
  return { ...base, modifier: { kind: 'warning', description: outcome.text.replace(/[\r\n]+/g, ' ') } };
}

const bracketed = (id: string): string => `<${id.replace(/^<|>$/g, '')}>`;

export function buildMdn(init: MdnInit): BuiltMdn {
  const spelling = init.sign?.micalgSpelling ?? 'rfc5751';
  const report = buildDispositionReport({
    text: init.text,
    notification: {
      reportingUa: init.reportingUa,
      originalRecipient: init.originalRecipient,
      finalRecipient: init.finalRecipient,
      originalMessageId: bracketed(init.originalMessageId),
      disposition: dispositionOf(init.outcome),
      ...(init.mic && { receivedContentMic: { digest: Buffer.from(init.mic.base64, 'base64'), algorithm: init.mic.digest } }),
      micalgSpelling: spelling,
    },
  });
  if (!init.sign) return { headers: [['MIME-Version', '1.0'], ...(report.headerFields as HeaderList)], body: report.body };
  const { signer, digest } = init.sign;
  const signature = signDetachedDigest(createHash(digest).update(report.bytes).digest(), {
    signer,
    digest,
    signedAttributes: init.sign.omitAlgorithmProtection ? { algorithmProtection: false } : {},
  });
  const signed = buildMultipartSigned(report.bytes, signature, { micalg: digest, micalgSpelling: spelling });
  return { headers: [['MIME-Version', '1.0'], ...(signed.headerFields as HeaderList)], body: signed.body };
}

export interface ReceivedMdn {
  originalMessageId: string | null;
  /** The Disposition field as written, e.g. "automatic-action/MDN-sent-automatically; processed/error: decryption-failed". */
  disposition: string;
  dispositionType: string;
  /** e.g. error: decryption-failed, or null when processed cleanly. */
  modifier: { kind: 'error' | 'warning' | 'failure'; text: string } | null;
  mic: { digest: DigestName | null; base64: string; algorithmName: string } | null;
  text: string | null;
  signature:
    | { status: 'verified'; digest: DigestName; signer: X509Certificate }
    | { status: 'unsigned' }
    | { status: 'invalid' | 'unknown-signer'; reason: string };
}

const NOT_AN_MDN_HINT = "The partner's answer is not a readable MDN: keep it, and ask the partner to check their MDN settings.";

/**
 * The report, tolerating a Received-Content-MIC whose algorithm we do not know (its text is kept, its digest is
 * null): a receipt we cannot match is still a receipt whose disposition must be shown.
 */
function readReport(entity: MimeEntity): { report: DispositionReport; unknownMic?: ReceivedMdn['mic'] } {
  try {
    return { report: readDispositionReport(entity) };
  } catch (error) {
    const machine = entity.parts[1];
    if (!(error instanceof MimeError && error.reason === 'unsupported-micalg') || !machine) throw error;
    const micLine = /^received-content-mic[ \t]*:(.*(?:\r?\n[ \t].*)*)\r?\n/im;
    const field = micLine.exec(machine.body.toString('latin1'));
    const stripped = Buffer.from(machine.body.toString('latin1').replace(micLine, ''), 'latin1');
    const [base64 = '', algorithmName = ''] = (field?.[1] ?? '').replace(/\s+/g, ' ').split(',').map((s) => s.trim());
    const report = { text: entityText(entity.parts[0]!), notification: parseDispositionNotification(stripped) };
    return { report, unknownMic: { digest: null, base64, algorithmName } };
  }
}

type Signature = ReceivedMdn['signature'];

async function checkSignature(entity: MimeEntity, partnerCertificates: readonly X509Certificate[]): Promise<{ content: MimeEntity; signature: Signature }> {
  const signed = readMultipartSigned(entity);
  const verify = (content: Buffer) => verifySignedData(signed.signature.body, { content, certificates: partnerCertificates });
  let signature: Signature;
  try {
    let verified;
    try {
      verified = await verify(signed.content.rawBytes);
    } catch (error) {
      if (!(error instanceof CmsError && error.reason === 'digest-mismatch')) throw error;
      verified = await verify(withCanonicalHeaders(signed.content));
    }
    const signer = verified.signers[0]!;
    const onFile = partnerCertificates.some((c) => c.fingerprint256 === signer.certificate.fingerprint256 || c.publicKey.equals(signer.certificate.publicKey));
    signature = onFile
      ? { status: 'verified', digest: signer.digestAlgorithm, signer: signer.certificate }
      : { status: 'unknown-signer', reason: `The MDN was signed by ${signer.certificate.subject.replace(/\n/g, ', ')}, not with the partner's certificate on file` };
  } catch (error) {
    if (!(error instanceof CmsError)) throw error;
    signature = error.reason === 'no-signer-certificate' ? { status: 'unknown-signer', reason: error.message } : { status: 'invalid', reason: error.message };
  }
  return { content: signed.content, signature };
}

function modifierOf(notification: DispositionNotification): ReceivedMdn['modifier'] {
  const modifier = notification.disposition.modifier;
  if (!modifier) return null;
  const kind = modifier.kind === 'warning' || modifier.kind === 'failure' ? modifier.kind : 'error';
  return { kind, text: modifier.description ?? modifier.kind };
}

/** Reads an MDN (sync HTTP response or async POST): verifies its signature against the partner's certificates. */
export async function readMdn(contentType: string, body: Buffer, partnerCertificates: readonly X509Certificate[]): Promise<ReceivedMdn> {
  try {
    const outer = parseEntityBody(Headers.fromFields([['Content-Type', contentType]]), body);
    const { content, signature } =
      outer.contentType.mediaType === 'multipart/signed'
        ? await checkSignature(outer, partnerCertificates)
        : { content: outer, signature: { status: 'unsigned' } as Signature };
    const { report, unknownMic } = readReport(content);
    const { notification } = report;
    const received = notification.receivedContentMic;
    return {
      originalMessageId: notification.originalMessageId?.replace(/^<|>$/g, '').trim() ?? null,
      disposition: notification.fields.single('disposition') ?? '',
      dispositionType: notification.disposition.type,
      modifier: modifierOf(notification),
      mic: received
        ? { digest: received.algorithm, base64: received.digest.toString('base64'), algorithmName: digestNameText(notification) ?? received.algorithm }
        : (unknownMic ?? null),
      text: report.text,
      signature,
    };
  } catch (error) {
    if (error instanceof MimeError) throw new CourierError('BAD_MESSAGE', `The MDN cannot be read: ${error.message}`, NOT_AN_MDN_HINT);
    throw error;
  }
}

/** The algorithm of Received-Content-MIC as the partner spelled it (sha-256 or sha256). */
function digestNameText(notification: DispositionNotification): string | undefined {
  const value = notification.fields.single('received-content-mic');
  const name = value?.slice(value.indexOf(',') + 1).trim();
  return name && digestFromMicalg(name) ? name : undefined;
}
