// `courier keys generate|list|export-public|export-private|delete|rotate|rotation`: key pairs through the same Api as the
// UI. Scripts rely on these forms; anything that touches a private key asks for --yes first.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { CourierError, type CourierEvent, type InputOf, type KeySummary } from '../../../shared/ipc';
import { describeAlgorithm } from '../../core/keys/keyGeneration';
import { promptHidden } from '../passphrase';
import { ROTATION_USAGE, rotateCommand, rotationCommand } from './keyRotationCommand';
import { parseCommand, printResult, type CliIo } from './options';
import { readSecretFile } from './secretFile';
import { withSession } from './session';

const USAGE = {
  generate: 'courier keys generate [--bits 2048|3072|4096 | --curve P-256|P-384] --purpose PURPOSE --label NAME [--home DIR] [--json]',
  list: 'courier keys list [--purpose PURPOSE] [--home DIR] [--json]',
  'export-public': 'courier keys export-public ID [--format pem|jwk] [--home DIR] [--json]',
  'export-private': 'courier keys export-private ID --out FILE --passphrase-file F --yes [--home DIR] [--json]',
  delete: 'courier keys delete ID --yes [--home DIR] [--json]',
  ...ROTATION_USAGE,
} as const;

type Action = keyof typeof USAGE;

function isAction(value: string | undefined): value is Action {
  return value !== undefined && Object.prototype.hasOwnProperty.call(USAGE, value);
}

function badInput(message: string, action: Action): CourierError {
  return new CourierError('BAD_INPUT', message, `usage: ${USAGE[action]}`);
}

function oneId(positionals: string[], action: Action): string {
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) throw badInput('Give exactly one key id.', action);
  return id;
}

function summaryLine(key: KeySummary): string {
  return `${key.id}  ${describeAlgorithm(key.algorithm).padEnd(9)}  ${key.purpose.padEnd(15)}  ${key.createdAt}  ${key.label}${key.role === 'active' ? '' : `  [${key.role}]`}`;
}

export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (!isAction(action)) {
    throw new CourierError('BAD_INPUT', 'Unknown keys command.', `usage: ${Object.values(USAGE).join(' | ')}`);
  }
  switch (action) {
    case 'generate':
      return generate(rest, io);
    case 'list':
      return list(rest, io);
    case 'export-public':
      return exportPublic(rest, io);
    case 'export-private':
      return exportPrivate(rest, io);
    case 'delete':
      return remove(rest, io);
    case 'rotate':
      return rotateCommand(rest, io);
    case 'rotation':
      return rotationCommand(rest, io);
  }
}

async function generate(args: string[], io: CliIo): Promise<number> {
  const options = { bits: { type: 'string' }, curve: { type: 'string' }, purpose: { type: 'string' }, label: { type: 'string' } } as const;
  const { values, positionals } = parseCommand(args, options, USAGE.generate);
  if (positionals.length > 0) throw badInput('keys generate takes no positional arguments.', 'generate');
  if (values.bits !== undefined && values.curve !== undefined) throw badInput('Give --bits (RSA) or --curve (EC), not both.', 'generate');
  if (values.purpose === undefined) throw badInput('--purpose is required.', 'generate');
  if (values.label === undefined) throw badInput('--label is required.', 'generate');
  // The contract validates sizes, curves and purposes; the CLI passes them through as given.
  const algorithm = (values.curve !== undefined
    ? { type: 'ec', curve: values.curve }
    : { type: 'rsa', bits: values.bits === undefined ? undefined : Number(values.bits) }) as InputOf<'keys.generate'>['algorithm'];
  const input = { jobId: randomUUID(), label: values.label, purpose: values.purpose, algorithm } as InputOf<'keys.generate'>;

  const key = await withSession(values.home, async (s) => {
    // Progress comes from the job's own events, so the line appears only once the input was accepted.
    const progress = s.api.subscribe('events', {}, (event) => {
      const e = event as CourierEvent;
      if (e.type === 'keys.generation' && e.job.jobId === input.jobId && e.job.state === 'running') {
        io.err(`Generating a key pair (${describeAlgorithm(e.job.algorithm)})… Ctrl-C cancels.`);
      }
    });
    const cancel = () => void s.call('keys.cancelGeneration', { jobId: input.jobId });
    process.on('SIGINT', cancel);
    try {
      return await s.call('keys.generate', input);
    } finally {
      process.off('SIGINT', cancel);
      progress.unsubscribe();
    }
  });
  printResult(io, values.json, key, (k) => [summaryLine(k), `SPKI SHA-256  ${k.spkiSha256}`, `JWK kid       ${k.jwkThumbprint}`].join('\n'));
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { purpose: { type: 'string' } }, USAGE.list);
  if (positionals.length > 0) throw badInput('keys list takes no positional arguments.', 'list');
  const result = await withSession(values.home, (s) => s.call('keys.list', { purpose: values.purpose as InputOf<'keys.list'>['purpose'] }));
  printResult(io, values.json, result, (r) => (r.keys.length === 0 ? 'No keys.' : r.keys.map(summaryLine).join('\n')));
  return 0;
}

async function exportPublic(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { format: { type: 'string' } }, USAGE['export-public']);
  const id = oneId(positionals, 'export-public');
  const format = values.format as InputOf<'keys.exportPublic'>['format'];
  const exported = await withSession(values.home, (s) => s.call('keys.exportPublic', { id, format }));
  printResult(io, values.json, exported, (e) => (e.format === 'pem' ? e.pem : JSON.stringify(e.jwk, null, 2)));
  return 0;
}

/** The export passphrase: the first line of --passphrase-file, or typed twice on a terminal. */
async function exportPassphrase(file: string | undefined): Promise<string> {
  if (file === undefined) {
    if (!process.stdin.isTTY) throw badInput('--passphrase-file is required without a terminal.', 'export-private');
    const first = await promptHidden('Passphrase for the exported key: ');
    if ((await promptHidden('Repeat it: ')) !== first) throw new CourierError('BAD_INPUT', 'The two passphrases differ.', 'Run the command again and type the same passphrase twice.');
    return first;
  }
  return readSecretFile(file, { flag: '--passphrase-file', secret: 'passphrase' });
}

async function exportPrivate(args: string[], io: CliIo): Promise<number> {
  const options = { out: { type: 'string' }, 'passphrase-file': { type: 'string' }, yes: { type: 'boolean', default: false } } as const;
  const { values, positionals } = parseCommand(args, options, USAGE['export-private']);
  const id = oneId(positionals, 'export-private');
  if (values.out === undefined) throw badInput('--out FILE is required.', 'export-private');
  if (!values.yes) throw badInput('Exporting a private key needs --yes to confirm.', 'export-private');
  const passphrase = await exportPassphrase(values['passphrase-file']);
  const path = resolve(values.out);
  const result = await withSession(values.home, (s) => s.call('keys.exportPrivate', { id, path, passphrase, confirm: true }));
  printResult(io, values.json, result, (r) => `Wrote ${r.id} to ${r.path} as encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, ${r.iterations} iterations, AES-256-CBC).`);
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { yes: { type: 'boolean', default: false } }, USAGE.delete);
  const id = oneId(positionals, 'delete');
  if (!values.yes) throw badInput('Deleting a key needs --yes to confirm.', 'delete');
  const result = await withSession(values.home, (s) => s.call('keys.delete', { id, confirm: true }));
  printResult(io, values.json, result, (r) => `Deleted ${r.id}.`);
  return 0;
}
