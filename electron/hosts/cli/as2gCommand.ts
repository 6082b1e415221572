// `courier as2g …`: the AS2 Gateway account from scripts, through the same Api as the app. The password comes from
// a file (--password-file), never from argv; downloads are written under --out with safe names; deleting needs --yes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { as2gCategories, as2gDeleteCategories, CourierError, type As2gAccountSummary, type As2gMessage, type InputOf } from '../../../shared/ipc';
import { parseCommand, printResult, type CliIo } from './options';
import { optionalSecretFile } from './secretFile';
import { withSession, type CliSession } from './session';

const USAGE = {
  accounts: 'courier as2g accounts list | save --name NAME --username EMAIL [--base-url URL] [--password-file F] | delete NAME --yes',
  login: 'courier as2g login --account NAME',
  send: 'courier as2g send --account NAME --station AS2ID --partner AS2ID [--subject S] [--partner-type production|test] [--profile P] [--content-type T] [--wait] FILE...',
  list: 'courier as2g list --account NAME received|sent|failed|queued [--all] [--unread-only] [--sort-col C] [--sort-dir asc|desc] [--partner-type T] [--page-offset N] [--page-length N] [--partner ID] [--station ID] [--message-id ID] [--subject S] [--query Q]',
  get: 'courier as2g get --account NAME received|sent|failed|queued MESSAGE_ID [--mark-read]',
  download: 'courier as2g download --account NAME received|sent MESSAGE_ID [--index N | --all | --mdn] [--mark-read] [--out DIR]',
  'batch-download': 'courier as2g batch-download --account NAME [--mark-read] [--out DIR] MESSAGE_ID...',
  stop: 'courier as2g stop --account NAME MESSAGE_ID',
  retry: 'courier as2g retry --account NAME MESSAGE_ID',
  delete: `courier as2g delete --account NAME ${as2gDeleteCategories.join('|')} MESSAGE_ID... --yes`,
  partners: 'courier as2g partners --account NAME [--query Q]',
  stations: 'courier as2g stations --account NAME [--query Q]',
  'mark-unread': 'courier as2g mark-unread --account NAME MESSAGE_ID',
  sync: 'courier as2g sync --account NAME',
} as const;
type Action = keyof typeof USAGE;
const ALL_USAGE = Object.values(USAGE).join('\n  ');

const bad = (message: string, action: Action) => new CourierError('BAD_INPUT', message, `usage: ${USAGE[action]}`);
/** A message ID or gateway file name as a file name on this machine. */
const safeName = (name: string) => name.replace(/[<>:"/\\|?*\p{Cc}]/gu, '_').replace(/^\.+$/, '_').slice(0, 200) || '_';

function account(values: { account?: string | undefined }, action: Action): string {
  if (!values.account) throw bad('Name the account with --account.', action);
  return values.account;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string, action: Action): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) throw bad(`${what} is one of ${allowed.join(', ')}.`, action);
  return value as T;
}

function integer(value: string | undefined, flag: string, action: Action): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) throw bad(`${flag} takes a whole number.`, action);
  return Number(value);
}

const accountLine = (a: As2gAccountSummary) =>
  `${a.name.padEnd(20)} ${a.username}  ${a.baseUrl}  (password ${a.sealed.login ? 'stored' : 'missing'}, session ${a.sessionExpiresAt ? `until ${a.sessionExpiresAt}` : 'none'}; last sync ${a.lastSyncAt ?? 'never'}${a.lastSyncOutcome ? `: ${a.lastSyncOutcome}` : ''})`;

const messageLine = (m: As2gMessage) =>
  `${m.as2MessageId}  ${new Date(m.persistedTimestamp).toISOString()}  ${m.senderId} ⇄ ${m.receiverId}  ${m.deliveryStatus ?? '-'} / MDN ${m.mdnStatus}  ${m.subject ?? ''}  [${m.attachments.map((a) => `${a.name} ${a.size}B`).join(', ')}]`;

async function writeOut(dir: string, name: string, content: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, safeName(name));
  await writeFile(path, content);
  return path;
}

