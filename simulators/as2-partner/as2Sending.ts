// The simulated partner as a sender: composes an AS2 message to Courier with our codec (signed, encrypted,
// compressed as asked), posts it, and reads Courier's sync MDN back — delivering it twice when that fault is on.
import type { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { as2Ciphers, as2Compressions, as2Digests, partnerInteropSchema } from '../../shared/ipc/procedures/as2';
import { buildAs2Headers, newMessageId } from '../../electron/core/as2/as2Headers';
import { composeMessage } from '../../electron/core/as2/composeMessage';
import { readMdn, type ReceivedMdn } from '../../electron/core/as2/mdn';
import { collect } from '../../electron/core/mime/chunks';
import type { SignerIdentity } from '../../electron/core/cms/signedData';
import { postAs2 } from './as2Post';
import { findFault, type As2Fault } from './faultPlan';

/** What the control endpoint accepts for a send; `sendTo` takes the same fields with `payload` as bytes or text. */
export const sendRequestSchema = z
  .object({
    /** Default: the Courier endpoint the simulator was told of (setPeerEndpoint). */
    url: z.string().url().optional(),
    as2To: z.string().min(1).max(128).optional(),
    /** UTF-8 text; or payloadBase64 for bytes. */
    payload: z.string().max(16 * 1024 * 1024).optional(),
    payloadBase64: z.string().max(22 * 1024 * 1024).optional(),
    fileName: z.string().min(1).max(255).nullable().default(null),
    contentType: z.string().min(1).max(200).default('application/octet-stream'),
    subject: z.string().max(500).nullable().default(null),
    sign: z.boolean().default(true),
    encrypt: z.boolean().default(true),
    digest: z.enum(as2Digests).default('sha256'),
    cipher: z.enum(as2Ciphers).default('aes-256-cbc'),
    compression: z.enum(as2Compressions).default('none'),
    /** 'async' asks for the MDN at `asyncMdnUrl`. */
    mdn: z.enum(['none', 'sync', 'async']).default('sync'),
    signedMdn: z.boolean().default(true),
    asyncMdnUrl: z.string().url().nullable().default(null),
    messageId: z.string().min(3).max(200).optional(),
    /** PEM CA Courier's https endpoint chains to; absent: the simulator's configured one. */
    caPem: z.string().max(65_536).optional(),
  })
  .strict()
  .refine((request) => (request.payload === undefined) !== (request.payloadBase64 === undefined), 'Give payload or payloadBase64, not both.');
export type SendRequest = z.input<typeof sendRequestSchema>;

/** A send the simulator cannot make as asked (the control endpoint answers 400). */
export class SendRefusal extends Error {}

export interface Delivery {
  status: number | null;
  /** Courier's sync MDN, read and its signature checked against Courier's certificates. */
  mdn: ReceivedMdn | null;
  /** The answer's body when it is not an MDN (or the transport error). */
  error: string | null;
}

export interface SendResult {
  messageId: string;
  /** The MIC Courier's MDN must return. */
  mic: { digest: string; base64: string };
  /** One per POST: two under `duplicate-delivery`. */
  deliveries: Delivery[];
}

export interface SendingContext {
  as2Id: string;
  signer: SignerIdentity;
  /** Courier's encryption certificate (the newest one given). */
  encryptionCertificate(): X509Certificate | null;
  peerCertificates(): readonly X509Certificate[];
  defaultCaPem(): string | undefined;
  /** Where Courier receives and its station's AS2 ID, when known. */
  defaultEndpoint(): { url: string; as2Id: string } | undefined;
}

async function deliver(url: string, headers: Array<[string, string]>, body: Buffer, caPem: string | undefined, context: SendingContext): Promise<Delivery> {
  try {
    const answer = await postAs2(url, headers, body, caPem ? { caPem } : {});
    const contentType = answer.headers['content-type'] ?? '';
    if (answer.status === 200 && /^multipart\/(report|signed)/i.test(contentType)) {
      return { status: answer.status, mdn: await readMdn(contentType, answer.body, context.peerCertificates()), error: null };
    }
    return { status: answer.status, mdn: null, error: answer.status >= 200 && answer.status < 300 ? null : answer.body.toString('utf8').slice(0, 500) };
  } catch (error) {
    return { status: null, mdn: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function sendAs2(input: SendRequest, faults: readonly As2Fault[], context: SendingContext): Promise<SendResult> {
  const request = sendRequestSchema.parse(input);
  const url = request.url ?? context.defaultEndpoint()?.url;
  const as2To = request.as2To ?? context.defaultEndpoint()?.as2Id;
  if (url === undefined || as2To === undefined) throw new SendRefusal('Give url and as2To: the simulator knows no Courier endpoint to default to');
  const payload = request.payload !== undefined ? Buffer.from(request.payload, 'utf8') : Buffer.from(request.payloadBase64 ?? '', 'base64');
  const recipient = context.encryptionCertificate();
  if (request.encrypt && !recipient) throw new SendRefusal("The simulator has no certificate of Courier's to encrypt to: give one with addPeerCertificate or send with encrypt: false");
  const composed = composeMessage(payload, {
    payload: { fileName: request.fileName, contentType: request.contentType },
    sign: request.sign ? { signer: context.signer, digest: request.digest } : null,
    encrypt: request.encrypt && recipient ? { certificate: recipient, cipher: request.cipher, keyTransport: 'rsa-pkcs1v15' } : null,
    compression: request.compression,
    interop: partnerInteropSchema.parse({}),
    micAlgorithm: request.digest,
  });
  const body = await collect(composed.body);
  const messageId = request.messageId ?? newMessageId('as2-partner.simulator');
  const asyncUrl = request.mdn === 'async' ? request.asyncMdnUrl : null;
  if (request.mdn === 'async' && asyncUrl === null) throw new SendRefusal('An async MDN request needs asyncMdnUrl');
  const headers = buildAs2Headers({
    as2From: context.as2Id,
    as2To,
    messageId,
    subject: request.subject,
    contentType: composed.contentType,
    mdn: request.mdn === 'none' ? null : { signed: request.signedMdn, micAlgorithms: [request.digest], asyncUrl, returnAddress: 'mailto:as2@as2-partner.simulator' },
    micalgSpelling: 'rfc5751',
    custom: [],
  });
  if (composed.contentDisposition) headers.push(['Content-Disposition', composed.contentDisposition]);
  const caPem = request.caPem ?? context.defaultCaPem();
  const times = findFault(faults, 'duplicate-delivery') ? 2 : 1;
  const deliveries: Delivery[] = [];
  for (let i = 0; i < times; i += 1) deliveries.push(await deliver(url, headers, body, caPem, context));
  return { messageId, mic: composed.mic(), deliveries };
}
