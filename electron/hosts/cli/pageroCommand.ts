// `courier pagero send|profiles|endpoints`: documents to the Pagero Interchange API, its send profiles, and the push
// endpoints Pagero posts to, through the same Api as the app. Passwords and client secrets come from files
// (first line) so they never sit in the shell history; a send exits 1 unless Pagero answered 200.
import { CourierError, pageroAuthModes, pageroContentTypes, pageroPushAuthModes, type OutputOf, type PageroEndpointSummary, type PageroProfileSummary } from '../../../shared/ipc';
import { parseCommand, printResult, type CliIo } from './options';
import { readInputText } from './inputFile';
import { optionalSecretFile } from './secretFile';
import { withSession } from './session';

const USAGE = {
  send: 'courier pagero send --profile NAME FILE [--attach FILE]... [--interchange-id ID] [--content-type TYPE] [--home DIR] [--json]',
  profiles:
    'courier pagero profiles list | save --name NAME --auth basic|oauth2-password --username USER [--password-file F] [--base-url URL] [--document-type T] [--send-mode M] ' +
    '[--sso-url URL --client-id ID --client-secret-file F] | delete NAME --yes',
  endpoints:
    'courier pagero endpoints list | save --name NAME --auth none|basic|oauth2-client-credentials|mtls [--basic-user U --basic-password-file F] ' +
    '[--client-id ID --client-secret-file F] [--token-lifetime SECONDS] [--client-ca PEM] [--record-header NAME]... | delete NAME --yes',
} as const;

const MAX_SMALL_FILE = 1024 * 1024;


function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, usage: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CourierError('BAD_INPUT', `${flag} is one of ${allowed.join(', ')}.`, `usage: ${usage}`);
  return value as T;
}

export async function pageroCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'send') return send(rest, io);
  if (action === 'profiles') return profiles(rest, io);
  if (action === 'endpoints') return endpoints(rest, io);
  throw new CourierError('BAD_INPUT', 'Unknown pagero command.', `usage: ${USAGE.send} | courier pagero profiles … | courier pagero endpoints …`);
}

function sendReport(result: OutputOf<'pagero.send'>): string {
  const { message, answer } = result;
  return [
    `message ${message.id}  ${message.status}  interchange ${result.interchangeId}`,
    `  ${answer.meaning}`,
    `  HTTP ${answer.status}${answer.contentType ? ` (${answer.contentType})` : ''}`,
    ...(answer.body ? [answer.body.split('\n').map((line) => `  | ${line}`).join('\n')] : []),
  ].join('\n');
}

async function send(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { profile: { type: 'string' }, attach: { type: 'string', multiple: true }, 'interchange-id': { type: 'string' }, 'content-type': { type: 'string' } }, USAGE.send);
  if (!values.profile || positionals.length !== 1) throw new CourierError('BAD_INPUT', 'pagero send needs --profile and one FILE.', `usage: ${USAGE.send}`);
  const contentType = oneOf(values['content-type'], pageroContentTypes, '--content-type', USAGE.send);
  return withSession(values.home, async (s) => {
    const result = await s.call('pagero.send', {
      profile: values.profile!,
      document: { path: positionals[0]! },
      attachments: (values.attach ?? []).map((path) => ({ path })),
      ...(values['interchange-id'] ? { interchangeId: values['interchange-id'] } : {}),
      ...(contentType ? { contentType } : {}),
    });
    printResult(io, values.json, result, sendReport);
    return result.message.status === 'delivered' ? 0 : 1;
  });
}

function profileReport(profile: PageroProfileSummary): string {
  const auth = profile.authMode === 'basic' ? `basic as ${profile.username}` : `oauth2-password as ${profile.username}, client ${profile.clientId} at ${profile.ssoUrl}`;
  return `${profile.name}  ${profile.endpointUrl}\n  auth ${auth} (password ${profile.sealed.login ? 'stored' : 'missing'})  TLS scope ${profile.tlsScope}`;
}

