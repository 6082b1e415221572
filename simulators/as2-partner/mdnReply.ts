// The receipt the simulated partner returns for a message (RFC 4130 §7.4): signed when asked, with the MIC of
// what arrived and the disposition that tells what happened — unless a fault says to lie about one of them.
import { createHash } from 'node:crypto';
import { buildAs2Headers, newMessageId, type HeaderList } from '../../electron/core/as2/as2Headers';
import { buildMdn, type BuiltMdn, type MdnInit } from '../../electron/core/as2/mdn';
import type { As2FailureModifier } from '../../electron/core/as2/unwrapMessage';
import type { DigestName, SigningDigest } from '../../electron/core/cms/digests';
import type { SignerIdentity } from '../../electron/core/cms/signedData';
import { findFault, type As2Fault } from './faultPlan';

/** What really happened to the message. */
export type ReceptionOutcome =
  | { kind: 'processed'; mic: { digest: DigestName; base64: string } }
  | { kind: 'error'; modifier: As2FailureModifier; reason: string; mic: { digest: DigestName; base64: string } | null };

export interface MdnReplyInit {
  as2Id: string;
  /** The sender's AS2 ID (AS2-To of the MDN). */
  recipient: string;
  originalMessageId: string;
  outcome: ReceptionOutcome;
  /** Signed-MDN request: sign with this digest; null: unsigned MDN asked for. */
  signDigest: SigningDigest | null;
  signer: SignerIdentity;
  faults: readonly As2Fault[];
}

export interface MdnReply {
  /** The disposition the MDN states: processed, or the error modifier. */
  disposition: 'processed' | As2FailureModifier | `warning: ${string}`;
  /** HTTP headers: AS2 headers plus the MDN entity's Content-Type. */
  headers: HeaderList;
  body: Buffer;
}

const REPORTING_UA = 'Courier AS2 partner simulator';
/** The human-readable part begins with this; `bad-mdn-signature` changes one letter of it after signing. */
const TEXT_MARK = 'AS2 partner simulator: ';

/** A MIC of the right form and digest that is not the MIC of the message. */
function wrongMic(mic: { digest: DigestName; base64: string }): { digest: DigestName; base64: string } {
  return { digest: mic.digest, base64: createHash(mic.digest).update('not the bytes that arrived').update(mic.base64).digest('base64') };
}

/** Alters the signed text after signing (same length), so the signature no longer matches the content. */
function tamper(mdn: BuiltMdn): BuiltMdn {
  const at = mdn.body.indexOf(TEXT_MARK);
  if (at === -1) throw new Error('bad-mdn-signature: the MDN text is not where the simulator can alter it');
  const body = Buffer.from(mdn.body);
  body[at] = 'a'.charCodeAt(0);
  return { headers: mdn.headers, body };
}

function mdnOutcome(init: MdnReplyInit): { outcome: MdnInit['outcome']; disposition: MdnReply['disposition'] } {
  const error = findFault(init.faults, 'error-disposition');
  if (error) return { outcome: { kind: 'error', modifier: error.modifier }, disposition: error.modifier };
  if (init.outcome.kind === 'error') return { outcome: { kind: 'error', modifier: init.outcome.modifier }, disposition: init.outcome.modifier };
  const warning = findFault(init.faults, 'warning-disposition');
  if (warning) return { outcome: { kind: 'warning', text: warning.text }, disposition: `warning: ${warning.text}` };
  return { outcome: { kind: 'processed' }, disposition: 'processed' };
}

export function mdnReply(init: MdnReplyInit): MdnReply {
  const { outcome, disposition } = mdnOutcome(init);
  const realMic = init.outcome.mic;
  const mic = realMic && findFault(init.faults, 'wrong-mic') ? wrongMic(realMic) : realMic;
  const sign = init.signDigest !== null && !findFault(init.faults, 'unsigned-mdn');
  const what =
    init.outcome.kind !== 'processed'
      ? `the message could not be processed: ${init.outcome.reason}`
      : outcome.kind === 'error'
        ? `the message could not be processed (${outcome.modifier}, a simulated fault).`
        : 'the message was received and processed.';
  let mdn = buildMdn({
    reportingUa: REPORTING_UA,
    finalRecipient: init.as2Id,
    originalRecipient: init.as2Id,
    originalMessageId: init.originalMessageId,
    outcome,
    mic,
    text: `${TEXT_MARK}${what}\r\nMessage-ID: <${init.originalMessageId}>\r\n`,
    sign: sign ? { signer: init.signer, digest: init.signDigest ?? 'sha256', micalgSpelling: 'rfc5751' } : null,
  });
  if (sign && findFault(init.faults, 'bad-mdn-signature')) mdn = tamper(mdn);
  return { disposition, headers: mdnHttpHeaders(init.as2Id, init.recipient, mdn), body: mdn.body };
}

/** The AS2 headers an MDN travels with (sync response or async POST), then the MDN entity's own headers. */
function mdnHttpHeaders(as2From: string, as2To: string, mdn: BuiltMdn): HeaderList {
  const contentType = mdn.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (!contentType) throw new Error('The built MDN has no Content-Type');
  const as2 = buildAs2Headers({ as2From, as2To, messageId: newMessageId('as2-partner.simulator'), subject: null, contentType, mdn: null, micalgSpelling: 'rfc5751', custom: [] });
  const entity = mdn.headers.filter(([name]) => !['content-type', 'mime-version'].includes(name.toLowerCase()));
  return [...as2, ...entity];
}
