// `courier fiscal upload|inspect|profiles`: FISCAL uploads from a script through the same Api as the Send page.
// The file is checked before anything is sent (a malformed CSV exits 2 with its line number); the access token
// comes from --token-file so it never sits in the shell history.
import { CourierError, fiscalFileTypes, fiscalRegions, type DocumentInspection, type FiscalProfileSummary, type InputOf, type OutputOf } from '../../../shared/ipc';
import { parseCommand, printResult, type CliIo } from './options';
import { optionalSecretFile } from './secretFile';
import { withSession } from './session';

const USAGE = {
  upload: `courier fiscal upload --profile NAME --type ${fiscalFileTypes.join('|')} FILE [--home DIR] [--json]`,
  inspect: 'courier fiscal inspect FILE [--home DIR] [--json]',
  list: 'courier fiscal profiles list [--home DIR] [--json]',
  show: 'courier fiscal profiles show NAME [--home DIR] [--json]',
  save:
    `courier fiscal profiles save --name NAME --region ${fiscalRegions.join('|')} --customer SHORTNAME [--unit SHORTNAME] ` +
    '[--token-file F [--token-expires YYYY-MM-DD]] [--remind-days N] [--base-url URL (tests and demo only)] [--home DIR] [--json]',
  delete: 'courier fiscal profiles delete NAME --yes [--home DIR] [--json]',
} as const;
type Action = keyof typeof USAGE;

function badInput(message: string, action: Action): CourierError {
  return new CourierError('BAD_INPUT', message, `usage: ${USAGE[action]}`);
}

export async function fiscalCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'upload') return upload(rest, io);
  if (action === 'inspect') return inspect(rest, io);
  if (action === 'profiles') {
    const [sub, ...more] = rest;
    if (sub === 'list') return list(more, io);
    if (sub === 'show') return show(more, io);
    if (sub === 'save') return save(more, io);
    if (sub === 'delete') return remove(more, io);
    throw new CourierError('BAD_INPUT', 'Unknown fiscal profiles command.', `usage: ${[USAGE.list, USAGE.show, USAGE.save, USAGE.delete].join(' | ')}`);
  }
  throw new CourierError('BAD_INPUT', 'Unknown fiscal command.', `usage: ${USAGE.upload} | ${USAGE.inspect} | courier fiscal profiles list|show|save|delete`);
}

export function profileReport(profile: FiscalProfileSummary): string {
  const lines = [
    `${profile.name} (${profile.id})`,
    `  customer/unit   ${profile.customer}/${profile.unit}  (region ${profile.region})`,
    `  uploads to      ${profile.baseUrl}${profile.baseUrlOverridden ? '  (test/demo override)' : ''}`,
    `  access token    ${profile.access.stored ? 'stored' : 'missing'}; ${profile.access.expired ? `EXPIRED on ${profile.access.expiresOn}` : `token expires in ${profile.access.expiresInDays} days (${profile.access.expiresOn})`}`,
    `  TLS trust scope ${profile.tlsScope}`,
  ];
  if (profile.access.reminder) lines.push(`  reminder        ${profile.access.reminder}`);
  return lines.join('\n');
}

export function inspectionReport(inspection: DocumentInspection): string {
  const lines = [
    `${inspection.fileName}: ${inspection.size} bytes, ${inspection.format}${inspection.encoding ? `, ${inspection.encoding}` : ''}` +
      `${inspection.delimiter ? `, delimiter ${JSON.stringify(inspection.delimiter)}` : ''}${inspection.rows === null ? '' : `, ${inspection.rows} rows`}${inspection.columns === null ? '' : ` of ${inspection.columns} columns`}`,
    `  sent as ${inspection.safeFileName}`,
    ...inspection.firstRows.slice(0, 5).map((row) => `  | ${row.join(' | ')}`),
    ...inspection.problems.map((p) => `  ${p.severity}: ${p.line === null ? '' : `line ${p.line}: `}${p.message}`),
  ];
  lines.push(inspection.ok ? '  ok to upload' : '  NOT ok to upload');
  return lines.join('\n');
}

