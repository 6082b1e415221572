// Sending AS2 over real HTTPS (throwaway CA trusted for the partner's scope) to a test receiving station that
// answers sync MDNs built with core/as2/mdn: each MDN verdict, each transport fault and its retry, the batch zip,
// `openssl cms` opening what we send, and a restart in the middle of a full queue that loses and doubles nothing.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { As2Partner, MessageStatus, MessageSummary } from '../../shared/ipc';
import { createCourierApi } from '../../electron/api';
import { buildMdn, readMdn } from '../../electron/core/as2/mdn';
import type { CourierContext } from '../../electron/core/home/openHome';
import { recordReceivedMdn } from '../../electron/core/transports/as2/outboundMdn';
import { queueAs2Send } from '../../electron/core/transports/as2/as2Sender';
import { startOutboundQueue, type OutboundQueue } from '../../electron/core/transports/as2/outboundQueue';
import { addMendelsonStation, addPartner, boundaryOf, MENDELSON_DIR, sha256Base64, signedPart } from '../support/as2Exchange';
import { startTestReceiver, type TestReceiver } from '../support/as2TestReceiver';
import { openTestHome, tempDir } from '../support/home';

const dir = tempDir('courier-as2-send-');
const work = tempDir('courier-as2-send-work-');
const openssl = (...args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const STATION_CERT = join(MENDELSON_DIR, 'cert_test_public.pem');
const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 60, maxAttempts: 3 };
const SETTLED: readonly MessageStatus[] = ['delivered', 'delivered-with-warning', 'failed', 'awaiting-mdn', 'stopped'];

let ctx: CourierContext;
let receiver: TestReceiver;
let partner: As2Partner;
let queue: OutboundQueue;
let partnerKey: string;
let partnerCert: string;

/** Resolves when message `id` reaches a settled status (or the latest status when `statuses` names it). */
function settled(context: CourierContext, id: number, statuses: readonly MessageStatus[] = SETTLED): Promise<MessageSummary> {
  return new Promise((resolve) => {
    const current = context.messages.summary(id);
    if (statuses.includes(current.status)) return resolve(current);
    const unsubscribe = context.events.subscribe((event) => {
      if (event.type === 'messages.changed' && event.message.id === id && statuses.includes(event.message.status)) {
        unsubscribe();
        resolve(event.message);
      }
    });
  });
}

async function send(fileName: string, content: string, extra: { attachments?: Array<{ fileName: string; contentBase64: string }> } = {}): Promise<MessageSummary> {
  const queued = await queueAs2Send(ctx, { partner: 'testreceiver', document: { fileName, contentBase64: Buffer.from(content).toString('base64') }, attachments: extra.attachments ?? [], subject: `test ${fileName}` });
  return settled(ctx, queued.id);
}

beforeAll(async () => {
  ctx = await openTestHome(dir.path);
  await addMendelsonStation(ctx);
  partnerKey = join(work.path, 'receiver.key');
  partnerCert = join(work.path, 'receiver.crt');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', partnerKey, '-out', partnerCert, '-days', '2', '-subj', '/CN=testreceiver');
  receiver = await startTestReceiver({ as2Id: 'testreceiver', keyPem: readFileSync(partnerKey, 'utf8'), certPem: readFileSync(partnerCert, 'utf8'), senderCertPem: readFileSync(STATION_CERT, 'utf8') });
  const id = await addPartner(ctx, 'testreceiver', readFileSync(partnerCert), { url: receiver.url, sendTimeoutSeconds: 5, security: { cipher: 'aes-256-cbc', signDigest: 'sha256', keyTransport: 'rsa-pkcs1v15', compression: 'none' } });
  partner = ctx.as2Profiles.getPartner(id);
  ctx.tlsTrust.trustCa(partner.tlsScope, receiver.caPem);
  queue = startOutboundQueue(ctx, { retry: FAST_RETRY, pollMs: 200 });
});

afterAll(async () => {
  await queue?.close();
  await receiver?.close();
  ctx?.close();
  dir.remove();
  work.remove();
});

