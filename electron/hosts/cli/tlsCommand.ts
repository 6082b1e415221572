// `courier tls inspect|export-chain|trust-ca|pin|trust-list|trust-remove`: the TLS inspector and a
// profile's extra trust, through the same Api as the TLS page. `inspect` exits 0 only for a valid chain.
import { readFile, stat } from 'node:fs/promises';
import { CourierError, type InputOf } from '../../../shared/ipc';
import { writeFileDurably } from '../../core/store/durableFile';
import { MAX_BUNDLE_BYTES, parseCertificateBundle } from '../../core/tls/certificateBundle';
import { parseCommand, printResult, type CliIo } from './options';
import { withSession } from './session';
import { inspectionReport, trustReport } from './tlsReport';

const TARGET = 'HOST:PORT [--servername NAME] [--scope SCOPE] [--ca FILE] [--timeout SECONDS]';
const USAGE = {
  inspect: `courier tls inspect ${TARGET} [--home DIR] [--json]`,
  'export-chain': `courier tls export-chain ${TARGET} [--out FILE] [--home DIR] [--json]`,
  'trust-ca': 'courier tls trust-ca --scope SCOPE FILE [--home DIR] [--json]',
  pin: 'courier tls pin --scope SCOPE SPKI_SHA256 [--label TEXT] [--home DIR] [--json]',
  'trust-list': 'courier tls trust-list [--scope SCOPE] [--home DIR] [--json]',
  'trust-remove': 'courier tls trust-remove --scope SCOPE ID [--home DIR] [--json]',
} as const;
type Action = keyof typeof USAGE;

const targetOptions = {
  servername: { type: 'string' },
  scope: { type: 'string' },
  ca: { type: 'string' },
  timeout: { type: 'string' },
} as const;

function badInput(message: string, action: Action): CourierError {
  return new CourierError('BAD_INPUT', message, `usage: ${USAGE[action]}`);
}

export async function tlsCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'inspect':
      return inspect(rest, io);
    case 'export-chain':
      return exportChain(rest, io);
    case 'trust-ca':
      return trustCa(rest, io);
    case 'pin':
      return pin(rest, io);
    case 'trust-list':
      return trustList(rest, io);
    case 'trust-remove':
      return trustRemove(rest, io);
    default:
      throw new CourierError('BAD_INPUT', 'Unknown tls command.', `usage: ${Object.values(USAGE).join(' | ')}`);
  }
}

/** `host:port` or `[ipv6]:port`; the port is required (there is no default to guess for a B2B endpoint). */
function parseHostPort(value: string | undefined, action: Action): { host: string; port: number } {
  if (value === undefined) throw badInput('Give the server as HOST:PORT.', action);
  const match = /^\[([0-9A-Fa-f:.]+)\]:([^:]*)$/.exec(value) ?? /^([^:[\]\s]+):([^:]*)$/.exec(value);
  if (!match) {
    const hint = /^[^:\s]+$/.test(value) ? `add the port, e.g. ${value.slice(0, 100)}:443` : 'write it as HOST:PORT, or [IPv6]:PORT';
    throw new CourierError('BAD_INPUT', `"${value.slice(0, 100)}" is not HOST:PORT.`, hint);
  }
  const port = /^\d{1,5}$/.test(match[2]!) ? Number(match[2]) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new CourierError('BAD_INPUT', `"${match[2]!.slice(0, 20)}" is not a port number.`, 'A port is a number from 1 to 65535.');
  }
  return { host: match[1]!, port };
}

async function readCaFile(path: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new CourierError('BAD_INPUT', `Cannot read the CA file ${path}.`, 'Check the path and its permissions.');
  }
  if (size > MAX_BUNDLE_BYTES) {
    throw new CourierError('BAD_INPUT', `The CA file ${path} is ${size} bytes, more than the ${MAX_BUNDLE_BYTES} a certificate bundle may have.`, 'Give a file with only the CA certificates you need.');
  }
  const certificates = parseCertificateBundle(await readFile(path), `The CA file ${path}`);
  return certificates.map((certificate) => certificate.summary.pem).join('');
}

