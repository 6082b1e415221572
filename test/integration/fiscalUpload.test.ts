// FISCAL uploads over real HTTPS to the FISCAL simulator, through the Api the Send page and the CLI use: each
// documented answer (201, 400, 415, 401, 500 then success, 500 to the end), TLS trust per profile scope (an
// unknown CA and a TLS 1.1 server refused), a malformed CSV stopped before anything is sent, cancel, and resend.
import { request } from 'undici';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CourierEvent } from '../../shared/ipc';
import { createCourierApi, type Api } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import { documentSource } from '../../electron/core/documents/documentSource';
import { FiscalRejection } from '../../electron/core/transports/fiscal/fiscalAnswer';
import { uploadToFiscal } from '../../electron/core/transports/fiscal/fiscalUpload';
import { startFiscalSimulator, type FiscalSimulator } from '../../simulators/fiscal/fiscalSimulator';
import { openTestHome, tempDir } from '../support/home';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.fiscal-test-token.c2ln';
const CSV = 'Date,Invoice,Supplier,Amount\n2026-04-01,INV-1,"Acme, Ltd",100.50\n2026-04-02,INV-2,Globex,7.25\n';
const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 3 };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const day = (date: Date) => date.toISOString().slice(0, 10);

const dir = tempDir('courier-fiscal-');
let ctx: CourierContext;
let api: Api;
let sim: FiscalSimulator;

async function call<T = unknown>(name: string, input: unknown): Promise<T> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.output as T;
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error as { code: string; message: string; hint?: string });
const document = (text: string, fileName = 'April ledger.csv') => ({ fileName, contentBase64: Buffer.from(text).toString('base64') });

async function saveProfile(name: string, url: string, extra: Record<string, unknown> = {}): Promise<void> {
  await call('fiscal.profiles.save', { name, region: 'uksouth', customer: 'acme', token: TOKEN, tokenExpiresOn: day(inDays(30)), baseUrl: url, ...extra });
}

beforeAll(async () => {
  ctx = await openTestHome(dir.path);
  api = createCourierApi(ctx);
  sim = await startFiscalSimulator({ customer: 'acme', token: TOKEN, tokenExpiresAt: inDays(30) });
  await call('tls.trustCa', { scope: 'fiscal:main', pem: sim.caPem });
  await saveProfile('main', sim.url);
});

afterEach(() => {
  sim.failNext(0);
  sim.setToken(TOKEN, inDays(30));
});

afterAll(async () => {
  await sim.close();
  ctx.close();
  dir.remove();
});

