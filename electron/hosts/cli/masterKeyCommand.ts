// `courier master-key export|restore`: the recovery path for the key that wraps every secret.
import { CourierError } from '../../../shared/ipc';
import { exportMasterKey, restoreMasterKey } from '../../core/home/masterKeyRecovery';
import { defaultHome } from '../../core/home/paths';
import { writeFileDurably } from '../../core/store/durableFile';
import { openHome } from '../../core/home/openHome';
import { passphraseProtector, promptHidden } from '../passphrase';
import { parseCommand, printResult, type CliIo } from './options';
import { readSecretFile } from './secretFile';
import { withSession } from './session';

const EXPORT_PASSPHRASE_ENV = 'COURIER_EXPORT_PASSPHRASE';

async function exportPassphrase(file: string | undefined): Promise<string> {
  if (file !== undefined) return readSecretFile(file, { flag: '--passphrase-file', secret: 'passphrase' });
  const fromEnv = process.env[EXPORT_PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) return promptHidden('Passphrase for the exported master key: ');
  throw new CourierError('PASSPHRASE_REQUIRED', 'The export needs its own passphrase.', `Pass --passphrase-file FILE or set ${EXPORT_PASSPHRASE_ENV}.`);
}

export async function masterKeyCommand(args: string[], io: CliIo): Promise<number> {
  const usage = 'courier master-key export --out FILE | courier master-key restore FILE  [--passphrase-file F] [--home DIR]';
  const { values, positionals } = parseCommand(args, { out: { type: 'string' }, 'passphrase-file': { type: 'string' } }, usage);
  const [action, file] = positionals;
  if (action === 'export' && values.out && positionals.length === 1) {
    const secret = await exportPassphrase(values['passphrase-file']);
    const text = await withSession(values.home, (s) => exportMasterKey(s.ctx, secret));
    await writeFileDurably(values.out, text);
    printResult(io, values.json, { exported: values.out }, (r) => `Master key exported to ${r.exported}. Keep it and its passphrase apart.`);
    return 0;
  }
  if (action === 'restore' && file && positionals.length === 2) {
    const home = defaultHome(values.home);
    await restoreMasterKey(home, file, await exportPassphrase(values['passphrase-file']), passphraseProtector());
    const ctx = await openHome({ home, host: 'cli', protector: passphraseProtector() });
    ctx.audit.append({ action: 'master-key.restored', target: ctx.paths.home });
    ctx.close();
    printResult(io, values.json, { restored: home }, (r) => `Master key restored into ${r.restored}.`);
    return 0;
  }
  throw new CourierError('BAD_INPUT', 'Unknown master-key command.', `usage: ${usage}`);
}
