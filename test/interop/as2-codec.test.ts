// The AS2 codec against implementations we did not write. Mendelson AS2 (Bouncy Castle) captures from
// /work/shared/interop/mendelson-as2 go through unwrapMessage exactly as the receiver gets them (HTTP Content-Type
// and body) and give payload.txt and the RFC 4130 §7.3.1 MIC, recomputed here by hand from the bytes; its MDNs go
// through readMdn. Then OpenSSL: a message made only with `openssl cms -sign | openssl cms -encrypt` unwraps, our
// composed message opens with `openssl cms -decrypt | openssl cms -verify`, and our signed MDN verifies.
//
// Capture quirks (see cms-mendelson.test.ts): mecas2_signed.as2 was stored with LF line ends, so its signed part
// verifies only with its header lines restored to CRLF; mecas2_encrypted.as2 encrypts the bare payload (no MIME
// headers inside); mecas2_compressed.as2 is signed as well; mecas2_signed.mdn is signed by a CN=mecas2 certificate
// it carries, not by cert_mecas2_public.pem.
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerInteropSchema, type As2Cipher } from '../../shared/ipc/procedures/as2';
import { readAs2Envelope } from '../../electron/core/as2/as2Headers';
import { composeMessage } from '../../electron/core/as2/composeMessage';
import { buildMdn, readMdn } from '../../electron/core/as2/mdn';
import { unwrapMessage } from '../../electron/core/as2/unwrapMessage';
import { decryptEnvelopedData } from '../../electron/core/cms/envelopedData';
import type { RsaIdentity } from '../support/cms';
import { mendelsonFile, PAYLOAD, pyas2libIdentity } from '../support/mendelson';
import { tempDir } from '../support/home';

const file = mendelsonFile;
const payload = PAYLOAD;
const mendelson = new X509Certificate(file('cert_mecas2_public.pem'));
const us = pyas2libIdentity();

/** A capture: lower-case HTTP headers with LF line ends, a blank line (CRLF, or LF in the LF-stored one), the raw body. */
function capture(name: string): { headers: Record<string, string>; body: Buffer } {
  const bytes = file(name);
  const end = /\n\r?\n/.exec(bytes.toString('latin1'))!;
  const split = end.index;
  const headers: Record<string, string> = {};
  for (const line of bytes.subarray(0, split).toString('latin1').split('\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return { headers, body: bytes.subarray(split + end[0].length) };
}

const sha = (digest: string, bytes: Uint8Array): string => createHash(digest).update(bytes).digest('base64');

/** The first part of a multipart/signed body, cut by hand on the boundary (not with our MIME parser). */
function signedPart(body: Buffer, boundary: string, eol: string): Buffer {
  const open = Buffer.from(`--${boundary}${eol}`);
  const start = body.indexOf(open) + open.length;
  return body.subarray(start, body.indexOf(Buffer.from(`${eol}--${boundary}${eol}`), start));
}
const boundaryOf = (text: string): string => /boundary="([^"]+)"/.exec(text)![1]!;

async function unwrapCapture(name: string) {
  const { headers, body } = capture(name);
  const envelope = readAs2Envelope(headers);
  expect(envelope.as2From).toBe('mecas2');
  expect(envelope.as2To).toBe('pyas2lib');
  const got = await unwrapMessage(envelope.contentType, body, {
    identities: [us],
    partnerCertificates: [mendelson],
    micAlgorithms: ['sha256'],
    contentDisposition: headers['content-disposition'],
  });
  expect(got.payload.equals(payload)).toBe(true);
  return { got, body, headers };
}