describe('fiscal.upload against the FISCAL simulator', () => {
  it('201: the CSV arrives byte for byte under a safe timestamped name, and History shows the answer', async () => {
    const events: CourierEvent[] = [];
    const unsubscribe = ctx.events.subscribe((event) => events.push(event));
    const result = await call<{ message: { id: number; status: string; protocol: string }; remoteFileName: string; url: string; attempts: number; answer: { status: number; summary: string; body: { status: string; size: number } } }>(
      'fiscal.upload',
      { profile: 'main', fileType: 'APT', document: document(CSV), transferId: 'transfer-201-test' },
    );
    unsubscribe();
    expect(result.remoteFileName).toMatch(/^April_ledger_\d{8}T\d{6}Z\.csv$/);
    expect(result.url).toBe(`${sim.url}/customers/acme/units/acme/Uploads/upload/APT/${result.remoteFileName}`);
    expect(result.answer).toMatchObject({ status: 201, body: { status: 'Received', size: Buffer.byteLength(CSV) } });
    expect(result.answer.summary).toContain('201 Created');
    expect(result.message).toMatchObject({ status: 'delivered', protocol: 'fiscal' });
    const upload = sim.uploads.at(-1)!;
    expect(upload).toMatchObject({ customer: 'acme', unit: 'acme', fileType: 'APT', fileName: result.remoteFileName, contentType: 'text/csv', status: 201 });
    expect(upload.head.toString()).toBe(CSV);
    const progress = events.flatMap((event) => (event.type === 'transfers.progress' && event.transfer.transferId === 'transfer-201-test' ? [event.transfer] : []));
    expect(progress.at(-1)).toMatchObject({ state: 'done', sentBytes: Buffer.byteLength(CSV), totalBytes: Buffer.byteLength(CSV), protocol: 'fiscal' });
    const detail = await call<{ status: string; statusText: string; payload: { preview: string }; canResend: boolean }>('messages.get', { id: result.message.id });
    expect(detail).toMatchObject({ status: 'delivered', canResend: true });
    expect(detail.payload.preview).toBe(CSV);
    const outbox = await call<{ rows: Array<{ id: number }> }>('messages.list', { direction: 'outbound', protocols: ['fiscal'] });
    expect(outbox.rows.map((row) => row.id)).toContain(result.message.id);
  });

  it('400: a file type FISCAL does not know is refused, and the error says which types exist', async () => {
    const error = await failure(uploadToFiscal(ctx, { profile: 'main', fileType: 'Invoices' as 'APT', source: await documentSource(document(CSV, 'x.csv')) }));
    expect(error).toBeInstanceOf(FiscalRejection);
    expect(error).toMatchObject({ code: 'REMOTE_REJECTED', status: 400, refusal: 'file-type' });
    expect(error.hint).toContain('APT, Suppliers, Employees');
    expect(sim.uploads.at(-1)).toMatchObject({ fileType: 'Invoices', status: 400 });
  });

  it('415: the simulator refuses any media type but text/csv (Courier always sends text/csv)', async () => {
    const agent = new Agent({ connect: { ca: [sim.caPem] } });
    const answer = await request(`${sim.url}/customers/acme/units/acme/Uploads/upload/APT/x.csv`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream' }, body: CSV, dispatcher: agent });
    expect(answer.statusCode).toBe(415);
    await answer.body.text();
    await agent.close();
    const rejection = (await import('../../electron/core/transports/fiscal/fiscalAnswer')).fiscalRejection(415, { value: null, text: '' }, { fileType: 'APT', tokenExpiresOn: '2026-01-01', attempts: 1 });
    expect(rejection).toMatchObject({ status: 415, refusal: 'media-type' });
    expect(rejection.hint).toContain('text/csv');
  });

  it('401: a token FISCAL refuses fails with advice about the token, and the message keeps the problem', async () => {
    sim.setToken('another-token', inDays(30));
    const error = await failure(call('fiscal.upload', { profile: 'main', fileType: 'Suppliers', document: document(CSV, 'suppliers.csv') }));
    expect(error).toMatchObject({ code: 'REMOTE_REJECTED' });
    expect(error.message).toContain('401');
    expect(error.hint).toMatch(/original form/);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    const rows = await call<{ rows: Array<{ id: number; status: string }> }>('messages.list', { direction: 'outbound', protocols: ['fiscal'], limit: 1 });
    const detail = await call<{ status: string; problem: { code: string } }>('messages.get', { id: rows.rows[0]!.id });
    expect(detail).toMatchObject({ status: 'failed', problem: { code: 'fiscal-401' } });
  });

  it('401: a token past its expiry at FISCAL is refused too', async () => {
    sim.setToken(TOKEN, new Date(Date.now() - 1000));
    const error = await failure(call('fiscal.upload', { profile: 'main', fileType: 'APT', document: document(CSV) }));
    expect(error.message).toContain('401');
    expect(sim.uploads.at(-1)).toMatchObject({ status: 401 });
  });

  it('a profile whose token has expired sends nothing and says how to renew it', async () => {
    await saveProfile('stale', sim.url, { tokenExpiresOn: day(inDays(-2)) });
    await call('tls.trustCa', { scope: 'fiscal:stale', pem: sim.caPem });
    const profile = await call<{ access: { expired: boolean; reminder: string } }>('fiscal.profiles.get', { profile: 'stale' });
    expect(profile.access.expired).toBe(true);
    expect(profile.access.reminder).toContain('expired');
    const before = sim.uploads.length;
    const error = await failure(call('fiscal.upload', { profile: 'stale', fileType: 'APT', document: document(CSV) }));
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.hint).toContain('Access Tokens');
    expect(sim.uploads.length).toBe(before);
  });

  it('500 then success: retried with backoff, the same bytes each time', async () => {
    sim.failNext(2);
    const before = sim.uploads.length;
    const result = await uploadToFiscal(ctx, { profile: 'main', fileType: 'Employees', source: await documentSource(document(CSV, 'staff.csv')) }, { retry: FAST_RETRY });
    expect(result.attempts).toBe(3);
    expect(result.message.status).toBe('delivered');
    const tries = sim.uploads.slice(before);
    expect(tries.map((upload) => upload.status)).toEqual([500, 500, 201]);
    expect(new Set(tries.map((upload) => upload.sha256)).size).toBe(1);
  });

  it('500 on every attempt: reported after the last one, with what to do', async () => {
    sim.failNext(10);
    const error = await failure(uploadToFiscal(ctx, { profile: 'main', fileType: 'APT', source: await documentSource(document(CSV)) }, { retry: FAST_RETRY }));
    expect(error).toMatchObject({ code: 'REMOTE_REJECTED', status: 500, refusal: 'server' });
    expect(error.message).toContain('each of 3 attempts');
  });

  it('a malformed CSV is stopped before upload, with the line number', async () => {
    const before = sim.uploads.length;
    const bad = 'a,b,c\n1,2,3\n4,5\n6,7,8\n';
    const error = await failure(call('fiscal.upload', { profile: 'main', fileType: 'APT', document: document(bad, 'bad.csv') }));
    expect(error).toMatchObject({ code: 'BAD_INPUT' });
    expect(error.message).toContain('line 3');
    expect(sim.uploads.length).toBe(before);
    const inspection = await call<{ ok: boolean; problems: Array<{ code: string; line: number }> }>('fiscal.inspect', { document: document(bad, 'bad.csv') });
    expect(inspection.ok).toBe(false);
    expect(inspection.problems).toEqual([expect.objectContaining({ code: 'inconsistent-columns', line: 3 })]);
  });

  it('messages.resend uploads the stored file again as a new message', async () => {
    const first = await call<{ message: { id: number } }>('fiscal.upload', { profile: 'main', fileType: 'APT', document: document(CSV, 'again.csv') });
    const resent = await call<{ id: number; status: string; protocol: string }>('messages.resend', { id: first.message.id });
    expect(resent.id).not.toBe(first.message.id);
    expect(resent).toMatchObject({ status: 'delivered', protocol: 'fiscal' });
    const [a, b] = sim.uploads.slice(-2);
    expect(a!.sha256).toBe(b!.sha256);
    expect(b!.fileName).toMatch(/^again_\d{8}T\d{6}Z\.csv$/);
  });

  it('transfers.cancel stops an upload in flight; the message says it was cancelled', async () => {
    const big = `${'Date,Invoice,Supplier,Amount\n'}${'2026-04-01,INV-000001,Acme Ltd,1234.56\n'.repeat(700_000)}`;
    const started = sim.stallNext();
    const upload = failure(call('fiscal.upload', { profile: 'main', fileType: 'APT', document: document(big, 'big.csv'), transferId: 'cancel-me-1234' }));
    await started;
    expect(await call('transfers.cancel', { transferId: 'cancel-me-1234' })).toEqual({ transferId: 'cancel-me-1234', cancelled: true });
    expect(await upload).toMatchObject({ code: 'CANCELLED' });
    const rows = await call<{ rows: Array<{ status: string; fileName: string }> }>('messages.list', { direction: 'outbound', protocols: ['fiscal'], limit: 1 });
    expect(rows.rows[0]).toMatchObject({ status: 'stopped', fileName: 'big.csv' });
  });
});

