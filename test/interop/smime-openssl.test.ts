// Our S/MIME entities against `openssl cms -inform SMIME / -outform SMIME` (OpenSSL 3, legacy provider for RC2 and
// CAST5), in both directions, as whole messages: multipart/signed (SHA-256 and SHA-1 × PKCS#1 v1.5 and PSS),
// application/pkcs7-mime enveloped-data (AES-256, 3DES, RC2, CAST5 × RSA v1.5 and OAEP) and opaque signed-data.
//
// How OpenSSL reads multipart/signed (crypto/asn1/asn_mime.c, multi_split and strip_eol): line by line, in one of
// two modes. Default (text) mode rewrites every line end of the first part to CRLF, which suits canonical text and
// corrupts binary content. `-binary` keeps the bytes, but takes the line end before a delimiter to be a bare LF, as
// OpenSSL itself writes it; with our RFC 2046 CRLF it keeps the CR as content and the digest fails. `-binary
// -crlfeol` tells it the line ends are CRLF: that is how a binary (AS2) multipart/signed must be fed to OpenSSL.
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentCipherName } from '../../electron/core/cms/contentCiphers';
import type { SigningDigest } from '../../electron/core/cms/digests';
import { decryptEnvelopedData, encryptEnvelopedData } from '../../electron/core/cms/envelopedData';
import type { KeyTransport } from '../../electron/core/cms/rsaKeyTransport';
import type { SignatureScheme } from '../../electron/core/cms/rsaSignature';
import { signData } from '../../electron/core/cms/signedData';
import { verifySignedData } from '../../electron/core/cms/signedDataVerification';
import { buildMultipartSigned, buildPayloadEntity, buildPkcs7Mime } from '../../electron/core/mime/build';
import { readMultipartSigned } from '../../electron/core/mime/multipartSigned';
import { parseEntity } from '../../electron/core/mime/parseEntity';
import { readPkcs7Mime } from '../../electron/core/mime/pkcs7Mime';
import type { RsaIdentity } from '../support/cms';
import { tempDir } from '../support/home';

const PROVIDERS = ['-provider', 'legacy', '-provider', 'default'];
const dir = tempDir('courier-smime-openssl-');
const path = (name: string): string => join(dir.path, name);

function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** 3000 bytes with CR, LF, NUL and high bytes, ending in neither CR nor LF. */
const payload = Buffer.concat([...Array.from({ length: 93 }, (_, i) => createHash('sha256').update(`line ${i}\r\n\x00`).digest()), Buffer.from('\r\n\n\r\x00end')]);
/** What is signed and encrypted: a MIME entity around the payload (RFC 8551 §3.1), binary as AS2 sends it. */
const entity = buildPayloadEntity({ contentType: 'application/edifact', filename: 'order.edi' }, payload);
const text = Buffer.from('UNA:+.? \r\nUNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\r\nUNZ+1+1\r\n');
const textEntity = buildPayloadEntity({ contentType: 'text/plain; charset=us-ascii', canonicalizeText: true }, text);
let alice: RsaIdentity;

beforeAll(() => {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=alice', '-days', '2', '-keyout', path('alice.key'), '-out', path('alice.pem')]);
  alice = { certificate: new X509Certificate(readFileSync(path('alice.pem'))), privateKey: createPrivateKey(readFileSync(path('alice.key'))) };
  writeFileSync(path('entity.bin'), entity.bytes);
  writeFileSync(path('text.txt'), 'UNA:+.? \nUNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\nUNZ+1+1\n');
});
afterAll(() => dir.remove());

const verifyArgs = ['cms', '-verify', '-inform', 'SMIME', '-CAfile'];

