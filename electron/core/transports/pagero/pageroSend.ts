// `pagero.send`: one document (or a zip batch of the document and its attachments, as the seed recommends) posted
// to `…/incoming/v1/{documentType}/{sendMode}` with a unique x-interchange-id. The payload is stored first and the
// Outbox row written before the upload, which streams from the blob store with progress and can be cancelled; a
// 401 renews the OAuth2 token and is tried once more. The row ends delivered or failed with the answer in words.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { MessageSummary, OutputOf, ParsedInputOf } from '../../../../shared/ipc';
import type { HeaderList } from '../../as2/as2Headers';
import { CourierError, toCourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import type { StoredBlob } from '../../store/blobs';
import { beginTransfer, type Transfer } from '../../transfers/transfers';
import { batchLayout, batchZip, documentStem, type BatchFile } from '../as2/batchZip';
import { httpExchange, type HttpProfile } from '../http/httpClient';
import { PageroAuthorizer, type PageroAuthorization } from './pageroAuth';
import { answerProblem, delivered, pageroAnswer, type PageroAnswer } from './pageroAnswer';
import { PageroProfileStore, type PageroProfile } from './pageroProfiles';

type SendInput = ParsedInputOf<'pagero.send'>;
type FileInput = SendInput['document'];

/** Raw bodies carry the payload's own type (seed: application/xml, application/json, text/plain); others are binary. */
const RAW_TYPES: Record<string, string> = { '.xml': 'application/xml', '.json': 'application/json', '.txt': 'text/plain' };
const BINARY = 'application/octet-stream';
const MAX_ANSWER_BYTES = 1024 * 1024;

export const pageroProfilesOf = (ctx: CourierContext) => new PageroProfileStore({ db: ctx.db, secrets: ctx.secrets, audit: ctx.audit });

async function fileOf(input: FileInput): Promise<BatchFile> {
  if ('contentBase64' in input) return { name: input.fileName, content: Buffer.from(input.contentBase64, 'base64') };
  const info = await stat(input.path).catch(() => null);
  if (!info?.isFile()) throw new CourierError('BAD_INPUT', `${input.path} is not a readable file.`, 'Give the path of the document to send.');
  return { name: basename(input.path), content: createReadStream(input.path) };
}

interface StoredPayload {
  blob: StoredBlob;
  fileName: string;
  contentType: string;
}

async function storePayload(ctx: CourierContext, input: SendInput): Promise<StoredPayload> {
  const document = await fileOf(input.document);
  const attachments = await Promise.all(input.attachments.map(fileOf));
  if (attachments.length === 0) {
    const blob = document.content instanceof Uint8Array ? await ctx.blobs.put(document.content) : await ctx.blobs.putStream(document.content);
    if (blob.size === 0) throw new CourierError('BAD_INPUT', `${document.name} is empty.`, 'Choose the document file itself.');
    return { blob, fileName: document.name, contentType: input.contentType ?? RAW_TYPES[extname(document.name).toLowerCase()] ?? BINARY };
  }
  const { zipName } = batchLayout(document.name, attachments.map((file) => file.name));
  return { blob: await ctx.blobs.putStream(batchZip(document, attachments)), fileName: zipName, contentType: BINARY };
}

/** `invoice-42.xml` → `invoice-42-20240101T120000Z-a1b2c3`: readable, unique, within the header's alphabet. */
function newInterchangeId(fileName: string, now: Date): string {
  const stem = documentStem(fileName).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 60) || 'document';
  return `${stem}-${now.toISOString().replace(/[-:]|\.\d{3}/g, '')}-${randomBytes(3).toString('hex')}`;
}

function uploadTimeoutMs(size: number): number {
  return 5 * 60_000 + Math.ceil(size / (1024 * 1024)) * 1000;
}

interface Attempt {
  answer: PageroAnswer;
  auth: PageroAuthorization;
}

async function post(ctx: CourierContext, profile: PageroProfile, http: HttpProfile, payload: StoredPayload, headers: Record<string, string>, interchangeId: string, transfer: Transfer): Promise<Attempt[]> {
  const authorizer = new PageroAuthorizer(profile, pageroProfilesOf(ctx), { ...http, timeoutMs: 30_000 }, transfer.signal);
  const attempts: Attempt[] = [];
  for (const rejected of [false, true]) {
    const auth = await authorizer.authorization(rejected);
    if (rejected) transfer.restart();
    const answer = await httpExchange(http, {
      url: profile.endpointUrl,
      method: 'POST',
      headers: { ...headers, authorization: auth.header },
      body: transfer.counted(ctx.blobs.open(payload.blob.sha256)),
      maxResponseBytes: MAX_ANSWER_BYTES,
      signal: transfer.signal,
    });
    attempts.push({ answer: pageroAnswer(answer.status, answer.headers['content-type'] ?? null, answer.body, interchangeId), auth });
    // One retry on 401, and only where a new token can change the outcome.
    if (answer.status !== 401 || profile.auth.mode !== 'oauth2-password') break;
  }
  return attempts;
}

