// as2g.*: AS2 Gateway accounts, sending, lists, downloads, queue control, partners, stations and the sync, thin
// over core/transports/as2gateway. Deletes on the gateway and sends are audited; no token or password is.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AS2G_MAX_MESSAGE_BYTES, CourierError, type ParsedInputOf } from '../../shared/ipc';
import type { CourierContext } from '../core/home/openHome';
import { batchDownload } from '../core/transports/as2gateway/batchDownload';
import { GatewayAccounts } from '../core/transports/as2gateway/gatewayAccounts';
import {
  controlQueued,
  deleteMessages,
  downloadAllAttachments,
  downloadAttachment,
  downloadMdn,
  getMessage,
  listAllMessages,
  listMessages,
  listPartners,
  listStations,
  markUnread,
} from '../core/transports/as2gateway/gatewayClient';
import { sendThroughGateway } from '../core/transports/as2gateway/gatewayOutbox';
import { syncAccount } from '../core/transports/as2gateway/gatewaySync';
import type { GatewayFile } from '../core/transports/as2gateway/sendBody';
import type { CallHandler } from './router';

const accountsOf = (ctx: CourierContext) => new GatewayAccounts({ db: ctx.db, secrets: ctx.secrets, audit: ctx.audit, tlsTrust: ctx.tlsTrust });

export const as2gAccountsList: CallHandler<'as2g.accounts.list'> = (_input, ctx) => ({ accounts: accountsOf(ctx).list() });
export const as2gAccountsSave: CallHandler<'as2g.accounts.save'> = (input, ctx) => accountsOf(ctx).save(input);
export const as2gAccountsDelete: CallHandler<'as2g.accounts.delete'> = (input, ctx) => accountsOf(ctx).delete(input.account);

export const as2gLogin: CallHandler<'as2g.login'> = async (input, ctx) => {
  const accounts = accountsOf(ctx);
  await accounts.connect(input.account).login();
  return accounts.get(input.account);
};

async function fileOf(entry: ParsedInputOf<'as2g.send'>['files'][number]): Promise<GatewayFile> {
  if ('path' in entry) {
    let size: number;
    try {
      size = (await stat(entry.path)).size;
    } catch {
      throw new CourierError('BAD_INPUT', `Cannot read ${entry.path}.`, 'Check the path and its permissions.');
    }
    if (size > AS2G_MAX_MESSAGE_BYTES) throw new CourierError('BAD_INPUT', `${entry.path} is ${size} bytes; the AS2 Gateway takes at most 10 MB per message.`, 'Split or compress the file.');
    return { name: basename(entry.path), contentType: entry.contentType, content: await readFile(entry.path) };
  }
  return { name: entry.fileName, contentType: entry.contentType, content: Buffer.from(entry.contentBase64, 'base64') };
}

export const as2gSend: CallHandler<'as2g.send'> = async (input, ctx) => {
  const accounts = accountsOf(ctx);
  const account = accounts.get(input.account);
  const files = await Promise.all(input.files.map(fileOf));
  return sendThroughGateway(ctx, accounts.connect(account.id), account, {
    station: input.station,
    partner: input.partner,
    files,
    partnerType: input.partnerType,
    subject: input.subject,
    profile: input.profile,
  });
};

export const as2gList: CallHandler<'as2g.list'> = (input, ctx) => {
  const conn = accountsOf(ctx).connect(input.account);
  return input.all ? listAllMessages(conn, input.category, input.filter) : listMessages(conn, input.category, input.filter);
};

export const as2gGet: CallHandler<'as2g.get'> = (input, ctx) => getMessage(accountsOf(ctx).connect(input.account), input.category, input.messageId, input.markAsRead);

export const as2gMarkUnread: CallHandler<'as2g.markUnread'> = async (input, ctx) => ({ message: await markUnread(accountsOf(ctx).connect(input.account), input.messageId) });

export const as2gDownload: CallHandler<'as2g.download'> = async (input, ctx) => {
  const conn = accountsOf(ctx).connect(input.account);
  const download =
    input.what === 'mdn'
      ? await downloadMdn(conn, input.category, input.messageId)
      : input.what === 'all'
        ? await downloadAllAttachments(conn, input.category, input.messageId, input.markAsRead)
        : await downloadAttachment(conn, input.category, input.messageId, input.what.attachment, input.markAsRead);
  return { fileName: download.fileName, contentBase64: download.content.toString('base64'), size: download.content.length };
};

export const as2gBatchDownload: CallHandler<'as2g.batchDownload'> = async (input, ctx) => {
  const conn = accountsOf(ctx).connect(input.account);
  const messages = await batchDownload(conn, input.messageIds, { markAsRead: input.markAsRead });
  return {
    requests: conn.requests,
    messages: messages.map((message) => ({
      messageId: message.messageId,
      error: message.error,
      files: message.files.map((file) => ({ name: file.name, size: file.content.length, contentBase64: file.content.toString('base64') })),
    })),
  };
};

export const as2gQueueControl: CallHandler<'as2g.queueControl'> = async (input, ctx) => {
  const accounts = accountsOf(ctx);
  const message = await controlQueued(accounts.connect(input.account), input.messageId, input.action);
  if (input.action === 'retry') ctx.db.prepare('UPDATE as2g_messages SET settled = 0 WHERE account_id = ? AND gateway_message_id = ?').run(accounts.get(input.account).id, input.messageId);
  ctx.audit.append({ action: `as2g.queue-${input.action}`, target: accounts.get(input.account).id, details: { messageId: input.messageId } });
  return { message };
};

export const as2gDelete: CallHandler<'as2g.delete'> = async (input, ctx) => {
  const accounts = accountsOf(ctx);
  const account = accounts.get(input.account);
  const message = await deleteMessages(accounts.connect(account.id), input.category, input.messageIds);
  ctx.audit.append({ action: 'as2g.delete', target: account.id, details: { account: account.name, category: input.category, count: input.messageIds.length, messageIds: input.messageIds.join(' ').slice(0, 4000) } });
  return { message };
};

export const as2gPartners: CallHandler<'as2g.partners'> = async (input, ctx) => ({ partners: await listPartners(accountsOf(ctx).connect(input.account), input.query) });
export const as2gStations: CallHandler<'as2g.stations'> = async (input, ctx) => ({ stations: await listStations(accountsOf(ctx).connect(input.account), input.query) });

export const as2gSyncNow: CallHandler<'as2g.sync'> = (input, ctx) => syncAccount(ctx, accountsOf(ctx), input.account);

export const as2gSyncStatus: CallHandler<'as2g.syncStatus'> = (_input, ctx) => ({
  accounts: accountsOf(ctx)
    .list()
    .map((account) => ({ account: account.name, lastSyncAt: account.lastSyncAt, lastSyncOutcome: account.lastSyncOutcome })),
});