/** Our parser and verifier on a whole multipart/signed message: returns the signed entity after checking it. */
async function weVerifyMultipartSigned(message: Buffer, digest: SigningDigest, scheme: SignatureScheme['scheme']): Promise<Buffer> {
  const signed = readMultipartSigned(parseEntity(message));
  expect(signed.micalg).toEqual([digest]);
  const verified = await verifySignedData(signed.signature.body, { content: signed.content.rawBytes });
  expect(verified.signers[0]!.digestAlgorithm).toBe(digest);
  expect(verified.signers[0]!.signatureAlgorithm.scheme).toBe(scheme);
  expect(verified.signers[0]!.certificate.fingerprint256).toBe(alice.certificate.fingerprint256);
  return signed.content.rawBytes;
}

const digests: SigningDigest[] = ['sha256', 'sha1'];
const schemes: [label: string, keyopts: string[], scheme: SignatureScheme][] = [
  ['PKCS#1 v1.5', [], { scheme: 'rsa-pkcs1v15' }],
  ['RSASSA-PSS', ['-keyopt', 'rsa_padding_mode:pss'], { scheme: 'rsa-pss' }],
];

describe('multipart/signed vs openssl cms SMIME', () => {
  for (const digest of digests) {
    for (const [label, keyopts, scheme] of schemes) {
      it(`${digest} ${label}: we sign a binary entity, openssl -binary -crlfeol verifies the whole message`, async () => {
        const signature = await signData(entity.bytes, { signer: alice, digest, signature: scheme, detached: true });
        const message = buildMultipartSigned(entity.bytes, signature, { micalg: digest });
        const output = openssl([...verifyArgs, path('alice.pem'), '-binary', '-crlfeol'], message.bytes);
        expect(output.equals(entity.bytes)).toBe(true);
        expect(parseEntity(output).body.equals(payload)).toBe(true);
      });

      for (const stream of [false, true]) {
        it(`${digest} ${label}: openssl -sign -binary${stream ? ' -stream' : ''} -outform SMIME, we parse and verify`, async () => {
          const message = openssl([
            'cms', '-sign', '-binary', '-outform', 'SMIME', '-in', path('entity.bin'), '-md', digest,
            '-signer', path('alice.pem'), '-inkey', path('alice.key'), ...keyopts, ...(stream ? ['-stream'] : []),
          ]);
          expect(message.toString('latin1')).toMatch(/^MIME-Version: 1\.0\n/);
          const signedEntity = await weVerifyMultipartSigned(message, digest, scheme.scheme);
          expect(signedEntity.equals(entity.bytes)).toBe(true);
          expect(parseEntity(signedEntity).body.equals(payload)).toBe(true);
        });
      }
    }
  }

  it('canonical text: we sign, openssl verifies in its default text mode too', async () => {
    const signature = await signData(textEntity.bytes, { signer: alice, digest: 'sha256', detached: true });
    const message = buildMultipartSigned(textEntity.bytes, signature, { micalg: 'sha256' });
    expect(openssl([...verifyArgs, path('alice.pem')], message.bytes).equals(textEntity.bytes)).toBe(true);
  });

  it('openssl -sign -text (canonicalized text, its own Content-Type), we verify and read the CRLF text', async () => {
    const message = openssl(['cms', '-sign', '-text', '-outform', 'SMIME', '-in', path('text.txt'), '-signer', path('alice.pem'), '-inkey', path('alice.key')]);
    const signedEntity = await weVerifyMultipartSigned(message, 'sha256', 'rsa-pkcs1v15');
    expect(parseEntity(signedEntity).body.equals(text)).toBe(true);
  });

  it('openssl -binary without -crlfeol keeps the CR of our CRLF delimiter as content (why -crlfeol is needed)', async () => {
    const signature = await signData(entity.bytes, { signer: alice, digest: 'sha256', detached: true });
    const message = buildMultipartSigned(entity.bytes, signature, { micalg: 'sha256' });
    expect(() => openssl([...verifyArgs, path('alice.pem'), '-binary'], message.bytes)).toThrow(/verification failure/i);
    const unchecked = openssl(['cms', '-verify', '-inform', 'SMIME', '-binary', '-noverify', '-no_content_verify'], message.bytes);
    expect(unchecked.equals(Buffer.concat([entity.bytes, Buffer.from('\r')]))).toBe(true);
  });
});

