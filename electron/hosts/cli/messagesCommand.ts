// `courier as2 send` and `courier messages …`: sending a document to a partner (queued, then delivered by the
// queue worker this command runs until the message is settled) and the Inbox/Outbox from a script.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CourierError, messageStatuses, type MessageDetail, type MessageStatus, type MessageSummary } from '../../../shared/ipc';
import { HELD_TEXT } from '../../core/transports/as2/as2Sender';
import { startOutboundQueue } from '../../core/transports/as2/outboundQueue';
import { parseCommand, printResult, type CliIo } from './options';
import { withSession, type CliSession } from './session';

const USAGE = {
  send: 'courier as2 send --partner ID FILE [--attach FILE …] [--subject S] [--content-type T] [--wait (through retries)] [--home DIR] [--json]',
  list: 'courier messages list [--direction in|out] [--partner ID] [--status S] [--limit N] [--home DIR] [--json]',
  show: 'courier messages show ID [--home DIR] [--json]',
  export: 'courier messages export ID --out FILE [--home DIR]',
  stop: 'courier messages stop|resume|resend ID [--home DIR] [--json]',
} as const;

/** Statuses after which nothing more happens without the user (awaiting-mdn waits for a listener, not for us). */
const SETTLED: ReadonlySet<MessageStatus> = new Set(['delivered', 'delivered-with-warning', 'failed', 'stopped', 'awaiting-mdn']);
/** Without --wait the command returns after the first attempt: a retry is left to `courier serve`. */
const ATTEMPTED: ReadonlySet<MessageStatus> = new Set([...SETTLED, 'retrying']);

const summaryLine = (m: MessageSummary): string =>
  `${String(m.id).padStart(6)}  ${m.direction === 'inbound' ? 'in ' : 'out'}  ${m.status.padEnd(22)} ${(m.partnerName ?? m.partnerId ?? '-').padEnd(16)} ${m.fileName ?? '-'}  ${m.statusText ?? ''}`.trimEnd();

function detailText(m: MessageDetail): string {
  const lines = [
    `message ${m.id} (${m.direction}, ${m.protocol})`,
    `  Message-ID   ${m.messageId ?? '-'}`,
    `  partner      ${m.partnerName ?? m.partnerId ?? '-'}`,
    `  file         ${m.fileName ?? '-'} (${m.contentType ?? '-'}, ${m.payloadSize ?? 0} bytes)`,
    `  status       ${m.status}${m.statusText ? ` — ${m.statusText}` : ''}`,
  ];
  if (m.security) {
    lines.push(`  encryption   ${m.security.encryption ? `${m.security.encryption.cipher} (${m.security.encryption.keyTransport})` : 'none'}`);
    lines.push(`  signature    ${m.security.signature.status}${m.security.signature.digest ? ` (${m.security.signature.digest})` : ''}`);
  }
  if (m.mdn) {
    lines.push(`  MDN          ${m.mdn.state}${m.mdn.disposition ? `: ${m.mdn.disposition}` : ''}`);
    if (m.mdn.micMatches !== null) lines.push(`  MIC          ${m.mdn.micMatches ? 'matches' : `MISMATCH (expected ${m.mdn.micExpected}, returned ${m.mdn.micReturned})`}`);
    lines.push(`  MDN signed   ${m.mdn.signature.status}${m.mdn.signature.reason ? ` — ${m.mdn.signature.reason}` : ''}`);
  }
  if (m.problem) lines.push(`  problem      ${m.problem.summary}`, `  check        ${m.problem.whatToCheck}`);
  for (const attempt of m.attempts) lines.push(`  ${attempt.at}  ${attempt.outcome}${attempt.detail ? `: ${attempt.detail}` : ''}`);
  return lines.join('\n');
}

function messageRef(value: string | undefined, usage: string): number {
  const id = Number(value);
  if (value === undefined || !Number.isInteger(id) || id <= 0) throw new CourierError('BAD_INPUT', `"${value ?? ''}" is not a message number.`, `usage: ${usage}`);
  return id;
}

/** Runs the queue worker until message `first` reaches one of `until`, printing each status it passes through. */
async function deliver(session: CliSession, first: MessageSummary, until: ReadonlySet<MessageStatus>, io: CliIo, json: boolean): Promise<MessageSummary> {
  const queue = startOutboundQueue(session.ctx);
  let last = first;
  try {
    await new Promise<void>((done) => {
      const unsubscribe = session.ctx.events.subscribe((event) => {
        if (event.type !== 'messages.changed' || event.message.id !== first.id || event.message.status === last.status) return;
        last = event.message;
        if (!json) io.out(`${last.status}${last.statusText ? `: ${last.statusText}` : ''}`);
        if (until.has(last.status)) {
          unsubscribe();
          done();
        }
      });
      queue.wake();
    });
  } finally {
    await queue.close();
  }
  return last;
}

