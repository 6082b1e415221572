// Hostile input to certificate import: mutated and truncated PEM, DER, PKCS#7 and PKCS#12 (with and without a
// MAC, so damage reaches decryption and the bags). Each case ends in certificates or a typed error (BAD_INPUT,
// WRONG_PASSWORD, PASSWORD_REQUIRED), never another exception or a hang, and no message quotes the password.
import { describe, expect, it } from 'vitest';
import { certificateDetails } from '../../electron/core/certificates/certificateDetails';
import { readCertificateFile } from '../../electron/core/certificates/certificateFormats';
import { readPkcs12 } from '../../electron/core/certificates/pkcs12Import';
import { CourierError } from '../../electron/core/errors';
import { forgePkcs12, forgePkcs7, pemOf } from '../support/certificateFiles';
import { below, prng } from '../support/prng';
import { issueCertificate, makeKey } from '../support/testPki';

const CASES = Number(process.env.COURIER_FUZZ_CASES ?? 600);
const PASSWORD = 'fuzz-password-5c1e';
const EXPECTED = new Set(['BAD_INPUT', 'WRONG_PASSWORD', 'PASSWORD_REQUIRED']);

const ca = issueCertificate({ commonName: 'Fuzz Import CA', key: makeKey('rsa-2048'), ca: true });
const leaf = issueCertificate({ commonName: 'fuzz.example', key: makeKey('rsa-2048'), issuer: ca, sans: ['fuzz.example'] });
const p7 = forgePkcs7([leaf.pem, ca.pem]);
const seeds: Array<[string, Buffer]> = [
  ['pem', Buffer.from(leaf.pem + ca.pem)],
  ['der', leaf.der],
  ['p7b', p7],
  ['p7b-pem', Buffer.from(pemOf('PKCS7', p7))],
  ['p12-mac', forgePkcs12({ keyPem: leaf.keyPem, certPems: [leaf.pem], password: PASSWORD, algorithm: '3des', count: 4 })],
  ['p12-nomac-3des', forgePkcs12({ keyPem: leaf.keyPem, certPems: [leaf.pem, ca.pem], password: PASSWORD, algorithm: '3des', count: 4, useMac: false })],
  ['p12-nomac-aes', forgePkcs12({ keyPem: leaf.keyPem, certPems: [leaf.pem], password: PASSWORD, algorithm: 'aes256', count: 4, useMac: false })],
];

async function outcome(bytes: Buffer): Promise<string> {
  try {
    const file = readCertificateFile(bytes, 'fuzz');
    if (file.format === 'pkcs12') {
      const contents = await readPkcs12(bytes, PASSWORD, 'fuzz');
      contents.certificates.forEach((der) => certificateDetails(der, 'fuzz'));
      contents.keys.forEach((key) => key.privateKeyInfo.fill(0));
    } else {
      file.certificates.forEach((der) => certificateDetails(der, 'fuzz'));
    }
    return 'ok';
  } catch (error) {
    if (!(error instanceof CourierError) || !EXPECTED.has(error.code)) throw error;
    expect(`${error.message} ${error.hint}`).not.toContain(PASSWORD);
    return error.code;
  }
}

describe('certificate files on hostile input', () => {
  it('every seed file reads as it is', async () => {
    for (const [name, bytes] of seeds) expect(await outcome(bytes), name).toBe('ok');
  });

  it(`${CASES} mutated and truncated files: each one reads or is a typed error`, async () => {
    const next = prng(0xce47);
    const counts: Record<string, number> = {};
    for (let i = 0; i < CASES; i++) {
      const [, seed] = seeds[i % seeds.length]!;
      let bytes = Buffer.from(seed);
      const mode = below(next, 3);
      if (mode === 0) for (let flips = 1 + below(next, 4); flips > 0; flips--) bytes[below(next, bytes.length)] = below(next, 256);
      if (mode === 1) bytes = bytes.subarray(0, below(next, bytes.length));
      if (mode === 2) {
        const at = below(next, bytes.length);
        bytes[at] = bytes[at]! ^ (1 << below(next, 8));
      }
      const result = await outcome(bytes);
      counts[result] = (counts[result] ?? 0) + 1;
    }
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(CASES);
    expect(counts.BAD_INPUT).toBeGreaterThan(CASES / 4);
    expect(counts.WRONG_PASSWORD).toBeGreaterThan(0);
  });
});
