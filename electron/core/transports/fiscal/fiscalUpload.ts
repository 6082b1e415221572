// One FISCAL upload, start to finish: the file is checked (nothing FISCAL would refuse leaves the machine), made
// durable as a blob, recorded as an outbound 'fiscal' message, then POSTed from the blob as a stream (a 2 GB
// extract never sits in memory) with its progress published and a cancel honoured. A 500 is retried with the one
// retry policy; every other answer ends the upload, and the message says what FISCAL answered, in words.
import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FiscalFileType, MessageSummary, OutputOf } from '../../../../shared/ipc';
import { inspectDocument } from '../../documents/inspectDocument';
import type { DocumentSource } from '../../documents/documentSource';
import { safeFileName } from '../../documents/safeFileName';
import { CourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import type { StoredBlob } from '../../store/blobs';
import { beginTransfer, type Transfer } from '../../transfers/transfers';
import { httpExchange, type HttpProfile } from '../http/httpClient';
import { retryDelayMs, type RetryPolicy } from '../http/retryPolicy';
import { TransportFailure } from '../http/transportFailure';
import { FiscalRejection, fiscalRejection, isRetryableStatus, readFiscalBody, receiptSummary } from './fiscalAnswer';
import { FiscalProfileStore } from './fiscalProfiles';
import { fiscalUploadUrl, type FiscalProfile } from './fiscalUrl';

export type FiscalUploadResult = OutputOf<'fiscal.upload'>;

/** FISCAL asks to "retry the request later": a few attempts, minutes apart at most. */
export const FISCAL_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 60_000, maxAttempts: 4 };
export const FISCAL_CONTENT_TYPE = 'text/csv';
const MAX_ANSWER_BYTES = 1024 * 1024;
/** Large reads of the blob: fewer trips through the progress counter and the HTTP client per megabyte sent. */
const SEND_CHUNK_BYTES = 1024 * 1024;
/** The deadline grows with the file (at least 256 KiB/s), in 10-minute steps so uploads of similar size share one connection pool. */
const DEADLINE_STEP_MS = 10 * 60_000;

export interface FiscalUploadRequest {
  profile: string;
  fileType: FiscalFileType;
  source: DocumentSource;
  /** Already stored (a resend): the upload goes from this blob without checking or copying the file again. */
  stored?: StoredBlob;
  transferId?: string;
}

export interface FiscalUploadOptions {
  retry?: RetryPolicy;
  now?: () => Date;
}

export function fiscalDeadlineMs(size: number): number {
  return Math.ceil((120_000 + size / 256) / DEADLINE_STEP_MS) * DEADLINE_STEP_MS;
}

export const fiscalProfilesOf = (ctx: CourierContext) => new FiscalProfileStore({ db: ctx.db, secrets: ctx.secrets, audit: ctx.audit });

async function checkedBlob(ctx: CourierContext, source: DocumentSource, at: Date): Promise<{ blob: StoredBlob; remoteFileName: string }> {
  const inspection = await inspectDocument(source, at);
  const errors = inspection.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    const where = first.line === null ? '' : ` (line ${first.line})`;
    const more = errors.length > 1 ? ` ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} found.` : '';
    throw new CourierError('BAD_INPUT', `${source.fileName} was not uploaded${where}: ${first.message}${more}`, 'Fix the file and upload it again; `courier fiscal inspect FILE` lists every problem. Nothing was sent.');
  }
  return { blob: await ctx.blobs.putStream(source.chunks()), remoteFileName: inspection.safeFileName };
}

