// `courier paco call|profiles`: PACO calls and saved profiles through the same Api as the PACO page. Secrets
// come from files (--token-file, --basic-password-file) so they never sit in the shell history.
import { CourierError, pacoOperations, type InputOf, type OutputOf, type PacoProfileSummary } from '../../../shared/ipc';
import { parseCommand, printResult, type CliIo } from './options';
import { readInputText } from './inputFile';
import { optionalSecretFile } from './secretFile';
import { withSession } from './session';

const PROFILE_FLAGS =
  '--name NAME [--json-file PROFILE.json] [--environment uat|production] [--base-url URL] [--api-key KEY] [--basic-user USER] ' +
  '[--token-file F] [--basic-password-file F] [--paco-encryption-key FILE --paco-encryption-kid KID] [--paco-signing-key FILE --paco-signing-kid KID] ' +
  '[--merchant-signing-key ID] [--merchant-encryption-key ID] [--signing-alg ALG] [--content-encryption ENC]';
const USAGE = {
  call: `courier paco call --profile NAME OPERATION --json-file REQUEST.json [--home DIR] [--json]   (OPERATION: ${pacoOperations.join(', ')})`,
  list: 'courier paco profiles list [--home DIR] [--json]',
  show: 'courier paco profiles show NAME [--home DIR] [--json]',
  save: `courier paco profiles save ${PROFILE_FLAGS} [--home DIR] [--json]`,
  delete: 'courier paco profiles delete NAME --yes [--home DIR] [--json]',
  templates: 'courier paco templates [--home DIR] [--json]',
} as const;
type Action = keyof typeof USAGE;

/** Far above any PACO request or profile; a bigger file is a mistake. */
const MAX_JSON_BYTES = 1024 * 1024;

function badInput(message: string, action: Action): CourierError {
  return new CourierError('BAD_INPUT', message, `usage: ${USAGE[action]}`);
}

function readSmallFile(path: string, what: string): Promise<string> {
  return readInputText(path, { what, maxBytes: MAX_JSON_BYTES, hint: 'Give the file the command asks for.' });
}

async function readJsonFile(path: string, what: string): Promise<unknown> {
  const text = await readSmallFile(path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CourierError('BAD_INPUT', `The ${what} ${path} is not JSON.`, 'Start from `courier paco templates --json`.');
  }
}

/** A PACO public key file: a JWK (JSON object) or PEM / base64 text, as PACO hands it out. */
async function readPacoKey(path: string, kid: string | undefined, flag: string): Promise<{ kid: string; key: string | Record<string, unknown> }> {
  if (kid === undefined) throw badInput(`${flag} needs ${flag.replace(/-key$/, '-kid')} too.`, 'save');
  const text = (await readSmallFile(path, 'PACO key file')).trim();
  if (text.startsWith('{')) {
    try {
      return { kid, key: JSON.parse(text) as Record<string, unknown> };
    } catch {
      throw new CourierError('BAD_INPUT', `The PACO key file ${path} looks like a JWK but is not JSON.`, 'Give the key as PEM, base64 or a JWK.');
    }
  }
  return { kid, key: text };
}

export async function pacoCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'call') return call(rest, io);
  if (action === 'templates') return templates(rest, io);
  if (action === 'profiles') {
    const [sub, ...more] = rest;
    switch (sub) {
      case 'list':
        return list(more, io);
      case 'show':
        return show(more, io);
      case 'save':
        return save(more, io);
      case 'delete':
        return remove(more, io);
      default:
        throw new CourierError('BAD_INPUT', 'Unknown paco profiles command.', `usage: ${[USAGE.list, USAGE.show, USAGE.save, USAGE.delete].join(' | ')}`);
    }
  }
  throw new CourierError('BAD_INPUT', 'Unknown paco command.', `usage: ${USAGE.call} | courier paco profiles list|show|save|delete | ${USAGE.templates}`);
}

function profileReport(profile: PacoProfileSummary): string {
  return [
    `${profile.name} (${profile.id})`,
    `  environment     ${profile.environment}  ${profile.baseUrl}`,
    `  issuer (API key) ${profile.issuer}`,
    `  basic user      ${profile.basicUser}  (password ${profile.sealed.basicAuth ? 'stored' : 'missing'}, company header ${profile.sealed.companyHeader ? 'stored' : 'missing'})`,
    `  TLS trust scope ${profile.tlsScope}`,
    `  PACO keys       encryption ${profile.pacoEncryptionKey.kid}; signing ${profile.pacoSigningKeys.map((key) => key.kid).join(', ')}`,
    `  merchant keys   signing ${profile.merchantSigningKeyId}; encryption ${profile.merchantEncryptionKeyId}`,
    `  algorithms      ${profile.signingAlgorithm}, RSA-OAEP/${profile.contentEncryption}`,
  ].join('\n');
}

function callReport(result: OutputOf<'paco.call'>): string {
  const lines = [`${result.operation}: ok`];
  const v = result.verification;
  if (v) {
    lines.push(
      `  request   ${v.jwsAlg} kid ${v.requestKid}, ${v.jweAlg}/${v.jweEnc} to PACO kid ${v.requestEncryptionKid}`,
      `  response  decrypted with kid ${v.responseEncryptionKid}, signature verified with PACO kid ${v.responseSigningKid}`,
      `  claims    iss ${v.claims.iss}, aud ${String(v.claims.aud)}, exp ${new Date(v.claims.exp * 1000).toISOString()}, jti ${v.claims.jti ?? '-'}`,
    );
  } else {
    lines.push('  (plain JSON inquiry, no JOSE)');
  }
  lines.push(JSON.stringify(result.response, null, 2));
  return lines.join('\n');
}

