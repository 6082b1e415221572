// `courier info`, `courier audit list`, `courier settings get|set`: thin calls through the Api.
import { CourierError } from '../../../shared/ipc';
import { parseCommand, printResult, type CliIo } from './options';
import { withSession } from './session';

export async function infoCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, {}, 'courier info [--home DIR] [--json]');
  const info = await withSession(values.home, (s) => s.call('app.info', {}));
  printResult(io, values.json, info, (i) =>
    [`Courier ${i.version} (${i.host})`, `home      ${i.home}`, `database  ${i.paths.database}`, `blobs     ${i.paths.blobs}`, `keys      ${i.paths.keys}`].join('\n'),
  );
  return 0;
}

export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const usage = 'courier audit list [--limit N] [--action NAME] [--home DIR] [--json]';
  const { values, positionals } = parseCommand(args, { limit: { type: 'string' }, action: { type: 'string' } }, usage);
  if (positionals[0] !== 'list' || positionals.length > 1) throw new CourierError('BAD_INPUT', 'Unknown audit command.', `usage: ${usage}`);
  const page = await withSession(values.home, (s) =>
    s.call('audit.list', { limit: values.limit === undefined ? undefined : Number(values.limit), action: values.action }),
  );
  printResult(io, values.json, page, (p) =>
    p.entries.length === 0
      ? 'No audit entries.'
      : p.entries.map((e) => `${e.at}  ${e.actor}  ${e.action}${e.target ? `  ${e.target}` : ''}`).join('\n'),
  );
  return 0;
}

export async function settingsCommand(args: string[], io: CliIo): Promise<number> {
  const usage = 'courier settings get | courier settings set [--theme system|light|dark] [--last-page PATH] [--home DIR] [--json]';
  const { values, positionals } = parseCommand(args, { theme: { type: 'string' }, 'last-page': { type: 'string' } }, usage);
  const action = positionals[0];
  if ((action !== 'get' && action !== 'set') || positionals.length > 1) throw new CourierError('BAD_INPUT', 'Unknown settings command.', `usage: ${usage}`);
  const settings = await withSession(values.home, (s) =>
    action === 'get'
      ? s.call('settings.get', {})
      : s.call('settings.set', { theme: values.theme as 'system' | 'light' | 'dark' | undefined, lastPage: values['last-page'] }),
  );
  printResult(io, values.json, settings, (s) => Object.entries(s).map(([key, value]) => `${key.padEnd(10)} ${String(value)}`).join('\n'));
  return 0;
}
