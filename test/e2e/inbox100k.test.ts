// e2e: an Inbox of 100,000 messages in Chromium — the count is shown at once, End reaches the oldest message,
// Home the newest, a Message-ID filter finds one message among them, and Enter opens it. Only the rows on screen
// exist in the page (the list is virtualised), whatever the list's length.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestHome } from '../support/home';
import { launchBrowserHost, type E2eHost } from './hosts';

const COUNT = 100_000;

/** 100,000 received messages sharing one payload blob, inserted in one transaction (the fixture, not the product path). */
async function seedInbox(home: string): Promise<void> {
  const ctx = await openTestHome(home);
  try {
    const blob = await ctx.blobs.put(Buffer.from('UNH+1+INVOIC:D:96A:UN\r\n'));
    const insert = ctx.db.prepare(
      `INSERT INTO messages (direction, protocol, message_id, subject, file_name, content_type, wire_sha256, wire_size,
         payload_sha256, payload_size, headers, status, created_at, updated_at)
       VALUES ('inbound', 'as2', ?, ?, 'invoice.edi', 'application/edifact', ?, ?, ?, ?, '[]', 'received', ?, ?)`,
    );
    const start = Date.UTC(2026, 0, 1);
    ctx.db.transaction(() => {
      for (let i = 1; i <= COUNT; i++) {
        const at = new Date(start + i * 60_000).toISOString();
        insert.run(`seed-${i}@partner.example`, `Invoice ${i}`, blob.sha256, blob.size, blob.sha256, blob.size, at, at);
      }
    })();
  } finally {
    ctx.close();
  }
}

describe('Inbox with 100,000 messages on the browser host in Chromium', () => {
  let host: E2eHost;
  let page: Page;

  beforeAll(async () => {
    host = await launchBrowserHost('serve', { prepareHome: seedInbox });
    page = host.page;
    page.setDefaultTimeout(20_000);
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  const grid = () => page.getByRole('grid', { name: 'Inbox messages' });

  it('shows the count, reaches the oldest message with End and the newest with Home, with only a screenful of rows in the page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'messages.' }).innerText()).toMatch(/^100,000 messages\./);
    await grid().getByRole('row', { name: /Invoice 100000\b/ }).waitFor();
    await grid().focus();
    await page.keyboard.press('End');
    await grid().getByRole('row', { name: /Invoice 1\b/ }).waitFor();
    await expect(grid().getByRole('row', { name: /Invoice 1\b/ }).getAttribute('aria-rowindex')).resolves.toBe(String(COUNT + 1));
    // Virtualised: the rows in the page are a screenful (plus overscan), not 100,000.
    expect(await grid().getByRole('row').count()).toBeLessThan(100);
    await page.keyboard.press('Home');
    await grid().getByRole('row', { name: /Invoice 100000\b/ }).waitFor();
  });

  it('finds one message among 100,000 by Message-ID and opens it with Enter', async () => {
    await page.getByRole('searchbox', { name: 'Message-ID' }).fill('seed-54321@');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'message' }).first().innerText()).toMatch(/^1 message\./);
    await grid().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Invoice 54321' }).waitFor();
  });
});