interface TargetValues {
  servername?: string | undefined;
  scope?: string | undefined;
  ca?: string | undefined;
  timeout?: string | undefined;
}

async function targetInput(values: TargetValues, positionals: string[], action: 'inspect' | 'export-chain'): Promise<InputOf<'tls.inspect'>> {
  if (positionals.length !== 1) throw badInput('Give exactly one HOST:PORT.', action);
  const { host, port } = parseHostPort(positionals[0], action);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout >= 0.1 && timeout <= 120)) {
    throw badInput(`"${values.timeout}" is not a timeout in seconds (0.1 to 120).`, action);
  }
  return {
    host,
    port,
    servername: values.servername,
    scope: values.scope,
    extraCaPem: values.ca === undefined ? undefined : await readCaFile(values.ca),
    timeoutMs: timeout === undefined ? undefined : Math.round(timeout * 1000),
  };
}

async function inspect(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, targetOptions, USAGE.inspect);
  const input = await targetInput(values, positionals, 'inspect');
  const inspection = await withSession(values.home, (s) => s.call('tls.inspect', input));
  printResult(io, values.json, inspection, inspectionReport);
  return inspection.valid ? 0 : 1;
}

async function exportChain(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { ...targetOptions, out: { type: 'string' } }, USAGE['export-chain']);
  const input = await targetInput(values, positionals, 'export-chain');
  const exported = await withSession(values.home, (s) => s.call('tls.exportChainPem', input));
  if (exported.certificates === 0) throw new CourierError('CONNECTION_FAILED', `${input.host}:${input.port} presented no certificate.`, 'Inspect it with `courier tls inspect` to see why.');
  if (values.out === undefined) {
    io.out(values.json ? JSON.stringify(exported, null, 2) : exported.pem);
    return 0;
  }
  await writeFileDurably(values.out, exported.pem);
  printResult(io, values.json, { out: values.out, certificates: exported.certificates }, (r) => `${r.certificates} certificate(s) written to ${r.out}.`);
  return 0;
}

async function trustCa(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { scope: { type: 'string' } }, USAGE['trust-ca']);
  if (values.scope === undefined || positionals.length !== 1) throw badInput('Give --scope and exactly one CA file.', 'trust-ca');
  const pem = await readCaFile(positionals[0]!);
  const result = await withSession(values.home, (s) => s.call('tls.trustCa', { scope: values.scope!, pem }));
  printResult(io, values.json, result, (r) => `Trusted for ${values.scope}:\n${trustReport(r.entries)}`);
  return 0;
}

async function pin(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { scope: { type: 'string' }, label: { type: 'string' } }, USAGE.pin);
  if (values.scope === undefined || positionals.length !== 1) throw badInput('Give --scope and exactly one SPKI SHA-256.', 'pin');
  const entry = await withSession(values.home, (s) => s.call('tls.pin', { scope: values.scope!, spkiSha256: positionals[0]!, label: values.label }));
  printResult(io, values.json, entry, (e) => `Pinned for ${e.scope}:\n${trustReport([e])}`);
  return 0;
}

async function trustList(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { scope: { type: 'string' } }, USAGE['trust-list']);
  if (positionals.length > 0) throw badInput('trust-list takes no arguments besides --scope.', 'trust-list');
  const result = await withSession(values.home, (s) => s.call('tls.listTrust', { scope: values.scope }));
  printResult(io, values.json, result, (r) => trustReport(r.entries));
  return 0;
}

async function trustRemove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { scope: { type: 'string' } }, USAGE['trust-remove']);
  const id = /^\d{1,15}$/.test(positionals[0] ?? '') ? Number(positionals[0]) : NaN;
  if (values.scope === undefined || positionals.length !== 1 || !(id > 0)) throw badInput('Give --scope and one entry id (see trust-list).', 'trust-remove');
  const entry = await withSession(values.home, (s) => s.call('tls.removeTrust', { scope: values.scope!, id }));
  printResult(io, values.json, entry, (e) => `Removed from ${e.scope}:\n${trustReport([e])}`);
  return 0;
}