function uploadReport(result: OutputOf<'fiscal.upload'>): string {
  return [
    `${result.answer.summary}`,
    `  message   ${result.message.id} (${result.message.status})`,
    `  sent as   ${result.remoteFileName} (${result.message.payloadSize ?? 0} bytes, ${result.attempts} attempt${result.attempts === 1 ? '' : 's'})`,
    `  to        ${result.url}`,
    ...(result.answer.body === null ? [] : [JSON.stringify(result.answer.body, null, 2)]),
  ].join('\n');
}

async function upload(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { profile: { type: 'string' }, type: { type: 'string' } }, USAGE.upload);
  if (values.profile === undefined) throw badInput('Name the profile with --profile.', 'upload');
  if (values.type === undefined || !(fiscalFileTypes as readonly string[]).includes(values.type)) throw badInput(`--type is one of ${fiscalFileTypes.join(', ')}.`, 'upload');
  if (positionals.length !== 1) throw badInput('Give exactly one FILE.', 'upload');
  const input: InputOf<'fiscal.upload'> = { profile: values.profile, fileType: values.type as InputOf<'fiscal.upload'>['fileType'], document: { path: positionals[0]! } };
  const result = await withSession(values.home, (s) => s.call('fiscal.upload', input));
  printResult(io, values.json, result, uploadReport);
  return 0;
}

async function inspect(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.inspect);
  if (positionals.length !== 1) throw badInput('Give exactly one FILE.', 'inspect');
  const result = await withSession(values.home, (s) => s.call('fiscal.inspect', { document: { path: positionals[0]! } }));
  printResult(io, values.json, result, inspectionReport);
  return result.ok ? 0 : 2;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.list);
  if (positionals.length > 0) throw badInput('profiles list takes no arguments.', 'list');
  const result = await withSession(values.home, (s) => s.call('fiscal.profiles.list', {}));
  printResult(io, values.json, result, ({ profiles }) =>
    profiles.length === 0
      ? 'No FISCAL profiles.'
      : profiles
          .map((p) => `${p.name.padEnd(20)} ${`${p.customer}/${p.unit}`.padEnd(24)} ${p.region.padEnd(8)} ${p.access.expired ? `token EXPIRED ${p.access.expiresOn}` : `token expires in ${p.access.expiresInDays} days`}`)
          .join('\n'),
  );
  return 0;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.show);
  if (positionals.length !== 1) throw badInput('Give exactly one profile NAME.', 'show');
  const profile = await withSession(values.home, (s) => s.call('fiscal.profiles.get', { profile: positionals[0]! }));
  printResult(io, values.json, profile, profileReport);
  return 0;
}

async function save(args: string[], io: CliIo): Promise<number> {
  const options = {
    name: { type: 'string' },
    region: { type: 'string' },
    customer: { type: 'string' },
    unit: { type: 'string' },
    'token-file': { type: 'string' },
    'token-expires': { type: 'string' },
    'remind-days': { type: 'string' },
    'base-url': { type: 'string' },
  } as const;
  const { values, positionals } = parseCommand(args, options, USAGE.save);
  if (positionals.length > 0) throw badInput('profiles save takes flags only.', 'save');
  if (values['token-expires'] !== undefined && values['token-file'] === undefined) throw badInput('--token-expires goes with --token-file.', 'save');
  const remind = values['remind-days'] === undefined ? undefined : Number(values['remind-days']);
  const flags: Record<string, unknown> = {
    name: values.name,
    region: values.region,
    customer: values.customer,
    unit: values.unit,
    token: await optionalSecretFile(values['token-file'], { flag: '--token-file', secret: 'access token', trim: true }),
    tokenExpiresOn: values['token-expires'],
    remindDaysBefore: remind,
    baseUrl: values['base-url'],
  };
  const input = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)) as InputOf<'fiscal.profiles.save'>;
  const profile = await withSession(values.home, (s) => s.call('fiscal.profiles.save', input));
  printResult(io, values.json, profile, (p) => `Saved FISCAL profile ${p.name}.\n${profileReport(p)}`);
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { yes: { type: 'boolean', default: false } }, USAGE.delete);
  if (positionals.length !== 1) throw badInput('Give exactly one profile NAME.', 'delete');
  if (!values.yes) throw badInput('Deleting a FISCAL profile needs --yes to confirm.', 'delete');
  const result = await withSession(values.home, (s) => s.call('fiscal.profiles.delete', { profile: positionals[0]!, confirm: true }));
  printResult(io, values.json, result, (r) => `Deleted FISCAL profile ${r.name}.`);
  return 0;
}
