// e2e: rotating a key on the browser host as a security officer does it (issue 4) — the wizard's three
// steps by keyboard and mouse, roles moving from Active/Incoming to Receiving only/Active at "Switch now",
// the timeline in dates, a second rotation cancelled before its switch, and every step in the audit log.
// COURIER_E2E_SCREENSHOTS=<dir> keeps screenshots of the wizard and the timelines for a person to look at.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserHost, type E2eHost } from './hosts';

const OLD = 'e2e rotating';
const NEW = `${OLD} (successor)`;
const THIRD = `${NEW} (successor)`;
const DAY_MS = 24 * 60 * 60 * 1000;

describe('Key rotation wizard on the browser host (courier serve) in Chromium', () => {
  let host: E2eHost;
  let page: Page;

  beforeAll(async () => {
    host = await launchBrowserHost();
    page = host.page;
    page.setDefaultTimeout(10_000);
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
    await openKeysPage();
  });

  afterAll(async () => {
    await host?.close();
  });

  const keysTable = () => page.getByRole('table', { name: 'Key pairs' });
  const row = (label: string) => keysTable().getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  const status = () => page.getByRole('main').getByRole('status');
  const details = (label: string) => page.getByRole('region', { name: label, exact: true });
  const rotation = (label: string) => details(label).getByRole('region', { name: 'Rotation', exact: true });
  const milestone = (scope: Locator, title: string) => scope.getByRole('listitem').filter({ hasText: title });
  const shot = async (name: string) => {
    const dir = process.env.COURIER_E2E_SCREENSHOTS;
    if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  };

  async function openKeysPage(): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Keys', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Keys', exact: true }).waitFor();
  }

  async function roleOf(label: string): Promise<string> {
    return (await row(label).getByRole('cell').first().innerText()).trim();
  }

  async function timeOf(item: Locator): Promise<number> {
    return Date.parse((await item.locator('time').getAttribute('datetime'))!);
  }

  async function openWizard(label: string): Promise<Locator> {
    await keysTable().getByRole('button', { name: label, exact: true }).click();
    await rotation(label).getByRole('button', { name: 'Rotate key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate key' });
    await dialog.waitFor();
    return dialog;
  }

  it('generates the EC P-256 key to rotate; it is Active and has not been rotated', async () => {
    await page.getByRole('button', { name: 'Generate key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate key' });
    await dialog.getByRole('textbox', { name: 'Label' }).fill(OLD);
    await dialog.getByRole('combobox', { name: 'Purpose' }).click();
    await page.getByRole('option', { name: /^TLS client authentication/ }).click();
    await dialog.getByRole('combobox', { name: 'Algorithm' }).click();
    await page.getByRole('option', { name: /^EC P-256$/ }).click();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    await status().getByText('Key generated').waitFor();
    await row(OLD).getByText('EC P-256').waitFor();
    expect(await roleOf(OLD)).toBe('Active');
    await rotation(OLD).getByText('This key has not been rotated.', { exact: false }).waitFor();
  });

  it('walks the wizard: successor (checked label, same algorithm), schedule "Later" (a past time refused), review with the timeline', async () => {
    const dialog = await openWizard(OLD);
    const label = dialog.getByRole('textbox', { name: 'Label' });
    expect(await label.inputValue()).toBe(NEW);
    expect(await dialog.getByRole('combobox', { name: 'Algorithm' }).inputValue()).toBe('EC P-256');

    await label.fill('   ');
    await label.press('Enter');
    await dialog.getByText('A key needs a label.').waitFor();
    await label.fill(NEW);
    await label.press('Enter');

    // Enter moved to the next step and focus to its heading, so a screen reader announces it.
    const scheduleHeading = dialog.getByRole('heading', { name: 'Schedule', exact: true });
    await scheduleHeading.waitFor();
    expect(await scheduleHeading.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Later, when I say so' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: 'Overlap window (days)' }).inputValue()).toBe('14');
    await dialog.getByText('until 14 days after the switch', { exact: false }).waitFor();

    await dialog.getByRole('radio', { name: 'At a date and time' }).check();
    await dialog.getByLabel('Switch at').fill('2020-01-01T09:00');
    await dialog.getByRole('button', { name: 'Next', exact: true }).click();
    await dialog.getByText('The switch time must be in the future.').waitFor();
    await shot('rotation-0-schedule');
    await dialog.getByRole('radio', { name: 'Later, when I say so' }).check();
    await dialog.getByRole('textbox', { name: 'Overlap window (days)' }).fill('400');
    await dialog.getByRole('button', { name: 'Next', exact: true }).click();
    await dialog.getByText('The overlap is at most 365 days.').waitFor();
    await dialog.getByRole('textbox', { name: 'Overlap window (days)' }).fill('14');
    await dialog.getByRole('button', { name: 'Next', exact: true }).click();

    await dialog.getByRole('heading', { name: 'Review', exact: true }).waitFor();
    const planned = dialog.getByRole('list', { name: 'Planned timeline' });
    await milestone(planned, 'Sending switches').getByText('Waiting').waitFor();
    await milestone(planned, 'Sending switches').getByText('When you choose “Switch now”', { exact: false }).waitFor();
    await milestone(planned, 'Old key retires').getByText('14 days after the switch', { exact: false }).waitFor();
    await shot('rotation-1-review');

    // A finished step stays one click away, and coming back keeps what was entered.
    await dialog.getByRole('button', { name: /Successor/ }).click();
    expect(await dialog.getByRole('textbox', { name: 'Label' }).inputValue()).toBe(NEW);
    await dialog.getByRole('button', { name: 'Next', exact: true }).click();
    await dialog.getByRole('button', { name: 'Next', exact: true }).click();
    await dialog.getByRole('button', { name: 'Start rotation', exact: true }).click();

    await status().getByText('Rotation started').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await row(NEW).getByText('EC P-256').waitFor();
    expect(await roleOf(OLD)).toBe('Active');
    expect(await roleOf(NEW)).toBe('Incoming');
    const timeline = rotation(OLD).getByRole('list', { name: 'Rotation timeline' });
    await milestone(timeline, 'New key ready').getByText('Done').waitFor();
    await milestone(timeline, 'Sending switches').getByText('Waiting').waitFor();
    await rotation(OLD).getByText(`Being replaced by “${NEW}”.`).waitFor();
    expect(await rotation(OLD).getByRole('button', { name: 'Rotate key…' }).count()).toBe(0);
  });

  it('"Switch now" asks first, then the roles become Receiving only / Active and the timeline shows the switch and the retirement date', async () => {
    await rotation(OLD).getByRole('button', { name: 'Switch now…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Switch sending now' });
    await confirm.getByText('A switch cannot be rolled back.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Keep as is' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await roleOf(NEW)).toBe('Incoming');

    await rotation(OLD).getByRole('button', { name: 'Switch now…' }).click();
    await confirm.getByRole('button', { name: 'Switch now', exact: true }).click();
    await status().getByText('Sending switched').waitFor();
    await confirm.waitFor({ state: 'hidden' });
    await row(OLD).getByText('Receiving only').waitFor();
    expect(await roleOf(NEW)).toBe('Active');

    const timeline = rotation(OLD).getByRole('list', { name: 'Rotation timeline' });
    const switched = milestone(timeline, 'Sending switched');
    await switched.getByText('Done').waitFor();
    const retires = milestone(timeline, 'Old key retires');
    await retires.getByText('Planned').waitFor();
    expect((await timeOf(retires)) - (await timeOf(switched))).toBe(14 * DAY_MS);
    expect(Math.abs(Date.now() - (await timeOf(switched)))).toBeLessThan(5 * 60 * 1000);
    expect(await rotation(OLD).getByRole('button', { name: /Switch now|Cancel rotation|Rotate key/ }).count()).toBe(0);
    await shot('rotation-2-switched');

    // The successor's details tell the same rotation from its side.
    await keysTable().getByRole('button', { name: NEW, exact: true }).click();
    await rotation(NEW).getByText(`Replaces “${OLD}”.`).waitFor();
    await milestone(rotation(NEW).getByRole('list', { name: 'Rotation timeline' }), 'Sending switched').getByText('Done').waitFor();
  });

  it('rotates the new active key "at a date and time", then cancels before the switch: the third key is removed, the second untouched', async () => {
    const dialog = await openWizard(NEW);
    await dialog.getByRole('button', { name: 'Next', exact: true }).click();
    await dialog.getByRole('radio', { name: 'At a date and time' }).check();
    const tomorrow = new Date(Date.now() + DAY_MS);
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T09:00`;
    await dialog.getByLabel('Switch at').fill(local);
    await dialog.getByRole('textbox', { name: 'Overlap window (days)' }).fill('3');
    await dialog.getByText('(3 days after the switch)', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Next', exact: true }).click();
    const planned = dialog.getByRole('list', { name: 'Planned timeline' });
    const switches = milestone(planned, 'Sending switches');
    await switches.getByText('Planned').waitFor();
    expect((await timeOf(milestone(planned, 'Old key retires'))) - (await timeOf(switches))).toBe(3 * DAY_MS);
    expect(await timeOf(switches)).toBeGreaterThan(Date.now());
    await shot('rotation-3-review-at');
    await dialog.getByRole('button', { name: 'Start rotation', exact: true }).click();
    await status().getByText('Rotation started').waitFor();
    await row(THIRD).waitFor();
    expect(await roleOf(THIRD)).toBe('Incoming');
    expect(await roleOf(NEW)).toBe('Active');
    await milestone(rotation(NEW).getByRole('list', { name: 'Rotation timeline' }), 'Sending switches').getByText('Planned').waitFor();

    await rotation(NEW).getByRole('button', { name: 'Cancel rotation…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Cancel rotation' });
    await confirm.getByText('is removed, with its private key', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Cancel rotation', exact: true }).click();
    await status().getByText('Rotation cancelled').waitFor();
    await confirm.waitFor({ state: 'hidden' });
    await row(THIRD).waitFor({ state: 'detached' });
    expect(await roleOf(NEW)).toBe('Active');
    const timeline = rotation(NEW).getByRole('list', { name: 'Rotation timeline' });
    await milestone(timeline, 'Rotation cancelled').getByText('Cancelled on request.', { exact: false }).waitFor();
    await rotation(NEW).getByRole('button', { name: 'Rotate key…' }).waitFor();
    await shot('rotation-4-cancelled');

    await page.reload();
    await row(NEW).waitFor();
    expect(await keysTable().locator('tbody tr').count()).toBe(2);
  });

  it('the audit log on the Settings page holds every step: started, ready, switched, cancelled', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
    const audit = page.getByRole('table', { name: 'Audit log' });
    const action = (name: string) => audit.getByRole('cell', { name, exact: true });
    await action('key.rotation-switched').waitFor();
    expect(await action('key.rotation-started').count()).toBe(2);
    expect(await action('key.rotation-ready').count()).toBe(2);
    expect(await action('key.rotation-switched').count()).toBe(1);
    expect(await action('key.rotation-cancelled').count()).toBe(1);
    await shot('rotation-5-audit');
  });

  it('every rotation step reached the page as a keys.rotation event, and no frame carried a private key', () => {
    const events = host.frames.filter((frame) => frame.includes('"type":"keys.rotation"'));
    for (const state of ['planned', 'ready', 'switched', 'cancelled']) {
      expect(events.some((frame) => frame.includes(`"state":"${state}"`))).toBe(true);
    }
    for (const frame of host.frames) expect(frame).not.toContain('PRIVATE KEY');
  });
});