export async function sendToPagero(ctx: CourierContext, input: SendInput, now = new Date()): Promise<OutputOf<'pagero.send'>> {
  const profile = pageroProfilesOf(ctx).clientProfile(input.profile);
  return sendStored(ctx, profile, await storePayload(ctx, input), { interchangeId: input.interchangeId, transferId: input.transferId }, now);
}

/** Sends an earlier Pagero message's stored document again, under a new interchange id (History's Re-send). */
export async function resendPageroMessage(ctx: CourierContext, id: number): Promise<MessageSummary> {
  const facts = ctx.messages.facts(id);
  if (facts.protocol !== 'pagero' || facts.direction !== 'outbound' || !facts.payload || !facts.partnerId) {
    throw new CourierError('CONFLICT', `Message ${id} is not a Pagero send with a stored document.`, 'Only sends listed in History can be sent again.');
  }
  const profile = pageroProfilesOf(ctx).clientProfile(facts.partnerId);
  const payload = { blob: facts.payload, fileName: facts.fileName ?? `message-${id}`, contentType: facts.contentType ?? BINARY };
  return (await sendStored(ctx, profile, payload, {})).message;
}

async function sendStored(
  ctx: CourierContext,
  profile: PageroProfile,
  payload: StoredPayload,
  options: { interchangeId?: string; transferId?: string },
  now = new Date(),
): Promise<OutputOf<'pagero.send'>> {
  const interchangeId = options.interchangeId ?? newInterchangeId(payload.fileName, now);
  if (ctx.messages.findOutbound('pagero', interchangeId) !== undefined) {
    throw new CourierError('CONFLICT', `Interchange id ${interchangeId} was used for an earlier send.`, 'Each send needs its own interchange id; leave it empty to have one generated.');
  }
  const headers: Record<string, string> = { 'content-type': payload.contentType, 'content-length': String(payload.blob.size), 'x-interchange-id': interchangeId };
  const headerList: HeaderList = [
    ['POST', profile.endpointUrl.href],
    ['Content-Type', payload.contentType],
    ['Content-Length', String(payload.blob.size)],
    ['x-interchange-id', interchangeId],
  ];
  const stored = ctx.messages.insert({
    direction: 'outbound',
    protocol: 'pagero',
    messageId: interchangeId,
    partnerId: profile.id,
    stationId: null,
    subject: `${profile.name}: ${profile.documentType}/${profile.sendMode}`,
    fileName: payload.fileName,
    contentType: payload.contentType,
    headers: headerList,
    wire: payload.blob,
    payload: payload.blob,
    security: null,
    problem: null,
    status: 'sending',
    statusText: `Uploading to ${profile.endpointUrl.origin}`,
  });
  const transfer = beginTransfer(ctx.events, { transferId: options.transferId, protocol: 'pagero', fileName: payload.fileName, totalBytes: payload.blob.size });
  const http: HttpProfile = { service: 'Pagero', scope: profile.tlsScope, trust: ctx.tlsTrust.trustFor(profile.tlsScope), timeoutMs: uploadTimeoutMs(payload.blob.size) };
  let attempts: Attempt[];
  try {
    attempts = await post(ctx, profile, http, payload, headers, interchangeId, transfer);
  } catch (error) {
    const failure = toCourierError(error);
    const cancelled = failure.code === 'CANCELLED' || transfer.cancelled;
    transfer.finish(cancelled ? 'cancelled' : 'failed');
    ctx.messages.update(stored.id, {
      status: cancelled ? 'stopped' : 'failed',
      statusText: cancelled ? 'Cancelled before Pagero answered.' : failure.message,
      problem: { code: failure.code, summary: failure.message, whatToCheck: failure.hint ?? 'Send the document again.' },
    });
    ctx.audit.append({ action: 'pagero.send', target: profile.id, details: { profile: profile.name, interchangeId, messageId: stored.id, outcome: failure.code } });
    throw failure;
  }
  const last = attempts.at(-1)!;
  const ok = delivered(last.answer);
  transfer.finish(ok ? 'done' : 'failed');
  const auths = attempts.map((attempt) => `${attempt.auth.via} → HTTP ${attempt.answer.status}`).join('; ');
  const message = ctx.messages.update(stored.id, ok ? { status: 'delivered', statusText: `${last.answer.meaning} (${auths})` } : { status: 'failed', statusText: `HTTP ${last.answer.status}: ${last.answer.meaning} (${auths})`, problem: answerProblem(last.answer) });
  ctx.audit.append({ action: 'pagero.send', target: profile.id, details: { profile: profile.name, interchangeId, messageId: stored.id, outcome: `HTTP ${last.answer.status}` } });
  return { interchangeId, message, answer: last.answer };
}