async function profiles(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommand(
    rest,
    {
      name: { type: 'string' },
      auth: { type: 'string' },
      username: { type: 'string' },
      'password-file': { type: 'string' },
      'base-url': { type: 'string' },
      'document-type': { type: 'string' },
      'send-mode': { type: 'string' },
      'sso-url': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret-file': { type: 'string' },
      yes: { type: 'boolean', default: false },
    },
    USAGE.profiles,
  );
  return withSession(values.home, async (s) => {
    if (sub === 'list') {
      const result = await s.call('pagero.profiles.list', {});
      printResult(io, values.json, result, (r) => (r.profiles.length ? r.profiles.map(profileReport).join('\n') : 'no Pagero profiles'));
      return 0;
    }
    if (sub === 'save') {
      const authMode = oneOf(values.auth, pageroAuthModes, '--auth', USAGE.profiles);
      if (!values.name || !authMode || !values.username) throw new CourierError('BAD_INPUT', 'profiles save needs --name, --auth and --username.', `usage: ${USAGE.profiles}`);
      const password = await optionalSecretFile(values['password-file'], { flag: '--password-file', secret: 'password' });
      const clientSecret = await optionalSecretFile(values['client-secret-file'], { flag: '--client-secret-file', secret: 'client secret' });
      const result = await s.call('pagero.profiles.save', {
        name: values.name,
        authMode,
        username: values.username,
        ...(password ? { password } : {}),
        ...(clientSecret ? { clientSecret } : {}),
        ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
        ...(values['document-type'] ? { documentType: values['document-type'] } : {}),
        ...(values['send-mode'] ? { sendMode: values['send-mode'] } : {}),
        ...(values['sso-url'] ? { ssoUrl: values['sso-url'] } : {}),
        ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
      });
      printResult(io, values.json, result, profileReport);
      return 0;
    }
    if (sub === 'delete') {
      if (positionals.length !== 1 || !values.yes) throw new CourierError('BAD_INPUT', 'profiles delete needs NAME and --yes.', `usage: ${USAGE.profiles}`);
      const result = await s.call('pagero.profiles.delete', { profile: positionals[0]!, confirm: true });
      printResult(io, values.json, result, (r) => `deleted ${r.name}`);
      return 0;
    }
    throw new CourierError('BAD_INPUT', 'Unknown pagero profiles command.', `usage: ${USAGE.profiles}`);
  });
}

function endpointReport(endpoint: PageroEndpointSummary): string {
  const urls = endpoint.urls.documents.length ? endpoint.urls.documents.join(', ') : '(push server not running in this process; `courier serve --pagero-port N`)';
  const lines = [`${endpoint.name}  auth ${endpoint.authMode}  ${urls}`];
  if (endpoint.urls.oauth.length) lines.push(`  token URL ${endpoint.urls.oauth.join(', ')}`);
  if (endpoint.clientCas.length) lines.push(`  client CA ${endpoint.clientCas.map((ca) => ca.subject).join('; ')}`);
  if (endpoint.recordHeaders.length) lines.push(`  records ${endpoint.recordHeaders.join(', ')}`);
  return lines.join('\n');
}

async function endpoints(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommand(
    rest,
    {
      name: { type: 'string' },
      auth: { type: 'string' },
      'basic-user': { type: 'string' },
      'basic-password-file': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret-file': { type: 'string' },
      'token-lifetime': { type: 'string' },
      'client-ca': { type: 'string' },
      'record-header': { type: 'string', multiple: true },
      yes: { type: 'boolean', default: false },
    },
    USAGE.endpoints,
  );
  return withSession(values.home, async (s) => {
    if (sub === 'list') {
      const result = await s.call('pagero.endpoints.list', {});
      printResult(io, values.json, result, (r) => (r.endpoints.length ? r.endpoints.map(endpointReport).join('\n') : 'no push endpoints'));
      return 0;
    }
    if (sub === 'save') {
      const authMode = oneOf(values.auth, pageroPushAuthModes, '--auth', USAGE.endpoints);
      if (!values.name || !authMode) throw new CourierError('BAD_INPUT', 'endpoints save needs --name and --auth.', `usage: ${USAGE.endpoints}`);
      const lifetime = values['token-lifetime'] === undefined ? undefined : Number(values['token-lifetime']);
      const basicPassword = await optionalSecretFile(values['basic-password-file'], { flag: '--basic-password-file', secret: 'password' });
      const clientSecret = await optionalSecretFile(values['client-secret-file'], { flag: '--client-secret-file', secret: 'client secret' });
      const result = await s.call('pagero.endpoints.save', {
        name: values.name,
        authMode,
        ...(values['basic-user'] ? { basicUser: values['basic-user'] } : {}),
        ...(basicPassword ? { basicPassword } : {}),
        ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
        ...(clientSecret ? { clientSecret } : {}),
        ...(lifetime !== undefined ? { accessLifetimeSeconds: lifetime } : {}),
        ...(values['client-ca'] ? { clientCaPem: await readInputText(values['client-ca'], { what: 'client CA file', flag: '--client-ca', maxBytes: MAX_SMALL_FILE, hint: 'Give the PEM file of the CA that issues the client certificates.' }) } : {}),
        recordHeaders: values['record-header'] ?? [],
      });
      printResult(io, values.json, result, endpointReport);
      return 0;
    }
    if (sub === 'delete') {
      if (positionals.length !== 1 || !values.yes) throw new CourierError('BAD_INPUT', 'endpoints delete needs NAME and --yes.', `usage: ${USAGE.endpoints}`);
      const result = await s.call('pagero.endpoints.delete', { endpoint: positionals[0]!, confirm: true });
      printResult(io, values.json, result, (r) => `deleted ${r.name}`);
      return 0;
    }
    throw new CourierError('BAD_INPUT', 'Unknown pagero endpoints command.', `usage: ${USAGE.endpoints}`);
  });
}
