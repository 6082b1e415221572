// The facts a transport hands the message store: what was sent or received, already durable as blobs, and the
// MDN that went with it. Plain data, so the receiver, the sender and the queue describe messages the same way.
import type { z } from 'zod';
import type { MessageProblem, MessageStatus, securitySchema, signatureCheckSchema } from '../../../shared/ipc';
import type { HeaderList } from '../as2/as2Headers';
import type { StoredBlob } from '../store/blobs';

export type SecurityFacts = z.infer<typeof securitySchema>;
export type SignatureCheck = z.infer<typeof signatureCheckSchema>;

export interface MessageFacts {
  direction: 'inbound' | 'outbound';
  protocol: string;
  /** Without angle brackets. */
  messageId: string | null;
  partnerId: string | null;
  stationId: string | null;
  subject: string | null;
  fileName: string | null;
  contentType: string | null;
  /** HTTP/AS2 header fields as sent or received. */
  headers: HeaderList;
  /** The HTTP body as it went over the wire. */
  wire: StoredBlob;
  payload: StoredBlob | null;
  security: SecurityFacts | null;
  problem: MessageProblem | null;
  status: MessageStatus;
  statusText: string | null;
}

export interface MdnFacts {
  /** received: a partner's MDN for our outbound message; sent: ours for an inbound one. */
  direction: 'received' | 'sent';
  delivery: 'sync' | 'async';
  state: 'pending' | 'complete' | 'failed';
  wire: StoredBlob | null;
  headers: HeaderList | null;
  disposition: string | null;
  micAlgorithm: string | null;
  micReturned: string | null;
  micExpected: string | null;
  micMatches: boolean | null;
  signature: SignatureCheck;
  text: string | null;
  /** Async MDNs we send: where to. */
  asyncUrl: string | null;
  at: string | null;
}

export const UNSIGNED: SignatureCheck = { status: 'unsigned', digest: null, signer: null, reason: null };

/** A pending MDN: an async one a partner still owes us (received) or one we still have to deliver (sent). */
export function pendingMdn(direction: MdnFacts['direction'], asyncUrl: string | null, micExpected: string | null): MdnFacts {
  return {
    direction,
    delivery: 'async',
    state: 'pending',
    wire: null,
    headers: null,
    disposition: null,
    micAlgorithm: null,
    micReturned: null,
    micExpected,
    micMatches: null,
    signature: UNSIGNED,
    text: null,
    asyncUrl,
    at: null,
  };
}
