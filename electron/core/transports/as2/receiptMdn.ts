// The MDN we return for a received AS2 message (RFC 4130 §7.4): built by the codec, signed with the station's
// key when the partner asked for a signed receipt, made durable as a blob, and described as MdnFacts so the same
// bytes and headers can be answered again for a duplicate or posted later to an async receipt URL.
import type { As2Partner, As2Station } from '../../../../shared/ipc';
import { formatAs2Name, newMessageId, type As2Envelope, type HeaderList } from '../../as2/as2Headers';
import { buildMdn, type MdnInit } from '../../as2/mdn';
import type { SigningDigest } from '../../cms/digests';
import type { SignerIdentity } from '../../cms/signedData';
import type { MdnFacts } from '../../messages/messageRecords';
import { UNSIGNED } from '../../messages/messageRecords';
import type { BlobStore } from '../../store/blobs';
import { formatMicalg } from '../../mime/micalg';

export interface ReceiptInit {
  version: string;
  station: As2Station;
  partner: As2Partner;
  envelope: As2Envelope;
  /** The station's signing identity; needed when the partner asked for a signed MDN. */
  signer: SignerIdentity | null;
  outcome: MdnInit['outcome'];
  mic: MdnInit['mic'];
  text: string;
}

export interface Receipt {
  /** The full HTTP header list of the MDN: AS2 headers and the MDN entity's own. */
  headers: HeaderList;
  body: Buffer;
  facts: MdnFacts;
}

/** One line for a certificate's subject (X509Certificate gives one RDN per line). */
export const subjectLine = (subject: string): string => subject.split('\n').join(', ');

/** RFC 3798 §3.2.6 as AS2 writes it. */
export function dispositionOf(outcome: MdnInit['outcome']): string {
  const mode = 'automatic-action/MDN-sent-automatically';
  if (outcome.kind === 'processed') return `${mode}; processed`;
  if (outcome.kind === 'error') return `${mode}; processed/error: ${outcome.modifier}`;
  return `${mode}; processed/warning: ${outcome.text}`;
}

/** The first MIC algorithm of the partner's preference that can sign, else SHA-256. */
function signingDigestOf(envelope: As2Envelope): SigningDigest {
  return (envelope.mdn?.micAlgorithms.find((digest) => digest !== 'md5') as SigningDigest | undefined) ?? 'sha256';
}

/** Builds, signs and stores the MDN for `init` (the envelope must carry an MDN request). */
export async function composeReceipt(init: ReceiptInit, blobs: BlobStore): Promise<Receipt> {
  const request = init.envelope.mdn;
  if (!request) throw new Error('composeReceipt: the message asked for no MDN');
  const spelling = init.partner.interop.micalgSpelling;
  const digest = signingDigestOf(init.envelope);
  const sign = request.signed && init.signer ? { signer: init.signer, digest, micalgSpelling: spelling, omitAlgorithmProtection: init.partner.interop.omitAlgorithmProtection } : null;
  const built = buildMdn({
    reportingUa: `Courier ${init.version}`,
    finalRecipient: init.station.as2Id,
    originalRecipient: init.envelope.as2To,
    originalMessageId: init.envelope.messageId,
    outcome: init.outcome,
    mic: init.mic,
    text: init.text,
    sign,
  });
  const headers: HeaderList = [
    ['AS2-Version', '1.2'],
    ['AS2-From', formatAs2Name(init.station.as2Id)],
    ['AS2-To', formatAs2Name(init.envelope.as2From)],
    ['Message-ID', `<${newMessageId(init.station.as2Id)}>`],
    ['Date', new Date().toUTCString().replace(/GMT$/, '+0000')],
    ...built.headers.filter(([name]) => !/^(as2-|message-id$|date$)/i.test(name)),
  ];
  const wire = await blobs.put(built.body);
  const facts: MdnFacts = {
    direction: 'sent',
    delivery: request.asyncUrl === null ? 'sync' : 'async',
    state: request.asyncUrl === null ? 'complete' : 'pending',
    wire,
    headers,
    disposition: dispositionOf(init.outcome),
    micAlgorithm: init.mic ? formatMicalg(init.mic.digest, spelling) : null,
    micReturned: init.mic?.base64 ?? null,
    micExpected: null,
    micMatches: null,
    signature: sign ? { status: 'verified', digest, signer: subjectLine(sign.signer.certificate.subject), reason: null } : UNSIGNED,
    text: init.text,
    asyncUrl: request.asyncUrl,
    at: new Date().toISOString(),
  };
  return { headers, body: built.body, facts };
}
