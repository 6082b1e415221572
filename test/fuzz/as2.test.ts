// Hostile AS2: mutated message bodies and Content-Types for unwrapMessage (plain, signed, compressed, encrypted and
// every nesting of them), mutated MDNs for readMdn (ours signed and unsigned, Mendelson's), and mutated header
// maps for readAs2Envelope; plus hand-made shapes — multipart nested 10,000 deep, CompressedData inside itself, a
// decompression bomb, a signature part that is not base64. Every case is accepted or ends in the typed error the
// receiver answers with (As2ProcessingError → an error MDN; CourierError BAD_MESSAGE → HTTP 400): no TypeError,
// RangeError or library exception escapes, and no case takes longer than CASE_LIMIT_MS. COURIER_FUZZ_CASES sets
// the count (each case here runs whole pipelines, so the default is a fifth of the CMS suite's).
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { partnerInteropSchema } from '../../shared/ipc/procedures/as2';
import { buildAs2Headers, readAs2Envelope } from '../../electron/core/as2/as2Headers';
import { composeMessage, type ComposeOptions } from '../../electron/core/as2/composeMessage';
import { buildMdn, readMdn } from '../../electron/core/as2/mdn';
import { As2ProcessingError, unwrapMessage, type UnwrapOptions } from '../../electron/core/as2/unwrapMessage';
import { compressData } from '../../electron/core/cms/compressedData';
import { CourierError } from '../../electron/core/errors';
import { fixtureRecipient, type RsaIdentity } from '../support/cms';
import { below, pick, prng, type Random } from '../support/prng';
import { issueCertificate, makeKey } from '../support/testPki';

const CASES = Math.ceil(Number(process.env.COURIER_FUZZ_CASES ?? 10_000) / 5);
const CASE_LIMIT_MS = 2_000;
const TIMEOUT = 60_000 + CASES * 10;
const alice = fixtureRecipient();
const key = makeKey('rsa-2048');
const bob: RsaIdentity = { certificate: new X509Certificate(issueCertificate({ commonName: 'Bob', key }).der), privateKey: key.privateKey };
const payload = Buffer.from('UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\r\n'.repeat(20));
const unwrapOptions: UnwrapOptions = { identities: [bob], partnerCertificates: [alice.certificate], micAlgorithms: ['sha256'], limits: { maxDecompressedBytes: 1 << 20 } };

function mutate(next: Random, input: Uint8Array): Buffer {
  const bytes = Buffer.from(input);
  const at = below(next, bytes.length);
  switch (below(next, 6)) {
    case 0:
      bytes[at] = below(next, 256);
      return bytes;
    case 1:
      return bytes.subarray(0, at);
    case 2:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(next, ['\r\n', '\n', '--', ':', '"', ';', '\x00', '\x80', '='])), bytes.subarray(at)]);
    case 3: {
      const length = 1 + below(next, 60);
      return Buffer.concat([bytes.subarray(0, at + length), bytes.subarray(at, at + length), bytes.subarray(at + length)]);
    }
    case 4:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + below(next, 60))]);
    default:
      for (let i = 0; i < 4; i++) bytes[below(next, bytes.length)] = below(next, 256);
      return bytes;
  }
}

interface Tally {
  accepted: number;
  rejected: number;
  slowestMs: number;
}

