// `courier partners add` flags → the as2.partners.save input. Every profile setting has a flag; a flag left out
// leaves the contract's default. Values are checked by the contract's schema, so the errors are the api's.
import { CourierError } from '../../../shared/ipc';

export const PARTNER_FLAGS =
  '[--name N] [--station ID] [--environment test|production] [--signature-cert FILE] [--cipher C|none] [--key-transport rsa-pkcs1v15|rsa-oaep] ' +
  '[--sign sha1|sha224|sha256|sha384|sha512|none] [--compression none|before-signing|after-signing] [--mdn none|sync|async] [--unsigned-mdn] ' +
  "[--mic-alg DIGEST] [--async-url URL] [--header 'Name: value' ...] [--timeout SECONDS] [--transfer-encoding binary|base64] " +
  '[--micalg-spelling rfc5751|rfc3851] [--fold-headers] [--chunked] [--omit-algorithm-protection] [--text-payloads binary|canonicalize] ' +
  '[--cast5-parameters rfc2984|iv-only] [--pause-incoming] [--pause-outgoing]';

export const partnerOptions = {
  'as2-id': { type: 'string' },
  url: { type: 'string' },
  cert: { type: 'string' },
  'signature-cert': { type: 'string' },
  station: { type: 'string' },
  name: { type: 'string' },
  environment: { type: 'string' },
  cipher: { type: 'string' },
  'key-transport': { type: 'string' },
  sign: { type: 'string' },
  compression: { type: 'string' },
  mdn: { type: 'string' },
  'unsigned-mdn': { type: 'boolean' },
  'mic-alg': { type: 'string' },
  'async-url': { type: 'string' },
  header: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'transfer-encoding': { type: 'string' },
  'micalg-spelling': { type: 'string' },
  'fold-headers': { type: 'boolean' },
  chunked: { type: 'boolean' },
  'omit-algorithm-protection': { type: 'boolean' },
  'text-payloads': { type: 'string' },
  'cast5-parameters': { type: 'string' },
  'pause-incoming': { type: 'boolean' },
  'pause-outgoing': { type: 'boolean' },
} as const;

type PartnerFlagValues = { [K in keyof typeof partnerOptions]?: (typeof partnerOptions)[K] extends { multiple: true } ? string[] : (typeof partnerOptions)[K] extends { type: 'boolean' } ? boolean : string };

/** The object without its undefined entries, so the schema's defaults apply. */
function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function header(value: string, hint: string): { name: string; value: string } {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new CourierError('BAD_INPUT', `--header takes 'Name: value', not "${value.slice(0, 80)}".`, hint);
  return { name: value.slice(0, colon).trim(), value: value.slice(colon + 1).trim() };
}

function seconds(value: string | undefined, hint: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) throw new CourierError('BAD_INPUT', `--timeout takes a number of seconds, not "${value.slice(0, 20)}".`, hint);
  return Number(value);
}

const negate = (flag: boolean | undefined) => (flag === undefined ? undefined : !flag);

/** Everything but the AS2 ID, URL and certificates, which the command resolves itself. */
export function partnerSettings(values: PartnerFlagValues, hint: string): Record<string, unknown> {
  return defined({
    name: values.name,
    station: values.station,
    environment: values.environment,
    security: defined({ cipher: values.cipher, keyTransport: values['key-transport'], signDigest: values.sign, compression: values.compression }),
    mdn: defined({ mode: values.mdn, signed: negate(values['unsigned-mdn']), micAlgorithm: values['mic-alg'], asyncUrl: values['async-url'] }),
    interop: defined({
      transferEncoding: values['transfer-encoding'],
      micalgSpelling: values['micalg-spelling'],
      noHeaderFolding: negate(values['fold-headers']),
      noChunkedEncoding: negate(values.chunked),
      omitAlgorithmProtection: values['omit-algorithm-protection'],
      textPayloads: values['text-payloads'],
      cast5Parameters: values['cast5-parameters'],
    }),
    headers: values.header?.map((value) => header(value, hint)),
    sendTimeoutSeconds: seconds(values.timeout, hint),
    pauseIncoming: values['pause-incoming'],
    pauseOutgoing: values['pause-outgoing'],
  });
}
