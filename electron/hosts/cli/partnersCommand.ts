// `courier partners add|list|show|export|import|delete`: AS2 partners through the same Api as the Partners page.
// `add --cert FILE` brings the partner's certificate into the catalog first (a certificate already held is
// reused); `export` writes the portable JSON document that `import` reads on another Courier.
import { resolve } from 'node:path';
import { CourierError, type InputOf, type OutputOf } from '../../../shared/ipc';
import { writeFileDurably } from '../../core/store/durableFile';
import { partnerList, partnerReport } from './as2ProfileReport';
import { fileContent } from './certsCommand';
import { readInputText } from './inputFile';
import { parseCommand, printResult, type CliIo } from './options';
import { PARTNER_FLAGS, partnerOptions, partnerSettings } from './partnerFlags';
import { withSession, type CliSession } from './session';

const USAGE = {
  add: `courier partners add --as2-id ID --url URL --cert FILE ${PARTNER_FLAGS} [--home DIR] [--json]`,
  list: 'courier partners list [--home DIR] [--json]',
  show: 'courier partners show ID [--home DIR] [--json]',
  export: 'courier partners export ID [--out FILE] [--home DIR] [--json]',
  import: 'courier partners import FILE [--station ID] [--home DIR] [--json]',
  delete: 'courier partners delete ID --yes [--home DIR] [--json]',
} as const;
type Action = keyof typeof USAGE;

/** Far above a partner document with two certificates; a bigger file is a mistake. */
const MAX_DOCUMENT_BYTES = 512 * 1024;

function badInput(message: string, action: Action): CourierError {
  return new CourierError('BAD_INPUT', message, `usage: ${USAGE[action]}`);
}

function onePositional(positionals: string[], what: string, action: Action): string {
  if (positionals.length !== 1) throw badInput(`Give exactly one ${what}.`, action);
  return positionals[0]!;
}

export async function partnersCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add':
      return add(rest, io);
    case 'list':
      return list(rest, io);
    case 'show':
      return show(rest, io);
    case 'export':
      return exportPartner(rest, io);
    case 'import':
      return importPartner(rest, io);
    case 'delete':
      return remove(rest, io);
    default:
      throw new CourierError('BAD_INPUT', 'Unknown partners command.', `usage: ${Object.values(USAGE).join(' | ')}`);
  }
}

/** Imports a partner certificate file and returns the catalog id of the partner's own (non-CA) certificate. */
async function certificateId(s: CliSession, file: { fileName: string; contentBase64: string }): Promise<string> {
  const result = await s.call('certs.import', file);
  const all = result.certificates.map((c) => c.certificate);
  const leaves = all.length === 1 ? all : all.filter((c) => !c.isCa);
  if (leaves.length !== 1) {
    throw new CourierError('BAD_INPUT', `${file.fileName} holds ${all.length} certificates, and which is the partner's own is not clear.`, "Give the partner's certificate alone; CA certificates go in with `courier certs import`.");
  }
  return leaves[0]!.id;
}

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, partnerOptions, USAGE.add);
  if (positionals.length > 0) throw badInput('partners add takes flags only.', 'add');
  if (values['as2-id'] === undefined) throw badInput('--as2-id is required.', 'add');
  if (values.url === undefined) throw badInput('--url is required.', 'add');
  if (values.cert === undefined) throw badInput("--cert FILE (the partner's certificate) is required.", 'add');
  const settings = partnerSettings(values, `usage: ${USAGE.add}`);
  const encryptionFile = await fileContent(values.cert);
  const signatureFile = values['signature-cert'] === undefined ? undefined : await fileContent(values['signature-cert']);
  const partner = await withSession(values.home, async (s) => {
    const encryptionCertificateId = await certificateId(s, encryptionFile);
    const signatureCertificateId = signatureFile ? await certificateId(s, signatureFile) : encryptionCertificateId;
    const input = { ...settings, as2Id: values['as2-id']!, url: values.url!, encryptionCertificateId, signatureCertificateId } as InputOf<'as2.partners.save'>;
    return s.call('as2.partners.save', input);
  });
  printResult(io, values.json, partner, (p) => `Added partner ${p.as2Id}.\n${partnerReport(p)}`);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.list);
  if (positionals.length > 0) throw badInput('partners list takes no arguments.', 'list');
  const partners = await withSession(values.home, (s) => s.call('as2.partners.list', {}));
  printResult(io, values.json, partners, partnerList);
  return 0;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, USAGE.show);
  const partner = onePositional(positionals, 'partner id or AS2 ID', 'show');
  const result = await withSession(values.home, (s) => s.call('as2.partners.get', { partner }));
  printResult(io, values.json, result, partnerReport);
  return 0;
}

async function exportPartner(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { out: { type: 'string' } }, USAGE.export);
  const partner = onePositional(positionals, 'partner id or AS2 ID', 'export');
  const document: OutputOf<'as2.partners.export'> = await withSession(values.home, (s) => s.call('as2.partners.export', { partner }));
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (values.out === undefined) {
    io.out(text);
    return 0;
  }
  const out = resolve(values.out);
  try {
    await writeFileDurably(out, text);
  } catch {
    throw new CourierError('BAD_INPUT', `Cannot write ${out}.`, 'Choose a file in a folder that exists and that you may write to.');
  }
  printResult(io, values.json, { out, as2Id: document.partner.as2Id }, (r) => `Wrote partner ${r.as2Id} with its certificates to ${r.out}.`);
  return 0;
}

async function readDocument(path: string): Promise<unknown> {
  const text = await readInputText(path, { what: 'partner document', maxBytes: MAX_DOCUMENT_BYTES, hint: 'Give the file `courier partners export` wrote.' });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CourierError('BAD_INPUT', `${path} is not JSON.`, 'Give the file `courier partners export` wrote.');
  }
}

async function importPartner(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { station: { type: 'string' } }, USAGE.import);
  const document = (await readDocument(onePositional(positionals, 'partner document (JSON file)', 'import'))) as InputOf<'as2.partners.import'>['document'];
  const partner = await withSession(values.home, (s) => s.call('as2.partners.import', { document, station: values.station }));
  printResult(io, values.json, partner, (p) => `Imported partner ${p.as2Id} with its certificates.\n${partnerReport(p)}`);
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { yes: { type: 'boolean', default: false } }, USAGE.delete);
  const partner = onePositional(positionals, 'partner id or AS2 ID', 'delete');
  if (!values.yes) throw badInput('Deleting a partner needs --yes to confirm.', 'delete');
  const result = await withSession(values.home, (s) => s.call('as2.partners.delete', { partner, confirm: true }));
  printResult(io, values.json, result, (r) => `Deleted partner ${r.deleted}; its messages stay in the archive.`);
  return 0;
}