async function survives(run: () => unknown, typed: new (...args: never[]) => Error, tally: Tally): Promise<'accepted' | 'rejected'> {
  const started = performance.now();
  let outcome: 'accepted' | 'rejected' = 'accepted';
  try {
    await run();
  } catch (error) {
    if (!(error instanceof typed)) throw error;
    outcome = 'rejected';
  }
  tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
  tally[outcome]++;
  return outcome;
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function composed(shape: Partial<ComposeOptions>): Promise<{ contentType: string; body: Buffer }> {
  const message = composeMessage(payload, {
    payload: { fileName: 'o.edi', contentType: 'application/edifact' },
    sign: null,
    encrypt: null,
    compression: 'none',
    interop: partnerInteropSchema.parse({}),
    micAlgorithm: 'sha256',
    ...shape,
  });
  return { contentType: message.contentType, body: await collect(message.body) };
}

const sign = { signer: alice, digest: 'sha256' as const };
const encrypt = { certificate: bob.certificate, cipher: 'des-ede3-cbc' as const, keyTransport: 'rsa-pkcs1v15' as const };

describe(`fuzz: ${CASES} mutated AS2 inputs per reader`, () => {
  it('unwrapMessage: only As2ProcessingError, whatever the body or Content-Type', async () => {
    const seeds = [
      await composed({ sign }),
      await composed({ sign, compression: 'before-signing', interop: partnerInteropSchema.parse({ transferEncoding: 'base64' }) }),
      await composed({ compression: 'after-signing' }),
      await composed({ sign, encrypt, compression: 'after-signing' }),
      await composed({ encrypt: { ...encrypt, cipher: 'aes-128-gcm' } }),
    ];
    const next = prng(4130);
    const tally: Tally = { accepted: 0, rejected: 0, slowestMs: 0 };
    for (let i = 0; i < CASES; i++) {
      const seed = seeds[i % seeds.length]!;
      const contentType = below(next, 5) === 0 ? mutate(next, Buffer.from(seed.contentType)).toString('latin1') : seed.contentType;
      await survives(() => unwrapMessage(contentType, mutate(next, seed.body), unwrapOptions), As2ProcessingError, tally);
    }
    expect(tally.rejected).toBeGreaterThan(CASES / 2);
    expect(tally.slowestMs).toBeLessThan(CASE_LIMIT_MS);
  }, TIMEOUT);

  it('unwrapMessage: hostile shapes are refused with a modifier', async () => {
    const tally: Tally = { accepted: 0, rejected: 0, slowestMs: 0 };
    const deep = Buffer.from(`${'--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n'.repeat(10_000)}`);
    let nested = Buffer.from('Content-Type: text/plain\r\n\r\nhi');
    for (let i = 0; i < 10; i++) {
      nested = Buffer.concat([Buffer.from('Content-Type: application/pkcs7-mime; smime-type=compressed-data\r\n\r\n'), await compressData(nested)]);
    }
    const bomb = Buffer.concat([Buffer.from('Content-Type: text/plain\r\n\r\n'), Buffer.alloc(8 << 20)]);
    const cases: [string, Buffer, As2ProcessingError['modifier']][] = [
      ['multipart/mixed; boundary=b', deep, 'unexpected-processing-error'],
      ['application/pkcs7-mime; smime-type=compressed-data', nested.subarray(nested.indexOf('\r\n\r\n') + 4), 'unexpected-processing-error'],
      ['application/pkcs7-mime; smime-type=compressed-data', Buffer.from(await compressData(bomb)), 'decompression-failed'],
      ['multipart/signed; protocol="application/pkcs7-signature"; boundary=b', Buffer.from('--b\r\n\r\nx\r\n--b\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!\r\n--b--\r\n'), 'unexpected-processing-error'],
      ['multipart/signed; protocol="application/pkcs7-signature"; boundary=b', Buffer.from('--b\r\n\r\nx\r\n--b\r\nContent-Type: application/pkcs7-signature\r\n\r\nAAAA\r\n--b--\r\n'), 'authentication-failed'],
      ['application/pkcs7-mime; smime-type=enveloped-data', Buffer.from([0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03]), 'decryption-failed'],
      ['application/pkcs7-mime; smime-type=certs-only', Buffer.from([0x30, 0x00]), 'unexpected-processing-error'],
    ];
    for (const [contentType, body, modifier] of cases) {
      let thrown: unknown;
      await survives(async () => {
        try {
          await unwrapMessage(contentType, body, unwrapOptions);
        } catch (error) {
          thrown = error;
          throw error;
        }
      }, As2ProcessingError, tally);
      expect((thrown as As2ProcessingError | undefined)?.modifier, contentType).toBe(modifier);
    }
    expect(tally.slowestMs).toBeLessThan(CASE_LIMIT_MS);
  }, TIMEOUT);

  it('readMdn: only CourierError (BAD_MESSAGE), and a bad signature is a status, not an exception', async () => {
    const base = {
      reportingUa: 'Courier',
      finalRecipient: 'COURIER',
      originalRecipient: 'COURIER',
      originalMessageId: 'm@x',
      outcome: { kind: 'error', modifier: 'decryption-failed' } as const,
      mic: { digest: 'sha256' as const, base64: Buffer.alloc(32).toString('base64') },
      text: 'Fehler beim Entschlüsseln',
    };
    const signed = buildMdn({ ...base, sign: { signer: alice, digest: 'sha256', micalgSpelling: 'rfc5751' } });
    const unsigned = buildMdn({ ...base, sign: null });
    const mendelson = (name: string): { contentType: string; body: Buffer } => {
      const bytes = readFileSync(new URL(`../../../shared/interop/mendelson-as2/${name}`, import.meta.url));
      const text = bytes.toString('latin1');
      const end = /\r?\n\r?\n/.exec(text)!;
      const contentType = /^content-type:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(text.slice(0, end.index))![1]!.replace(/\r?\n[ \t]/g, ' ');
      return { contentType, body: bytes.subarray(end.index + end[0].length) };
    };
    const contentTypeOf = (headers: [string, string][]): string => headers.find(([n]) => n === 'Content-Type')![1];
    const seeds = [
      { contentType: contentTypeOf(signed.headers), body: signed.body },
      { contentType: contentTypeOf(unsigned.headers), body: unsigned.body },
      mendelson('mecas2_signed.mdn'),
      mendelson('mecas2_unsigned.mdn'),
    ];
    const next = prng(3798);
    const tally: Tally = { accepted: 0, rejected: 0, slowestMs: 0 };
    for (let i = 0; i < CASES; i++) {
      const seed = seeds[i % seeds.length]!;
      const contentType = below(next, 5) === 0 ? mutate(next, Buffer.from(seed.contentType)).toString('latin1') : seed.contentType;
      await survives(() => readMdn(contentType, mutate(next, seed.body), [alice.certificate]), CourierError, tally);
    }
    expect(tally.accepted + tally.rejected).toBe(CASES);
    expect(tally.slowestMs).toBeLessThan(CASE_LIMIT_MS);
  }, TIMEOUT);

  it('readAs2Envelope: only CourierError BAD_MESSAGE, whatever the header values, names or repetitions', async () => {
    const headers = buildAs2Headers({
      as2From: 'Partner "EU"',
      as2To: 'COURIER',
      messageId: 'm@x',
      subject: 's',
      contentType: 'application/edifact',
      mdn: { signed: true, micAlgorithms: ['sha256'], asyncUrl: 'https://x.example/mdn', returnAddress: 'mailto:a@b' },
      micalgSpelling: 'rfc5751',
      custom: [],
    });
    const next = prng(6);
    const tally: Tally = { accepted: 0, rejected: 0, slowestMs: 0 };
    for (let i = 0; i < CASES * 5; i++) {
      const record: Record<string, string | string[] | undefined> = {};
      for (const [name, value] of headers) {
        const casing = pick(next, [name, name.toLowerCase(), name.toUpperCase()]);
        const mutated = below(next, 3) === 0 ? mutate(next, Buffer.from(value)).toString('latin1') : value;
        record[casing] = below(next, 20) === 0 ? [mutated, value] : below(next, 30) === 0 ? undefined : mutated;
      }
      await survives(
        () => {
          try {
            readAs2Envelope(record);
          } catch (error) {
            expect((error as CourierError).code).toBe('BAD_MESSAGE');
            throw error;
          }
        },
        CourierError,
        tally,
      );
    }
    expect(tally.rejected).toBeGreaterThan(0);
    expect(tally.accepted).toBeGreaterThan(0);
  }, TIMEOUT);
});