function recordUpload(ctx: CourierContext, profile: FiscalProfile, request: FiscalUploadRequest, blob: StoredBlob, remoteFileName: string, url: URL): MessageSummary {
  return ctx.db.transaction(() => {
    const summary = ctx.messages.insert({
      direction: 'outbound',
      protocol: 'fiscal',
      messageId: remoteFileName,
      partnerId: profile.id,
      stationId: null,
      subject: `FISCAL ${request.fileType} upload to ${profile.customer}/${profile.unit} (${profile.name})`,
      fileName: request.source.fileName,
      contentType: FISCAL_CONTENT_TYPE,
      headers: [
        ['Host', url.host],
        ['Content-Type', FISCAL_CONTENT_TYPE],
        ['Content-Length', String(blob.size)],
        ['Authorization', 'Bearer (the profile\'s access token, not stored here)'],
      ],
      wire: blob,
      payload: blob,
      security: { encryption: null, signature: { status: 'unsigned', digest: null, signer: null, reason: null }, compressed: false, transport: 'https' },
      problem: null,
      status: 'sending',
      statusText: `Uploading to FISCAL as ${remoteFileName}`,
    });
    ctx.db
      .prepare('INSERT INTO fiscal_uploads (message_row_id, profile_id, file_type, url, source_file_name) VALUES (?, ?, ?, ?, ?)')
      .run(summary.id, profile.id, request.fileType, url.toString(), request.source.fileName);
    return summary;
  })();
}

interface Answered {
  status: number;
  body: ReturnType<typeof readFiscalBody>;
  attempts: number;
}

/** POSTs the blob until FISCAL answers something other than a temporary failure, or the attempts run out. */
async function post(ctx: CourierContext, profile: FiscalProfile, url: URL, blob: StoredBlob, transfer: Transfer, messageRowId: number, policy: RetryPolicy): Promise<Answered> {
  const http: HttpProfile = { service: 'FISCAL', scope: profile.tlsScope, trust: ctx.tlsTrust.trustFor(profile.tlsScope), timeoutMs: fiscalDeadlineMs(blob.size) };
  const headers = { 'content-type': FISCAL_CONTENT_TYPE, 'content-length': String(blob.size), authorization: `Bearer ${profile.token}`, accept: 'application/json' };
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) transfer.restart();
    let failure: string;
    try {
      const answer = await httpExchange(http, { url, method: 'POST', headers, body: transfer.counted(createReadStream(ctx.blobs.pathOf(blob.sha256), { highWaterMark: SEND_CHUNK_BYTES })), maxResponseBytes: MAX_ANSWER_BYTES, signal: transfer.signal });
      const body = readFiscalBody(answer.body);
      if (!isRetryableStatus(answer.status)) return { status: answer.status, body, attempts: attempt };
      failure = `HTTP ${answer.status}`;
      if (retryDelayMs(policy, attempt) === null) return { status: answer.status, body, attempts: attempt };
    } catch (error) {
      if (!(error instanceof TransportFailure) || !error.retryable || retryDelayMs(policy, attempt) === null) throw error;
      failure = error.message;
    }
    const delay = retryDelayMs(policy, attempt)!;
    ctx.messages.update(messageRowId, { status: 'retrying', statusText: `${failure} from FISCAL; attempt ${attempt + 1} of ${policy.maxAttempts} in ${Math.ceil(delay / 1000)} s` });
    try {
      await sleep(delay, undefined, { signal: transfer.signal });
    } catch {
      throw new CourierError('CANCELLED', 'The upload was cancelled.');
    }
    ctx.messages.update(messageRowId, { status: 'sending', statusText: `Uploading to FISCAL (attempt ${attempt + 1} of ${policy.maxAttempts})` });
  }
}

function saveAnswer(ctx: CourierContext, messageRowId: number, answered: Answered | null, attempts: number): void {
  ctx.db
    .prepare('UPDATE fiscal_uploads SET attempts = ?, response_status = ?, response_body = ? WHERE message_row_id = ?')
    .run(attempts, answered?.status ?? null, answered ? answered.body.text.slice(0, 64 * 1024) : null, messageRowId);
}

