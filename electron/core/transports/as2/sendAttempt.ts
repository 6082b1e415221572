// One delivery attempt of a queued AS2 message (RFC 4130 §7): POST the sealed body, stored once when it was
// queued, streamed from its blob with a Content-Length (never chunked: some AS2 servers refuse chunked bodies, and
// the length is known), and read the answer — a sync MDN, a bare 2xx when the MDN comes later, or a failure.
import type { As2Partner } from '../../../../shared/ipc';
import type { HeaderList } from '../../as2/as2Headers';
import { readMdn, type ReceivedMdn } from '../../as2/mdn';
import { CourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import type { StoredBlob } from '../../store/blobs';
import { httpExchange } from '../http/httpClient';
import { TransportFailure } from '../http/transportFailure';
import { httpFailure, type AttemptFailure } from './deliveryOutcome';
import type { OutboundRequest } from './outboundQueueRows';

/** Far above any MDN (a few KiB); a bigger answer is not an MDN. */
const MAX_MDN_BYTES = 1024 * 1024;

export type AttemptResult =
  | { kind: 'failure'; failure: AttemptFailure }
  /** 2xx, and no MDN in the answer (none asked, or async). */
  | { kind: 'accepted'; status: number }
  | { kind: 'mdn'; received: ReceivedMdn; wire: StoredBlob; headers: HeaderList };

function failureOf(error: unknown): AttemptFailure {
  if (error instanceof TransportFailure) {
    return { retryable: error.retryable, detail: error.message, problem: { code: `transport-${error.kind}`, summary: error.message, whatToCheck: error.hint ?? '' } };
  }
  if (error instanceof CourierError) {
    return { retryable: false, detail: error.message, problem: { code: error.code.toLowerCase(), summary: error.message, whatToCheck: error.hint ?? '' } };
  }
  throw error;
}

function unreadableMdn(message: string): AttemptResult {
  return {
    kind: 'failure',
    failure: {
      retryable: false,
      detail: `No readable MDN: ${message}`,
      problem: { code: 'mdn-unreadable', summary: `The partner answered, but not with a readable MDN: ${message}`, whatToCheck: "Check the partner's MDN settings (synchronous, signed) and that the URL is their AS2 endpoint." },
    },
  };
}

export async function attemptDelivery(ctx: CourierContext, wire: StoredBlob, request: OutboundRequest, partner: As2Partner, messageId: string): Promise<AttemptResult> {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = value;
  headers['Content-Length'] = String(wire.size);
  const body = ctx.blobs.open(wire.sha256);
  let answer;
  try {
    answer = await httpExchange(
      { service: `partner ${partner.name}`, scope: partner.tlsScope, trust: ctx.tlsTrust.trustFor(partner.tlsScope), timeoutMs: partner.sendTimeoutSeconds * 1000 },
      { url: new URL(partner.url), method: 'POST', headers, body, maxResponseBytes: MAX_MDN_BYTES },
    );
  } catch (error) {
    return { kind: 'failure', failure: failureOf(error) };
  } finally {
    body.destroy();
  }
  if (answer.status < 200 || answer.status > 299) return { kind: 'failure', failure: httpFailure(answer.status, answer.body.toString('utf8'), answer.headers.location) };
  if (request.mdn !== 'sync') return { kind: 'accepted', status: answer.status };

  const contentType = answer.headers['content-type'];
  if (!contentType || answer.body.length === 0) return unreadableMdn(`HTTP ${answer.status} with ${answer.body.length === 0 ? 'an empty body' : 'no Content-Type'}`);
  const mdnWire = await ctx.blobs.put(answer.body);
  const mdnHeaders: HeaderList = Object.entries(answer.headers).filter(([name]) => name !== 'set-cookie');
  const { signature } = ctx.as2Profiles.partnerCertificates(partner);
  let received: ReceivedMdn;
  try {
    received = await readMdn(contentType, answer.body, signature ? [signature] : []);
  } catch (error) {
    if (error instanceof CourierError) return unreadableMdn(error.message);
    throw error;
  }
  if (received.originalMessageId !== null && received.originalMessageId.replace(/^<|>$/g, '') !== messageId) {
    return unreadableMdn(`it answers Message-ID ${received.originalMessageId.slice(0, 200)}, not ${messageId}`);
  }
  return { kind: 'mdn', received, wire: mdnWire, headers: mdnHeaders };
}
