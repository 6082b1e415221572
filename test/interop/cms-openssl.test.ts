// Our CMS against the `openssl cms` CLI (OpenSSL 3, legacy provider for RC2 and CAST5), in both directions:
// EnvelopedData for every content cipher OpenSSL has × RSA PKCS#1 v1.5 / OAEP-SHA-1 / OAEP-SHA-256 key transport,
// and SignedData for SHA-1…SHA-512 × PKCS#1 v1.5 / PSS × detached / attached. IDEA is not built into this OpenSSL.
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
import { cmsFailure, flipBit, type RsaIdentity } from '../support/cms';
import { tempDir } from '../support/home';

const PROVIDERS = ['-provider', 'legacy', '-provider', 'default'];
const dir = tempDir('courier-cms-openssl-');
const path = (name: string): string => join(dir.path, name);

function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** Runs openssl expecting failure; returns its stderr. */
function opensslFails(args: string[], input?: Uint8Array): string {
  try {
    openssl(args, input);
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
  throw new Error(`openssl ${args.join(' ')} succeeded`);
}

function makeIdentity(name: string): RsaIdentity {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-days', '2', '-keyout', path(`${name}.key`), '-out', path(`${name}.pem`)]);
  return {
    certificate: new X509Certificate(readFileSync(path(`${name}.pem`))),
    privateKey: createPrivateKey(readFileSync(path(`${name}.key`))),
  };
}

/** 3000 bytes with CR, LF, NUL and high bytes, so no canonicalization can pass unnoticed. */
const payload = Buffer.concat(Array.from({ length: 94 }, (_, i) => createHash('sha256').update(`line ${i}\r\n\x00`).digest()));
let alice: RsaIdentity;
let bob: RsaIdentity;

beforeAll(() => {
  alice = makeIdentity('alice');
  bob = makeIdentity('bob');
  writeFileSync(path('payload.bin'), payload);
});
afterAll(() => dir.remove());

const decryptArgs = (who = 'alice'): string[] => ['cms', '-decrypt', '-binary', '-inform', 'DER', '-inkey', path(`${who}.key`), '-recip', path(`${who}.pem`), ...PROVIDERS];

const ciphers: [flag: string, name: ContentCipherName][] = [
  ['-des3', 'des-ede3-cbc'],
  ['-aes-128-cbc', 'aes-128-cbc'],
  ['-aes-192-cbc', 'aes-192-cbc'],
  ['-aes-256-cbc', 'aes-256-cbc'],
  ['-rc2-40-cbc', 'rc2-40-cbc'],
  ['-rc2-64-cbc', 'rc2-64-cbc'],
  ['-rc2-cbc', 'rc2-128-cbc'],
  ['-cast5-cbc', 'cast5-cbc'],
];
const transports: [label: string, keyopts: string[], transport: KeyTransport][] = [
  ['RSA PKCS#1 v1.5', [], { scheme: 'rsa-pkcs1v15' }],
  ['RSA-OAEP SHA-1', ['-keyopt', 'rsa_padding_mode:oaep'], { scheme: 'rsa-oaep', hash: 'sha1' }],
  ['RSA-OAEP SHA-256', ['-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], { scheme: 'rsa-oaep', hash: 'sha256' }],
];

describe('EnvelopedData vs openssl cms', () => {
  for (const [flag, cipher] of ciphers) {
    for (const [label, keyopts, transport] of transports) {
      it(`${cipher}, ${label}: we encrypt, openssl decrypts`, () => {
        const message = encryptEnvelopedData(payload, {
          cipher,
          cast5Parameters: 'iv',
          recipients: [{ certificate: alice.certificate, keyTransport: transport }],
        });
        expect(openssl(decryptArgs(), message).equals(payload)).toBe(true);
      });

      it(`${cipher}, ${label}: openssl encrypts, we decrypt`, () => {
        const message = openssl(['cms', '-encrypt', '-binary', '-outform', 'DER', '-in', path('payload.bin'), flag, '-recip', path('alice.pem'), ...keyopts, ...PROVIDERS]);
        const opened = decryptEnvelopedData(message, [alice]);
        expect(opened.content.equals(payload)).toBe(true);
        expect(opened.contentCipher).toBe(cipher);
        expect(opened.keyTransport).toEqual(transport);
      });
    }
  }

  it('CAST5 in RFC 2984 form (our default, what Bouncy Castle reads) is refused by OpenSSL, which reads a bare IV only', () => {
    const message = encryptEnvelopedData(payload, { cipher: 'cast5-cbc', recipients: [{ certificate: alice.certificate }] });
    expect(opensslFails(decryptArgs(), message)).toMatch(/ASN1_TYPE_get_octetstring|decrypt/i);
  });

  it('streamed BER (openssl -stream, indefinite lengths) decrypts', () => {
    const message = openssl(['cms', '-encrypt', '-binary', '-stream', '-outform', 'DER', '-in', path('payload.bin'), '-aes-256-cbc', path('alice.pem')]);
    expect(message[1]).toBe(0x80);
    expect(decryptEnvelopedData(message, [alice]).content.equals(payload)).toBe(true);
  });

  it('subject key identifier recipients, both directions', () => {
    const theirs = openssl(['cms', '-encrypt', '-binary', '-outform', 'DER', '-in', path('payload.bin'), '-aes-128-cbc', '-keyid', path('alice.pem')]);
    expect(decryptEnvelopedData(theirs, [alice]).content.equals(payload)).toBe(true);
    const ours = encryptEnvelopedData(payload, { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate, identifier: 'subjectKeyIdentifier' }] });
    expect(openssl(decryptArgs(), ours).equals(payload)).toBe(true);
  });

  it('two recipients, both directions: each side opens with either key', () => {
    const theirs = openssl(['cms', '-encrypt', '-binary', '-outform', 'DER', '-in', path('payload.bin'), '-des3', path('alice.pem'), path('bob.pem')]);
    expect(decryptEnvelopedData(theirs, [bob]).content.equals(payload)).toBe(true);
    const ours = encryptEnvelopedData(payload, { cipher: 'aes-256-cbc', recipients: [{ certificate: alice.certificate }, { certificate: bob.certificate, keyTransport: { scheme: 'rsa-oaep', hash: 'sha256' } }] });
    expect(openssl(decryptArgs('alice'), ours).equals(payload)).toBe(true);
    expect(openssl(decryptArgs('bob'), ours).equals(payload)).toBe(true);
  });
});

const digests: SigningDigest[] = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const schemes: [label: string, keyopts: string[], scheme: SignatureScheme][] = [
  ['PKCS#1 v1.5', [], { scheme: 'rsa-pkcs1v15' }],
  ['RSASSA-PSS', ['-keyopt', 'rsa_padding_mode:pss'], { scheme: 'rsa-pss' }],
];

function opensslVerify(message: Uint8Array, detached: boolean): Buffer {
  const content = detached ? ['-content', path('payload.bin')] : [];
  return openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-CAfile', path('alice.pem'), ...content], message);
}

function opensslSign(digest: string, keyopts: string[], detached: boolean, extra: string[] = []): Buffer {
  return openssl([
    'cms', '-sign', '-binary', '-outform', 'DER', '-in', path('payload.bin'), '-md', digest,
    '-signer', path('alice.pem'), '-inkey', path('alice.key'), ...keyopts, ...(detached ? [] : ['-nodetach']), ...extra,
  ]);
}

describe('SignedData vs openssl cms', () => {
  for (const digest of digests) {
    for (const [label, keyopts, scheme] of schemes) {
      for (const detached of [true, false]) {
        const mode = detached ? 'detached' : 'attached';
        it(`${digest} ${label} ${mode}: we sign, openssl verifies against the certificate as CA`, async () => {
          const message = await signData(payload, { signer: alice, digest, signature: scheme, detached });
          const output = opensslVerify(message, detached);
          expect(output.equals(payload)).toBe(true);
        });

        it(`${digest} ${label} ${mode}: openssl signs, we verify`, async () => {
          const message = opensslSign(digest, keyopts, detached);
          const verified = await verifySignedData(message, detached ? { content: payload } : {});
          expect(verified.content?.equals(payload) ?? detached).toBe(true);
          const [signer] = verified.signers;
          expect(signer!.digestAlgorithm).toBe(digest);
          expect(signer!.signatureAlgorithm.scheme).toBe(scheme.scheme);
          expect(signer!.certificate.fingerprint256).toBe(alice.certificate.fingerprint256);
          expect(signer!.signingTime).toBeInstanceOf(Date);
        });
      }
    }
  }

  it('a flipped content byte under an openssl signature is a digest mismatch for us', async () => {
    const message = opensslSign('sha256', [], true);
    const failure = await cmsFailure(() => verifySignedData(message, { content: flipBit(payload, 1234) }));
    expect(failure.reason).toBe('digest-mismatch');
  });

  it('a flipped content byte under our signature fails openssl too', async () => {
    const message = await signData(payload, { signer: alice, digest: 'sha256', detached: true });
    writeFileSync(path('tampered.bin'), flipBit(payload, 1234));
    expect(opensslFails(['cms', '-verify', '-binary', '-inform', 'DER', '-CAfile', path('alice.pem'), '-content', path('tampered.bin')], message)).toMatch(/digest failure|verification failure/i);
  });

  it('openssl MD5 signatures verify and are flagged weak', async () => {
    const verified = await verifySignedData(opensslSign('md5', [], true), { content: payload });
    expect(verified.signers[0]!.digestAlgorithm).toBe('md5');
    expect(verified.signers[0]!.weakDigest).toBe(true);
  });

  it('openssl -stream output (BER, indefinite lengths, chunked eContent) verifies', async () => {
    const message = opensslSign('sha256', [], false, ['-stream']);
    expect(message[1]).toBe(0x80);
    expect((await verifySignedData(message)).content?.equals(payload)).toBe(true);
  });

  it('subject key identifier signers, both directions', async () => {
    expect((await verifySignedData(opensslSign('sha256', [], true, ['-keyid']), { content: payload })).signers).toHaveLength(1);
    const ours = await signData(payload, { signer: alice, digest: 'sha256', detached: true, identifier: 'subjectKeyIdentifier' });
    expect(opensslVerify(ours, true).equals(payload)).toBe(true);
  });

  it('our minimal signatures verify in openssl: no CMSAlgorithmProtection, no signed attributes at all', async () => {
    const minimal = await signData(payload, { signer: alice, digest: 'sha256', detached: true, signedAttributes: { algorithmProtection: false, smimeCapabilities: false, signingTime: false } });
    expect(opensslVerify(minimal, true).equals(payload)).toBe(true);
    const bare = await signData(payload, { signer: alice, digest: 'sha512', detached: false, signedAttributes: false });
    expect(opensslVerify(bare, false).equals(payload)).toBe(true);
    const theirsBare = opensslSign('sha512', [], true, ['-noattr']);
    expect((await verifySignedData(theirsBare, { content: payload })).signers[0]!.signedAttributes).toBe(false);
  });
});
