// The choices of a partner profile in the words the form offers them: algorithms as partners' documentation
// spells them, and the interop switches' settings, each option saying what it does.
import { as2Ciphers, as2Compressions, as2Digests, as2KeyTransports, as2MdnModes, type PartnerInterop } from '../../../../shared/ipc';

export interface Choice {
  value: string;
  label: string;
}

const weakCiphers = new Set(['des-ede3-cbc', 'rc2-40-cbc', 'rc2-64-cbc', 'rc2-128-cbc', 'cast5-cbc', 'idea-cbc']);

export const cipherChoices: Choice[] = [
  ...as2Ciphers.map((cipher) => ({ value: cipher, label: `${cipher.toUpperCase()}${weakCiphers.has(cipher) ? ' (legacy)' : ''}` })),
  { value: 'none', label: 'None (not encrypted)' },
];

export const keyTransportChoices: Choice[] = as2KeyTransports.map((value) => ({ value, label: value === 'rsa-oaep' ? 'RSA-OAEP' : 'RSA PKCS #1 v1.5' }));

const digestLabel = (digest: string) => digest.replace(/^sha(\d)/, 'SHA-$1').toUpperCase();

export const digestChoices: Choice[] = as2Digests.map((value) => ({ value, label: digestLabel(value) }));

export const signDigestChoices: Choice[] = [...digestChoices, { value: 'none', label: 'None (not signed)' }];

const compressionLabels: Record<(typeof as2Compressions)[number], string> = {
  none: 'None',
  'before-signing': 'Compress, then sign',
  'after-signing': 'Sign, then compress',
};
export const compressionChoices: Choice[] = as2Compressions.map((value) => ({ value, label: compressionLabels[value] }));

const mdnModeLabels: Record<(typeof as2MdnModes)[number], string> = {
  none: 'No MDN',
  sync: 'Synchronous (in the HTTP response)',
  async: 'Asynchronous (posted back later)',
};
export const mdnModeChoices: Choice[] = as2MdnModes.map((value) => ({ value, label: mdnModeLabels[value] }));

/** Each interop switch: its label and, for the two-way ones, the words for each setting. */
export const interopLabels: Record<keyof PartnerInterop, { label: string; options?: Choice[] }> = {
  transferEncoding: {
    label: 'Transfer encoding',
    options: [
      { value: 'binary', label: 'Binary' },
      { value: 'base64', label: 'Base64' },
    ],
  },
  micalgSpelling: {
    label: 'micalg spelling',
    options: [
      { value: 'rfc5751', label: 'RFC 5751 (sha-256)' },
      { value: 'rfc3851', label: 'RFC 3851 (sha256)' },
    ],
  },
  noHeaderFolding: { label: 'No HTTP header folding' },
  noChunkedEncoding: { label: 'No chunked transfer encoding' },
  omitAlgorithmProtection: { label: 'Omit CMSAlgorithmProtection' },
  textPayloads: {
    label: 'Text payloads for the MIC',
    options: [
      { value: 'binary', label: 'As binary' },
      { value: 'canonicalize', label: 'Canonicalise to CRLF' },
    ],
  },
  cast5Parameters: {
    label: 'CAST5 parameters',
    options: [
      { value: 'rfc2984', label: 'RFC 2984 (IV and key length)' },
      { value: 'iv-only', label: 'IV only (OpenSSL)' },
    ],
  },
};
