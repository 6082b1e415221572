// Hostile input to the certificate reader behind `--ca FILE` and "trust this CA": malformed, truncated,
// oversized, mutated and adversarial PEM/DER. Each case ends in certificates or a typed BAD_INPUT, never in
// another exception, a hang, or an error message that echoes the input.
import { describe, expect, it } from 'vitest';
import { CourierError } from '../../electron/core/errors';
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_CERTIFICATES, parseCertificateBundle } from '../../electron/core/tls/certificateBundle';
import { below, prng } from '../support/prng';
import { issueCertificate, makeKey } from '../support/testPki';

const CASES = Number(process.env.COURIER_FUZZ_CASES ?? 3000);

const ca = issueCertificate({ commonName: 'Fuzz CA', key: makeKey('ec-p256'), ca: true, sans: ['fuzz.example'] });

function outcome(input: string | Uint8Array): 'ok' | 'BAD_INPUT' {
  try {
    parseCertificateBundle(input, 'the input');
    return 'ok';
  } catch (error) {
    if (error instanceof CourierError && error.code === 'BAD_INPUT') return 'BAD_INPUT';
    throw error;
  }
}

function badInput(input: string | Uint8Array): CourierError {
  try {
    parseCertificateBundle(input, 'the input');
  } catch (error) {
    if (error instanceof CourierError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('parseCertificateBundle on hostile input', () => {
  it('reads PEM (with text around and between blocks) and DER', () => {
    expect(parseCertificateBundle(`subject=CN = Fuzz CA\n${ca.pem}\n# comment\n${ca.pem}`, 'x')).toHaveLength(2);
    expect(parseCertificateBundle(ca.der, 'x')[0]!.summary.subject).toBe('CN=Fuzz CA');
  });

  it('empty, garbage, text without a block, invalid base64, a truncated block: BAD_INPUT', () => {
    for (const input of ['', 'garbage', 'hello\nworld', Buffer.from([0x30, 0x82, 0xff, 0xff, 0x00]), '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----', ca.pem.slice(0, 200), ca.pem.replace('-----END CERTIFICATE-----', '')]) {
      expect(outcome(input)).toBe('BAD_INPUT');
    }
  });

  it('a private key or any other block is refused by its label, and its content is never echoed', () => {
    const key = makeKey('ec-p256').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const error = badInput(ca.pem + key);
    expect(error.message).toContain('"PRIVATE KEY" block');
    const body = key.split('\n')[1]!;
    expect(`${error.message} ${error.hint}`).not.toContain(body.slice(0, 16));
  });

  it('oversized input and too many certificates are refused before any parsing', () => {
    expect(badInput('x'.repeat(MAX_BUNDLE_BYTES + 1)).message).toMatch(/more than/);
    expect(badInput(new Uint8Array(MAX_BUNDLE_BYTES + 1)).message).toMatch(/more than/);
    expect(parseCertificateBundle(ca.pem.repeat(MAX_BUNDLE_CERTIFICATES), 'x')).toHaveLength(MAX_BUNDLE_CERTIFICATES);
    expect(badInput(ca.pem.repeat(MAX_BUNDLE_CERTIFICATES + 1)).message).toMatch(/more than 500 certificates/);
  });

  it('a megabyte of unterminated BEGIN markers is refused in linear time', () => {
    const hostile = '-----BEGIN CERTIFICATE-----'.repeat(Math.floor(MAX_BUNDLE_BYTES / 28));
    const started = performance.now();
    expect(outcome(hostile)).toBe('BAD_INPUT');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it(`${CASES} mutated and truncated certificates: each one parses or is a typed BAD_INPUT`, () => {
    const next = prng(0x7e1);
    const counts = { ok: 0, BAD_INPUT: 0 };
    for (let i = 0; i < CASES; i++) {
      const der = Buffer.from(ca.der);
      const mode = i % 3;
      let input: Buffer = der;
      if (mode === 0) for (let flips = 1 + below(next, 4); flips > 0; flips--) der[below(next, der.length)] = below(next, 256);
      if (mode === 1) input = der.subarray(0, below(next, der.length));
      if (mode === 2) {
        const at = below(next, 40);
        der[at] = der[at]! ^ (1 << below(next, 8));
      }
      const asPem = next() < 0.5;
      counts[outcome(asPem ? `-----BEGIN CERTIFICATE-----\n${input.toString('base64')}\n-----END CERTIFICATE-----\n` : input)]++;
    }
    expect(counts.ok + counts.BAD_INPUT).toBe(CASES);
    expect(counts.BAD_INPUT).toBeGreaterThan(CASES / 3);
  });
});