/** Checks, stores, records and uploads one file; a refusal is thrown after the message says what happened. */
export async function uploadToFiscal(ctx: CourierContext, request: FiscalUploadRequest, options: FiscalUploadOptions = {}): Promise<FiscalUploadResult> {
  const now = options.now?.() ?? new Date();
  const profile = fiscalProfilesOf(ctx).clientProfile(request.profile, now);
  if (profile.tokenExpired) {
    throw new CourierError('CONFLICT', `The access token of FISCAL profile ${profile.name} expired on ${profile.tokenExpiresOn}; nothing was sent.`, 'Generate a new token in FISCAL (Customer Settings > Organisation Settings > Access Tokens) and save it with `courier fiscal profiles save --name NAME --token-file FILE --token-expires YYYY-MM-DD`.');
  }
  const { blob, remoteFileName } = request.stored ? { blob: request.stored, remoteFileName: safeFileName(request.source.fileName, now) } : await checkedBlob(ctx, request.source, now);
  const url = fiscalUploadUrl(profile, request.fileType, remoteFileName);
  const transfer = beginTransfer(ctx.events, { ...(request.transferId ? { transferId: request.transferId } : {}), protocol: 'fiscal', fileName: remoteFileName, totalBytes: blob.size });
  let message: MessageSummary;
  try {
    message = recordUpload(ctx, profile, request, blob, remoteFileName, url);
  } catch (error) {
    transfer.finish('failed');
    throw error;
  }
  const audit = (outcome: string) =>
    ctx.audit.append({ action: 'fiscal.upload', target: profile.id, details: { profile: profile.name, message: message.id, fileType: request.fileType, fileName: remoteFileName, size: blob.size, outcome } });
  let answered: Answered | null = null;
  try {
    answered = await post(ctx, profile, url, blob, transfer, message.id, options.retry ?? FISCAL_RETRY_POLICY);
    saveAnswer(ctx, message.id, answered, answered.attempts);
    if (answered.status !== 201) throw fiscalRejection(answered.status, answered.body, { fileType: request.fileType, tokenExpiresOn: profile.tokenExpiresOn, attempts: answered.attempts });
    const summary = receiptSummary(remoteFileName, answered.body);
    const delivered = ctx.messages.update(message.id, { status: 'delivered', statusText: summary.slice(0, 500), problem: null });
    transfer.finish('done');
    audit('delivered');
    return { message: delivered, remoteFileName, url: url.toString(), attempts: answered.attempts, answer: { status: 201, summary, body: answered.body.value } };
  } catch (error) {
    const failure = error instanceof CourierError ? error : new CourierError('INTERNAL', error instanceof Error ? error.message : String(error));
    const cancelled = failure.code === 'CANCELLED';
    if (!answered) saveAnswer(ctx, message.id, null, 0);
    ctx.messages.update(message.id, {
      status: cancelled ? 'stopped' : 'failed',
      statusText: (cancelled ? 'Cancelled before FISCAL answered' : failure.message).slice(0, 500),
      problem: failure instanceof FiscalRejection ? failure.problem : { code: failure.code, summary: failure.message, whatToCheck: failure.hint ?? '' },
    });
    transfer.finish(cancelled ? 'cancelled' : 'failed');
    audit(failure.code === 'REMOTE_REJECTED' && failure instanceof FiscalRejection ? `http-${failure.status}` : failure.code);
    throw failure;
  }
}

/** `messages.resend` for a FISCAL upload: the stored file again, same profile and file type, under a new timestamped name. */
export async function resendFiscalUpload(ctx: CourierContext, id: number, options: FiscalUploadOptions = {}): Promise<MessageSummary> {
  const facts = ctx.messages.facts(id);
  const row = ctx.db.prepare('SELECT profile_id, file_type, source_file_name FROM fiscal_uploads WHERE message_row_id = ?').get(id) as
    | { profile_id: string; file_type: FiscalFileType; source_file_name: string }
    | undefined;
  if (facts.direction !== 'outbound' || !facts.payload || !row) {
    throw new CourierError('CONFLICT', `Message ${id} is not a FISCAL upload with a stored file.`, 'Only uploads listed in History can be sent again.');
  }
  const blob = facts.payload;
  const source: DocumentSource = { fileName: row.source_file_name, size: blob.size, path: null, chunks: () => ctx.blobs.open(blob.sha256) };
  return (await uploadToFiscal(ctx, { profile: row.profile_id, fileType: row.file_type, source, stored: blob }, options)).message;
}