beforeEach(() => {
  receiver.fault = 'none';
  receiver.faults = [];
});

describe('AS2 send: sync MDN verdicts', () => {
  it('signed + encrypted, signed MDN with the right MIC → delivered, payload arrives intact', async () => {
    const message = await send('invoice-1.edi', 'ISA*00*...~IEA*1*000000001~');
    expect(message).toMatchObject({ status: 'delivered', direction: 'outbound' });
    const received = receiver.received.get(message.messageId!)!;
    expect(received.payload.toString()).toBe('ISA*00*...~IEA*1*000000001~');
    expect(received.fileName).toBe('invoice-1.edi');
    expect(received.headers['as2-from']).toBe('pyas2lib');
    expect(received.headers['as2-to']).toBe('testreceiver');
    expect(received.headers['content-length']).toBe(String(received.body.length));
    expect(received.headers['transfer-encoding']).toBeUndefined();
    const detail = await ctx.messageQueries.detail(message.id);
    expect(detail.mdn).toMatchObject({ state: 'complete', micMatches: true, signature: { status: 'verified' }, dispositionType: 'processed' });
    expect(detail.security).toMatchObject({ encryption: { cipher: 'aes-256-cbc' }, signature: { status: 'verified', digest: 'sha256' }, transport: 'https' });
  });

  it('a MIC that does not match → failed, with the MIC problem explained', async () => {
    receiver.fault = 'mic-mismatch';
    const message = await send('mic.edi', 'payload for a wrong MIC');
    expect(message.status).toBe('failed');
    const detail = await ctx.messageQueries.detail(message.id);
    expect(detail.mdn?.micMatches).toBe(false);
    expect(detail.problem?.code).toBe('mic-mismatch');
    expect(detail.canResume).toBe(true);
  });

  it('an unsigned MDN when a signed one was asked → delivered-with-warning', async () => {
    receiver.fault = 'unsigned';
    const message = await send('unsigned.edi', 'payload for an unsigned MDN');
    expect(message.status).toBe('delivered-with-warning');
    expect((await ctx.messageQueries.detail(message.id)).problem?.code).toBe('mdn-unsigned');
  });

  it('an MDN whose signature does not verify → failed', async () => {
    receiver.fault = 'bad-signature';
    const message = await send('badsig.edi', 'payload for a tampered MDN');
    expect(message.status).toBe('failed');
    const detail = await ctx.messageQueries.detail(message.id);
    expect(detail.mdn?.signature.status).toBe('invalid');
    expect(detail.problem?.code).toBe('mdn-signature-invalid');
  });
});

