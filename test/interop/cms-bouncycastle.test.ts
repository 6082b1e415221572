// Our CMS against Bouncy Castle 1.72 (Debian's libbcprov-java / libbcpkix-java, driven by bouncycastle/CmsOracle.java),
// in both directions: CompressedData (zlib), EnvelopedData with IDEA-CBC and RSA-OAEP, AuthEnvelopedData with AES-GCM
// and AES-CCM (with and without authenticated attributes), and RSASSA-PSS SignedData. One JVM runs every BC step.
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthCipherName } from '../../electron/core/cms/authenticatedCiphers';
import { decryptAuthEnvelopedData, encryptAuthEnvelopedData } from '../../electron/core/cms/authEnvelopedData';
import { compressData, decompressData } from '../../electron/core/cms/compressedData';
import type { SigningDigest } from '../../electron/core/cms/digests';
import { decryptEnvelopedData, encryptEnvelopedData } from '../../electron/core/cms/envelopedData';
import { oidIdeaCbc, oidRsaEncryption, oidRsaesOaep, oidRsassaPss } from '../../electron/core/cms/oids';
import type { KeyTransport } from '../../electron/core/cms/rsaKeyTransport';
import { signData } from '../../electron/core/cms/signedData';
import { verifySignedData } from '../../electron/core/cms/signedDataVerification';
import { cmsFailure, flipBit, type RsaIdentity } from '../support/cms';
import { tempDir } from '../support/home';

const JARS = ['bcprov', 'bcpkix', 'bcutil'].map((name) => `/usr/share/java/${name}.jar`);
const CLASSPATH = JARS.join(':');
const ORACLE = new URL('./bouncycastle/CmsOracle.java', import.meta.url).pathname;

const dir = tempDir('courier-cms-bc-');
const path = (name: string): string => join(dir.path, name);

/** 3000 bytes with CR, LF, NUL and high bytes. */
const payload = Buffer.concat(Array.from({ length: 94 }, (_, i) => createHash('sha256').update(`line ${i}\r\n\x00`).digest()));
let us: RsaIdentity;

/** One line of the batch: the BC command; `result` is filled with BC's "ok …" / "fail …" line after the run. */
interface Step {
  command: string;
  result?: string;
}
const steps = new Map<string, Step>();
const step = (id: string, command: string): void => void steps.set(id, { command });
const resultOf = (id: string): string => steps.get(id)!.result!;
const out = (name: string): Buffer => readFileSync(path(name));

const KEY = (): string => `${path('us.key')} ${path('us.pem')}`;
const describeTransport = (t: KeyTransport): string => (t.scheme === 'rsa-oaep' ? `RSA-OAEP-${t.hash}` : 'RSA PKCS#1 v1.5');

