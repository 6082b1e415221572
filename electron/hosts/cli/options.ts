// Argument parsing shared by every command: `--home DIR` and `--json` everywhere, strict flags, and a
// bad flag reported as BAD_INPUT (exit 2) with the command's usage as the hint.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CourierError } from '../../../shared/ipc';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export const commonOptions = {
  home: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options: { ...commonOptions, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : 'Invalid arguments.';
    throw new CourierError('BAD_INPUT', message ?? 'Invalid arguments.', `usage: ${usage}`);
  }
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CourierError('BAD_INPUT', `"${value}" is not a port number.`, 'Give --port a number from 0 to 65535 (0 picks a free one).');
  }
  return port;
}

/** Prints a result as JSON (`--json`) or as the command's human form. */
export function printResult<T>(io: CliIo, json: boolean, value: T, human: (value: T) => string): void {
  io.out(json ? JSON.stringify(value, null, 2) : human(value));
}
