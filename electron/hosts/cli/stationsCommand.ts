// `courier stations add|list|delete`: our AS2 stations through the same Api as the Partners page. A station's
// identity comes from the keystore (--key KEY_ID --cert CERT_ID) or straight from a PKCS#12 file (--p12), whose
// password is read from --password-file, never from the command line.
import { CourierError, type InputOf, type OutputOf } from '../../../shared/ipc';
import { stationList, stationReport } from './as2ProfileReport';
import { fileContent, PKCS12_PASSWORD_FILE } from './certsCommand';
import { readSecretFile } from './secretFile';
import { parseCommand, printResult, type CliIo } from './options';
import { withSession, type CliSession } from './session';

const USAGE = {
  add:
    'courier stations add --as2-id ID (--key KEY_ID --cert CERT_ID | --p12 FILE --password-file F) [--name N] [--url URL] ' +
    '[--environment test|production] [--decrypt KEY_ID:CERT_ID ...] [--home DIR] [--json]',
  list: 'courier stations list [--home DIR] [--json]',
  delete: 'courier stations delete ID --yes [--home DIR] [--json]',
} as const;
type Action = keyof typeof USAGE;

function badInput(message: string, action: Action): CourierError {
  return new CourierError('BAD_INPUT', message, `usage: ${USAGE[action]}`);
}

export async function stationsCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add':
      return add(rest, io);
    case 'list':
      return list(rest, io);
    case 'delete':
      return remove(rest, io);
    default:
      throw new CourierError('BAD_INPUT', 'Unknown stations command.', `usage: ${Object.values(USAGE).join(' | ')}`);
  }
}

const addOptions = {
  'as2-id': { type: 'string' },
  key: { type: 'string' },
  cert: { type: 'string' },
  p12: { type: 'string' },
  'password-file': { type: 'string' },
  name: { type: 'string' },
  url: { type: 'string' },
  environment: { type: 'string' },
  decrypt: { type: 'string', multiple: true },
} as const;

function decryptPair(value: string): { keyId: string; certificateId: string } {
  const [keyId, certificateId, ...more] = value.split(':');
  if (!keyId || !certificateId || more.length > 0) throw badInput(`--decrypt takes KEY_ID:CERT_ID, not "${value.slice(0, 80)}".`, 'add');
  return { keyId, certificateId };
}

/** The key and certificate a PKCS#12 file brings into the keystore and catalog (already present ones too). */
async function identityFrom(s: CliSession, input: InputOf<'certs.import'>): Promise<{ keyId: string; certificateId: string }> {
  const result: OutputOf<'certs.import'> = await s.call('certs.import', input);
  const key = result.keys[0]?.key;
  if (!key) throw new CourierError('BAD_INPUT', `${input.fileName} holds no private key.`, 'A station needs its own key: export the PKCS#12 file again with the private key.');
  const certificate = result.certificates.find((c) => c.certificate.keyId === key.id)?.certificate;
  if (!certificate) throw new CourierError('BAD_INPUT', `${input.fileName} holds no certificate for its key.`, `Attach the certificate with \`courier certs attach ${key.id} FILE\`, then use --key and --cert.`);
  return { keyId: key.id, certificateId: certificate.id };
}

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, addOptions, USAGE.add);
  if (positionals.length > 0) throw badInput('stations add takes flags only.', 'add');
  if (values['as2-id'] === undefined) throw badInput('--as2-id is required.', 'add');
  const fromKeystore = values.key !== undefined || values.cert !== undefined;
  if (fromKeystore === (values.p12 !== undefined)) throw badInput('Give either --key and --cert, or --p12.', 'add');
  if (fromKeystore && (values.key === undefined || values.cert === undefined)) throw badInput('--key and --cert go together.', 'add');
  if (values.p12 !== undefined && values['password-file'] === undefined) throw badInput('--p12 needs --password-file.', 'add');
  const p12 = values.p12 === undefined ? undefined : { ...(await fileContent(values.p12)), password: await readSecretFile(values['password-file']!, PKCS12_PASSWORD_FILE), purpose: 'as2-signing' as const };
  const decryption = values.decrypt?.map(decryptPair);
  const station = await withSession(values.home, async (s) => {
    const signing = p12 ? await identityFrom(s, p12) : { keyId: values.key!, certificateId: values.cert! };
    const input = {
      as2Id: values['as2-id']!,
      name: values.name,
      environment: values.environment,
      signing,
      decryption,
      publicUrl: values.url,
    } as InputOf<'as2.stations.save'>;
    return s.call('as2.stations.save', input);
  });
  printResult(io, values.json, station, (st) => `Added station ${st.as2Id}.\n${stationReport(st)}`);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.list);
  if (positionals.length > 0) throw badInput('stations list takes no arguments.', 'list');
  const stations = await withSession(values.home, (s) => s.call('as2.stations.list', {}));
  printResult(io, values.json, stations, stationList);
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { yes: { type: 'boolean', default: false } }, USAGE.delete);
  if (positionals.length !== 1) throw badInput('Give exactly one station id or AS2 ID.', 'delete');
  if (!values.yes) throw badInput('Deleting a station needs --yes to confirm.', 'delete');
  const result = await withSession(values.home, (s) => s.call('as2.stations.delete', { station: positionals[0]!, confirm: true }));
  printResult(io, values.json, result, (r) => `Deleted station ${r.deleted}; its keys stay in the keystore.`);
  return 0;
}