async function accounts(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommand(rest, { name: { type: 'string' }, username: { type: 'string' }, 'base-url': { type: 'string' }, 'password-file': { type: 'string' }, yes: { type: 'boolean', default: false } }, USAGE.accounts);
  if (sub === 'list') {
    const result = await withSession(values.home, (s) => s.call('as2g.accounts.list', {}));
    printResult(io, values.json, result, ({ accounts: all }) => (all.length === 0 ? 'No AS2 Gateway accounts.' : all.map(accountLine).join('\n')));
    return 0;
  }
  if (sub === 'save') {
    if (!values.name || !values.username) throw bad('accounts save needs --name and --username.', 'accounts');
    const input: InputOf<'as2g.accounts.save'> = { name: values.name, username: values.username, baseUrl: values['base-url'], password: await optionalSecretFile(values['password-file'], { flag: '--password-file', secret: 'password' }) };
    const result = await withSession(values.home, (s) => s.call('as2g.accounts.save', input));
    printResult(io, values.json, result, (a) => `Saved AS2 Gateway account ${a.name}.\n${accountLine(a)}\nTLS trust scope ${a.tlsScope}`);
    return 0;
  }
  if (sub === 'delete') {
    if (positionals.length !== 1) throw bad('Give exactly one account NAME.', 'accounts');
    if (!values.yes) throw bad('Deleting an account needs --yes to confirm.', 'accounts');
    const result = await withSession(values.home, (s) => s.call('as2g.accounts.delete', { account: positionals[0]!, confirm: true }));
    printResult(io, values.json, result, (r) => `Deleted AS2 Gateway account ${r.name}.`);
    return 0;
  }
  throw bad('Unknown accounts command.', 'accounts');
}

async function waitUntilSettled(s: CliSession, name: string, rowId: number, io: CliIo): Promise<number> {
  for (let round = 0; round < 60; round++) {
    await new Promise((resolve) => setTimeout(resolve, round === 0 ? 2_000 : 5_000));
    await s.call('as2g.sync', { account: name });
    const message = await s.call('messages.get', { id: rowId });
    if (['delivered', 'delivered-with-warning', 'failed', 'stopped'].includes(message.status)) {
      io.err(`${message.status}: ${message.statusText ?? ''}`);
      return message.status === 'failed' || message.status === 'stopped' ? 1 : 0;
    }
  }
  throw new CourierError('TIMEOUT', 'The gateway has not settled the message within 5 minutes.', 'Check it later with `courier messages show` or `courier as2g sync`.');
}

const flags = {
  account: { type: 'string' },
  station: { type: 'string' },
  partner: { type: 'string' },
  subject: { type: 'string' },
  'partner-type': { type: 'string' },
  profile: { type: 'string' },
  'content-type': { type: 'string' },
  wait: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  'unread-only': { type: 'boolean', default: false },
  'sort-col': { type: 'string' },
  'sort-dir': { type: 'string' },
  'page-offset': { type: 'string' },
  'page-length': { type: 'string' },
  'message-id': { type: 'string' },
  query: { type: 'string' },
  'mark-read': { type: 'boolean', default: false },
  index: { type: 'string' },
  mdn: { type: 'boolean', default: false },
  out: { type: 'string' },
  yes: { type: 'boolean', default: false },
} as const;

