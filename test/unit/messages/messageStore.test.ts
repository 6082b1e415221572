// The message archive behind Inbox/Outbox: rows only after blobs, one row per inbound Message-ID, live events,
// filtered paging, previews and MDN explanations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourierEvent } from '../../../shared/ipc';
import type { CourierContext } from '../../../electron/core/home/openHome';
import type { MdnFacts, MessageFacts } from '../../../electron/core/messages/messageRecords';
import { UNSIGNED } from '../../../electron/core/messages/messageRecords';
import { explainMdn } from '../../../electron/core/messages/mdnExplanation';
import { dispositionParts } from '../../../electron/core/messages/messageQueries';
import { openTestHome, tempDir } from '../../support/home';

let dir: ReturnType<typeof tempDir>;
let ctx: CourierContext;

beforeEach(async () => {
  dir = tempDir();
  ctx = await openTestHome(dir.path);
});
afterEach(() => {
  ctx.close();
  dir.remove();
});

async function facts(overrides: Partial<MessageFacts> = {}, payload = 'UNB+UNOA:2+SENDER+RECEIVER\r\n'): Promise<MessageFacts> {
  const wire = await ctx.blobs.put(Buffer.from(`wire:${payload}`));
  return {
    direction: 'inbound',
    protocol: 'as2',
    messageId: `m-${Math.random().toString(36).slice(2)}@partner`,
    partnerId: null,
    stationId: null,
    subject: 'Invoices',
    fileName: 'invoice.edi',
    contentType: 'application/edifact',
    headers: [['AS2-From', 'partner']],
    wire,
    payload: await ctx.blobs.put(Buffer.from(payload)),
    security: null,
    problem: null,
    status: 'received',
    statusText: null,
    ...overrides,
  };
}

const mdn = (overrides: Partial<MdnFacts> = {}): MdnFacts => ({
  direction: 'received',
  delivery: 'sync',
  state: 'complete',
  wire: null,
  headers: null,
  disposition: 'automatic-action/MDN-sent-automatically; processed',
  micAlgorithm: 'sha-256',
  micReturned: 'abc=',
  micExpected: 'abc=',
  micMatches: true,
  signature: { status: 'verified', digest: 'sha256', signer: 'CN=partner', reason: null },
  text: 'Thank you',
  asyncUrl: null,
  at: new Date().toISOString(),
  ...overrides,
});