async function send(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { partner: { type: 'string' }, attach: { type: 'string', multiple: true }, subject: { type: 'string' }, 'content-type': { type: 'string' }, wait: { type: 'boolean', default: false } },
    USAGE.send,
  );
  if (!values.partner || positionals.length !== 1) throw new CourierError('BAD_INPUT', 'as2 send needs --partner and one FILE.', `usage: ${USAGE.send}`);
  const attachments = await Promise.all(
    (values.attach ?? []).map(async (path) => {
      const bytes = await readFile(path).catch(() => {
        throw new CourierError('BAD_INPUT', `Cannot read the attachment ${path}.`, 'Check the path and its permissions.');
      });
      return { fileName: basename(path), contentBase64: bytes.toString('base64') };
    }),
  );
  return withSession(values.home, async (session) => {
    const queued = await session.call('as2.send', {
      partner: values.partner!,
      document: { path: resolve(positionals[0]!) },
      attachments,
      ...(values.subject !== undefined ? { subject: values.subject } : {}),
      ...(values['content-type'] !== undefined ? { contentType: values['content-type'] } : {}),
    });
    if (!values.json) io.out(`queued message ${queued.id} (${queued.messageId})${queued.statusText === HELD_TEXT ? ` — ${HELD_TEXT.toLowerCase()}` : ''}`);
    const held = queued.statusText === HELD_TEXT;
    const final = held ? queued : await deliver(session, queued, values.wait ? SETTLED : ATTEMPTED, io, values.json);
    if (values.json) printResult(io, true, final, summaryLine);
    return final.status === 'failed' ? 1 : 0;
  });
}

const DIRECTIONS = { in: 'inbound', out: 'outbound', inbound: 'inbound', outbound: 'outbound' } as const;

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, { direction: { type: 'string', default: 'out' }, partner: { type: 'string' }, status: { type: 'string', multiple: true }, limit: { type: 'string' } }, USAGE.list);
  const direction = DIRECTIONS[values.direction as keyof typeof DIRECTIONS];
  if (!direction) throw new CourierError('BAD_INPUT', `--direction is in or out, not "${values.direction}".`, `usage: ${USAGE.list}`);
  const statuses = (values.status ?? []).map((status) => {
    if (!(messageStatuses as readonly string[]).includes(status)) throw new CourierError('BAD_INPUT', `"${status}" is not a message status.`, `One of: ${messageStatuses.join(', ')}.`);
    return status as MessageStatus;
  });
  return withSession(values.home, async (session) => {
    const result = await session.call('messages.list', {
      direction,
      ...(values.partner ? { partnerId: session.ctx.as2Profiles.getPartner(values.partner).id } : {}),
      ...(statuses.length > 0 ? { statuses } : {}),
      ...(values.limit ? { limit: Number(values.limit) } : {}),
    });
    printResult(io, values.json, result, (r) => (r.rows.length === 0 ? 'no messages' : [...r.rows.map(summaryLine), `${r.rows.length} of ${r.total}`].join('\n')));
    return 0;
  });
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.show);
  const id = messageRef(positionals[0], USAGE.show);
  return withSession(values.home, async (session) => {
    printResult(io, values.json, await session.call('messages.get', { id }), detailText);
    return 0;
  });
}

async function exportZip(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { out: { type: 'string' } }, USAGE.export);
  const id = messageRef(positionals[0], USAGE.export);
  if (!values.out) throw new CourierError('BAD_INPUT', 'messages export needs --out FILE.', `usage: ${USAGE.export}`);
  return withSession(values.home, async (session) => {
    const exported = await session.call('messages.export', { id });
    const bytes = Buffer.from(exported.contentBase64, 'base64');
    await writeFile(values.out!, bytes, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      throw new CourierError('BAD_INPUT', error.code === 'EEXIST' ? `${values.out} exists already.` : `Cannot write ${values.out}.`, 'Choose another --out path.');
    });
    printResult(io, values.json, { file: values.out!, size: bytes.length }, (r) => `wrote ${r.file} (${r.size} bytes)`);
    return 0;
  });
}

async function action(name: 'stop' | 'resume' | 'resend', args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.stop);
  const id = messageRef(positionals[0], USAGE.stop);
  return withSession(values.home, async (session) => {
    const summary = await session.call(`messages.${name}`, { id });
    printResult(io, values.json, summary, (m) => (name === 'resend' ? `queued message ${m.id} (${m.messageId}); run \`courier serve\` or \`courier as2 send --wait\` to deliver it` : summaryLine(m)));
    return 0;
  });
}

export async function as2Command(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'send') return send(rest, io);
  throw new CourierError('BAD_INPUT', `Unknown as2 command "${sub ?? ''}".`, `usage: ${USAGE.send}`);
}

export async function messagesCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return list(rest, io);
    case 'show':
      return show(rest, io);
    case 'export':
      return exportZip(rest, io);
    case 'stop':
    case 'resume':
    case 'resend':
      return action(sub, rest, io);
    default:
      throw new CourierError('BAD_INPUT', `Unknown messages command "${sub ?? ''}".`, `usage: ${Object.values(USAGE).slice(1).join(' | ')}`);
  }
}