describe('Mendelson AS2 → unwrapMessage (payload.txt and the §7.3.1 MIC)', () => {
  it('mecas2_signed.as2: SHA-256 signature, LF-stored capture; MIC over the signed part with CRLF header lines', async () => {
    const { got, body, headers } = await unwrapCapture('mecas2_signed.as2');
    expect(got.security).toMatchObject({ encryption: null, compressed: false, signature: { digest: 'sha256' } });
    expect(got.security.signature!.signer.fingerprint256).toBe(mendelson.fingerprint256);
    expect(got.fileName).toBe('payload.txt');
    const part = signedPart(body, boundaryOf(headers['content-type']!), '\n');
    const headerEnd = part.indexOf('\n\n');
    const canonical = Buffer.concat([Buffer.from(part.subarray(0, headerEnd + 1).toString('latin1').replace(/\n/g, '\r\n')), Buffer.from('\r\n'), part.subarray(headerEnd + 2)]);
    expect(got.mic).toEqual({ digest: 'sha256', base64: sha('sha256', canonical) });
  });

  it('mecas2_encrypted.as2: 3DES around the bare payload; MIC over the decrypted bytes, name from HTTP Content-Disposition', async () => {
    const { got, body } = await unwrapCapture('mecas2_encrypted.as2');
    expect(got.security).toMatchObject({ encryption: { cipher: 'des-ede3-cbc', keyTransport: 'rsa-pkcs1v15' }, signature: null, compressed: false });
    expect(got.fileName).toBe('payload.txt');
    // Recomputed with OpenSSL's decryption, not ours.
    const dir = tempDir('courier-as2-mecas2-');
    try {
      writeFileSync(join(dir.path, 'key.pem'), us.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const decrypted = execFileSync('openssl', ['cms', '-decrypt', '-inform', 'DER', '-inkey', join(dir.path, 'key.pem')], { input: body });
      expect(got.mic).toEqual({ digest: 'sha256', base64: sha('sha256', decrypted) });
    } finally {
      dir.remove();
    }
  });

  it('mecas2_signed_encrypted.as2: 3DES → multipart/signed (SHA-256) → payload; MIC over the signed part', async () => {
    const { got, body } = await unwrapCapture('mecas2_signed_encrypted.as2');
    expect(got.security).toMatchObject({ encryption: { cipher: 'des-ede3-cbc' }, signature: { digest: 'sha256' }, compressed: false });
    const entity = decryptEnvelopedData(body, [us]).content;
    expect(got.mic.base64).toBe(sha('sha256', signedPart(entity, boundaryOf(entity.toString('latin1')), '\r\n')));
  });

  it('mecas2_compressed.as2: signed CompressedData (compressed before signing); MIC over the compressed-data part', async () => {
    const { got, body, headers } = await unwrapCapture('mecas2_compressed.as2');
    expect(got.security).toMatchObject({ encryption: null, signature: { digest: 'sha256' }, compressed: true });
    expect(got.fileName).toBe('payload.txt');
    const part = signedPart(body, boundaryOf(headers['content-type']!), '\r\n');
    expect(part.subarray(0, 100).toString('latin1')).toMatch(/smime-type=compressed-data/);
    expect(got.mic.base64).toBe(sha('sha256', part));
  });

  it('mecas2_compressed_signed_encrypted.as2: 3DES → signed → compressed → payload; MIC over the compressed-data part', async () => {
    const { got, body } = await unwrapCapture('mecas2_compressed_signed_encrypted.as2');
    expect(got.security).toMatchObject({ encryption: { cipher: 'des-ede3-cbc' }, signature: { digest: 'sha256' }, compressed: true });
    const entity = decryptEnvelopedData(body, [us]).content;
    expect(got.mic.base64).toBe(sha('sha256', signedPart(entity, boundaryOf(entity.toString('latin1')), '\r\n')));
  });
});

describe('Mendelson AS2 MDNs → readMdn', () => {
  /** The MDN captures: header lines, a blank line, then the body. */
  function mdnCapture(name: string): { contentType: string; body: Buffer } {
    const bytes = file(name);
    const text = bytes.toString('latin1');
    const end = /\r?\n\r?\n/.exec(text)!;
    const head = text.slice(0, end.index).replace(/\r?\n[ \t]/g, ' ');
    const contentType = /^content-type:\s*(.*)$/im.exec(head)![1]!.trim();
    return { contentType, body: bytes.subarray(end.index + end[0].length) };
  }

  it('mecas2_signed.mdn: processed, sha-256 MIC from the README; SHA-1 signature by the CN=mecas2 certificate it carries', async () => {
    const { contentType, body } = mdnCapture('mecas2_signed.mdn');
    const mdn = await readMdn(contentType, body, [mendelson]);
    expect(mdn.dispositionType).toBe('processed');
    expect(mdn.modifier).toBeNull();
    expect(mdn.originalMessageId).toBe('20161230102456.10748.40759@imac.local');
    expect(mdn.mic).toEqual({ digest: 'sha256', base64: 'O4bvrm5t2YunRfwvZicNdEUmPaPZ9vUslX8loVLDck0=', algorithmName: 'sha-256' });
    expect(mdn.text).toMatch(/AS2 message has been received/);
    // cert_mecas2_public.pem did not sign it: the signature is good but not by the partner's certificate on file.
    expect(mdn.signature.status).toBe('unknown-signer');
    const embedded = new X509Certificate(
      Buffer.from(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-print_certs'], { input: signatureDer(body) }).toString())![0]!),
    );
    const trusted = await readMdn(contentType, body, [embedded]);
    expect(trusted.signature).toMatchObject({ status: 'verified', digest: 'sha1' });
    // One byte of the report changed: the signature no longer verifies.
    const altered = Buffer.from(body);
    altered[altered.indexOf('processed')] = 0x50;
    expect((await readMdn(contentType, altered, [embedded])).signature.status).toBe('invalid');
  });

  it('mecas2_unsigned.mdn: unsigned, processed/error: authentication-failed, LF line ends', async () => {
    const { contentType, body } = mdnCapture('mecas2_unsigned.mdn');
    const mdn = await readMdn(contentType, body, [mendelson]);
    expect(mdn.signature).toEqual({ status: 'unsigned' });
    expect(mdn.disposition).toBe('automatic-action/MDN-sent-automatically; processed/error: authentication-failed');
    expect(mdn.modifier).toEqual({ kind: 'error', text: 'authentication-failed' });
    expect(mdn.mic).toBeNull();
  });
});

/** The DER SignedData of a multipart/signed MDN body (base64 second part). */
function signatureDer(body: Buffer): Buffer {
  const text = body.toString('latin1');
  const part = text.slice(text.indexOf('application/pkcs7-signature'));
  const b64 = part.slice(part.search(/\r?\n\r?\n/)).split(/\r?\n--/)[0]!;
  return Buffer.from(b64.replace(/\s+/g, ''), 'base64');
}

describe('OpenSSL ↔ the AS2 codec', () => {
  const dir = tempDir('courier-as2-openssl-');
  const path = (name: string): string => join(dir.path, name);
  const openssl = (args: string[], input?: Uint8Array): Buffer => execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const PROVIDERS = ['-provider', 'legacy', '-provider', 'default'];
  let alice: RsaIdentity;
  let bob: RsaIdentity;
  const binary = Buffer.concat([payload, Buffer.from([0, 0xff, 0x0d, 0x0a, 0x0d, 0x80])]);

  beforeAll(() => {
    for (const name of ['alice', 'bob']) {
      openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-days', '2', '-keyout', path(`${name}.key`), '-out', path(`${name}.pem`)]);
    }
    const load = (name: string): RsaIdentity => ({ certificate: new X509Certificate(readFileSync(path(`${name}.pem`))), privateKey: createPrivateKey(readFileSync(path(`${name}.key`))) });
    alice = load('alice');
    bob = load('bob');
  });
  afterAll(() => dir.remove());

  it('a message made only with `openssl cms -sign | openssl cms -encrypt` unwraps to the payload with the signed-part MIC', async () => {
    const entity = Buffer.concat([Buffer.from('Content-Type: application/edi-x12\r\nContent-Transfer-Encoding: binary\r\nContent-Disposition: attachment; filename=po.x12\r\n\r\n'), binary]);
    writeFileSync(path('entity.bin'), entity);
    const signed = openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-signer', path('alice.pem'), '-inkey', path('alice.key'), '-in', path('entity.bin'), '-outform', 'SMIME']);
    // `-outform SMIME` writes the MIME-Version/Content-Type header of the multipart/signed: that is what gets encrypted.
    const enveloped = openssl(['cms', '-encrypt', '-binary', '-aes-256-cbc', '-outform', 'DER', path('bob.pem')], signed);
    const got = await unwrapMessage('application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m', enveloped, {
      identities: [bob],
      partnerCertificates: [alice.certificate],
      micAlgorithms: ['sha256'],
    });
    expect(got.payload.equals(binary)).toBe(true);
    expect(got.fileName).toBe('po.x12');
    expect(got.security).toMatchObject({ encryption: { cipher: 'aes-256-cbc' }, signature: { digest: 'sha256' } });
    // OpenSSL writes the multipart/signed with LF line ends around CRLF content: the signed part is the entity itself.
    expect(got.mic.base64).toBe(sha('sha256', entity));
  });

  const ciphers: [As2Cipher, string[]][] = [
    ['aes-128-cbc', []],
    ['des-ede3-cbc', []],
    ['rc2-128-cbc', PROVIDERS],
    ['cast5-cbc', PROVIDERS],
    ['aes-256-gcm', []],
  ];
  for (const [cipher, providers] of ciphers) {
    it(`our ${cipher} + SHA-256 message opens with openssl cms -decrypt | openssl cms -verify -binary -crlfeol`, async () => {
      const composed = composeMessage(binary, {
        payload: { fileName: 'po.bin', contentType: 'application/octet-stream' },
        sign: { signer: alice, digest: 'sha256' },
        encrypt: { certificate: bob.certificate, cipher, keyTransport: cipher === 'aes-128-cbc' ? 'rsa-oaep' : 'rsa-pkcs1v15' },
        compression: 'none',
        interop: partnerInteropSchema.parse({ cast5Parameters: 'iv-only' }),
        micAlgorithm: 'sha256',
      });
      const chunks: Buffer[] = [];
      for await (const chunk of composed.body) chunks.push(Buffer.from(chunk));
      const decrypted = openssl(['cms', '-decrypt', ...providers, '-binary', '-inform', 'DER', '-inkey', path('bob.key'), '-recip', path('bob.pem')], Buffer.concat(chunks));
      // The decrypted content is the multipart/signed entity itself, headers included: what `-inform SMIME` reads.
      expect(decrypted.subarray(0, 33).toString()).toBe('Content-Type: multipart/signed; p');
      const verified = openssl(['cms', '-verify', '-binary', '-crlfeol', '-inform', 'SMIME', '-CAfile', path('alice.pem')], decrypted);
      const body = verified.subarray(verified.indexOf('\r\n\r\n') + 4);
      expect(body.equals(binary)).toBe(true);
      expect(composed.mic().digest).toBe('sha256');
    });
  }

  it('our signed MDN verifies with openssl cms -verify', () => {
    const mdn = buildMdn({
      reportingUa: 'Courier',
      finalRecipient: 'COURIER',
      originalRecipient: 'COURIER',
      originalMessageId: 'abc@partner.example',
      outcome: { kind: 'processed' },
      mic: { digest: 'sha256', base64: sha('sha256', payload) },
      text: 'The AS2 message was received and processed.',
      sign: { signer: alice, digest: 'sha256', micalgSpelling: 'rfc5751' },
    });
    const contentType = mdn.headers.find(([name]) => name === 'Content-Type')![1];
    const entity = Buffer.concat([Buffer.from(`Content-Type: ${contentType}\r\n\r\n`), mdn.body]);
    const verified = openssl(['cms', '-verify', '-binary', '-crlfeol', '-inform', 'SMIME', '-CAfile', path('alice.pem')], entity).toString();
    expect(verified).toMatch(/Received-Content-MIC: .+, sha-256/);
    expect(verified).toMatch(/Original-Message-ID: <abc@partner\.example>/);
  });
});
