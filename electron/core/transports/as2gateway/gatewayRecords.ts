// How a gateway message becomes an Inbox/Outbox row: the seed's statuses (Delivered / Not Delivered / No Status;
// MDN Pending / Received / Not Requested / No MDN) mapped onto Courier's message statuses, said in words in the
// status line, and every field of the AS2 Message entity kept as an X-AS2G-* header so the message view shows it.
import type { As2gMessage, MessageStatus } from '../../../../shared/ipc';
import type { HeaderList } from '../../as2/as2Headers';
import type { MdnFacts } from '../../messages/messageRecords';
import type { StoredBlob } from '../../store/blobs';
import type { CourierDatabase } from '../../store/database';

export const GATEWAY_PROTOCOL = 'as2gateway';

/** Courier stores Message-IDs without angle brackets; the gateway names them with. */
export const bareMessageId = (id: string): string => id.replace(/^<(.*)>$/, '$1');

export interface GatewayPlacement {
  /** Where the gateway lists the message now; null while it is being processed (in no list). */
  category: 'sent' | 'queued' | 'failed' | null;
  message: As2gMessage | null;
  failedAttempts: number;
}

/** A sent or received message's status line: what the gateway says, in its own words. */
export function gatewayStatusText(message: As2gMessage | null, category: GatewayPlacement['category'] | 'received'): string {
  if (!message) return 'AS2 Gateway: accepted, being processed';
  const parts = [`AS2 Gateway: ${category}`];
  if (message.deliveryStatus) parts.push(message.deliveryStatus);
  parts.push(`MDN ${message.mdnStatus}${message.mdnMessage?.mdnError ? ' (error MDN)' : ''}`);
  if (message.transportStatusReceived !== undefined) parts.push(`HTTP ${message.transportStatusReceived}`);
  return parts.join(' · ');
}

/** The Outbox status a placement means; `settled` once the gateway will not change it by itself. */
export function outboundStatus(placement: GatewayPlacement): { status: MessageStatus; settled: boolean } {
  const { category, message } = placement;
  if (category === 'queued') return { status: placement.failedAttempts > 0 ? 'retrying' : 'queued', settled: false };
  if (category === 'failed') return { status: 'failed', settled: true };
  if (category !== 'sent' || !message) return { status: 'sending', settled: false };
  if (message.deliveryStatus === 'Not Delivered') return { status: 'failed', settled: true };
  if (message.mdnStatus === 'Pending') return { status: 'awaiting-mdn', settled: false };
  if (message.mdnStatus === 'Received' && message.mdnMessage?.mdnError) return { status: 'failed', settled: true };
  if (message.deliveryStatus === 'No Status') return { status: 'delivered-with-warning', settled: true };
  return { status: 'delivered', settled: true };
}

/** The AS2 Message entity as header fields (and each stored attachment with its digest). */
export function gatewayHeaders(account: string, message: As2gMessage, attachments: readonly { name: string; blob: StoredBlob }[] = []): HeaderList {
  const headers: HeaderList = [
    ['X-AS2G-Account', account],
    ['X-AS2G-Message-Id', message.as2MessageId],
    ['X-AS2G-Persisted', new Date(message.persistedTimestamp).toISOString()],
    ['X-AS2G-Station', message.senderId],
    ['X-AS2G-Partner', message.receiverId],
    ['X-AS2G-Partner-Type', message.partnerType],
    ['X-AS2G-Security', `signed=${message.signed}; encrypted=${message.encrypted}; compressed=${message.compressed}`],
    ['X-AS2G-MDN-Status', message.mdnStatus],
  ];
  if (message.deliveryStatus) headers.push(['X-AS2G-Delivery-Status', message.deliveryStatus]);
  if (message.transportStatusReceived !== undefined) headers.push(['X-AS2G-Transport-Status', String(message.transportStatusReceived)]);
  for (const file of attachments) headers.push(['X-AS2G-Attachment', `${file.name}; size=${file.blob.size}; sha256=${file.blob.sha256}`]);
  return headers;
}

/** The MDN the gateway reports (sent by it for a received message, received by it for a sent one). */
export function gatewayMdn(message: As2gMessage, direction: MdnFacts['direction']): MdnFacts | undefined {
  const mdn = message.mdnMessage;
  if (!mdn) return undefined;
  return {
    direction,
    delivery: 'sync',
    state: 'complete',
    wire: null,
    headers: [['X-AS2G-MDN-Error', String(mdn.mdnError)]],
    disposition: null,
    micAlgorithm: null,
    micReturned: null,
    micExpected: null,
    micMatches: null,
    signature: { status: 'unsigned', digest: null, signer: null, reason: 'The AS2 Gateway checked this MDN; Courier sees only its text.' },
    text: mdn.content,
    asyncUrl: null,
    at: new Date(mdn.persistedTimestamp).toISOString(),
  };
}

/** Ties a message row to its account and gateway ID (same transaction as the row). */
export function recordGatewayMessage(db: CourierDatabase, messageRowId: number, accountId: string, gatewayMessageId: string, settled: boolean): void {
  db.prepare('INSERT OR REPLACE INTO as2g_messages (message_row_id, account_id, gateway_message_id, settled, checked_at) VALUES (?, ?, ?, ?, ?)').run(
    messageRowId,
    accountId,
    gatewayMessageId,
    settled ? 1 : 0,
    new Date().toISOString(),
  );
}
