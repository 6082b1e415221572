// User preferences behind one service. Where they are kept is the host's choice (electron-store in the
// desktop app, a JSON file in the home for serve/CLI); what they may contain is the contract's schema.
import { readFileSync } from 'node:fs';
import { settingsSchema, type Settings } from '../../../shared/ipc';
import type { EventBus } from '../events/eventBus';
import { writeFileDurably } from '../store/durableFile';

export interface PreferencesBackend {
  load(): unknown;
  save(settings: Settings): Promise<void>;
}

/** Preferences as `preferences.json` in the home; a missing or unreadable file means defaults. */
export function jsonFilePreferences(path: string): PreferencesBackend {
  return {
    load() {
      try {
        return JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        return {};
      }
    },
    save: (settings) => writeFileDurably(path, JSON.stringify(settings, null, 2)),
  };
}

export class SettingsService {
  private current: Settings;
  /** Saves run one after another, so concurrent changes apply in order and never race on the file. */
  private saving: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backend: PreferencesBackend,
    private readonly events: EventBus,
  ) {
    const stored = settingsSchema.safeParse(backend.load());
    this.current = stored.success ? stored.data : settingsSchema.parse({});
  }

  get(): Settings {
    return this.current;
  }

  set(patch: Partial<Settings>): Promise<Settings> {
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const result = this.saving.then(async () => {
      const next = settingsSchema.parse({ ...this.current, ...changes });
      await this.backend.save(next);
      this.current = next;
      this.events.publish({ type: 'settings.changed', settings: next });
      return next;
    });
    this.saving = result.catch(() => undefined);
    return result;
  }
}
