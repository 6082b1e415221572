// `as2.send`: turns a document (and its attachments, batched in one zip) into a queued AS2 message. The payload
// and the sealed wire body are made durable once, before anything is queued; every retry posts those same bytes
// under the same Message-ID (RFC 4130 §7: a retransmission keeps its Message-ID, so the receiver can de-duplicate).
// A partner whose outgoing traffic is paused still gets the message queued: it is held until the pause is lifted.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, extname } from 'node:path';
import type { As2Partner, As2Station, MessageSummary, ParsedInputOf } from '../../../../shared/ipc';
import { buildAs2Headers, newMessageId } from '../../as2/as2Headers';
import { composeMessage } from '../../as2/composeMessage';
import { CourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import { pendingMdn, UNSIGNED, type SecurityFacts } from '../../messages/messageRecords';
import { formatMicalg } from '../../mime/micalg';
import type { StoredBlob } from '../../store/blobs';
import { BATCH_CONTENT_TYPE, batchLayout, batchZip, type BatchFile } from './batchZip';
import { OutboundQueueRows, type OutboundRequest } from './outboundQueueRows';

export const HELD_TEXT = 'Held: outgoing messages to this partner are paused';

/** The Content-Type of a document by its extension when the sender names none; EDI formats first. */
const CONTENT_TYPES: Record<string, string> = {
  '.edi': 'application/edi-x12',
  '.x12': 'application/edi-x12',
  '.edifact': 'application/edifact',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

export interface StoredPayload {
  blob: StoredBlob;
  fileName: string;
  contentType: string;
  subject: string | null;
}

async function documentOf(input: ParsedInputOf<'as2.send'>['document']): Promise<BatchFile> {
  if ('contentBase64' in input) return { name: input.fileName, content: Buffer.from(input.contentBase64, 'base64') };
  const info = await stat(input.path).catch(() => null);
  if (!info?.isFile()) throw new CourierError('BAD_INPUT', `${input.path} is not a readable file.`, 'Give the path of the document to send.');
  return { name: basename(input.path), content: createReadStream(input.path) };
}

/** Stores the payload (the document, or the batch zip) as a blob. */
async function storePayload(ctx: CourierContext, input: ParsedInputOf<'as2.send'>): Promise<StoredPayload> {
  const document = await documentOf(input.document);
  const subject = input.subject ?? null;
  if (input.attachments.length === 0) {
    const contentType = input.contentType ?? CONTENT_TYPES[extname(document.name).toLowerCase()] ?? 'application/octet-stream';
    const blob = document.content instanceof Uint8Array ? await ctx.blobs.put(document.content) : await ctx.blobs.putStream(document.content);
    return { blob, fileName: document.name, contentType, subject };
  }
  const attachments = input.attachments.map((file) => ({ name: file.fileName, content: Buffer.from(file.contentBase64, 'base64') }));
  const { zipName } = batchLayout(document.name, attachments.map((file) => file.name));
  return { blob: await ctx.blobs.putStream(batchZip(document, attachments)), fileName: zipName, contentType: BATCH_CONTENT_TYPE, subject };
}

function messageIdDomain(station: As2Station): string {
  if (station.publicUrl) {
    try {
      return new URL(station.publicUrl).hostname;
    } catch {
      // a station URL that does not parse falls back to this host's name
    }
  }
  return hostname();
}

/** Seals a stored payload for the partner, stores the wire body, and queues the message (held if paused). */
export async function queueStoredPayload(ctx: CourierContext, partner: As2Partner, payload: StoredPayload): Promise<MessageSummary> {
  const station = ctx.as2Profiles.getStation(partner.stationId);
  const { security, mdn: mdnSettings, interop } = partner;
  const certificates = ctx.as2Profiles.partnerCertificates(partner);
  if (security.cipher !== 'none' && !certificates.encryption) {
    throw new CourierError('CONFLICT', `Partner ${partner.name} has no encryption certificate.`, `Set one with \`courier partners add --as2-id ${partner.as2Id} --cert FILE\`, or send unencrypted (cipher none).`);
  }
  const signer = security.signDigest === 'none' ? null : (await ctx.as2Profiles.stationKeys(station)).signer;
  const composed = composeMessage(ctx.blobs.open(payload.blob.sha256), {
    payload: { fileName: payload.fileName, contentType: payload.contentType },
    sign: signer && security.signDigest !== 'none' ? { signer, digest: security.signDigest } : null,
    encrypt: security.cipher !== 'none' && certificates.encryption ? { certificate: certificates.encryption, cipher: security.cipher, keyTransport: security.keyTransport } : null,
    compression: security.compression,
    interop,
    micAlgorithm: mdnSettings.micAlgorithm,
  });
  const wire = await ctx.blobs.putStream(composed.body);
  const mic = composed.mic();

  const asyncUrl = mdnSettings.mode === 'async' ? (mdnSettings.asyncUrl ?? station.publicUrl) : null;
  if (mdnSettings.mode === 'async' && !asyncUrl) {
    throw new CourierError('CONFLICT', `Partner ${partner.name} sends async MDNs, but neither the partner nor station ${station.as2Id} has a receipt URL.`, 'Set the station\'s public URL or the partner\'s async MDN URL.');
  }
  const messageId = newMessageId(messageIdDomain(station));
  const headers = buildAs2Headers({
    as2From: station.as2Id,
    as2To: partner.as2Id,
    messageId,
    subject: payload.subject,
    contentType: composed.contentType,
    mdn: mdnSettings.mode === 'none' ? null : { signed: mdnSettings.signed, micAlgorithms: [mdnSettings.micAlgorithm], asyncUrl, returnAddress: asyncUrl ?? station.publicUrl ?? station.as2Id },
    micalgSpelling: interop.micalgSpelling,
    custom: partner.headers,
  });
  const micExpected = mdnSettings.mode === 'none' ? null : `${mic.base64}, ${formatMicalg(mic.digest, interop.micalgSpelling)}`;
  const request: OutboundRequest = { headers, mdn: mdnSettings.mode, signedMdn: mdnSettings.signed, micExpected };
  const securityFacts: SecurityFacts = {
    encryption: security.cipher === 'none' || !certificates.encryption ? null : { cipher: security.cipher, keyTransport: security.keyTransport, recipient: certificates.encryption.subject.split('\n').join(', ') },
    signature: signer && security.signDigest !== 'none' ? { status: 'verified', digest: security.signDigest, signer: signer.certificate.subject.split('\n').join(', '), reason: null } : UNSIGNED,
    compressed: security.compression !== 'none',
    transport: partner.url.toLowerCase().startsWith('https:') ? 'https' : 'http',
  };
  const at = new Date().toISOString();
  const rows = new OutboundQueueRows(ctx.db);
  const summary = ctx.db.transaction(() => {
    const inserted = ctx.messages.insert(
      {
        direction: 'outbound',
        protocol: 'as2',
        messageId,
        partnerId: partner.id,
        stationId: station.id,
        subject: payload.subject,
        fileName: payload.fileName,
        contentType: payload.contentType,
        headers,
        wire,
        payload: payload.blob,
        security: securityFacts,
        problem: null,
        status: 'queued',
        statusText: partner.pauseOutgoing ? HELD_TEXT : 'Queued',
      },
      mdnSettings.mode === 'none' ? undefined : { ...pendingMdn('received', asyncUrl, micExpected), delivery: mdnSettings.mode, micAlgorithm: formatMicalg(mic.digest, interop.micalgSpelling) },
    );
    rows.insert(inserted.id, request, { at, outcome: 'queued', detail: partner.pauseOutgoing ? HELD_TEXT : null });
    return inserted;
  })();
  ctx.audit.append({ action: 'as2.send', target: partner.as2Id, details: { message: summary.id, messageId, fileName: payload.fileName, size: payload.blob.size } });
  return summary;
}

/** `as2.send`: the document (and attachments) stored, sealed and queued for the partner. */
export async function queueAs2Send(ctx: CourierContext, input: ParsedInputOf<'as2.send'>): Promise<MessageSummary> {
  const partner = ctx.as2Profiles.getPartner(input.partner);
  return queueStoredPayload(ctx, partner, await storePayload(ctx, input));
}

/** A new message (new Message-ID) with the stored payload of outbound message `id`. */
export async function resendMessage(ctx: CourierContext, id: number): Promise<MessageSummary> {
  const facts = ctx.messages.facts(id);
  if (facts.direction !== 'outbound' || facts.protocol !== 'as2' || !facts.payload || !facts.partnerId) {
    throw new CourierError('CONFLICT', `Message ${id} is not an outbound AS2 message with a stored payload.`, 'Only Outbox messages can be resent.');
  }
  const partner = ctx.as2Profiles.getPartner(facts.partnerId);
  return queueStoredPayload(ctx, partner, { blob: facts.payload, fileName: facts.fileName ?? `message-${id}.bin`, contentType: facts.contentType ?? 'application/octet-stream', subject: facts.subject });
}
