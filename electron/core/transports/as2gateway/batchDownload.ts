// Batch download of received attachments (seed §7.3): up to 100 message IDs in, a zip out with one folder per
// message ID (a `.error` file where the gateway found nothing). Past 10 MB the gateway stops with 206 and
// `X-Batch-Truncation-Index: (m,a)` — the last attachment it added — so Courier asks again for the rest, from the
// truncated message on, until every message is complete. Only complete messages count as downloaded (and only
// those does the gateway mark read).
import { unzipSync } from 'fflate';
import { AS2G_MAX_BATCH_IDS } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import { expectContentType, expectStatus, GatewayAnswerError, requireHeader } from './gatewayAnswer';
import { downloadAttachment, getMessage, MAX_DOWNLOAD_BYTES } from './gatewayClient';
import type { GatewayConnection } from './gatewayConnection';

export interface BatchFile {
  name: string;
  content: Buffer;
}

export interface BatchMessage {
  messageId: string;
  files: BatchFile[];
  /** The `.error` file's text. */
  error: string | null;
}

export interface BatchOptions {
  markAsRead?: boolean;
  /** Attachment counts already known (from a list); others are asked for when needed. */
  attachmentCounts?: ReadonlyMap<string, number>;
}

/** `(1,2)` → message 1, attachment 2 (both zero-based). */
export function parseTruncationIndex(value: string): { message: number; attachment: number } {
  const match = /^\(\s*(\d{1,3})\s*,\s*(\d{1,6})\s*\)$/.exec(value.trim());
  if (!match) throw new GatewayAnswerError('missing-header', `The AS2 Gateway sent an unreadable X-Batch-Truncation-Index "${value.slice(0, 40)}".`);
  return { message: Number(match[1]), attachment: Number(match[2]) };
}

/** The zip's folders by message ID; a zip that is broken, or declares more than the download cap, is refused. */
export function readBatchZip(zip: Uint8Array): Map<string, { files: BatchFile[]; error: string | null }> {
  let declared = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (file) => {
        declared += file.originalSize;
        if (declared > MAX_DOWNLOAD_BYTES) throw new GatewayAnswerError('malformed-zip', `The AS2 Gateway's batch zip unpacks to more than ${MAX_DOWNLOAD_BYTES} bytes.`);
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof GatewayAnswerError) throw error;
    throw new GatewayAnswerError('malformed-zip', `The AS2 Gateway's batch answer is not a readable zip (${error instanceof Error ? error.message.slice(0, 100) : 'unknown'}).`);
  }
  const folders = new Map<string, { files: BatchFile[]; error: string | null }>();
  for (const [path, content] of Object.entries(entries)) {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    if (slash <= 0 || name === '' || name === '..' || name === '.') throw new GatewayAnswerError('malformed-zip', `The batch zip holds "${path.slice(0, 80)}", not <message-id>/<file>.`);
    const id = path.slice(0, slash);
    const folder = folders.get(id) ?? { files: [], error: null };
    if (name === '.error') folder.error = Buffer.from(content).toString('utf8').slice(0, 2000);
    else folder.files.push({ name, content: Buffer.from(content) });
    folders.set(id, folder);
  }
  return folders;
}

async function attachmentCount(conn: GatewayConnection, messageId: string, known: ReadonlyMap<string, number> | undefined): Promise<number> {
  return known?.get(messageId) ?? (await getMessage(conn, 'received', messageId)).attachments.length;
}

export async function batchDownload(conn: GatewayConnection, messageIds: readonly string[], options: BatchOptions = {}): Promise<BatchMessage[]> {
  const ids = [...new Set(messageIds)];
  if (ids.length === 0 || ids.length > AS2G_MAX_BATCH_IDS) throw new CourierError('BAD_INPUT', `A batch download names 1 to ${AS2G_MAX_BATCH_IDS} messages.`);
  const done = new Map<string, BatchMessage>();
  let remaining = ids;
  while (remaining.length > 0) {
    const answer = await conn.request({
      method: 'POST',
      path: '/message/received/batch/attachments',
      query: { markAsRead: options.markAsRead ? true : undefined },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(remaining),
      maxResponseBytes: MAX_DOWNLOAD_BYTES,
    });
    expectStatus(answer, [200, 206], 'the batch download');
    expectContentType(answer, 'application/octet-stream', 'the batch download');
    const folders = readBatchZip(answer.body);
    const take = (id: string) => done.set(id, { messageId: id, files: folders.get(id)?.files ?? [], error: folders.get(id)?.error ?? (folders.has(id) ? null : 'The gateway returned nothing for this message.') });
    if (answer.status === 200) {
      remaining.forEach(take);
      break;
    }
    const cut = parseTruncationIndex(requireHeader(answer, 'X-Batch-Truncation-Index', 'the truncated (206) batch download'));
    if (cut.message >= remaining.length) throw new GatewayAnswerError('unexpected-shape', `The batch was cut at message ${cut.message}, but only ${remaining.length} were asked for.`);
    remaining.slice(0, cut.message).forEach(take);
    const truncatedId = remaining[cut.message]!;
    const received = folders.get(truncatedId)?.files ?? [];
    if (cut.message > 0 && received.length < cut.attachment + 1) throw new GatewayAnswerError('unexpected-shape', `The batch zip lacks the attachments the truncation index names for ${truncatedId}.`);
    if (cut.message > 0) {
      // Not known to be complete: ask again from the truncated message on (its folder is fetched whole next time).
      const count = options.attachmentCounts?.get(truncatedId);
      if (count !== undefined && cut.attachment + 1 >= count) take(truncatedId);
      remaining = remaining.slice(count !== undefined && cut.attachment + 1 >= count ? cut.message + 1 : cut.message);
      continue;
    }
    // Cut inside the first message: asking again would be cut at the same place, so the rest comes one by one.
    const count = await attachmentCount(conn, truncatedId, options.attachmentCounts);
    const files = received.slice(0, cut.attachment + 1);
    for (let index = files.length; index < count; index++) {
      const single = await downloadAttachment(conn, 'received', truncatedId, index, options.markAsRead && index === count - 1);
      files.push({ name: single.fileName, content: single.content });
    }
    done.set(truncatedId, { messageId: truncatedId, files, error: null });
    remaining = remaining.slice(1);
  }
  return ids.map((id) => done.get(id)!);
}