describe('FISCAL TLS: trust per profile scope, TLS 1.2 or newer', () => {
  it('refuses the simulator while its CA is not trusted for the scope, and accepts it once it is', async () => {
    await saveProfile('fresh', sim.url);
    const error = await failure(call('fiscal.upload', { profile: 'fresh', fileType: 'APT', document: document(CSV) }));
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED' });
    expect(error.hint).toContain('fiscal:fresh');
    await call('tls.trustCa', { scope: 'fiscal:fresh', pem: sim.caPem });
    await expect(call('fiscal.upload', { profile: 'fresh', fileType: 'APT', document: document(CSV) })).resolves.toMatchObject({ answer: { status: 201 } });
  });

  it('refuses a server that speaks only TLS 1.1, even with its CA trusted', async () => {
    const old = await startFiscalSimulator({ customer: 'acme', token: TOKEN, tokenExpiresAt: inDays(30), legacyTls11: true });
    try {
      await saveProfile('legacy', old.url);
      await call('tls.trustCa', { scope: 'fiscal:legacy', pem: old.caPem });
      const error = await failure(call('fiscal.upload', { profile: 'legacy', fileType: 'APT', document: document(CSV) }));
      expect(error).toMatchObject({ code: 'CONNECTION_FAILED' });
      expect(error.message).toMatch(/protocol-too-old|handshake-failed/);
      expect(old.uploads).toHaveLength(0);
    } finally {
      await old.close();
    }
  });
});