const ciphers: [flag: string, name: ContentCipherName][] = [
  ['-aes-256-cbc', 'aes-256-cbc'],
  ['-des3', 'des-ede3-cbc'],
  ['-rc2-cbc', 'rc2-128-cbc'],
  ['-cast5-cbc', 'cast5-cbc'],
];
const transports: [label: string, keyopts: string[], transport: KeyTransport][] = [
  ['RSA PKCS#1 v1.5', [], { scheme: 'rsa-pkcs1v15' }],
  ['RSA-OAEP SHA-256', ['-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], { scheme: 'rsa-oaep', hash: 'sha256' }],
];
const decryptArgs = (): string[] => ['cms', '-decrypt', '-inform', 'SMIME', '-inkey', path('alice.key'), '-recip', path('alice.pem'), ...PROVIDERS];

describe('application/pkcs7-mime enveloped-data vs openssl cms SMIME', () => {
  for (const [flag, cipher] of ciphers) {
    for (const [label, keyopts, transport] of transports) {
      it(`${cipher}, ${label}: we encrypt (base64 pkcs7-mime), openssl decrypts the whole message`, () => {
        const der = encryptEnvelopedData(entity.bytes, { cipher, cast5Parameters: 'iv', recipients: [{ certificate: alice.certificate, keyTransport: transport }] });
        const message = buildPkcs7Mime({ smimeType: 'enveloped-data', transferEncoding: 'base64' }, der);
        const output = openssl(decryptArgs(), message.bytes);
        expect(output.equals(entity.bytes)).toBe(true);
      });

      for (const stream of [false, true]) {
        it(`${cipher}, ${label}: openssl -encrypt -binary${stream ? ' -stream' : ''} -outform SMIME, we parse and decrypt`, () => {
          const message = openssl([
            'cms', '-encrypt', '-binary', '-outform', 'SMIME', '-in', path('entity.bin'), flag, '-recip', path('alice.pem'),
            ...keyopts, ...PROVIDERS, ...(stream ? ['-stream'] : []),
          ]);
          const pkcs7 = readPkcs7Mime(parseEntity(message));
          expect(pkcs7.smimeType).toBe('enveloped-data');
          const opened = decryptEnvelopedData(pkcs7.der, [alice]);
          expect(opened.contentCipher).toBe(cipher);
          expect(opened.keyTransport).toEqual(transport);
          expect(opened.content.equals(entity.bytes)).toBe(true);
          expect(parseEntity(opened.content).body.equals(payload)).toBe(true);
        });
      }
    }
  }
});

describe('application/pkcs7-mime signed-data (opaque) vs openssl cms SMIME', () => {
  it('we sign, openssl verifies the whole message', async () => {
    const der = await signData(entity.bytes, { signer: alice, digest: 'sha256', detached: false });
    const message = buildPkcs7Mime({ smimeType: 'signed-data', transferEncoding: 'base64' }, der);
    expect(openssl([...verifyArgs, path('alice.pem'), '-binary'], message.bytes).equals(entity.bytes)).toBe(true);
  });

  it('openssl -sign -nodetach -stream -outform SMIME, we parse and verify', async () => {
    const message = openssl(['cms', '-sign', '-binary', '-nodetach', '-stream', '-outform', 'SMIME', '-in', path('entity.bin'), '-signer', path('alice.pem'), '-inkey', path('alice.key')]);
    const pkcs7 = readPkcs7Mime(parseEntity(message));
    expect(pkcs7.smimeType).toBe('signed-data');
    const verified = await verifySignedData(pkcs7.der);
    expect(verified.content?.equals(entity.bytes)).toBe(true);
  });
});
