// Courier's AS2 Gateway client against the simulator over real HTTPS, endpoint by endpoint of the seed (REST API
// v1): login and token renewal, the 307 from http, sending and following a message to sent/failed, the lists and
// their paging, attachments, the batch download past 10 MB, queue control, deletes, partners and stations, the
// rate limit, the sync into Inbox/Outbox, and each way a broken answer becomes a typed error.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierContext } from '../../electron/core/home/openHome';
import { batchDownload } from '../../electron/core/transports/as2gateway/batchDownload';
import { GatewayAccounts } from '../../electron/core/transports/as2gateway/gatewayAccounts';
import { GatewayAnswerError } from '../../electron/core/transports/as2gateway/gatewayAnswer';
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
  sendMessage,
} from '../../electron/core/transports/as2gateway/gatewayClient';
import type { GatewayConnection } from '../../electron/core/transports/as2gateway/gatewayConnection';
import { sendThroughGateway, trackOutbound } from '../../electron/core/transports/as2gateway/gatewayOutbox';
import { syncAccount } from '../../electron/core/transports/as2gateway/gatewaySync';
import { TransportFailure } from '../../electron/core/transports/http/transportFailure';
import { samplePartner } from '../../simulators/as2gateway/gatewayMailbox';
import { startAs2gSimulator, type As2gSimulator } from '../../simulators/as2gateway/as2gatewaySimulator';
import { openTestHome, tempDir } from '../support/home';

const USER = 'ops@example.com';
const PASSWORD = 'pazzword-1';
let home: { path: string; remove: () => void };
let ctx: CourierContext;
let sim: As2gSimulator;
let accounts: GatewayAccounts;
let conn: GatewayConnection;

const file = (name: string, size: number, fill?: number) => ({ name, contentType: 'application/octet-stream', content: fill === undefined ? randomBytes(size) : Buffer.alloc(size, fill) });
const MB = 1024 * 1024;
/** The seed's 50 requests, in a 1 s window instead of 10 s so the suite stays quick; client and server agree. */
const QUICK_LIMIT = { requests: 50, windowMs: 1000 };

beforeAll(async () => {
  home = tempDir();
  ctx = await openTestHome(home.path);
  sim = await startAs2gSimulator({ username: USER, password: PASSWORD, transitionMs: 150, rateLimit: QUICK_LIMIT });
  sim.mailbox.partners.push(samplePartner('GLOBEX', 'Globex Ltd', { requestMdn: false }), samplePartner('DOWN', 'Down Inc'));
  sim.mailbox.unreachable.add('DOWN');
  accounts = new GatewayAccounts({ db: ctx.db, secrets: ctx.secrets, audit: ctx.audit, tlsTrust: ctx.tlsTrust });
  ctx.tlsTrust.trustCa('as2g:sim', sim.caPem);
  accounts.save({ name: 'sim', baseUrl: sim.url, username: USER, password: PASSWORD });
  conn = accounts.connect('sim', { rateLimit: QUICK_LIMIT });
});

afterAll(async () => {
  await sim?.close();
  ctx?.close();
  home?.remove();
});

