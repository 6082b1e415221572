// Where a Courier home keeps each kind of data (DESIGN §3).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HomePaths {
  home: string;
  database: string;
  blobs: string;
  keys: string;
  preferences: string;
}

export function homePaths(home: string): HomePaths {
  const root = resolve(home);
  return {
    home: root,
    database: join(root, 'courier.db'),
    blobs: join(root, 'blobs'),
    keys: join(root, 'keys'),
    preferences: join(root, 'preferences.json'),
  };
}

/** `--home`, else COURIER_HOME, else ~/.courier (the desktop app passes Electron's userData instead). */
export function defaultHome(explicit?: string): string {
  return resolve(explicit ?? process.env.COURIER_HOME ?? join(homedir(), '.courier'));
}
