// `courier keys rotate ID` starts a rotation and returns once the successor is stored; `courier keys
// rotation ID` shows its timeline, and with --switch-now or --cancel --yes steers it. Scripts rely on
// these forms and on the exit codes: 0 done, 1 failed or cancelled, 2 bad input or a step not allowed now.
import { randomUUID } from 'node:crypto';
import { CourierError, type CourierEvent, type InputOf, type KeyRotation } from '../../../shared/ipc';
import { describeAlgorithm } from '../../core/keys/keyGeneration';
import { parseCommand, printResult, type CliIo } from './options';
import { withSession } from './session';

export const ROTATION_USAGE = {
  rotate: 'courier keys rotate ID [--switch-at ISO|now] [--overlap-days N] [--label NAME] [--bits N | --curve C] [--home DIR] [--json]',
  rotation: 'courier keys rotation ID [--switch-now | --cancel --yes] [--home DIR] [--json]',
} as const;

function badInput(message: string, action: keyof typeof ROTATION_USAGE): CourierError {
  return new CourierError('BAD_INPUT', message, `usage: ${ROTATION_USAGE[action]}`);
}

function oneId(positionals: string[], action: keyof typeof ROTATION_USAGE): string {
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) throw badInput('Give exactly one key id.', action);
  return id;
}

/** The rotation as a person reads it: the two keys, the state, then each date of the timeline. */
export function rotationText(r: KeyRotation): string {
  const date = (value: string | null, fallback = '—') => value ?? fallback;
  const lines = [
    `Rotation ${r.id}: ${r.predecessorId} → ${r.successorId}  ${r.state}${r.cancelReason ? ` (${r.cancelReason})` : ''}`,
    `  started     ${r.startedAt}`,
    `  ready       ${date(r.readyAt)}`,
    `  switch at   ${date(r.switchAt, `on request: courier keys rotation ${r.predecessorId} --switch-now`)}`,
    `  switched    ${date(r.switchedAt)}`,
    `  retire at   ${date(r.retireAt, `${r.overlapDays} days after the switch`)}`,
    `  retired     ${date(r.retiredAt)}`,
  ];
  if (r.cancelledAt) lines.push(`  cancelled   ${r.cancelledAt}`);
  return lines.join('\n');
}

export async function rotateCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    'switch-at': { type: 'string' },
    'overlap-days': { type: 'string' },
    label: { type: 'string' },
    bits: { type: 'string' },
    curve: { type: 'string' },
  } as const;
  const { values, positionals } = parseCommand(args, options, ROTATION_USAGE.rotate);
  const id = oneId(positionals, 'rotate');
  if (values.bits !== undefined && values.curve !== undefined) throw badInput('Give --bits (RSA) or --curve (EC), not both.', 'rotate');
  // The contract validates times, counts, sizes and curves; the CLI passes them through as given.
  const algorithm = values.curve !== undefined ? { type: 'ec', curve: values.curve } : values.bits !== undefined ? { type: 'rsa', bits: Number(values.bits) } : undefined;
  const input = {
    id,
    jobId: randomUUID(),
    switchAt: values['switch-at'],
    overlapDays: values['overlap-days'] === undefined ? undefined : Number(values['overlap-days']),
    label: values.label,
    algorithm,
  } as InputOf<'keys.rotate'>;

  const rotation = await withSession(values.home, async (s) => {
    const progress = s.api.subscribe('events', {}, (event) => {
      const e = event as CourierEvent;
      if (e.type === 'keys.generation' && e.job.jobId === input.jobId && e.job.state === 'running') {
        io.err(`Generating the successor of ${id} (${describeAlgorithm(e.job.algorithm)})… Ctrl-C cancels.`);
      }
    });
    const cancel = () => void s.call('keys.cancelGeneration', { jobId: input.jobId });
    process.on('SIGINT', cancel);
    try {
      return await s.call('keys.rotate', input);
    } finally {
      process.off('SIGINT', cancel);
      progress.unsubscribe();
    }
  });
  printResult(io, values.json, rotation, rotationText);
  return 0;
}

export async function rotationCommand(args: string[], io: CliIo): Promise<number> {
  const options = { 'switch-now': { type: 'boolean', default: false }, cancel: { type: 'boolean', default: false }, yes: { type: 'boolean', default: false } } as const;
  const { values, positionals } = parseCommand(args, options, ROTATION_USAGE.rotation);
  const id = oneId(positionals, 'rotation');
  if (values['switch-now'] && values.cancel) throw badInput('Give --switch-now or --cancel, not both.', 'rotation');
  if (values.cancel && !values.yes) throw badInput('Cancelling a rotation needs --yes to confirm.', 'rotation');
  if (values.yes && !values.cancel) throw badInput('--yes only confirms --cancel.', 'rotation');
  const result = await withSession(values.home, async (s) => {
    if (values['switch-now']) return { rotation: await s.call('keys.switchNow', { id }) };
    if (values.cancel) return { rotation: await s.call('keys.cancelRotation', { id, confirm: true }) };
    return s.call('keys.rotation', { id });
  });
  printResult(io, values.json, result, (r) => (r.rotation ? rotationText(r.rotation) : `Key ${id} has not taken part in a rotation.`));
  return 0;
}