const waitFor = async (check: () => Promise<boolean>, ms = 5000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('authentication (seed §2)', () => {
  it('logs in once, keeps the token sealed, and sends it with no scheme', async () => {
    const before = sim.stats.logins;
    await listStations(conn);
    await listStations(accounts.connect('sim', { rateLimit: QUICK_LIMIT }));
    expect(sim.stats.logins).toBe(before + 1);
    const row = ctx.db.prepare('SELECT session_sealed FROM as2g_accounts WHERE name = ?').get('sim') as { session_sealed: Buffer };
    expect(row.session_sealed.toString('latin1')).not.toMatch(/eyJ/);
    expect(accounts.get('sim').sealed).toEqual({ login: true, session: true });
  });

  it('renews an expired token once on 401 and goes on', async () => {
    const logins = sim.stats.logins;
    const refused = sim.stats.unauthorized;
    sim.expireTokens();
    expect((await listPartners(conn)).length).toBeGreaterThan(0);
    expect(sim.stats.unauthorized).toBe(refused + 1);
    expect(sim.stats.logins).toBe(logins + 1);
  });

  it('a wrong password is UNAUTHORIZED, and nothing loops', async () => {
    accounts.save({ name: 'wrong', baseUrl: sim.url, username: USER, password: 'nope' });
    ctx.tlsTrust.trustCa('as2g:wrong', sim.caPem);
    await expect(listStations(accounts.connect('wrong'))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('follows the 307 from http to https before any credential is sent', async () => {
    accounts.save({ name: 'plain', baseUrl: sim.httpUrl, username: USER, password: PASSWORD });
    ctx.tlsTrust.trustCa('as2g:plain', sim.caPem);
    expect((await listStations(accounts.connect('plain'))).map((s) => s.as2Identifier)).toContain('COURIER_STATION');
  });

  it('refuses a redirect that does not lead to https, without sending the password', async () => {
    let sawCredentials = false;
    const server = createServer((req, res) => {
      if (req.headers.authorization || req.url?.includes('authorize')) sawCredentials = true;
      res.writeHead(307, { location: `http://127.0.0.1:1/v1${req.url}` }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    accounts.save({ name: 'downgrade', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, username: USER, password: PASSWORD });
    await expect(listStations(accounts.connect('downgrade'))).rejects.toMatchObject({ code: 'CONNECTION_FAILED', message: expect.stringContaining('not to https') });
    expect(sawCredentials).toBe(false);
    server.close();
  });
});

describe('sending (seed §4)', () => {
  it('sends one file raw with its Name header and follows it from queued to sent, with the MDN', async () => {
    const receipt = await sendMessage(conn, { station: 'COURIER_STATION', partner: 'ACME', files: [{ name: 'invoice.xml', contentType: 'text/xml', content: Buffer.from('<invoice/>') }], subject: 'Invoice 1' });
    expect(receipt.requestHeaders).toMatchObject({ name: 'invoice.xml', 'content-type': 'text/xml', 'content-length': '10' });
    expect(receipt.link).toBe(`${sim.url}/message/sent/${receipt.messageId}`);
    expect((await listMessages(conn, 'queued', { query: receipt.messageId })).records.map((r) => r.as2MessageId)).toEqual([receipt.messageId]);
    await waitFor(async () => (await listMessages(conn, 'sent', { as2MessageId: receipt.messageId })).totalRecords === 1);
    const sent = await getMessage(conn, 'sent', receipt.messageId);
    expect(sent).toMatchObject({ deliveryStatus: 'Delivered', mdnStatus: 'Received', transportStatusReceived: 200, subject: 'Invoice 1', attachments: [{ name: 'invoice.xml', size: 10 }] });
    expect((await downloadMdn(conn, 'sent', receipt.messageId)).content.toString()).toContain('received');
    expect((await downloadAttachment(conn, 'sent', receipt.messageId, 0)).content.toString()).toBe('<invoice/>');
  });

  it('sends several files as multipart with unique names and a non-ASCII name', async () => {
    const files = [file('a.txt', 10, 0x61), file('b.txt', 20, 0x62), file('Rechnung-ä.xml', 5, 0x63)];
    const receipt = await sendMessage(conn, { station: 'COURIER_STATION', partner: 'GLOBEX', files, partnerType: 'production' });
    expect(receipt.requestHeaders['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    await waitFor(async () => (await listMessages(conn, 'sent', { as2MessageId: receipt.messageId })).totalRecords === 1);
    const sent = await getMessage(conn, 'sent', receipt.messageId);
    expect(sent.attachments).toEqual(files.map((f) => ({ name: f.name, size: f.content.length })));
    expect(sent.mdnStatus).toBe('Not Requested');
    const all = unzipSync((await downloadAllAttachments(conn, 'sent', receipt.messageId)).content);
    expect(Object.keys(all).sort()).toEqual(['Rechnung-ä.xml', 'a.txt', 'b.txt']);
  });

  it('checks the 10-file, 10 MB and unique-name limits before anything is sent', async () => {
    const requests = sim.stats.requests;
    const base = { station: 'COURIER_STATION', partner: 'ACME' };
    await expect(sendMessage(conn, { ...base, files: Array.from({ length: 11 }, (_, i) => file(`f${i}.txt`, 1)) })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('at most 10 files') });
    await expect(sendMessage(conn, { ...base, files: [file('big.bin', 10 * MB + 1, 0)] })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('10 MB') });
    await expect(sendMessage(conn, { ...base, files: [file('same.txt', 1), file('same.txt', 2)] })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('Two files are named same.txt') });
    expect(sim.stats.requests).toBe(requests);
  });

  it('the gateway refuses an unknown partner with its Generic Response', async () => {
    await expect(sendMessage(conn, { station: 'COURIER_STATION', partner: 'NOBODY', files: [file('x.txt', 3)] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No AS2 partner found with ID NOBODY') });
  });

  it('a failing partner: queued with failed attempts, stop and retry, then delete from stopped', async () => {
    const receipt = await sendMessage(conn, { station: 'COURIER_STATION', partner: 'DOWN', files: [file('po.edi', 50)] });
    await waitFor(async () => (await listMessages(conn, 'failed', { as2MessageId: receipt.messageId })).totalRecords >= 2);
    const failed = await listMessages(conn, 'failed', { as2MessageId: receipt.messageId, pageLength: 100 });
    expect(failed.records.every((r) => r.as2MessageId === receipt.messageId && r.deliveryStatus === 'Not Delivered')).toBe(true);
    expect(await getMessage(conn, 'failed', receipt.messageId)).toMatchObject({ transportStatusReceived: 503 });
    expect(await getMessage(conn, 'queued', receipt.messageId)).toMatchObject({ as2MessageId: receipt.messageId, mdnStatus: 'Pending' });
    expect(await controlQueued(conn, receipt.messageId, 'stop')).toBe(`Successfully stopped retrying AS2 message with ID ${receipt.messageId}`);
    const attempts = (await listMessages(conn, 'failed', { as2MessageId: receipt.messageId })).totalRecords;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await listMessages(conn, 'failed', { as2MessageId: receipt.messageId })).totalRecords).toBe(attempts);
    expect(await controlQueued(conn, receipt.messageId, 'retry')).toContain('Successfully started retrying');
    await controlQueued(conn, receipt.messageId, 'stop');
    expect(await deleteMessages(conn, 'queued', [receipt.messageId])).toBe('Deleted 0 messages');
    expect(await deleteMessages(conn, 'stopped', [receipt.messageId])).toBe('Deleted 1 messages');
    await expect(getMessage(conn, 'queued', receipt.messageId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await deleteMessages(conn, 'failed', [receipt.messageId, '<none@x>'])).toMatch(/^Deleted \d+ messages$/);
    expect((await listMessages(conn, 'failed', { as2MessageId: receipt.messageId })).totalRecords).toBe(0);
  });
});

describe('lists, messages and attachments (seed §5–§7)', () => {
  it('pages through 250 received messages by totalRecords, filtered and sorted', async () => {
    const t0 = Date.now() - 1_000_000;
    for (let i = 0; i < 250; i++) sim.mailbox.receive({ station: 'COURIER_STATION', partner: i % 2 ? 'ACME' : 'GLOBEX', subject: `bulk ${String(i).padStart(3, '0')}`, files: [file(`bulk-${i}.txt`, 8, 0x30)], at: t0 + i });
    const all = await listAllMessages(conn, 'received', { sortCol: 'persistedTimestamp', sortDir: 'asc', pageLength: 100 });
    const bulk = all.records.filter((r) => r.subject?.startsWith('bulk'));
    expect(all.totalRecords).toBe(all.records.length);
    expect(bulk.map((r) => r.subject)).toEqual(Array.from({ length: 250 }, (_, i) => `bulk ${String(i).padStart(3, '0')}`));
    const acme = await listAllMessages(conn, 'received', { partnerAS2Id: 'ACME', pageLength: 7 });
    expect(acme.records.filter((r) => r.subject?.startsWith('bulk'))).toHaveLength(125);
    const one = await listMessages(conn, 'received', { subject: 'bulk 042', stationAS2Id: 'COURIER_STATION' });
    expect(one.totalRecords).toBe(1);
    expect((await listMessages(conn, 'received', { as2MessageId: one.records[0]!.as2MessageId })).records).toHaveLength(1);
    const bySubject = await listMessages(conn, 'received', { sortCol: 'subject', sortDir: 'desc', pageLength: 3, pageOffset: 0 });
    expect(bySubject.records.map((r) => r.subject)).toEqual(['bulk 249', 'bulk 248', 'bulk 247']);
    expect((await listMessages(conn, 'received', { partnerType: 'test' })).totalRecords).toBe(0);
    await deleteMessages(conn, 'received', bulk.slice(0, 100).map((r) => r.as2MessageId));
    await deleteMessages(conn, 'received', bulk.slice(100, 200).map((r) => r.as2MessageId));
    expect(await deleteMessages(conn, 'received', bulk.slice(200).map((r) => r.as2MessageId))).toBe('Deleted 50 messages');
  });

  it('the gateway refuses a page length over 100; Courier refuses filters a list does not take', async () => {
    await expect(listMessages(conn, 'received', { pageLength: 101 })).rejects.toMatchObject({ code: 'REMOTE_REJECTED', message: expect.stringContaining('pageLength') });
    await expect(listMessages(conn, 'queued', { subject: 'x' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(listMessages(conn, 'sent', { unreadOnly: true })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('marks read on retrieval, hides it from unreadOnly, and marks it unread again', async () => {
    const message = sim.mailbox.receive({ station: 'COURIER_STATION', partner: 'ACME', subject: 'read me', files: [file('r.txt', 4, 0x72), file('s.txt', 5, 0x73)] });
    const id = message.entity.as2MessageId;
    const unread = async () => (await listMessages(conn, 'received', { unreadOnly: true, as2MessageId: id })).totalRecords;
    expect(await unread()).toBe(1);
    expect(await getMessage(conn, 'received', id, true)).toMatchObject({ as2MessageId: id, mdnStatus: 'Received', attachments: [{ name: 'r.txt', size: 4 }, { name: 's.txt', size: 5 }] });
    expect(await unread()).toBe(0);
    expect(await markUnread(conn, id)).toBe(`Successfully marked message ${id} as unread`);
    expect(await unread()).toBe(1);
    const second = await downloadAttachment(conn, 'received', id, 1, true);
    expect(second).toEqual({ fileName: 's.txt', content: Buffer.alloc(5, 0x73) });
    expect(await unread()).toBe(0);
    expect(Object.keys(unzipSync((await downloadAllAttachments(conn, 'received', id)).content)).sort()).toEqual(['r.txt', 's.txt']);
    expect((await downloadMdn(conn, 'received', id)).content.toString()).toContain('received and processed');
    await expect(downloadAttachment(conn, 'received', id, 5)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('partners and stations, with the seed fields, searchable by name or AS2 ID', async () => {
    const partners = await listPartners(conn);
    expect(partners.map((p) => p.as2Identifier)).toEqual(['ACME', 'GLOBEX', 'DOWN']);
    expect(partners[0]).toMatchObject({ name: 'ACME Corp', encryptCert: { id: 5 }, customHeaders: [{ headerKey: 'X-Route', headerValue: 'ACME' }], flows: ['EDIG'], partnerType: 'Production' });
    expect((await listPartners(conn, 'glob')).map((p) => p.name)).toEqual(['Globex Ltd']);
    expect((await listStations(conn, 'courier')).map((s) => s.as2Identifier)).toEqual(['COURIER_STATION']);
    expect(await listStations(conn, 'nothing-like-it')).toEqual([]);
  });
});

describe('batch download (seed §7.3)', () => {
  it('continues past a 206 truncation at 10 MB until every message is complete, and marks only complete ones read', async () => {
    const messages = [0, 1, 2, 3].map((i) => sim.mailbox.receive({ station: 'COURIER_STATION', partner: 'ACME', subject: `big ${i}`, files: [file(`part-${i}-a.bin`, 3 * MB), file(`part-${i}-b.bin`, 2 * MB)] }));
    const ids = messages.map((m) => m.entity.as2MessageId);
    const before = conn.requests;
    const truncations: string[] = [];
    sim.onRequest = (method, path) => {
      if (path.startsWith('/v1/message/received/batch/attachments')) truncations.push(method);
    };
    const result = await batchDownload(conn, [...ids, '<missing@as2gateway.com>'], { markAsRead: true });
    sim.onRequest = undefined;
    expect(truncations.length).toBeGreaterThanOrEqual(3);
    expect(conn.requests - before).toBe(truncations.length);
    for (const [i, message] of messages.entries()) {
      expect(result[i]!.error).toBeNull();
      expect(result[i]!.files.map((f) => f.name)).toEqual(message.files.map((f) => f.name));
      result[i]!.files.forEach((f, j) => expect(f.content.equals(message.files[j]!.content)).toBe(true));
    }
    expect(result[4]).toMatchObject({ messageId: '<missing@as2gateway.com>', files: [], error: expect.stringContaining('No AS2 message found') });
    expect(messages.every((m) => m.read)).toBe(true);
  });

  it('the gateway marks only the fully archived messages of a truncated answer read', async () => {
    const messages = [0, 1].map((i) => sim.mailbox.receive({ station: 'COURIER_STATION', partner: 'ACME', files: [file(`x${i}a.bin`, 6 * MB), file(`x${i}b.bin`, 3 * MB)] }));
    const answer = await conn.request({ method: 'POST', path: '/message/received/batch/attachments', query: { markAsRead: true }, headers: { 'content-type': 'application/json' }, body: JSON.stringify(messages.map((m) => m.entity.as2MessageId)), maxResponseBytes: 12 * MB });
    expect(answer.status).toBe(206);
    expect(answer.headers['x-batch-truncation-index']).toBe('(0,1)');
    expect(messages.map((m) => m.read)).toEqual([true, false]);
  });
});

describe('rate limit (seed §1)', () => {
  it('500 requests under a 50-per-window limit never see a 429', async () => {
    const fast = await startAs2gSimulator({ username: USER, password: PASSWORD, rateLimit: { requests: 50, windowMs: 400 } });
    ctx.tlsTrust.trustCa('as2g:fast', fast.caPem);
    accounts.save({ name: 'fast', baseUrl: fast.url, username: USER, password: PASSWORD });
    const fastConn = accounts.connect('fast', { rateLimit: { requests: 50, windowMs: 400 } });
    const started = Date.now();
    await Promise.all(Array.from({ length: 500 }, () => listStations(fastConn)));
    expect(fast.stats.rateLimited).toBe(0);
    expect(fast.stats.requests).toBe(501);
    expect(Date.now() - started).toBeGreaterThanOrEqual(Math.floor(500 / 45) * 400);
    await fast.close();
  }, 30_000);

  it('backs off on a 429 (someone else used the budget) and still completes', async () => {
    const tight = await startAs2gSimulator({ username: USER, password: PASSWORD, rateLimit: { requests: 5, windowMs: 1000 } });
    ctx.tlsTrust.trustCa('as2g:tight', tight.caPem);
    accounts.save({ name: 'tight', baseUrl: tight.url, username: USER, password: PASSWORD });
    const tightConn = accounts.connect('tight', { rateLimitRetry: { baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 20 } });
    const results = await Promise.all(Array.from({ length: 12 }, () => listPartners(tightConn)));
    expect(results.every((r) => r.length === 1)).toBe(true);
    expect(tight.stats.rateLimited).toBeGreaterThan(0);
    await tight.close();
  }, 30_000);
});

describe('broken answers are typed errors', () => {
  it('malformed JSON', async () => {
    sim.breakNext('malformed-json');
    const error = await listMessages(conn, 'received').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayAnswerError);
    expect(error).toMatchObject({ code: 'BAD_MESSAGE', fault: 'malformed-json' });
  });

  it('a wrong content type', async () => {
    sim.breakNext('wrong-content-type');
    expect(await listPartners(conn).catch((e: unknown) => e)).toMatchObject({ code: 'BAD_MESSAGE', fault: 'wrong-content-type' });
  });

  it('a missing Link header after a send, a missing Content-Disposition on a download', async () => {
    sim.breakNext('missing-header');
    expect(await sendMessage(conn, { station: 'COURIER_STATION', partner: 'ACME', files: [file('l.txt', 3)] }).catch((e: unknown) => e)).toMatchObject({ fault: 'missing-header', message: expect.stringContaining('Link') });
    const id = sim.mailbox.receive({ station: 'COURIER_STATION', partner: 'ACME', files: [file('d.txt', 3)] }).entity.as2MessageId;
    sim.breakNext('missing-header');
    expect(await downloadAttachment(conn, 'received', id, 0).catch((e: unknown) => e)).toMatchObject({ fault: 'missing-header', message: expect.stringContaining('Content-Disposition') });
  });

  it('a missing X-Batch-Truncation-Index on a 206', async () => {
    const ids = [0, 1].map((i) => sim.mailbox.receive({ station: 'COURIER_STATION', partner: 'ACME', files: [file(`t${i}.bin`, 6 * MB, 1)] }).entity.as2MessageId);
    sim.breakNext('missing-header');
    expect(await batchDownload(conn, ids).catch((e: unknown) => e)).toMatchObject({ fault: 'missing-header', message: expect.stringContaining('X-Batch-Truncation-Index') });
  });

  it('an oversized body', async () => {
    sim.breakNext('oversized');
    const error = await listStations(conn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportFailure);
    expect(error).toMatchObject({ code: 'BAD_MESSAGE', kind: 'too-large' });
  });
});

describe('Inbox and Outbox through the sync', () => {
  it('stores unread received messages, then marks them read; a message marked unread again is not stored twice', async () => {
    await deleteMessages(conn, 'received', (await listAllMessages(conn, 'received')).records.map((r) => r.as2MessageId).slice(0, 100));
    const a = sim.mailbox.receive({ station: 'COURIER_STATION', partner: 'ACME', subject: 'sync A', files: [file('a.edi', 100, 0x41)] });
    const b = sim.mailbox.receive({ station: 'COURIER_STATION', partner: 'GLOBEX', subject: 'sync B', files: [file('b1.xml', 10, 0x42), file('b2.pdf', 20, 0x43)], mdnError: true });
    const first = await syncAccount(ctx, accounts, 'sim', conn);
    expect(first).toMatchObject({ stored: 2, markedRead: 2 });
    expect([a, b].every((m) => m.read)).toBe(true);
    const rows = ctx.messageQueries.list({ direction: 'inbound', protocols: ['as2gateway'], offset: 0, limit: 100 }).rows;
    const rowA = rows.find((r) => r.subject === 'sync A')!;
    expect(rowA).toMatchObject({ messageId: a.entity.as2MessageId.slice(1, -1), partnerId: 'ACME', stationId: 'COURIER_STATION', fileName: 'a.edi', status: 'received', payloadSize: 100 });
    expect(rows.find((r) => r.subject === 'sync B')).toMatchObject({ status: 'received-with-error', fileName: 'b1.xml (+1 more)' });
    expect((await ctx.messageQueries.payload(rowA.id, 1000)).bytes).toEqual(Buffer.alloc(100, 0x41));
    const detail = await ctx.messageQueries.detail(rows.find((r) => r.subject === 'sync B')!.id);
    expect(detail.headers.filter(([name]) => name === 'X-AS2G-Attachment')).toHaveLength(2);
    expect(detail.mdn).toMatchObject({ direction: 'sent', text: expect.stringContaining('decryption-failed') });
    expect(detail.problem).toMatchObject({ code: 'gateway-error-mdn', summary: expect.stringContaining('decryption-failed') });
    expect((await ctx.messageQueries.detail(rowA.id)).problem).toBeNull();
    await markUnread(conn, a.entity.as2MessageId);
    const second = await syncAccount(ctx, accounts, 'sim', conn);
    expect(second).toMatchObject({ stored: 0, alreadyStored: 1, markedRead: 1 });
    expect(ctx.messageQueries.list({ direction: 'inbound', protocols: ['as2gateway'], offset: 0, limit: 100 }).rows.filter((r) => r.subject === 'sync A')).toHaveLength(1);
    expect(accounts.get('sim').lastSyncOutcome).toBe('stored 0, already stored 1, marked read 1');
  });

  it('a sent message shows in Outbox with its gateway status until settled', async () => {
    const account = accounts.get('sim');
    const sent = await sendThroughGateway(ctx, conn, account, { station: 'COURIER_STATION', partner: 'ACME', files: [{ name: 'o.xml', contentType: 'text/xml', content: Buffer.from('<o/>') }], subject: 'outbox' });
    expect(sent.message).toMatchObject({ direction: 'outbound', protocol: 'as2gateway', status: 'queued', fileName: 'o.xml' });
    await waitFor(async () => {
      await trackOutbound(ctx, conn, account.id, sent.message.id, sent.messageId);
      return ctx.messages.summary(sent.message.id).status === 'delivered';
    });
    expect(ctx.messages.summary(sent.message.id).statusText).toBe('AS2 Gateway: sent · Delivered · MDN Received · HTTP 200');
    const failing = await sendThroughGateway(ctx, conn, account, { station: 'COURIER_STATION', partner: 'DOWN', files: [file('f.bin', 5)] });
    await waitFor(async () => {
      await syncAccount(ctx, accounts, 'sim', conn);
      return ctx.messages.summary(failing.message.id).status === 'retrying';
    });
    expect(ctx.messages.summary(failing.message.id).statusText).toContain('AS2 Gateway: queued');
    const audit = ctx.audit.list({ limit: 50 }).entries.filter((e) => e.action === 'as2g.send');
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });
});
