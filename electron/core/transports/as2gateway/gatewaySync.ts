// The inbound sync, with the one-time processing the seed suggests (§5.1, §6.1): list unread received messages,
// download their attachments, make them durable (blobs, then the Inbox row), and only THEN mark them read on the
// gateway. A stop anywhere loses nothing (an unmarked message comes back next time) and duplicates nothing (a
// message already in Inbox is only marked read). Then every unsettled Outbox row gets its gateway status.
import type { As2gMessage, MessageProblem } from '../../../../shared/ipc';
import type { CourierContext } from '../../home/openHome';
import type { StoredBlob } from '../../store/blobs';
import { batchDownload, type BatchMessage } from './batchDownload';
import type { GatewayAccounts } from './gatewayAccounts';
import { getMessage, listMessages } from './gatewayClient';
import type { GatewayConnection } from './gatewayConnection';
import { refreshOutbound } from './gatewayOutbox';
import { bareMessageId, GATEWAY_PROTOCOL, gatewayHeaders, gatewayMdn, gatewayStatusText, recordGatewayMessage } from './gatewayRecords';

export interface SyncResult {
  account: string;
  at: string;
  stored: number;
  alreadyStored: number;
  markedRead: number;
  outboundUpdated: number;
  requests: number;
}

const PAGE = 100;

/** Why a download cannot be stored as the message (left unread, tried again next sync), or null when it is whole. */
function incomplete(record: As2gMessage, download: BatchMessage | undefined): string | null {
  if (record.attachments.length === 0) return null;
  if (!download) return 'not downloaded';
  if (download.error) return download.error;
  if (download.files.length !== record.attachments.length) return `${download.files.length} of ${record.attachments.length} attachments`;
  for (const expected of record.attachments) {
    if (!download.files.some((file) => file.name === expected.name && file.content.length === expected.size)) return `attachment ${expected.name} is not ${expected.size} bytes`;
  }
  return null;
}

/** A message the gateway answered with an error MDN: what its MDN said, and what to check. */
function gatewayErrorProblem(mdnText: string): MessageProblem {
  const text = mdnText.trim().slice(0, 500);
  return {
    code: 'gateway-error-mdn',
    summary: `The AS2 Gateway could not process this message and answered the partner with an error MDN${text ? `: ${text}` : '.'}`,
    whatToCheck: "Check the partner's certificates and your station's keys on the AS2 Gateway; the partner will usually send it again once fixed.",
  };
}

async function store(ctx: CourierContext, account: { id: string; name: string }, record: As2gMessage, download: BatchMessage | undefined): Promise<void> {
  const files: { name: string; blob: StoredBlob }[] = [];
  for (const expected of record.attachments) {
    const file = download!.files.find((candidate) => candidate.name === expected.name)!;
    files.push({ name: file.name, blob: await ctx.blobs.put(file.content) });
  }
  const wire = await ctx.blobs.put(Buffer.from(JSON.stringify(record)));
  const first = record.attachments[0];
  ctx.db.transaction(() => {
    const summary = ctx.messages.insert(
      {
        direction: 'inbound',
        protocol: GATEWAY_PROTOCOL,
        messageId: bareMessageId(record.as2MessageId),
        partnerId: record.receiverId,
        stationId: record.senderId,
        subject: record.subject ?? null,
        fileName: first ? (files.length === 1 ? first.name : `${first.name} (+${files.length - 1} more)`) : null,
        contentType: first ? 'application/octet-stream' : null,
        headers: gatewayHeaders(account.name, record, files),
        wire,
        payload: files[0]?.blob ?? null,
        security: null,
        problem: record.mdnMessage?.mdnError ? gatewayErrorProblem(record.mdnMessage.content) : null,
        status: record.mdnMessage?.mdnError ? 'received-with-error' : 'received',
        statusText: gatewayStatusText(record, 'received'),
      },
      gatewayMdn(record, 'sent'),
    );
    recordGatewayMessage(ctx.db, summary.id, account.id, record.as2MessageId, true);
  })();
}

export async function syncAccount(ctx: CourierContext, accounts: GatewayAccounts, ref: string, conn: GatewayConnection = accounts.connect(ref)): Promise<SyncResult> {
  const account = accounts.get(ref);
  const at = new Date().toISOString();
  const result: SyncResult = { account: account.name, at, stored: 0, alreadyStored: 0, markedRead: 0, outboundUpdated: 0, requests: 0 };
  const startRequests = conn.requests;
  const leftUnread = new Set<string>();
  try {
    for (;;) {
      const page = await listMessages(conn, 'received', { unreadOnly: true, pageLength: PAGE, pageOffset: 0, sortCol: 'persistedTimestamp', sortDir: 'asc' });
      const records = page.records.filter((record) => !leftUnread.has(record.as2MessageId));
      if (records.length === 0) break;
      const stored = (record: As2gMessage) => ctx.messages.findInbound(GATEWAY_PROTOCOL, record.receiverId, bareMessageId(record.as2MessageId)) !== undefined;
      const wanted = records.filter((record) => !stored(record) && record.attachments.length > 0);
      const downloads = new Map<string, BatchMessage>();
      if (wanted.length > 0) {
        const counts = new Map(wanted.map((record) => [record.as2MessageId, record.attachments.length]));
        for (const download of await batchDownload(conn, wanted.map((record) => record.as2MessageId), { attachmentCounts: counts })) downloads.set(download.messageId, download);
      }
      for (const record of records) {
        if (stored(record)) {
          result.alreadyStored++;
        } else {
          if (incomplete(record, downloads.get(record.as2MessageId)) !== null) {
            leftUnread.add(record.as2MessageId);
            continue;
          }
          await store(ctx, account, record, downloads.get(record.as2MessageId));
          result.stored++;
        }
        await getMessage(conn, 'received', record.as2MessageId, true);
        result.markedRead++;
      }
    }
    result.outboundUpdated = await refreshOutbound(ctx, conn, account.id);
  } catch (error) {
    accounts.recordSync(account.id, at, `failed: ${error instanceof Error ? error.message : 'unknown'}`);
    throw error;
  }
  result.requests = conn.requests - startRequests;
  const outcome = `stored ${result.stored}, already stored ${result.alreadyStored}, marked read ${result.markedRead}${leftUnread.size ? `, ${leftUnread.size} left unread (download incomplete)` : ''}`;
  accounts.recordSync(account.id, at, outcome);
  return result;
}