/** What Courier writes for BC to read: [id, file, how BC reads it]. */
const authCases: Array<{ id: string; cipher: AuthCipherName; tagLength: number; attrs: boolean; transport: KeyTransport }> = [
  { id: 'gcm128', cipher: 'aes-128-gcm', tagLength: 16, attrs: false, transport: { scheme: 'rsa-pkcs1v15' } },
  { id: 'gcm192-attrs', cipher: 'aes-192-gcm', tagLength: 16, attrs: true, transport: { scheme: 'rsa-pkcs1v15' } },
  { id: 'gcm256-tag12-oaep', cipher: 'aes-256-gcm', tagLength: 12, attrs: false, transport: { scheme: 'rsa-oaep', hash: 'sha256' } },
  { id: 'ccm128', cipher: 'aes-128-ccm', tagLength: 16, attrs: false, transport: { scheme: 'rsa-pkcs1v15' } },
  { id: 'ccm256-tag12-attrs', cipher: 'aes-256-ccm', tagLength: 12, attrs: true, transport: { scheme: 'rsa-oaep', hash: 'sha1' } },
];
const envelopeCases: Array<{ id: string; cipher: 'idea-cbc' | 'aes-256-cbc'; transport: KeyTransport }> = [
  { id: 'idea', cipher: 'idea-cbc', transport: { scheme: 'rsa-pkcs1v15' } },
  { id: 'idea-oaep', cipher: 'idea-cbc', transport: { scheme: 'rsa-oaep', hash: 'sha256' } },
  { id: 'aes256-oaep-sha512', cipher: 'aes-256-cbc', transport: { scheme: 'rsa-oaep', hash: 'sha512' } },
];
const signCases: Array<{ id: string; digest: SigningDigest; detached: boolean }> = [
  { id: 'pss-sha256', digest: 'sha256', detached: false },
  { id: 'pss-sha512-detached', digest: 'sha512', detached: true },
];
/** What BC writes for Courier to read: [id, BC encrypt options]. */
const bcEncrypt: Array<{ id: string; alg: string; oaep?: string }> = [
  { id: 'IDEA_CBC', alg: 'IDEA_CBC' },
  { id: 'AES128_CBC-oaep', alg: 'AES128_CBC', oaep: 'SHA-256' },
  { id: 'AES128_GCM', alg: 'AES128_GCM' },
  { id: 'AES256_GCM-oaep', alg: 'AES256_GCM', oaep: 'SHA-1' },
  { id: 'AES128_CCM', alg: 'AES128_CCM' },
  { id: 'AES256_CCM-oaep', alg: 'AES256_CCM', oaep: 'SHA-256' },
];
const bcSign: Array<{ id: string; digest: string; detached: boolean }> = [
  { id: 'SHA256-pss', digest: 'SHA256', detached: false },
  { id: 'SHA384-pss-detached', digest: 'SHA384', detached: true },
];