describe('AS2 send: transport failures and the persistent queue', () => {
  it('HTTP 500, then success: retried with the same Message-ID and body, delivered once', async () => {
    receiver.faults = ['http-500'];
    const message = await send('retry500.edi', 'payload after a 500');
    expect(message.status).toBe('delivered');
    const detail = await ctx.messageQueries.detail(message.id);
    expect(detail.attempts.map((a) => a.outcome)).toEqual(['queued', 'retry', 'sync-mdn: delivered']);
    expect(detail.attempts[1]!.detail).toContain('HTTP 500');
    expect(receiver.received.get(message.messageId!)!.deliveries).toBe(1);
  });

  it('a dropped connection is retried; dropped every time → failed after the last attempt', async () => {
    receiver.faults = ['drop'];
    expect((await send('drop-once.edi', 'dropped once')).status).toBe('delivered');
    receiver.fault = 'drop';
    const failed = await send('drop-always.edi', 'dropped always');
    expect(failed.status).toBe('failed');
    const detail = await ctx.messageQueries.detail(failed.id);
    expect(detail.attempts.filter((a) => a.outcome === 'retry')).toHaveLength(FAST_RETRY.maxAttempts - 1);
    expect(detail.problem?.code).toBe('transport-reset');
    expect(detail.statusText).toContain(`gave up after ${FAST_RETRY.maxAttempts} attempts`);
  });

  it('an HTTP 4xx is not retried', async () => {
    const original = receiver.opener;
    receiver.opener = async () => {
      throw new Error('AS2-To unknown here');
    };
    try {
      const message = await send('refused.edi', 'refused');
      expect(message.status).toBe('failed');
      const detail = await ctx.messageQueries.detail(message.id);
      expect(detail.attempts.map((a) => a.outcome)).toEqual(['queued', 'failed']);
      expect(detail.statusText).toContain('HTTP 400: AS2-To unknown here');
    } finally {
      receiver.opener = original;
    }
  });

  it('a slow answer times out (partner send timeout), the retry is answered from the receiver\'s duplicate check', async () => {
    receiver.faults = ['slow'];
    receiver.slowMs = 5_600;
    const message = await send('slow.edi', 'slow payload');
    expect(message.status).toBe('delivered');
    const detail = await ctx.messageQueries.detail(message.id);
    expect(detail.attempts[1]).toMatchObject({ outcome: 'retry' });
    expect(detail.attempts[1]!.detail).toMatch(/did not answer within 5 s/);
    // When the slow request's handler finally runs, the receiver sees the same Message-ID a second time: stored once.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(receiver.received.get(message.messageId!)!.deliveries).toBe(2);
  }, 20_000);

  it('stop holds a queued message; resume sends it with the same Message-ID', async () => {
    await queue.close();
    const queued = await queueAs2Send(ctx, { partner: 'testreceiver', document: { fileName: 'stopped.edi', contentBase64: Buffer.from('stop me').toString('base64') }, attachments: [] });
    const api = createCourierApi(ctx);
    expect(await api.invoke('messages.stop', { id: queued.id })).toMatchObject({ ok: true, output: { status: 'stopped' } });
    expect(await api.invoke('messages.stop', { id: queued.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    queue = startOutboundQueue(ctx, { retry: FAST_RETRY, pollMs: 200 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.has(queued.messageId!)).toBe(false);
    expect(await api.invoke('messages.resume', { id: queued.id })).toMatchObject({ ok: true, output: { status: 'queued', messageId: queued.messageId } });
    expect((await settled(ctx, queued.id)).status).toBe('delivered');
  });

  it('resend makes a new message with a new Message-ID from the stored payload', async () => {
    const first = await send('resend.edi', 'send me twice');
    const reply = await createCourierApi(ctx).invoke('messages.resend', { id: first.id });
    if (!reply.ok) throw new Error(reply.error.message);
    const second = reply.output as MessageSummary;
    expect(second.messageId).not.toBe(first.messageId);
    expect((await settled(ctx, second.id)).status).toBe('delivered');
    expect(receiver.received.get(second.messageId!)!.payload.toString()).toBe('send me twice');
  });

  it('a partner with outgoing paused: the message is queued and held until the pause is lifted', async () => {
    const paused = await ctx.as2Profiles.savePartner({ ...partnerInputOf(partner), pauseOutgoing: true });
    const queued = await queueAs2Send(ctx, { partner: 'testreceiver', document: { fileName: 'held.edi', contentBase64: Buffer.from('held').toString('base64') }, attachments: [] });
    expect(queued.statusText).toMatch(/^Held/);
    queue.wake();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(ctx.messages.summary(queued.id).status).toBe('queued');
    await ctx.as2Profiles.savePartner({ ...partnerInputOf(paused), pauseOutgoing: false });
    expect((await settled(ctx, queued.id)).status).toBe('delivered');
  });
});

describe('AS2 send: asynchronous MDN', () => {
  it('async: HTTP 200 → awaiting-mdn; the MDN that arrives later settles the message and its queue row', async () => {
    const asyncPartner = await ctx.as2Profiles.savePartner({ ...partnerInputOf(partner), mdn: { ...partner.mdn, mode: 'async', asyncUrl: 'https://courier.example/as2' } });
    try {
      const message = await send('async.edi', 'async payload');
      expect(message.status).toBe('awaiting-mdn');
      const received = receiver.received.get(message.messageId!)!;
      expect(received.headers['receipt-delivery-option']).toBe('https://courier.example/as2');
      const built = buildMdn({
        reportingUa: 'test',
        finalRecipient: 'testreceiver',
        originalRecipient: 'testreceiver',
        originalMessageId: message.messageId!,
        outcome: { kind: 'processed' },
        mic: received.mic,
        text: 'later',
        sign: { signer: { certificate: new X509Certificate(readFileSync(partnerCert)), privateKey: createPrivateKey(readFileSync(partnerKey)) }, digest: 'sha256', micalgSpelling: 'rfc5751' },
      });
      const contentType = built.headers.find(([name]) => name.toLowerCase() === 'content-type')![1];
      const mdn = await readMdn(contentType, built.body, [new X509Certificate(readFileSync(partnerCert))]);
      const summary = recordReceivedMdn(ctx, message.id, mdn, { delivery: 'async', wire: await ctx.blobs.put(built.body), headers: built.headers, signedRequested: true });
      expect(summary.status).toBe('delivered');
      const detail = await ctx.messageQueries.detail(message.id);
      expect(detail.mdn).toMatchObject({ delivery: 'async', state: 'complete', micMatches: true, signature: { status: 'verified' } });
      expect(detail.attempts.at(-1)).toMatchObject({ outcome: 'async-mdn: delivered' });
      expect(detail.canResume).toBe(false);
    } finally {
      partner = await ctx.as2Profiles.savePartner({ ...partnerInputOf(asyncPartner), mdn: partner.mdn });
    }
  });
});

describe('AS2 send: batch zip and export', () => {
  it('a document with attachments travels as one zip named by the convention', async () => {
    const message = await send('invoice-42.xml', '<Invoice/>', { attachments: [{ fileName: 'scan.pdf', contentBase64: Buffer.from('%PDF-1.4 scan').toString('base64') }] });
    expect(message).toMatchObject({ status: 'delivered', fileName: 'invoice-42.zip', contentType: 'application/zip' });
    const received = receiver.received.get(message.messageId!)!;
    expect(received.fileName).toBe('invoice-42.zip');
    const entries = unzipSync(received.payload);
    expect(Object.keys(entries).sort()).toEqual(['attachments/invoice-42/scan.pdf', 'invoice-42.xml']);
    expect(Buffer.from(entries['invoice-42.xml']!).toString()).toBe('<Invoice/>');
    expect(Buffer.from(entries['attachments/invoice-42/scan.pdf']!).toString()).toBe('%PDF-1.4 scan');
  });

  it('messages.export: wire message, payload, MDN, certificates and summary.json', async () => {
    const message = await send('export.edi', 'export me');
    const reply = await createCourierApi(ctx).invoke('messages.export', { id: message.id });
    if (!reply.ok) throw new Error(reply.error.message);
    const zip = unzipSync(Buffer.from((reply.output as { contentBase64: string }).contentBase64, 'base64'));
    expect(Object.keys(zip).sort()).toEqual([
      'certificates/our-signing.pem',
      'certificates/partner-encryption.pem',
      'certificates/partner-signature.pem',
      'mdn/body.bin',
      'mdn/headers.txt',
      'message/body.bin',
      'message/headers.txt',
      'payload/export.edi',
      'summary.json',
    ]);
    expect(Buffer.from(zip['payload/export.edi']!).toString()).toBe('export me');
    expect(Buffer.from(zip['message/body.bin']!)).toEqual(receiver.received.get(message.messageId!)!.body);
    expect(JSON.parse(Buffer.from(zip['summary.json']!).toString())).toMatchObject({ id: message.id, status: 'delivered', mdn: { micMatches: true } });
    expect(Buffer.from(zip['certificates/partner-encryption.pem']!).toString()).toBe(readFileSync(partnerCert, 'utf8').replace(/\r\n/g, '\n'));
  });
});

describe('AS2 send: interop — openssl opens what we send', () => {
  it('openssl cms -decrypt then -verify (with our station certificate) yields the payload; its MIC is what our MDN expected', async () => {
    const original = receiver.opener;
    receiver.opener = async (_contentType, body) => {
      const der = join(work.path, 'interop.p7m');
      writeFileSync(der, body);
      const signed = openssl('cms', '-decrypt', '-inform', 'DER', '-in', der, '-inkey', partnerKey, '-recip', partnerCert);
      const signedFile = join(work.path, 'interop.smime');
      writeFileSync(signedFile, signed);
      const entity = openssl('cms', '-verify', '-inform', 'SMIME', '-in', signedFile, '-CAfile', STATION_CERT, '-purpose', 'any');
      const contentType = /Content-Type:\s*([^\r\n]+(?:\r?\n[ \t][^\r\n]+)*)/i.exec(signed.toString('latin1'))![1]!;
      const mic = sha256Base64(signedPart(signed, boundaryOf(contentType)));
      const payload = entity.subarray(entity.indexOf('\r\n\r\n') + 4);
      return { payload, fileName: /filename="?([^";\r\n]+)/i.exec(entity.toString('latin1'))?.[1] ?? null, mic: { digest: 'sha256', base64: mic } };
    };
    try {
      const message = await send('openssl.edi', 'UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1++INVOIC\'');
      expect(receiver.received.get(message.messageId!)!.payload.toString()).toBe('UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1++INVOIC\'');
      expect(message.status).toBe('delivered');
    } finally {
      receiver.opener = original;
    }
  });
});

describe('AS2 send: a restart with a full outbound queue', () => {
  it('closing the home mid-queue and reopening it delivers every message exactly once', async () => {
    await queue.close();
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const queued = await queueAs2Send(ctx, { partner: 'testreceiver', document: { fileName: `burst-${i}.edi`, contentBase64: Buffer.from(`burst ${i}`).toString('base64') }, attachments: [] });
      ids.push(queued.id);
    }
    receiver.fault = 'slow';
    receiver.slowMs = 150;
    queue = startOutboundQueue(ctx, { retry: FAST_RETRY, pollMs: 200, concurrency: 2 });
    await settled(ctx, ids[0]!, ['delivered']);
    const deliveredBeforeCrash = ids.filter((id) => ctx.messages.summary(id).status === 'delivered').length;
    // A crash: the database goes away while attempts are in flight and rows are still queued.
    ctx.close();
    await queue.close();
    receiver.fault = 'none';

    ctx = await openTestHome(dir.path);
    const interrupted = ids.filter((id) => ctx.messages.summary(id).status === 'sending');
    queue = startOutboundQueue(ctx, { retry: FAST_RETRY, pollMs: 200 });
    const finals = await Promise.all(ids.map((id) => settled(ctx, id, ['delivered', 'failed'])));
    expect(finals.map((m) => m.status)).toEqual(ids.map(() => 'delivered'));
    const messageIds = finals.map((m) => m.messageId!);
    expect(new Set(messageIds).size).toBe(8);
    for (const [i, messageId] of messageIds.entries()) expect(receiver.received.get(messageId)!.payload.toString()).toBe(`burst ${i}`);
    const stored = ctx.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'outbound' AND file_name LIKE 'burst-%'`).get()!.n;
    expect(stored).toBe(8);
    expect(deliveredBeforeCrash).toBeLessThan(8);
    expect(interrupted.length).toBeLessThanOrEqual(2);
  });
});

function partnerInputOf(p: As2Partner) {
  return {
    id: p.id,
    as2Id: p.as2Id,
    name: p.name,
    station: p.stationId,
    url: p.url,
    environment: p.environment,
    encryptionCertificateId: p.encryptionCertificateId,
    signatureCertificateId: p.signatureCertificateId,
    security: p.security,
    mdn: p.mdn,
    interop: p.interop,
    headers: p.headers,
    sendTimeoutSeconds: p.sendTimeoutSeconds,
    pauseIncoming: p.pauseIncoming,
    pauseOutgoing: p.pauseOutgoing,
  };
}
