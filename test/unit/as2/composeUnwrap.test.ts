// The AS2 codec both ways over the whole matrix: every content cipher (EnvelopedData and AuthEnvelopedData) and
// none, unsigned or signed with each digest, compression none / before / after signing, binary or base64 inner
// parts — composeMessage → unwrapMessage gives back the payload, its file name, what protected it, and the same
// RFC 4130 §7.3.1 MIC on both sides. Then the MIC is recomputed by hand for each shape, and failures get modifiers.
import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as2Ciphers, partnerInteropSchema, type As2Cipher, type PartnerInterop } from '../../../shared/ipc/procedures/as2';
import { composeMessage, type ComposeOptions } from '../../../electron/core/as2/composeMessage';
import { As2ProcessingError, unwrapMessage, type UnwrapOptions } from '../../../electron/core/as2/unwrapMessage';
import type { SigningDigest } from '../../../electron/core/cms/digests';
import { decryptEnvelopedData } from '../../../electron/core/cms/envelopedData';
import { readMultipartSigned } from '../../../electron/core/mime/multipartSigned';
import { parseEntity, parseEntityBody } from '../../../electron/core/mime/parseEntity';
import { Headers } from '../../../electron/core/mime/headers';
import { chunked, fixtureRecipient, oidBytes, type RsaIdentity } from '../../support/cms';
import { oidCmsAlgorithmProtection } from '../../../electron/core/cms/oids';
import { issueCertificate, makeKey } from '../../support/testPki';

const alice = fixtureRecipient();
function generated(name: string): RsaIdentity {
  const key = makeKey('rsa-2048');
  return { certificate: new X509Certificate(issueCertificate({ commonName: name, key }).der), privateKey: key.privateKey };
}
const bob = generated('Bob');
const mallory = generated('Mallory');
const payload = Buffer.from('UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\nUNH+1+ORDERS:D:96A:UN\r\n'.repeat(40) + '\x00\xff binary tail');
const interop = (overrides: Partial<PartnerInterop> = {}): PartnerInterop => partnerInteropSchema.parse(overrides);

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

interface Shape {
  cipher: As2Cipher | null;
  digest: SigningDigest | null;
  compression: ComposeOptions['compression'];
  transferEncoding: 'binary' | 'base64';
}

function options(shape: Shape, extra: Partial<ComposeOptions> = {}): ComposeOptions {
  return {
    payload: { fileName: 'orders.edi', contentType: 'application/edifact' },
    sign: shape.digest ? { signer: alice, digest: shape.digest } : null,
    encrypt: shape.cipher ? { certificate: bob.certificate, cipher: shape.cipher, keyTransport: 'rsa-pkcs1v15' } : null,
    compression: shape.compression,
    interop: interop({ transferEncoding: shape.transferEncoding }),
    micAlgorithm: 'sha384',
    ...extra,
  };
}

const unwrapOptions: UnwrapOptions = { identities: [alice, bob], partnerCertificates: [alice.certificate], micAlgorithms: ['sha384'] };

async function compose(shape: Shape, extra: Partial<ComposeOptions> = {}) {
  const composed = composeMessage(chunked(payload, 700), options(shape, extra));
  const body = await collect(composed.body);
  return { contentType: composed.contentType, contentDisposition: composed.contentDisposition, body, mic: composed.mic(), mics: composed.mics!() };
}

async function roundTrip(shape: Shape): Promise<void> {
  const sent = await compose(shape);
  const got = await unwrapMessage(sent.contentType, sent.body, { ...unwrapOptions, contentDisposition: sent.contentDisposition });
  const what = JSON.stringify(shape);
  expect(got.payload.equals(payload), what).toBe(true);
  expect(got.fileName, what).toBe('orders.edi');
  expect(got.contentType, what).toBe('application/edifact');
  expect(got.mic, what).toEqual(sent.mic);
  expect(got.mic.digest, what).toBe(shape.digest ?? 'sha384');
  expect(got.security.compressed, what).toBe(shape.compression !== 'none');
  expect(got.security.encryption?.cipher ?? null, what).toBe(shape.cipher);
  expect(got.security.signature?.digest ?? null, what).toBe(shape.digest);
  if (shape.digest) expect(got.security.signature!.signer.fingerprint256).toBe(alice.certificate.fingerprint256);
}

