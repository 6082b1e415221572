// Export and restore of the master key: the way out when an OS keyring changes or a home moves machine.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CourierError } from '../errors';
import { MasterKey, type MasterKeyProtector } from '../secrets/masterKey';
import { SecretBox } from '../secrets/secretBox';
import { openDatabase } from '../store/database';
import type { CourierContext } from './openHome';
import { assertMasterKeyFits } from './openHome';
import { homePaths } from './paths';

export async function exportMasterKey(ctx: CourierContext, exportPassphrase: string): Promise<string> {
  const text = await ctx.masterKey.exportWithPassphrase(exportPassphrase);
  ctx.audit.append({ action: 'master-key.exported' });
  return text;
}

/**
 * Installs an exported master key into a home, protected the way this host protects keys. The key must
 * open the home's database, so a wrong export never replaces a working key.
 */
export async function restoreMasterKey(home: string, exportFile: string, exportPassphrase: string, protector: MasterKeyProtector): Promise<void> {
  const paths = homePaths(home);
  if (!existsSync(paths.database)) {
    throw new CourierError('STORE_MISSING', `${paths.database} does not exist.`, 'Restore the database first; the master key only opens the data it was made for.');
  }
  const text = await readFile(exportFile, 'utf8').catch(() => {
    throw new CourierError('NOT_FOUND', `Cannot read ${exportFile}.`, 'Check the path of the exported master key.');
  });
  const masterKey = await MasterKey.importWithPassphrase(text, exportPassphrase);
  const db = openDatabase(paths.database, { create: false });
  try {
    assertMasterKeyFits(db, new SecretBox(masterKey));
    await masterKey.saveTo(paths.keys, protector);
  } finally {
    db.close();
  }
}