beforeAll(async () => {
  for (const jar of JARS) if (!existsSync(jar)) throw new Error(`${jar} is missing: apt-get install libbcprov-java libbcpkix-java libbcutil-java`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Courier BC interop', '-days', '2', '-keyout', path('us.key'), '-out', path('us.pem')], { stdio: 'pipe' });
  us = { certificate: new X509Certificate(out('us.pem')), privateKey: createPrivateKey(out('us.key')) };
  writeFileSync(path('payload.bin'), payload);
  execFileSync('javac', ['-nowarn', '-d', dir.path, '-cp', CLASSPATH, ORACLE], { stdio: 'pipe' });

  // Courier → BC
  writeFileSync(path('ours-compressed.der'), await compressData(payload));
  step('decompress', `decompress ${path('ours-compressed.der')} ${path('bc-decompressed.out')}`);
  for (const c of authCases) {
    const message = encryptAuthEnvelopedData(payload, {
      cipher: c.cipher,
      tagLength: c.tagLength,
      authenticatedAttributes: c.attrs,
      recipients: [{ certificate: us.certificate, keyTransport: c.transport }],
    });
    writeFileSync(path(`ours-${c.id}.der`), message);
    writeFileSync(path(`ours-${c.id}-tampered.der`), flipBit(message, -3)); // inside the MessageAuthenticationCode
    step(`decrypt-${c.id}`, `decrypt ${KEY()} ${path(`ours-${c.id}.der`)} ${path(`bc-${c.id}.out`)}`);
    step(`decrypt-${c.id}-tampered`, `decrypt ${KEY()} ${path(`ours-${c.id}-tampered.der`)} ${path(`bc-${c.id}-tampered.out`)}`);
  }
  for (const c of envelopeCases) {
    writeFileSync(path(`ours-${c.id}.der`), encryptEnvelopedData(payload, { cipher: c.cipher, recipients: [{ certificate: us.certificate, keyTransport: c.transport }] }));
    step(`decrypt-${c.id}`, `decrypt ${KEY()} ${path(`ours-${c.id}.der`)} ${path(`bc-${c.id}.out`)}`);
  }
  for (const c of signCases) {
    const signature = await signData(payload, { signer: us, digest: c.digest, signature: { scheme: 'rsa-pss' }, detached: c.detached });
    writeFileSync(path(`ours-${c.id}.der`), signature);
    const content = c.detached ? `--content ${path('payload.bin')} ` : '';
    step(`verify-${c.id}`, `verify ${content}${path('us.pem')} ${path(`ours-${c.id}.der`)} ${path(`bc-${c.id}.out`)}`);
    writeFileSync(path(`ours-${c.id}-tampered.bin`), flipBit(payload, 100));
    if (c.detached) step(`verify-${c.id}-tampered`, `verify --content ${path(`ours-${c.id}-tampered.bin`)} ${path('us.pem')} ${path(`ours-${c.id}.der`)} ${path('ignored.out')}`);
  }

  // BC → Courier
  step('compress', `compress ${path('payload.bin')} ${path('bc-compressed.der')}`);
  for (const c of bcEncrypt) {
    step(`encrypt-${c.id}`, `encrypt --alg ${c.alg}${c.oaep ? ` --oaep ${c.oaep}` : ''} ${path('us.pem')} ${path('payload.bin')} ${path(`bc-${c.id}.der`)}`);
  }
  for (const c of bcSign) {
    step(`sign-${c.id}`, `sign --digest ${c.digest} --pss${c.detached ? ' --detached' : ''} ${KEY()} ${path('payload.bin')} ${path(`bc-${c.id}.der`)}`);
  }

  writeFileSync(path('batch.txt'), [...steps.values()].map((s) => s.command).join('\n'));
  const lines = execFileSync('java', ['-cp', `${dir.path}:${CLASSPATH}`, 'CmsOracle', 'batch', path('batch.txt')], { stdio: 'pipe' })
    .toString()
    .trim()
    .split('\n');
  expect(lines).toHaveLength(steps.size);
  [...steps.values()].forEach((s, i) => (s.result = lines[i]));
});
afterAll(() => dir.remove());

describe('CompressedData (zlib, RFC 3274)', () => {
  it('Courier → BC: BC decompresses our message to the payload', () => {
    expect(resultOf('decompress')).toBe('ok contentType=1.2.840.113549.1.7.1');
    expect(out('bc-decompressed.out').equals(payload)).toBe(true);
  });

  it('BC → Courier: we decompress BC’s message to the payload', async () => {
    expect(resultOf('compress')).toBe('ok compressed');
    const opened = await decompressData(out('bc-compressed.der'));
    expect(opened.content.equals(payload)).toBe(true);
    expect((await cmsFailure(() => decompressData(out('bc-compressed.der'), { maxBytes: 1000 }))).reason).toBe('content-too-large');
  });
});

describe('AuthEnvelopedData (RFC 5083) with AES-GCM and AES-CCM (RFC 5084)', () => {
  for (const c of authCases) {
    const label = `${c.cipher}, ${c.tagLength}-byte tag, ${c.attrs ? 'with' : 'no'} authenticated attributes, ${describeTransport(c.transport)}`;
    it(`Courier → BC: ${label}`, () => {
      const transportOid = c.transport.scheme === 'rsa-oaep' ? oidRsaesOaep : oidRsaEncryption;
      expect(resultOf(`decrypt-${c.id}`)).toMatch(new RegExp(`^ok [0-9.]+${c.attrs ? ' authAttrs=1' : ''} keyTransport=${transportOid.replace(/\./g, '\\.')}$`));
      expect(out(`bc-${c.id}.out`).equals(payload)).toBe(true);
      expect(resultOf(`decrypt-${c.id}-tampered`)).toMatch(/^fail /);
    });
  }

  for (const c of bcEncrypt.filter((e) => /GCM|CCM/.test(e.alg))) {
    it(`BC → Courier: ${c.alg}${c.oaep ? ` with RSA-OAEP ${c.oaep}` : ' with RSA PKCS#1 v1.5'}`, async () => {
      expect(resultOf(`encrypt-${c.id}`)).toMatch(/^ok /);
      const message = out(`bc-${c.id}.der`);
      expect(message.includes(Buffer.from('060b2a864886f70d0109100117', 'hex'))).toBe(true); // id-ct-authEnvelopedData
      const opened = decryptAuthEnvelopedData(message, [us]);
      expect(opened.content.equals(payload)).toBe(true);
      expect(opened.contentCipher).toBe(c.alg.replace(/^AES(\d+)_(GCM|CCM)$/, (_, bits: string, mode: string) => `aes-${bits}-${mode.toLowerCase()}`));
      expect(opened.keyTransport.scheme).toBe(c.oaep ? 'rsa-oaep' : 'rsa-pkcs1v15');
      // BC ends with the MessageAuthenticationCode and three end-of-contents markers: -10 is inside the tag.
      expect((await cmsFailure(() => decryptAuthEnvelopedData(flipBit(message, -10), [us]))).reason).toBe('decryption-failed');
    });
  }
});

describe('EnvelopedData: IDEA-CBC (RFC 3058) and RSA-OAEP key transport (RFC 3560)', () => {
  for (const c of envelopeCases) {
    it(`Courier → BC: ${c.cipher} with ${describeTransport(c.transport)}`, () => {
      const transportOid = c.transport.scheme === 'rsa-oaep' ? oidRsaesOaep : oidRsaEncryption;
      const cipherOid = c.cipher === 'idea-cbc' ? oidIdeaCbc : '2.16.840.1.101.3.4.1.42';
      expect(resultOf(`decrypt-${c.id}`)).toBe(`ok ${cipherOid} keyTransport=${transportOid}`);
      expect(out(`bc-${c.id}.out`).equals(payload)).toBe(true);
    });
  }

  for (const c of bcEncrypt.filter((e) => /CBC/.test(e.alg))) {
    it(`BC → Courier: ${c.alg}${c.oaep ? ` with RSA-OAEP ${c.oaep}` : ' with RSA PKCS#1 v1.5'}`, () => {
      expect(resultOf(`encrypt-${c.id}`)).toMatch(/^ok /);
      const opened = decryptEnvelopedData(out(`bc-${c.id}.der`), [us]);
      expect(opened.content.equals(payload)).toBe(true);
      expect(opened.contentCipher).toBe(c.alg === 'IDEA_CBC' ? 'idea-cbc' : 'aes-128-cbc');
      expect(opened.keyTransport).toEqual(c.oaep ? { scheme: 'rsa-oaep', hash: 'sha256' } : { scheme: 'rsa-pkcs1v15' });
    });
  }
});

describe('SignedData with RSASSA-PSS (RFC 4056)', () => {
  for (const c of signCases) {
    it(`Courier → BC: ${c.digest} PSS, ${c.detached ? 'detached' : 'attached'}`, () => {
      expect(resultOf(`verify-${c.id}`)).toMatch(new RegExp(`^ok [0-9.]+ ${oidRsassaPss.replace(/\./g, '\\.')}$`));
      expect(out(`bc-${c.id}.out`).equals(payload)).toBe(true);
      if (c.detached) expect(resultOf(`verify-${c.id}-tampered`)).toMatch(/^fail /);
    });
  }

  for (const c of bcSign) {
    it(`BC → Courier: ${c.digest} PSS, ${c.detached ? 'detached' : 'attached'}`, async () => {
      expect(resultOf(`sign-${c.id}`)).toBe(`ok ${oidRsassaPss}`);
      const signature = out(`bc-${c.id}.der`);
      const verified = await verifySignedData(signature, { content: c.detached ? payload : undefined });
      const signer = verified.signers[0]!;
      expect(signer.certificate.fingerprint256).toBe(us.certificate.fingerprint256);
      expect(signer.digestAlgorithm).toBe(c.digest.toLowerCase());
      expect(signer.signatureAlgorithm.scheme).toBe('rsa-pss');
      if (!c.detached) expect(verified.content!.equals(payload)).toBe(true);
      const tampered = c.detached ? { content: flipBit(payload, 7) } : {};
      const target = c.detached ? signature : flipBit(signature, signature.indexOf(payload.subarray(0, 32)) + 5);
      expect(['digest-mismatch', 'bad-signature']).toContain((await cmsFailure(() => verifySignedData(target, tampered))).reason);
    });
  }
});