async function call(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { profile: { type: 'string' }, 'json-file': { type: 'string' } }, USAGE.call);
  if (values.profile === undefined) throw badInput('Name the profile with --profile.', 'call');
  if (positionals.length !== 1) throw badInput('Give exactly one OPERATION.', 'call');
  const operation = positionals[0]!;
  if (!(pacoOperations as readonly string[]).includes(operation)) throw badInput(`"${operation.slice(0, 40)}" is not a PACO operation.`, 'call');
  if (values['json-file'] === undefined) throw badInput('Give the request with --json-file.', 'call');
  const request = await readJsonFile(values['json-file'], 'request file');
  const input = { profile: values.profile, operation: operation as InputOf<'paco.call'>['operation'], request };
  const result = await withSession(values.home, (s) => s.call('paco.call', input));
  printResult(io, values.json, result, callReport);
  return 0;
}

async function templates(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, {}, USAGE.templates);
  const result = await withSession(values.home, (s) => s.call('paco.templates', {}));
  printResult(io, values.json, result, ({ templates: all }) => all.map((t) => `${t.operation} (${t.method} ${t.path}${t.jose ? ', JOSE' : ''})\n${JSON.stringify(t.request, null, 2)}`).join('\n\n'));
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.list);
  if (positionals.length > 0) throw badInput('profiles list takes no arguments.', 'list');
  const result = await withSession(values.home, (s) => s.call('paco.profiles.list', {}));
  printResult(io, values.json, result, ({ profiles }) => (profiles.length === 0 ? 'No PACO profiles.' : profiles.map((p) => `${p.name.padEnd(20)} ${p.environment.padEnd(10)} ${p.baseUrl}`).join('\n')));
  return 0;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.show);
  if (positionals.length !== 1) throw badInput('Give exactly one profile NAME.', 'show');
  const profile = await withSession(values.home, (s) => s.call('paco.profiles.get', { profile: positionals[0]! }));
  printResult(io, values.json, profile, profileReport);
  return 0;
}

const saveOptions = {
  name: { type: 'string' },
  'json-file': { type: 'string' },
  environment: { type: 'string' },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'basic-user': { type: 'string' },
  'token-file': { type: 'string' },
  'basic-password-file': { type: 'string' },
  'paco-encryption-key': { type: 'string' },
  'paco-encryption-kid': { type: 'string' },
  'paco-signing-key': { type: 'string' },
  'paco-signing-kid': { type: 'string' },
  'merchant-signing-key': { type: 'string' },
  'merchant-encryption-key': { type: 'string' },
  'signing-alg': { type: 'string' },
  'content-encryption': { type: 'string' },
} as const;

async function save(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, saveOptions, USAGE.save);
  if (positionals.length > 0) throw badInput('profiles save takes flags only.', 'save');
  const base = values['json-file'] === undefined ? {} : await readJsonFile(values['json-file'], 'profile file');
  if (typeof base !== 'object' || base === null || Array.isArray(base)) throw badInput('The profile file holds one JSON object.', 'save');
  const flags: Record<string, unknown> = {
    name: values.name,
    environment: values.environment,
    baseUrl: values['base-url'],
    apiKey: values['api-key'],
    basicUser: values['basic-user'],
    token: await optionalSecretFile(values['token-file'], { flag: '--token-file', secret: 'token' }),
    basicPassword: await optionalSecretFile(values['basic-password-file'], { flag: '--basic-password-file', secret: 'Basic password' }),
    pacoEncryptionKey: values['paco-encryption-key'] === undefined ? undefined : await readPacoKey(values['paco-encryption-key'], values['paco-encryption-kid'], '--paco-encryption-key'),
    pacoSigningKeys: values['paco-signing-key'] === undefined ? undefined : [await readPacoKey(values['paco-signing-key'], values['paco-signing-kid'], '--paco-signing-key')],
    merchantSigningKeyId: values['merchant-signing-key'],
    merchantEncryptionKeyId: values['merchant-encryption-key'],
    signingAlgorithm: values['signing-alg'],
    contentEncryption: values['content-encryption'],
  };
  const input = { ...base, ...Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)) } as InputOf<'paco.profiles.save'>;
  const profile = await withSession(values.home, (s) => s.call('paco.profiles.save', input));
  printResult(io, values.json, profile, (p) => `Saved PACO profile ${p.name}.\n${profileReport(p)}`);
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { yes: { type: 'boolean', default: false } }, USAGE.delete);
  if (positionals.length !== 1) throw badInput('Give exactly one profile NAME.', 'delete');
  if (!values.yes) throw badInput('Deleting a PACO profile needs --yes to confirm.', 'delete');
  const result = await withSession(values.home, (s) => s.call('paco.profiles.delete', { profile: positionals[0]!, confirm: true }));
  printResult(io, values.json, result, (r) => `Deleted PACO profile ${r.name}.`);
  return 0;
}
