// Sending through the gateway as an Outbox message: the files and the exact request body are made durable first,
// then sent (202 + Link), then the row is committed under the Message-ID the Link names. Tracking looks the
// message up where the seed says it can be — sent, else queued, else failed — and updates the row until settled.
import type { MessageSummary } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import type { StoredBlob } from '../../store/blobs';
import { getMessage, listMessages, sendMessage, type SendOptions } from './gatewayClient';
import type { GatewayConnection } from './gatewayConnection';
import { bareMessageId, GATEWAY_PROTOCOL, gatewayMdn, gatewayStatusText, outboundStatus, recordGatewayMessage, type GatewayPlacement } from './gatewayRecords';
import { sendBody } from './sendBody';

export interface GatewaySendResult {
  messageId: string;
  link: string;
  message: MessageSummary;
}

export async function sendThroughGateway(ctx: CourierContext, conn: GatewayConnection, account: { id: string; name: string }, options: SendOptions): Promise<GatewaySendResult> {
  const prepared = sendBody(options.files);
  const files: { name: string; blob: StoredBlob }[] = [];
  for (const file of options.files) files.push({ name: file.name, blob: await ctx.blobs.put(file.content) });
  const wire = await ctx.blobs.put(prepared.body);
  let receipt;
  try {
    receipt = await sendMessage(conn, { ...options, prepared });
  } catch (error) {
    ctx.audit.append({ action: 'as2g.send', target: account.id, details: { account: account.name, station: options.station, partner: options.partner, files: files.length, outcome: error instanceof CourierError ? error.code : 'INTERNAL' } });
    throw error;
  }
  const headers = [
    ['X-AS2G-Account', account.name],
    ['X-AS2G-Message-Id', receipt.messageId],
    ['X-AS2G-Link', receipt.link],
    ...Object.entries(receipt.requestHeaders).map(([name, value]) => [name, value] as [string, string]),
    ...files.map((file) => ['X-AS2G-Attachment', `${file.name}; size=${file.blob.size}; sha256=${file.blob.sha256}`] as [string, string]),
  ] satisfies Array<[string, string]>;
  const message = ctx.db.transaction(() => {
    const summary = ctx.messages.insert({
      direction: 'outbound',
      protocol: GATEWAY_PROTOCOL,
      messageId: bareMessageId(receipt.messageId),
      partnerId: options.partner,
      stationId: options.station,
      subject: options.subject ?? null,
      fileName: files.length === 1 ? files[0]!.name : `${files[0]!.name} (+${files.length - 1} more)`,
      contentType: options.files[0]!.contentType ?? 'application/octet-stream',
      headers,
      wire,
      payload: files[0]!.blob,
      security: null,
      problem: null,
      status: 'queued',
      statusText: 'AS2 Gateway: accepted (202), queued for sending',
    });
    recordGatewayMessage(ctx.db, summary.id, account.id, receipt.messageId, false);
    return summary;
  })();
  ctx.audit.append({ action: 'as2g.send', target: account.id, details: { account: account.name, station: options.station, partner: options.partner, files: files.length, messageId: receipt.messageId, outcome: 'ok' } });
  return { messageId: receipt.messageId, link: receipt.link, message };
}

/** Where the gateway has the message now (seed §4.7: not in sent → look in queued and failed). */
export async function placeMessage(conn: GatewayConnection, messageId: string): Promise<GatewayPlacement> {
  try {
    return { category: 'sent', message: await getMessage(conn, 'sent', messageId), failedAttempts: 0 };
  } catch (error) {
    if (!(error instanceof CourierError && error.code === 'NOT_FOUND')) throw error;
  }
  const failed = await listMessages(conn, 'failed', { as2MessageId: messageId, pageLength: 100 });
  const queued = await listMessages(conn, 'queued', { query: messageId, pageLength: 10 });
  const inQueue = queued.records.find((record) => record.as2MessageId === messageId);
  if (inQueue) return { category: 'queued', message: inQueue, failedAttempts: failed.totalRecords };
  const lastFailure = failed.records.find((record) => record.as2MessageId === messageId);
  if (lastFailure) return { category: 'failed', message: lastFailure, failedAttempts: failed.totalRecords };
  return { category: null, message: null, failedAttempts: 0 };
}

/** Looks one Outbox row up on the gateway and records what it says; returns whether it is settled. */
export async function trackOutbound(ctx: CourierContext, conn: GatewayConnection, accountId: string, messageRowId: number, gatewayMessageId: string): Promise<boolean> {
  const placement = await placeMessage(conn, gatewayMessageId);
  const { status, settled } = outboundStatus(placement);
  const statusText = gatewayStatusText(placement.message, placement.category);
  const current = ctx.messages.summary(messageRowId);
  const mdn = placement.message ? gatewayMdn(placement.message, 'received') : undefined;
  if (current.status !== status || current.statusText !== statusText || mdn) {
    const update = { status, statusText };
    if (mdn) ctx.messages.saveMdn(messageRowId, mdn, update);
    else ctx.messages.update(messageRowId, update);
  }
  recordGatewayMessage(ctx.db, messageRowId, accountId, gatewayMessageId, settled);
  return settled;
}

/** Every unsettled Outbox row of the account, refreshed; returns how many changed status. */
export async function refreshOutbound(ctx: CourierContext, conn: GatewayConnection, accountId: string): Promise<number> {
  const open = ctx.db
    .prepare<[string], { message_row_id: number; gateway_message_id: string }>(
      `SELECT g.message_row_id, g.gateway_message_id FROM as2g_messages g JOIN messages m ON m.id = g.message_row_id
       WHERE g.account_id = ? AND g.settled = 0 AND m.direction = 'outbound' ORDER BY g.message_row_id`,
    )
    .all(accountId);
  let changed = 0;
  for (const row of open) {
    const before = ctx.messages.summary(row.message_row_id).status;
    await trackOutbound(ctx, conn, accountId, row.message_row_id, row.gateway_message_id);
    if (ctx.messages.summary(row.message_row_id).status !== before) changed++;
  }
  return changed;
}
