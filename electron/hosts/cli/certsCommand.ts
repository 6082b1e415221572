// `courier certs import|list|show|self-sign|csr|attach|delete`: certificates through the same Api as the
// certificates page. Scripts rely on these forms (`certs list --expiring 30 --json` for renewal checks,
// `certs import --json` for the id of a PKCS#12 key). A PKCS#12 password comes from --password-file or a
// hidden prompt, never from the command line, where `ps` and shell history would keep it.
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CourierError, MAX_CERTIFICATE_FILE_BYTES, type InputOf } from '../../../shared/ipc';
import { writeFileDurably } from '../../core/store/durableFile';
import { promptHidden } from '../passphrase';
import { certificateBlock, certificateList, certificateReport, importReport } from './certsReport';
import { parseCommand, printResult, type CliIo } from './options';
import { optionalSecretFile, type SecretFile } from './secretFile';
import { withSession } from './session';

const OWN = '--subject "CN=…, O=…, C=…" [--san DNS:name,IP:address] [--key-usage U,…] [--eku E,…]';
const USAGE = {
  import: 'courier certs import FILE [--password-file F] [--purpose PURPOSE] [--label NAME] [--home DIR] [--json]',
  list: 'courier certs list [--expiring DAYS] [--key KEY_ID] [--home DIR] [--json]',
  show: 'courier certs show ID [--home DIR] [--json]',
  'self-sign': `courier certs self-sign KEY_ID ${OWN} [--days N] [--home DIR] [--json]`,
  csr: `courier certs csr KEY_ID ${OWN} --out FILE [--home DIR] [--json]`,
  attach: 'courier certs attach KEY_ID FILE [--home DIR] [--json]',
  delete: 'courier certs delete ID --yes [--home DIR] [--json]',
} as const;
type Action = keyof typeof USAGE;

const ownOptions = { subject: { type: 'string' }, san: { type: 'string' }, 'key-usage': { type: 'string' }, eku: { type: 'string' } } as const;

function badInput(message: string, action: Action): CourierError {
  return new CourierError('BAD_INPUT', message, `usage: ${USAGE[action]}`);
}

function positionalsOf(positionals: string[], count: number, what: string, action: Action): string[] {
  if (positionals.length !== count) throw badInput(`Give ${what}.`, action);
  return positionals;
}

export async function certsCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'import':
      return importFile(rest, io);
    case 'list':
      return list(rest, io);
    case 'show':
      return show(rest, io);
    case 'self-sign':
      return selfSign(rest, io);
    case 'csr':
      return csr(rest, io);
    case 'attach':
      return attach(rest, io);
    case 'delete':
      return remove(rest, io);
    default:
      throw new CourierError('BAD_INPUT', 'Unknown certs command.', `usage: ${Object.values(USAGE).join(' | ')}`);
  }
}

/** The file as base64, refused by its size before it is read. */
export async function fileContent(path: string): Promise<{ fileName: string; contentBase64: string }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new CourierError('BAD_INPUT', `Cannot read ${path}.`, 'Check the path and its permissions.');
  }
  if (size > MAX_CERTIFICATE_FILE_BYTES) {
    throw new CourierError('BAD_INPUT', `${path} is ${size} bytes; a certificate file has at most ${MAX_CERTIFICATE_FILE_BYTES} (1 MiB).`, 'Give the certificate, chain or PKCS#12 file itself.');
  }
  return { fileName: basename(path), contentBase64: (await readFile(path)).toString('base64') };
}

/** A PKCS#12 password file, whose empty first line is the empty password some PKCS#12 files have. */
export const PKCS12_PASSWORD_FILE: SecretFile = { flag: '--password-file', secret: 'password', allowEmpty: true };

function commaList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean);
}