describe('MessageStore', () => {
  it('stores a message with its MDN, publishes the change, and shows both in the detail view', async () => {
    const seen: CourierEvent[] = [];
    ctx.events.subscribe((event) => seen.push(event));
    const mdnWire = await ctx.blobs.put(Buffer.from('MDN body'));
    const stored = ctx.messages.insert(await facts(), mdn({ direction: 'sent', wire: mdnWire, headers: [['Content-Type', 'multipart/report']] }));
    expect(stored.status).toBe('received');
    expect(seen).toContainEqual({ type: 'messages.changed', message: stored });

    const detail = await ctx.messageQueries.detail(stored.id);
    expect(detail.payload?.preview).toBe('UNB+UNOA:2+SENDER+RECEIVER\r\n');
    expect(detail.mdn?.dispositionType).toBe('processed');
    expect(detail.mdn?.raw).toBe('Content-Type: multipart/report\r\n\r\nMDN body');
    expect(detail.mdn?.explanation).toBeNull();
    expect(detail.canResend).toBe(false);
  });

  it('refuses a second inbound message with the same Message-ID from the same partner, and stores nothing for it', async () => {
    const first = await facts();
    ctx.messages.insert(first);
    expect(() => ctx.messages.insert({ ...first })).toThrow(expect.objectContaining({ code: 'DUPLICATE' }));
    expect(ctx.messageQueries.list({ direction: 'inbound', offset: 0, limit: 10 }).total).toBe(1);
    expect(ctx.messages.findInbound('as2', null, first.messageId!)).toBeGreaterThan(0);
    // Outbound rows and other Message-IDs are not duplicates.
    ctx.messages.insert({ ...first, direction: 'outbound', status: 'queued' });
    ctx.messages.insert(await facts());
  });

  it('updates status and replaces a pending MDN when the async one arrives', async () => {
    const sent = ctx.messages.insert(await facts({ direction: 'outbound', status: 'awaiting-mdn' }), mdn({ state: 'pending', disposition: null, micReturned: null, micMatches: null, signature: UNSIGNED }));
    expect(ctx.messages.mdnOf(sent.id)?.state).toBe('pending');
    const after = ctx.messages.saveMdn(sent.id, mdn(), { status: 'delivered', statusText: 'processed' });
    expect(after.status).toBe('delivered');
    expect(ctx.messages.mdnOf(sent.id)).toMatchObject({ state: 'complete', micMatches: true });
    expect(() => ctx.messages.update(999_999, { status: 'failed' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('filters by status, subject, Message-ID and date, pages newest first, and treats LIKE wildcards literally', async () => {
    for (let i = 0; i < 30; i++) ctx.messages.insert(await facts({ subject: i % 3 === 0 ? `Order 100%_${i}` : `Invoice ${i}`, status: i % 2 ? 'received' : 'received-with-error' }));
    const page = ctx.messageQueries.list({ direction: 'inbound', offset: 5, limit: 10 });
    expect(page.total).toBe(30);
    expect(page.rows).toHaveLength(10);
    expect(page.rows[0]!.id).toBeGreaterThan(page.rows[9]!.id);
    expect(ctx.messageQueries.list({ direction: 'inbound', subject: '100%_', offset: 0, limit: 100 }).total).toBe(10);
    expect(ctx.messageQueries.list({ direction: 'inbound', subject: '_', offset: 0, limit: 100 }).total).toBe(10);
    expect(ctx.messageQueries.list({ direction: 'inbound', statuses: ['received-with-error'], offset: 0, limit: 100 }).total).toBe(15);
    const one = page.rows[3]!;
    expect(ctx.messageQueries.list({ direction: 'inbound', messageId: `<${one.messageId}>`, offset: 0, limit: 100 }).rows.map((r) => r.id)).toEqual([one.id]);
    expect(ctx.messageQueries.list({ direction: 'inbound', from: '2999-01-01T00:00:00Z', offset: 0, limit: 100 }).total).toBe(0);
    expect(ctx.messageQueries.list({ direction: 'outbound', offset: 0, limit: 100 }).total).toBe(0);
    expect(ctx.messageQueries.list({ direction: 'inbound', protocols: ['as2'], offset: 0, limit: 100 }).total).toBe(30);
    expect(ctx.messageQueries.list({ direction: 'inbound', protocols: ['fiscal', 'pagero'], offset: 0, limit: 100 }).total).toBe(0);
  });

  it('previews text payloads only, and limits downloads through the contract', async () => {
    const binary = ctx.messages.insert(await facts({}, '\u0000\u0001PK binary'));
    expect((await ctx.messageQueries.detail(binary.id)).payload?.preview).toBeNull();
    const big = ctx.messages.insert(await facts({}, 'é'.repeat(20_000)));
    const detail = await ctx.messageQueries.detail(big.id);
    expect(detail.payload?.previewTruncated).toBe(true);
    expect(detail.payload?.preview?.length).toBe(8192);
    await expect(ctx.messageQueries.payload(big.id, 1000)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect((await ctx.messageQueries.payload(big.id, 1 << 20)).bytes.toString()).toBe('é'.repeat(20_000));
  });
});

describe('MDN explanations', () => {
  it('explains failed dispositions, MIC mismatches and bad MDN signatures, and nothing for a clean MDN', () => {
    expect(explainMdn(mdn())).toBeNull();
    expect(explainMdn(mdn({ disposition: 'automatic-action/MDN-sent-automatically; processed/error: decryption-failed' }))).toMatchObject({
      code: 'error:decryption-failed',
      whatToCheck: expect.stringContaining('encryption certificate'),
    });
    expect(explainMdn(mdn({ micMatches: false }))?.summary).toMatch(/^MIC mismatch: the partner computed the MIC over a different canonical form/);
    expect(explainMdn(mdn({ micMatches: false }))?.whatToCheck).toMatch(/compression order .* line endings/);
    expect(explainMdn(mdn({ signature: { status: 'invalid', digest: 'sha256', signer: null, reason: 'signature does not verify' } }))?.code).toBe('mdn-signature-invalid');
    expect(explainMdn(mdn({ disposition: 'automatic-action/MDN-sent-automatically; processed/error: something-new' }))?.summary).toBe('The partner reported error: something-new.');
    expect(explainMdn(mdn({ state: 'pending' }))).toBeNull();
  });

  it('splits a disposition into type and modifier', () => {
    expect(dispositionParts('automatic-action/MDN-sent-automatically; processed/error: authentication-failed')).toEqual({ dispositionType: 'processed', modifier: 'error: authentication-failed' });
    expect(dispositionParts('automatic-action/MDN-sent-automatically; processed')).toEqual({ dispositionType: 'processed', modifier: null });
    expect(dispositionParts(null)).toEqual({ dispositionType: null, modifier: null });
  });
});
