// What a partner's MDN means for our outbound message (RFC 4130 §7.4, §7.5): the disposition, the returned MIC
// against the one we computed when sending, and the receipt's signature decide delivered, delivered-with-warning
// or failed. The sync answer (sender) and an async POST (receiver) both judge their MDN with this (outboundMdn.ts).
import type { MessageProblem } from '../../../../shared/ipc';
import type { HeaderList } from '../../as2/as2Headers';
import type { ReceivedMdn } from '../../as2/mdn';
import { explainMdn } from '../../messages/mdnExplanation';
import type { MdnFacts, SignatureCheck } from '../../messages/messageRecords';
import type { MessageUpdate } from '../../messages/messageStore';
import type { StoredBlob } from '../../store/blobs';
import { formatMicalg } from '../../mime/micalg';
import { subjectLine } from './receiptMdn';

export interface MdnArrival {
  delivery: 'sync' | 'async';
  wire: StoredBlob;
  headers: HeaderList;
  /** Whether the partner profile asks for signed MDNs (an unsigned one is then a warning). */
  signedRequested: boolean;
}

/** The base64 value of a stored or returned MIC (`base64` or `base64, sha-256`). */
function micValue(mic: string | null): string | null {
  const value = mic?.split(',')[0]?.trim();
  return value ? value : null;
}

function signatureCheck(signature: ReceivedMdn['signature']): SignatureCheck {
  if (signature.status === 'verified') {
    return { status: 'verified', digest: signature.digest, signer: subjectLine(signature.signer.subject), reason: null };
  }
  if (signature.status === 'unsigned') return { status: 'unsigned', digest: null, signer: null, reason: null };
  return { status: signature.status, digest: null, signer: null, reason: signature.reason };
}

/** The MDN row and the message update for `received`, given the MIC we expected (null when none was recorded). */
export function mdnVerdict(received: ReceivedMdn, micExpected: string | null, arrival: MdnArrival): { mdn: MdnFacts; update: MessageUpdate } {
  const returned = received.mic?.base64 ?? null;
  const expected = micValue(micExpected);
  const micMatches = expected === null || returned === null ? null : expected === micValue(returned);
  const mdn: MdnFacts = {
    direction: 'received',
    delivery: arrival.delivery,
    state: 'complete',
    wire: arrival.wire,
    headers: arrival.headers,
    disposition: received.disposition,
    micAlgorithm: received.mic ? (received.mic.digest ? formatMicalg(received.mic.digest) : received.mic.algorithmName) : null,
    micReturned: returned,
    micExpected,
    micMatches,
    signature: signatureCheck(received.signature),
    text: received.text,
    asyncUrl: null,
    at: new Date().toISOString(),
  };
  const problem = explainMdn(mdn);
  // A receipt whose signature does not verify proves nothing: the message is not known to be delivered.
  const badSignature = mdn.signature.status === 'invalid' || mdn.signature.status === 'unknown-signer';
  const failed = received.modifier?.kind === 'error' || received.modifier?.kind === 'failure' || micMatches === false || badSignature;
  const dispositionText = received.modifier ? `${received.dispositionType}/${received.modifier.kind}: ${received.modifier.text}` : received.dispositionType;
  if (failed) return { mdn, update: { status: 'failed', statusText: dispositionText, problem } };
  const warning = problem ?? warningOf(mdn, expected !== null && returned === null, arrival.signedRequested);
  if (warning) return { mdn, update: { status: 'delivered-with-warning', statusText: `${dispositionText} (${warning.code})`, problem: warning } };
  return { mdn, update: { status: 'delivered', statusText: dispositionText, problem: null } };
}

/** What a processed MDN lacks that a signed receipt with a MIC would have proved. */
function warningOf(mdn: MdnFacts, micMissing: boolean, signedRequested: boolean): MessageProblem | null {
  if (micMissing) {
    return {
      code: 'mic-missing',
      summary: 'The MDN returned no Received-Content-MIC, so it does not prove the partner received the exact bytes we sent.',
      whatToCheck: 'Ask the partner to return MDNs with a MIC (signed-receipt-micalg).',
    };
  }
  if (signedRequested && mdn.signature.status === 'unsigned') {
    return {
      code: 'mdn-unsigned',
      summary: 'The partner returned an unsigned MDN although a signed one was asked for: it proves less than a signed receipt.',
      whatToCheck: "Check the partner's MDN settings (signed receipts); most partners sign MDNs.",
    };
  }
  return null;
}
