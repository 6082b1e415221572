// Throwaway Courier homes for tests: a temp folder, a cheap scrypt cost, cleaned up after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHome, type CourierContext, type OpenHomeOptions } from '../../electron/core/home/openHome';
import type { MasterKeyProtector } from '../../electron/core/secrets/masterKey';

export const TEST_PASSPHRASE = 'correct-horse-battery-staple';

export function testProtector(passphrase = TEST_PASSPHRASE): MasterKeyProtector {
  return { kind: 'passphrase', passphrase: async () => passphrase, cost: { N: 2 ** 12, r: 8, p: 1 } };
}

export function tempDir(prefix = 'courier-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function openTestHome(home: string, options: Partial<OpenHomeOptions> = {}): Promise<CourierContext> {
  return openHome({ home, host: 'cli', protector: testProtector(), ...options });
}