const digests: (SigningDigest | null)[] = [null, 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const compressions: ComposeOptions['compression'][] = ['none', 'before-signing', 'after-signing'];

describe('composeMessage → unwrapMessage: the full matrix', () => {
  for (const cipher of [null, ...as2Ciphers]) {
    it(`${cipher ?? 'unencrypted'} × unsigned/SHA-1…512 × compression none/before/after × binary/base64`, async () => {
      for (const digest of digests) {
        for (const compression of compressions) {
          for (const transferEncoding of ['binary', 'base64'] as const) await roundTrip({ cipher, digest, compression, transferEncoding });
        }
      }
    });
  }
});

describe('the MIC of each shape, recomputed by hand (RFC 4130 §7.3.1, RFC 5402 §4)', () => {
  const sha = (digest: string, bytes: Uint8Array): string => createHash(digest).update(bytes).digest('base64');

  it('plain: the content without headers, sent binary as the HTTP body', async () => {
    const sent = await compose({ cipher: null, digest: null, compression: 'none', transferEncoding: 'base64' });
    expect(sent.contentType).toBe('application/edifact');
    expect(sent.body.equals(payload)).toBe(true);
    expect(sent.mic).toEqual({ digest: 'sha384', base64: sha('sha384', payload) });
  });

  it('signed: the first part of multipart/signed with its headers, by the signing digest; micalg in both spellings', async () => {
    for (const micalgSpelling of ['rfc5751', 'rfc3851'] as const) {
      const sent = await compose({ cipher: null, digest: 'sha256', compression: 'none', transferEncoding: 'binary' }, { interop: interop({ micalgSpelling }) });
      expect(sent.contentType).toContain(micalgSpelling === 'rfc5751' ? 'micalg=sha-256' : 'micalg=sha256');
      const signed = readMultipartSigned(parseEntityBody(Headers.fromFields([['Content-Type', sent.contentType]]), sent.body));
      expect(sent.mic).toEqual({ digest: 'sha256', base64: sha('sha256', signed.content.rawBytes) });
      expect(sent.mics).toEqual([sent.mic, { digest: 'sha384', base64: sha('sha384', signed.content.rawBytes) }]);
      expect(signed.content.rawBytes.subarray(0, 40).toString()).toMatch(/^Content-Type: application\/edifact\r\n/);
    }
  });

  it('compressed before signing: the MIC covers the compressed-data entity, headers included', async () => {
    const sent = await compose({ cipher: null, digest: 'sha256', compression: 'before-signing', transferEncoding: 'binary' });
    const signed = readMultipartSigned(parseEntityBody(Headers.fromFields([['Content-Type', sent.contentType]]), sent.body));
    expect(signed.content.contentType.params.get('smime-type')).toBe('compressed-data');
    expect(sent.mic.base64).toBe(sha('sha256', signed.content.rawBytes));
  });

  it('encrypted, unsigned: the decrypted entity with its headers; compressed: the uncompressed entity', async () => {
    const plain = await compose({ cipher: 'aes-128-cbc', digest: null, compression: 'none', transferEncoding: 'binary' });
    const decrypted = decryptEnvelopedData(plain.body, [bob]).content;
    expect(plain.mic.base64).toBe(sha('sha384', decrypted));
    expect(parseEntity(decrypted).body.equals(payload)).toBe(true);
    const compressed = await compose({ cipher: 'aes-128-cbc', digest: null, compression: 'after-signing', transferEncoding: 'binary' });
    expect(compressed.mic).toEqual(plain.mic);
  });

  it('text payloads canonicalised to CRLF when the partner asks; binary payloads never touched', async () => {
    const lf = Buffer.from('line one\nline two\n');
    const shape: Shape = { cipher: null, digest: 'sha256', compression: 'none', transferEncoding: 'binary' };
    const text = composeMessage(lf, { ...options(shape), payload: { fileName: null, contentType: 'text/plain' }, interop: interop({ textPayloads: 'canonicalize' }) });
    const got = await unwrapMessage(text.contentType, await collect(text.body), unwrapOptions);
    expect(got.payload.toString()).toBe('line one\r\nline two\r\n');
    expect(got.mic).toEqual(text.mic());
    const binary = composeMessage(lf, { ...options(shape), payload: { fileName: null, contentType: 'application/octet-stream' }, interop: interop({ textPayloads: 'canonicalize' }) });
    expect((await unwrapMessage(binary.contentType, await collect(binary.body), unwrapOptions)).payload.equals(lf)).toBe(true);
  });

  it('RSA-OAEP key transport and CMSAlgorithmProtection omitted both round-trip', async () => {
    const shape: Shape = { cipher: 'aes-256-cbc', digest: 'sha512', compression: 'none', transferEncoding: 'binary' };
    const base = options(shape);
    const sent = composeMessage(payload, { ...base, encrypt: { ...base.encrypt!, keyTransport: 'rsa-oaep' }, interop: interop({ omitAlgorithmProtection: true }) });
    const got = await unwrapMessage(sent.contentType, await collect(sent.body), unwrapOptions);
    expect(got.security.encryption!.keyTransport).toBe('rsa-oaep');
    expect(got.mic).toEqual(sent.mic());
  });

  it('interop.omitAlgorithmProtection leaves CMSAlgorithmProtection (RFC 6211) out of the signature', async () => {
    const shape: Shape = { cipher: null, digest: 'sha256', compression: 'none', transferEncoding: 'binary' };
    const signatureOf = async (omit: boolean): Promise<Buffer> => {
      const sent = await compose(shape, { interop: interop({ omitAlgorithmProtection: omit }) });
      return readMultipartSigned(parseEntityBody(Headers.fromFields([['Content-Type', sent.contentType]]), sent.body)).signature.body;
    };
    expect((await signatureOf(false)).includes(oidBytes(oidCmsAlgorithmProtection))).toBe(true);
    expect((await signatureOf(true)).includes(oidBytes(oidCmsAlgorithmProtection))).toBe(false);
  });

  it('the MIC is refused before the body has been read', () => {
    const sent = composeMessage(payload, options({ cipher: 'aes-128-cbc', digest: 'sha256', compression: 'none', transferEncoding: 'binary' }));
    expect(() => sent.mic()).toThrow(/read to its end/);
  });
});

describe('unwrapMessage reads what senders vary', () => {
  const shape: Shape = { cipher: 'aes-256-cbc', digest: 'sha256', compression: 'after-signing', transferEncoding: 'base64' };

  it('application/pkcs7-mime with only a name (or x-pkcs7-mime), and a base64 HTTP body', async () => {
    const sent = await compose(shape);
    for (const contentType of ['application/pkcs7-mime; name=smime.p7m', 'application/x-pkcs7-mime; name="smime.p7m"']) {
      expect((await unwrapMessage(contentType, sent.body, unwrapOptions)).mic).toEqual(sent.mic);
    }
    const base64 = Buffer.from(sent.body.toString('base64').replace(/.{76}/g, '$&\r\n'));
    const got = await unwrapMessage(sent.contentType, base64, { ...unwrapOptions, contentTransferEncoding: 'base64' });
    expect(got.payload.equals(payload)).toBe(true);
  });

  it('tries every decryption identity: a stale key under the same certificate is passed over (key rotation)', async () => {
    const base = options(shape);
    const sent = composeMessage(payload, { ...base, encrypt: { ...base.encrypt!, keyTransport: 'rsa-oaep' } });
    const body = await collect(sent.body);
    const stale = { certificate: bob.certificate, privateKey: mallory.privateKey };
    const got = await unwrapMessage(sent.contentType, body, { ...unwrapOptions, identities: [alice, stale, bob] });
    expect(got.security.encryption!.recipient.fingerprint256).toBe(bob.certificate.fingerprint256);
    expect(got.mic).toEqual(sent.mic());
  });
});

describe('unwrapMessage failures name the MDN modifier', () => {
  async function failure(run: () => Promise<unknown>): Promise<As2ProcessingError> {
    try {
      await run();
    } catch (error) {
      expect(error).toBeInstanceOf(As2ProcessingError);
      return error as As2ProcessingError;
    }
    throw new Error('expected an As2ProcessingError');
  }
  const shape: Shape = { cipher: 'des-ede3-cbc', digest: 'sha256', compression: 'before-signing', transferEncoding: 'binary' };

  it('not for us: decryption-failed, naming our certificates', async () => {
    const sent = await compose(shape);
    const error = await failure(() => unwrapMessage(sent.contentType, sent.body, { ...unwrapOptions, identities: [mallory] }));
    expect(error.modifier).toBe('decryption-failed');
    expect(error.whatToCheck).toMatch(/certificate/);
  });

  it('signed by someone else than the partner on file: authentication-failed', async () => {
    const sent = await compose(shape);
    const error = await failure(() => unwrapMessage(sent.contentType, sent.body, { ...unwrapOptions, partnerCertificates: [mallory.certificate] }));
    expect(error.modifier).toBe('authentication-failed');
  });

  it('content altered after signing: integrity-check-failed with the MIC-mismatch explanation', async () => {
    const sent = await compose({ cipher: null, digest: 'sha256', compression: 'none', transferEncoding: 'binary' });
    const altered = Buffer.from(sent.body);
    altered[altered.indexOf('UNH+1')] = 0x58;
    const error = await failure(() => unwrapMessage(sent.contentType, altered, unwrapOptions));
    expect(error.modifier).toBe('integrity-check-failed');
    expect(error.whatToCheck).toMatch(/canonical form/);
  });

  it('a decompression bomb stops at the limit: decompression-failed', async () => {
    const big = composeMessage(Buffer.alloc(4_000_000), options({ cipher: null, digest: null, compression: 'before-signing', transferEncoding: 'binary' }));
    const body = await collect(big.body);
    expect(body.length).toBeLessThan(10_000);
    const error = await failure(() => unwrapMessage(big.contentType, body, { ...unwrapOptions, limits: { maxDecompressedBytes: 1_000_000 } }));
    expect(error.modifier).toBe('decompression-failed');
  });

  it('a policy that requires signing refuses an unsigned message: insufficient-message-security', async () => {
    const sent = await compose({ cipher: 'aes-128-cbc', digest: null, compression: 'none', transferEncoding: 'binary' });
    const error = await failure(() => unwrapMessage(sent.contentType, sent.body, { ...unwrapOptions, require: { signature: true } }));
    expect(error.modifier).toBe('insufficient-message-security');
  });

  it('garbage in a pkcs7-mime body: unexpected-processing-error', async () => {
    const error = await failure(() => unwrapMessage('application/pkcs7-mime; name=smime.p7m', Buffer.from('not der'), unwrapOptions));
    expect(error.modifier).toBe('unexpected-processing-error');
  });
});
