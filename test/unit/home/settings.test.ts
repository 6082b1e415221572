import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core/events/eventBus';
import { jsonFilePreferences, SettingsService } from '../../../electron/core/settings/settingsService';
import { tempDir } from '../../support/home';

describe('preferences', () => {
  it('apply concurrent changes in order, each saved whole (no lost update, no torn file)', async () => {
    const dir = tempDir();
    const path = join(dir.path, 'preferences.json');
    const events = new EventBus();
    const seen: string[] = [];
    events.subscribe((event) => event.type === 'settings.changed' && seen.push(event.settings.theme));
    const settings = new SettingsService(jsonFilePreferences(path), events);
    const themes = ['dark', 'light', 'system', 'dark', 'light'] as const;
    await Promise.all([...themes.map((theme) => settings.set({ theme })), settings.set({ lastPage: '/keys' })]);
    expect(seen).toEqual([...themes, 'light']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ theme: 'light', lastPage: '/keys' });
    dir.remove();
  });

  it('ignores fields a patch leaves undefined', async () => {
    const dir = tempDir();
    const settings = new SettingsService(jsonFilePreferences(join(dir.path, 'p.json')), new EventBus());
    await settings.set({ theme: 'dark' });
    expect(await settings.set({ theme: undefined, lastPage: '/tls' })).toEqual({ theme: 'dark', lastPage: '/tls' });
    dir.remove();
  });
});
