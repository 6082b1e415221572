// Why this file exists: one received AS2 request (RFC 4130 §7), step by step in the order that makes an answer
// trustworthy — read the AS2 headers, make the raw body durable, route station and partner, answer a duplicate
// with the MDN already given, unwrap, check the partner's security policy, store payload and MDN, commit the
// record, and only then answer. A failure to process is recorded and answered with processed/error.
import type { As2Partner, As2Station } from '../../../../shared/ipc';
import { readAs2Envelope, type As2Envelope, type HeaderList } from '../../as2/as2Headers';
import type { StationKeys } from '../../as2/profiles/as2Profiles';
import { As2ProcessingError, unwrapMessage, type UnwrappedMessage } from '../../as2/unwrapMessage';
import { CourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import { logInternalError } from '../../log';
import type { MessageFacts, SecurityFacts } from '../../messages/messageRecords';
import { UNSIGNED } from '../../messages/messageRecords';
import type { StoredBlob } from '../../store/blobs';
import { EMPTY_OK, textAnswer, type As2Answer } from './as2Answer';
import { isMdnBody, receivePartnerMdn } from './partnerMdn';
import { composeReceipt, subjectLine, type Receipt } from './receiptMdn';
import { requeueAsyncMdn } from './asyncMdnDelivery';
import { BodyTooLarge, readBlob, receiveBody, ReceiverBusy } from './receiveBody';

export interface As2Request {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The header fields as received, in order. */
  headerList: HeaderList;
  body: AsyncIterable<Uint8Array>;
  transport: 'http' | 'https';
  maxBodyBytes: number;
  /** Counts the body against the listener's in-memory budget (receiveBody.ts BodyBudget). */
  hold?: { add(bytes: number): void };
}

/** Seconds a partner is asked to wait when the receiver holds as many message bytes as it may. */
const BUSY_RETRY_AFTER_SECONDS = 60;

/** Seconds a paused partner is asked to wait before retrying. */
const PAUSED_RETRY_AFTER_SECONDS = 300;

export async function receiveMessage(ctx: CourierContext, request: As2Request): Promise<As2Answer> {
  let envelope: As2Envelope;
  try {
    envelope = readAs2Envelope(request.headers);
  } catch (error) {
    if (error instanceof CourierError) return textAnswer(400, error.message);
    throw error;
  }

  let wire: StoredBlob;
  let bytes: Buffer;
  try {
    ({ wire, bytes } = await receiveBody(request.body, ctx.blobs, request.maxBodyBytes, request.hold));
  } catch (error) {
    if (error instanceof BodyTooLarge) return textAnswer(413, `${error.message}; nothing was stored.`);
    if (error instanceof ReceiverBusy) {
      return textAnswer(503, 'The receiver is busy with other large messages; nothing was stored. Send it again later.', [['Retry-After', String(BUSY_RETRY_AFTER_SECONDS)]]);
    }
    throw error;
  }

  let station: As2Station;
  let partner: As2Partner;
  try {
    ({ station, partner } = ctx.as2Profiles.route(envelope.as2From, envelope.as2To));
  } catch (error) {
    if (!(error instanceof CourierError && error.code === 'NOT_FOUND')) throw error;
    // Only a refused message pays for telling an unknown station (404) from an unknown partner (403).
    if (!ctx.as2Profiles.listStations().some((candidate) => candidate.as2Id === envelope.as2To)) {
      return textAnswer(404, 'AS2-To names no station here; nothing was stored or acknowledged.');
    }
    return textAnswer(403, 'AS2-From names no partner of this station; nothing was stored or acknowledged.');
  }
  if (partner.pauseIncoming) {
    return textAnswer(503, 'Receiving from this partner is paused; try again later.', [['Retry-After', String(PAUSED_RETRY_AFTER_SECONDS)]]);
  }

  if (isMdnBody(envelope.contentType, bytes)) {
    return receivePartnerMdn(ctx, { envelope, partner, wire, bytes, headerList: request.headerList });
  }

  const duplicate = ctx.messages.findInbound('as2', partner.id, envelope.messageId);
  if (duplicate !== undefined) return answerAgain(ctx, duplicate, envelope);

  let keys: StationKeys;
  try {
    keys = await ctx.as2Profiles.stationKeys(station);
  } catch (error) {
    logInternalError(error);
    return textAnswer(500, "The station's keys cannot be opened; nothing was acknowledged. Try again later.");
  }
  const certificates = ctx.as2Profiles.partnerCertificates(partner);

  let unwrapped: UnwrappedMessage | null = null;
  let failure: As2ProcessingError | null = null;
  try {
    unwrapped = await unwrapMessage(envelope.contentType, bytes, {
      identities: keys.decryption,
      partnerCertificates: certificates.signature ? [certificates.signature] : [],
      micAlgorithms: envelope.mdn?.micAlgorithms ?? [],
      contentDisposition: envelope.contentDisposition ?? undefined,
      contentTransferEncoding: headerText(request.headers['content-transfer-encoding']),
      // The partner's profile says what protection its messages must have (RFC 4130 §7.5.3).
      require: { encryption: partner.security.cipher !== 'none', signature: partner.security.signDigest !== 'none' },
    });
  } catch (error) {
    if (error instanceof As2ProcessingError) failure = error;
    else {
      logInternalError(error);
      failure = new As2ProcessingError('unexpected-processing-error', 'The message could not be processed', 'Keep the raw message and contact Courier support with it.');
    }
  }

  // Payload and MDN are made durable side by side; the record that refers to both is committed after.
  const [payload, receipt] = await Promise.all([
    unwrapped ? ctx.blobs.put(unwrapped.payload) : null,
    envelope.mdn ? receiptFor(ctx, station, partner, envelope, keys, unwrapped, failure) : null,
  ]);
  const facts: MessageFacts = {
    direction: 'inbound',
    protocol: 'as2',
    messageId: envelope.messageId,
    partnerId: partner.id,
    stationId: station.id,
    subject: envelope.subject,
    fileName: unwrapped?.fileName ?? null,
    contentType: unwrapped?.contentType ?? envelope.contentType,
    headers: request.headerList,
    wire,
    payload,
    security: unwrapped ? securityOf(unwrapped, request.transport) : null,
    problem: failure ? { code: failure.modifier, summary: failure.message, whatToCheck: failure.whatToCheck } : null,
    status: failure ? 'received-with-error' : 'received',
    statusText: failure ? `processed/error: ${failure.modifier}` : 'processed',
  };
  try {
    ctx.messages.insert(facts, receipt?.facts);
  } catch (error) {
    // The same message arrived twice at once: the first one's record (and MDN) stands.
    if (error instanceof CourierError && error.code === 'DUPLICATE') {
      const stored = ctx.messages.findInbound('as2', partner.id, envelope.messageId);
      if (stored !== undefined) return answerAgain(ctx, stored, envelope);
    }
    throw error;
  }
  return answerWith(receipt);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function securityOf(unwrapped: UnwrappedMessage, transport: 'http' | 'https'): SecurityFacts {
  const { encryption, signature, compressed } = unwrapped.security;
  return {
    encryption: encryption ? { cipher: encryption.cipher, keyTransport: encryption.keyTransport, recipient: subjectLine(encryption.recipient.subject) } : null,
    signature: signature ? { status: 'verified', digest: signature.digest, signer: subjectLine(signature.signer.subject), reason: null } : UNSIGNED,
    compressed,
    transport,
  };
}

function receiptFor(
  ctx: CourierContext,
  station: As2Station,
  partner: As2Partner,
  envelope: As2Envelope,
  keys: StationKeys,
  unwrapped: UnwrappedMessage | null,
  failure: As2ProcessingError | null,
): Promise<Receipt> {
  const name = unwrapped?.fileName ? ` (${unwrapped.fileName})` : '';
  const text = failure
    ? `The AS2 message ${envelope.messageId} was received but could not be processed: ${failure.message}. ${failure.whatToCheck}`
    : `The AS2 message ${envelope.messageId}${name} was received and processed. This receipt does not say the document was read or accepted.`;
  return composeReceipt(
    {
      version: ctx.version,
      station,
      partner,
      envelope,
      signer: keys.signer,
      outcome: failure ? { kind: 'error', modifier: failure.modifier } : { kind: 'processed' },
      mic: unwrapped?.mic ?? null,
      text,
    },
    ctx.blobs,
  );
}

function answerWith(receipt: Receipt | null): As2Answer {
  if (receipt === null) return EMPTY_OK;
  if (receipt.facts.delivery === 'async') return { ...EMPTY_OK, asyncMdnQueued: true };
  return { status: 200, headers: receipt.headers, body: receipt.body };
}

/** A message stored before: its MDN again, byte for byte (sync), or a fresh delivery of the stored one (async). */
async function answerAgain(ctx: CourierContext, messageRowId: number, envelope: As2Envelope): Promise<As2Answer> {
  const mdn = ctx.messages.mdnOf(messageRowId);
  if (!mdn || mdn.direction !== 'sent' || !mdn.wire || !mdn.headers || !envelope.mdn) return EMPTY_OK;
  if (envelope.mdn.asyncUrl !== null) {
    if (mdn.state !== 'pending') requeueAsyncMdn(ctx, messageRowId, envelope.mdn.asyncUrl);
    return { ...EMPTY_OK, asyncMdnQueued: true };
  }
  return { status: 200, headers: mdn.headers, body: await readBlob(ctx.blobs, mdn.wire) };
}
