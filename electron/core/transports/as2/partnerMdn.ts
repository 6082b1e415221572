// Partners post their asynchronous MDNs for our outbound messages to the same /as2 URL as messages (RFC 4130
// §7.3): a multipart/report, or a multipart/signed around one, and no payload. This recognises them, matches
// Original-Message-ID to our message, verifies and records the receipt, and updates the message's status.
import type { As2Partner } from '../../../../shared/ipc';
import type { As2Envelope, HeaderList } from '../../as2/as2Headers';
import { readMdn } from '../../as2/mdn';
import { CourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import type { StoredBlob } from '../../store/blobs';
import { recordReceivedMdn } from './outboundMdn';
import { EMPTY_OK, textAnswer, type As2Answer } from './as2Answer';

/** How far into a multipart/signed body the first part's header is looked for. */
const PEEK_BYTES = 8192;

const mediaTypeOf = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase();

/** A multipart/report, or a multipart/signed whose first part is one: an MDN, not a message. */
export function isMdnBody(contentType: string, body: Buffer): boolean {
  const type = mediaTypeOf(contentType);
  if (type === 'multipart/report') return true;
  if (type !== 'multipart/signed') return false;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return false;
  const head = body.subarray(0, PEEK_BYTES).toString('latin1');
  const start = head.indexOf(`--${boundary[1] ?? boundary[2]}`);
  if (start === -1) return false;
  const partHead = head.slice(start).split(/\r?\n\r?\n/, 1)[0] ?? '';
  return /^content-type:\s*multipart\/report\b/im.test(partHead);
}

export interface PartnerMdnRequest {
  envelope: As2Envelope;
  partner: As2Partner;
  wire: StoredBlob;
  bytes: Buffer;
  headerList: HeaderList;
}

export async function receivePartnerMdn(ctx: CourierContext, request: PartnerMdnRequest): Promise<As2Answer> {
  const certificates = ctx.as2Profiles.partnerCertificates(request.partner);
  let received;
  try {
    received = await readMdn(request.envelope.contentType, request.bytes, certificates.signature ? [certificates.signature] : []);
  } catch (error) {
    if (error instanceof CourierError) return textAnswer(400, `The MDN cannot be read: ${error.message}`);
    throw error;
  }
  if (!received.originalMessageId) return textAnswer(400, 'The MDN names no Original-Message-ID; it cannot be matched to a message.');
  const messageRowId = ctx.messages.findOutbound('as2', received.originalMessageId);
  if (messageRowId === undefined || ctx.messages.facts(messageRowId).partnerId !== request.partner.id) {
    return textAnswer(404, 'The MDN names a message this station did not send to this partner; it was not recorded.');
  }
  recordReceivedMdn(ctx, messageRowId, received, {
    delivery: 'async',
    wire: request.wire,
    headers: request.headerList,
    signedRequested: request.partner.mdn.signed,
  });
  return EMPTY_OK;
}