export async function as2gCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'accounts') return accounts(rest, io);
  if (action === undefined || !(action in USAGE)) throw new CourierError('BAD_INPUT', 'Unknown as2g command.', `usage:\n  ${ALL_USAGE}`);
  const act = action as Action;
  const { values: v, positionals: p } = parseCommand(rest, flags, USAGE[act]);
  const name = account(v, act);
  const out = v.out ?? '.';
  const run = <T>(work: (s: CliSession) => Promise<T>) => withSession(v.home, work);
  switch (act) {
    case 'login': {
      const result = await run((s) => s.call('as2g.login', { account: name }));
      printResult(io, v.json, result, (a) => `Logged in to the AS2 Gateway as ${a.username}; session kept until ${a.sessionExpiresAt ?? 'shortly'}.`);
      return 0;
    }
    case 'send': {
      if (!v.station || !v.partner) throw bad('send needs --station and --partner.', 'send');
      if (p.length === 0) throw bad('Give at least one FILE.', 'send');
      const input: InputOf<'as2g.send'> = {
        account: name,
        station: v.station,
        partner: v.partner,
        files: p.map((path) => ({ path, contentType: v['content-type'] })),
        subject: v.subject,
        profile: v.profile,
        partnerType: v['partner-type'] === undefined ? undefined : oneOf(v['partner-type'], ['production', 'test'] as const, '--partner-type', 'send'),
      };
      return run(async (s) => {
        const result = await s.call('as2g.send', input);
        printResult(io, v.json, result, (r) => `Queued on the AS2 Gateway: ${r.messageId} (Outbox #${r.message.id})\n${r.link}`);
        return v.wait ? waitUntilSettled(s, name, result.message.id, io) : 0;
      });
    }
    case 'list': {
      const category = oneOf(p[0], as2gCategories, 'The category', 'list');
      const filter = {
        sortCol: v['sort-col'] as never,
        sortDir: v['sort-dir'] as never,
        partnerType: v['partner-type'] as never,
        pageOffset: integer(v['page-offset'], '--page-offset', 'list'),
        pageLength: integer(v['page-length'], '--page-length', 'list'),
        partnerAS2Id: v.partner,
        stationAS2Id: v.station,
        as2MessageId: v['message-id'],
        subject: v.subject,
        query: v.query,
        unreadOnly: v['unread-only'] || undefined,
      };
      const result = await run((s) => s.call('as2g.list', { account: name, category, all: v.all, filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) }));
      printResult(io, v.json, result, (r) => [`${r.totalRecords} ${category} message(s)${r.records.length < r.totalRecords ? `, ${r.records.length} shown` : ''}`, ...r.records.map(messageLine)].join('\n'));
      return 0;
    }
    case 'get': {
      const category = oneOf(p[0], as2gCategories, 'The category', 'get');
      if (p.length !== 2) throw bad('Give the category and one MESSAGE_ID.', 'get');
      const result = await run((s) => s.call('as2g.get', { account: name, category, messageId: p[1]!, markAsRead: v['mark-read'] }));
      printResult(io, v.json, result, (m) => `${messageLine(m)}${m.mdnMessage ? `\nMDN${m.mdnMessage.mdnError ? ' (error)' : ''}: ${m.mdnMessage.content}` : ''}`);
      return 0;
    }
    case 'download': {
      const category = oneOf(p[0], ['received', 'sent'] as const, 'The category', 'download');
      if (p.length !== 2) throw bad('Give the category and one MESSAGE_ID.', 'download');
      if ([v.all, v.mdn, v.index !== undefined].filter(Boolean).length > 1) throw bad('Choose one of --index, --all and --mdn.', 'download');
      const what = v.mdn ? ('mdn' as const) : v.all ? ('all' as const) : { attachment: integer(v.index, '--index', 'download') ?? 0 };
      const result = await run((s) => s.call('as2g.download', { account: name, category, messageId: p[1]!, what, markAsRead: v['mark-read'] }));
      const path = await writeOut(out, result.fileName, Buffer.from(result.contentBase64, 'base64'));
      printResult(io, v.json, { path, size: result.size }, (r) => `Wrote ${r.path} (${r.size} bytes).`);
      return 0;
    }
    case 'batch-download': {
      if (p.length === 0) throw bad('Give at least one MESSAGE_ID.', 'batch-download');
      const result = await run((s) => s.call('as2g.batchDownload', { account: name, messageIds: p, markAsRead: v['mark-read'] }));
      const written: Array<{ messageId: string; files: string[]; error: string | null }> = [];
      for (const message of result.messages) {
        const dir = join(out, safeName(message.messageId));
        const files = [];
        for (const f of message.files) files.push(await writeOut(dir, f.name, Buffer.from(f.contentBase64, 'base64')));
        written.push({ messageId: message.messageId, files, error: message.error });
      }
      printResult(io, v.json, { requests: result.requests, messages: written }, (r) => [`${r.messages.length} message(s) in ${r.requests} request(s):`, ...r.messages.map((m) => `  ${m.messageId}: ${m.error ? `error: ${m.error}` : m.files.join(', ')}`)].join('\n'));
      return written.some((m) => m.error) ? 1 : 0;
    }
    case 'stop':
    case 'retry':
    case 'mark-unread': {
      if (p.length !== 1) throw bad('Give exactly one MESSAGE_ID.', act);
      const result = await run((s) => (act === 'mark-unread' ? s.call('as2g.markUnread', { account: name, messageId: p[0]! }) : s.call('as2g.queueControl', { account: name, messageId: p[0]!, action: act })));
      printResult(io, v.json, result, (r) => r.message);
      return 0;
    }
    case 'delete': {
      const category = oneOf(p[0], as2gDeleteCategories, 'The category', 'delete');
      if (p.length < 2) throw bad('Give the category and at least one MESSAGE_ID.', 'delete');
      if (!v.yes) throw bad('Deleting messages on the gateway needs --yes to confirm.', 'delete');
      const result = await run((s) => s.call('as2g.delete', { account: name, category, messageIds: p.slice(1), confirm: true }));
      printResult(io, v.json, result, (r) => r.message);
      return 0;
    }
    case 'partners': {
      const result = await run((s) => s.call('as2g.partners', { account: name, query: v.query }));
      printResult(io, v.json, result, (r) => (r.partners.length === 0 ? 'No partners.' : r.partners.map((x) => `${x.as2Identifier.padEnd(20)} ${x.name}  ${x.partnerType}  ${x.uri}`).join('\n')));
      return 0;
    }
    case 'stations': {
      const result = await run((s) => s.call('as2g.stations', { account: name, query: v.query }));
      printResult(io, v.json, result, (r) => (r.stations.length === 0 ? 'No stations.' : r.stations.map((x) => `${x.as2Identifier.padEnd(20)} ${x.name}  ${x.email}`).join('\n')));
      return 0;
    }
    case 'sync': {
      const result = await run((s) => s.call('as2g.sync', { account: name }));
      printResult(io, v.json, result, (r) => `Synced ${r.account}: stored ${r.stored}, already stored ${r.alreadyStored}, marked read ${r.markedRead}, Outbox updated ${r.outboundUpdated} (${r.requests} requests).`);
      return 0;
    }
    default:
      throw bad('Unknown as2g command.', act);
  }
}
