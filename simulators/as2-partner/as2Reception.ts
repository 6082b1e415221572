// The simulated partner's receiving endpoint (POST /as2): reads the AS2 request, opens it with its own key and the
// certificates it knows for the sender, records what arrived, and answers with a sync MDN, or 200 and an async MDN
// posted to Receipt-Delivery-Option — bent by whatever faults are in force.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readAs2Envelope, type As2Envelope, type HeaderList } from '../../electron/core/as2/as2Headers';
import { As2ProcessingError, unwrapMessage, type UnwrappedMessage } from '../../electron/core/as2/unwrapMessage';
import type { X509Certificate } from 'node:crypto';
import type { DecryptionIdentity } from '../../electron/core/cms/envelopedData';
import type { SigningDigest } from '../../electron/core/cms/digests';
import type { SignerIdentity } from '../../electron/core/cms/signedData';
import { postAs2 } from './as2Post';
import { findFault, type As2Fault, type FaultPlan } from './faultPlan';
import { mdnReply, type MdnReply, type ReceptionOutcome } from './mdnReply';

export interface ReceivedAs2Message {
  receivedAt: Date;
  /** Header names in lower case, repeated values joined with ", ". */
  headers: Record<string, string>;
  /** The HTTP body as it arrived. */
  body: Buffer;
  envelope: As2Envelope;
  /** The payload, when the message could be opened. */
  payload: Buffer | null;
  fileName: string | null;
  payloadContentType: string | null;
  security: UnwrappedMessage['security'] | null;
  mic: { digest: string; base64: string } | null;
  /** What really happened: processed, or the failure and why. */
  outcome: { kind: 'processed' } | { kind: 'error'; modifier: string; reason: string };
  faults: As2Fault[];
  /** What the MDN said, and how it went back (null: none asked for, or a fault kept it from going). */
  mdn: { mode: 'sync' | 'async'; disposition: MdnReply['disposition']; signed: boolean; asyncDelivery?: { url: string; status: number | null; error: string | null } } | null;
}

export interface ReceptionContext {
  as2Id: string;
  signer: SignerIdentity;
  identities: readonly DecryptionIdentity[];
  /** The senders' signature certificates. */
  peerCertificates(): readonly X509Certificate[];
  faults: FaultPlan;
  record(message: ReceivedAs2Message): void;
  /** Where async MDNs go must chain to this CA when https. */
  asyncMdnCaPem(): string | undefined;
  /** Keeps track of async deliveries so callers can wait for them. */
  track(delivery: Promise<unknown>): void;
}

const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
const SIGNING_DIGESTS: readonly string[] = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value;
  return record;
}

async function open(req: IncomingMessage, envelope: As2Envelope, body: Buffer, context: ReceptionContext): Promise<{ unwrapped: UnwrappedMessage | null; outcome: ReceptionOutcome }> {
  if (envelope.as2To !== context.as2Id) {
    return { unwrapped: null, outcome: { kind: 'error', modifier: 'unexpected-processing-error', reason: `AS2-To ${envelope.as2To} is not this station (${context.as2Id}).`, mic: null } };
  }
  const transferEncoding = req.headers['content-transfer-encoding'];
  try {
    const unwrapped = await unwrapMessage(envelope.contentType, body, {
      identities: context.identities,
      partnerCertificates: context.peerCertificates(),
      micAlgorithms: envelope.mdn?.micAlgorithms.length ? envelope.mdn.micAlgorithms : ['sha256'],
      ...(envelope.contentDisposition ? { contentDisposition: envelope.contentDisposition } : {}),
      ...(typeof transferEncoding === 'string' ? { contentTransferEncoding: transferEncoding } : {}),
    });
    return { unwrapped, outcome: { kind: 'processed', mic: unwrapped.mic } };
  } catch (error) {
    if (error instanceof As2ProcessingError) return { unwrapped: null, outcome: { kind: 'error', modifier: error.modifier, reason: error.message, mic: null } };
    return { unwrapped: null, outcome: { kind: 'error', modifier: 'unexpected-processing-error', reason: error instanceof Error ? error.message : String(error), mic: null } };
  }
}

function text(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
}

function writeMdn(res: ServerResponse, headers: HeaderList, body: Buffer): void {
  res.writeHead(200, [...headers.flat(), 'Content-Length', String(body.length)]).end(body);
}

async function deliverAsync(url: string, reply: MdnReply, context: ReceptionContext): Promise<{ url: string; status: number | null; error: string | null }> {
  try {
    const caPem = context.asyncMdnCaPem();
    const answer = await postAs2(url, reply.headers, reply.body, caPem ? { caPem } : {});
    return { url, status: answer.status, error: answer.status >= 200 && answer.status < 300 ? null : answer.body.toString('utf8').slice(0, 200) };
  } catch (error) {
    return { url, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function receiveAs2(req: IncomingMessage, res: ServerResponse, context: ReceptionContext): Promise<void> {
  const body = await readRequestBody(req, MAX_MESSAGE_BYTES);
  if (body === null) return text(res, 413, `An AS2 message here is at most ${MAX_MESSAGE_BYTES} bytes`);
  let envelope: As2Envelope;
  try {
    envelope = readAs2Envelope(req.headers);
  } catch (error) {
    return text(res, 400, error instanceof Error ? error.message : 'Malformed AS2 request');
  }
  const faults = context.faults.take('receiving');
  const { unwrapped, outcome } = await open(req, envelope, body, context);
  const record: ReceivedAs2Message = {
    receivedAt: new Date(),
    headers: headerRecord(req),
    body,
    envelope,
    payload: unwrapped?.payload ?? null,
    fileName: unwrapped?.fileName ?? null,
    payloadContentType: unwrapped?.contentType ?? null,
    security: unwrapped?.security ?? null,
    mic: unwrapped?.mic ?? null,
    outcome: outcome.kind === 'processed' ? { kind: 'processed' } : { kind: 'error', modifier: outcome.modifier, reason: outcome.reason },
    faults,
    mdn: null,
  };
  context.record(record);

  const delay = findFault(faults, 'slow-response');
  if (delay) await new Promise((resolve) => setTimeout(resolve, delay.delayMs));
  if (findFault(faults, 'drop-connection')) {
    req.socket.destroy();
    return;
  }
  if (findFault(faults, 'http-500')) return text(res, 500, 'Internal Server Error (simulated)');
  if (!envelope.mdn) return text(res, 200, 'Received; no MDN was requested.');

  const requested = envelope.mdn.micAlgorithms.find((digest) => SIGNING_DIGESTS.includes(digest)) as SigningDigest | undefined;
  const reply = mdnReply({
    as2Id: context.as2Id,
    recipient: envelope.as2From,
    originalMessageId: envelope.messageId,
    outcome,
    signDigest: envelope.mdn.signed ? (requested ?? 'sha256') : null,
    signer: context.signer,
    faults,
  });
  const signed = envelope.mdn.signed && !findFault(faults, 'unsigned-mdn');
  const asyncUrl = envelope.mdn.asyncUrl;
  if (asyncUrl === null) {
    record.mdn = { mode: 'sync', disposition: reply.disposition, signed };
    return writeMdn(res, reply.headers, reply.body);
  }
  record.mdn = { mode: 'async', disposition: reply.disposition, signed };
  text(res, 200, 'Received; the MDN follows asynchronously.');
  const delivery = deliverAsync(asyncUrl, reply, context).then((result) => {
    if (record.mdn) record.mdn.asyncDelivery = result;
  });
  context.track(delivery);
}