async function importFile(args: string[], io: CliIo): Promise<number> {
  const options = { 'password-file': { type: 'string' }, purpose: { type: 'string' }, label: { type: 'string' } } as const;
  const { values, positionals } = parseCommand(args, options, USAGE.import);
  const [path] = positionalsOf(positionals, 1, 'exactly one file', 'import');
  const file = await fileContent(path!);
  let password = await optionalSecretFile(values['password-file'], PKCS12_PASSWORD_FILE);
  const input = { ...file, purpose: values.purpose, label: values.label } as InputOf<'certs.import'>;
  const result = await withSession(values.home, async (s) => {
    try {
      return await s.call('certs.import', { ...input, password });
    } catch (error) {
      // A PKCS#12 file needs its password: on a terminal, ask once.
      if (!(error instanceof CourierError) || error.code !== 'PASSWORD_REQUIRED' || password !== undefined || !process.stdin.isTTY) throw error;
      password = await promptHidden(`Password of ${file.fileName}: `);
      return s.call('certs.import', { ...input, password });
    }
  });
  printResult(io, values.json, result, importReport);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { expiring: { type: 'string' }, key: { type: 'string' } }, USAGE.list);
  positionalsOf(positionals, 0, 'no positional arguments', 'list');
  const days = values.expiring === undefined ? undefined : /^\d{1,5}$/.test(values.expiring) ? Number(values.expiring) : NaN;
  if (Number.isNaN(days)) throw badInput(`"${values.expiring!.slice(0, 20)}" is not a number of days.`, 'list');
  const result = await withSession(values.home, (s) => s.call('certs.list', { expiringWithinDays: days, keyId: values.key }));
  printResult(io, values.json, result, (r) => certificateList(r.certificates));
  return 0;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.show);
  const [id] = positionalsOf(positionals, 1, 'exactly one certificate id', 'show');
  const detail = await withSession(values.home, (s) => s.call('certs.get', { id: id! }));
  printResult(io, values.json, detail, certificateReport);
  return 0;
}

interface OwnValues {
  subject?: string | undefined;
  san?: string | undefined;
  'key-usage'?: string | undefined;
  eku?: string | undefined;
}

function ownInput(keyId: string, values: OwnValues, action: Action) {
  if (values.subject === undefined) throw badInput('--subject is required.', action);
  return {
    keyId,
    subject: values.subject,
    sans: commaList(values.san) ?? [],
    keyUsage: commaList(values['key-usage']),
    extendedKeyUsage: commaList(values.eku),
  } as InputOf<'certs.createCsr'>;
}

async function selfSign(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { ...ownOptions, days: { type: 'string' } }, USAGE['self-sign']);
  const [keyId] = positionalsOf(positionals, 1, 'exactly one key id', 'self-sign');
  const days = values.days === undefined ? undefined : /^\d{1,5}$/.test(values.days) ? Number(values.days) : NaN;
  if (Number.isNaN(days)) throw badInput(`"${values.days!.slice(0, 20)}" is not a number of days.`, 'self-sign');
  const input = { ...ownInput(keyId!, values, 'self-sign'), days };
  const certificate = await withSession(values.home, (s) => s.call('certs.selfSign', input));
  printResult(io, values.json, certificate, (c) => certificateBlock(c).join('\n'));
  return 0;
}

async function csr(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { ...ownOptions, out: { type: 'string' } }, USAGE.csr);
  const [keyId] = positionalsOf(positionals, 1, 'exactly one key id', 'csr');
  if (values.out === undefined) throw badInput('--out FILE is required.', 'csr');
  const input = ownInput(keyId!, values, 'csr');
  const result = await withSession(values.home, (s) => s.call('certs.createCsr', input));
  const out = resolve(values.out);
  try {
    await writeFileDurably(out, result.pem);
  } catch {
    throw new CourierError('BAD_INPUT', `Cannot write ${out}.`, 'Choose a file in a folder that exists and that you may write to.');
  }
  printResult(io, values.json, { ...result, out }, (r) => `Wrote the CSR for ${r.keyId} (${r.subject}) to ${r.out}; send it to your CA, then run \`courier certs attach ${r.keyId} FILE\` with the certificate it returns.`);
  return 0;
}

async function attach(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.attach);
  const [keyId, path] = positionalsOf(positionals, 2, 'a key id and one certificate file', 'attach');
  const file = await fileContent(path!);
  const result = await withSession(values.home, (s) => s.call('certs.attach', { keyId: keyId!, ...file }));
  printResult(io, values.json, result, (r) =>
    [`Attached to ${keyId}${r.alreadyPresent ? ' (the certificate was already present)' : ''}:`, ...certificateBlock(r.certificate), ...r.chain.map((c) => `chain: ${c.certificate.id}  ${c.certificate.subject}${c.alreadyPresent ? '  (already present)' : '  (imported)'}`)].join('\n'),
  );
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { yes: { type: 'boolean', default: false } }, USAGE.delete);
  const [id] = positionalsOf(positionals, 1, 'exactly one certificate id', 'delete');
  if (!values.yes) throw badInput('Deleting a certificate needs --yes to confirm.', 'delete');
  const result = await withSession(values.home, (s) => s.call('certs.delete', { id: id!, confirm: true }));
  printResult(io, values.json, result, (r) => `Deleted ${r.id}.`);
  return 0;
}
