// The app shell as a user meets it, written once and run on every host (see shell.test.ts).
import { expect } from 'vitest';
import type { E2eHost } from './hosts';

export const PAGES = [
  { link: 'Inbox', path: '/inbox' },
  { link: 'Outbox', path: '/outbox' },
  { link: 'Send', path: '/send' },
  { link: 'Partners', path: '/partners' },
  { link: 'Keys', path: '/keys' },
  { link: 'Certificates', path: '/certificates' },
  { link: 'TLS inspector', path: '/tls' },
  { link: 'Payments (PACO)', path: '/paco' },
  { link: 'Settings', path: '/settings' },
] as const;

/** Every page's capability has landed; each has its own e2e specs (keys.test.ts …) or the empty-home spec below. */

export interface ShellSpec {
  name: string;
  run(host: E2eHost): Promise<void>;
}

/** A sidebar link's name starts with its page's name; a badge may follow it ("Certificates 2 expiring"). */
export function navLinkName(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|\\s)`);
}

async function heading(host: E2eHost, name: string): Promise<void> {
  await host.page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
}

export const shellSpecs: ShellSpec[] = [
  {
    name: 'opens the shell: every page in the sidebar, and a status bar naming the host and the data folder',
    async run(host) {
      const nav = host.page.getByRole('navigation', { name: 'Main' });
      for (const page of PAGES) await nav.getByRole('link', { name: navLinkName(page.link) }).waitFor();
      const status = host.page.getByRole('contentinfo', { name: 'Status' });
      await status.getByText(host.kind === 'serve' ? 'Browser host (courier serve)' : 'Desktop app').waitFor();
      await status.getByText(host.home, { exact: false }).waitFor();
      await status.getByText('Connected', { exact: true }).waitFor();
    },
  },
  {
    name: 'reaches every page by keyboard alone: Tab through the sidebar and Enter, and Alt+1…9',
    async run(host) {
      const { page } = host;
      for (const target of PAGES) {
        // Tab from the top of the document until the sidebar link has focus.
        await page.locator('body').focus();
        const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: navLinkName(target.link) });
        for (let presses = 0; presses < 40 && !(await link.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press('Tab');
        expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.press('Enter');
        await heading(host, target.link);
        expect(new URL(page.url()).pathname).toBe(target.path);
      }
      for (const [index, target] of [...PAGES].reverse().entries()) {
        await page.keyboard.press(`Alt+${PAGES.length - index}`);
        await heading(host, target.link);
      }
    },
  },
  {
    name: 'the AS2 pages of a new home say plainly that there is nothing yet, with no made-up rows',
    async run(host) {
      const open = async (link: string) => {
        await host.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: navLinkName(link) }).click();
        await heading(host, link);
      };
      for (const [link, empty] of [
        ['Inbox', 'Nothing received yet.'],
        ['Outbox', 'Nothing sent yet.'],
      ] as const) {
        await open(link);
        await host.page.getByRole('status').getByText(empty, { exact: false }).waitFor();
        const grid = host.page.getByRole('grid', { name: `${link} messages` });
        expect(await grid.getByRole('row').count()).toBe(1);
      }
      await open('Partners');
      await host.page.getByText('No station yet.', { exact: false }).waitFor();
      await host.page.getByText('No partners yet.', { exact: false }).waitFor();
      await open('Send');
      await host.page.getByText('No partners yet:', { exact: false }).waitFor();
      expect(await host.page.getByRole('button', { name: 'Send', exact: true }).isVisible()).toBe(true);
    },
  },
  {
    name: 'Settings: shows where data lives, changes the theme, and lists the audit log',
    async run(host) {
      const { page } = host;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: navLinkName('Settings') }).click();
      await heading(host, 'Settings');
      await page.getByText(`${host.home}/courier.db`).waitFor();
      const audit = page.getByRole('table');
      await audit.getByText('home.created').waitFor();
      await page.getByRole('radio', { name: 'Dark' }).check({ force: true });
      await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
      await page.getByRole('radio', { name: 'Light' }).check({ force: true });
      await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('light');
    },
  },
  {
    name: 'when the main process goes away, the status bar says so and a failed action shows its message and hint',
    async run(host) {
      const { page } = host;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: navLinkName('Settings') }).click();
      await heading(host, 'Settings');
      await host.stopServer();
      if (host.kind === 'electron') return;
      await page.getByRole('contentinfo', { name: 'Status' }).getByText(/Disconnected|Connecting/).waitFor();
      // The change cannot be saved, so the control springs back: click, don't check.
      await page.getByRole('radio', { name: 'Dark' }).click({ force: true });
      const toast = page.getByRole('status').filter({ hasText: 'Lost the connection to Courier.' });
      await toast.waitFor();
      await toast.getByText('courier serve', { exact: false }).waitFor();
    },
  },
];
