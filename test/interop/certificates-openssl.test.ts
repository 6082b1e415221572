// Certificates against the openssl CLI, an implementation we did not write: PKCS#12 files it exports (OpenSSL 3's
// default AES-256/PBKDF2 and `-legacy` RC2-40/3DES) import with the key matching its certificate, in keys list,
// encrypted at rest (so do Java keytool's, modern and legacy); the PKCS#7 bundles `crl2pkcs7` writes import every certificate; and openssl accepts our
// CSRs (`req -verify`) and our self-signed certificates (`verify -CAfile`), and signs a CSR we attach back.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import type { CertificateEntry, KeySummary, OutputOf } from '../../shared/ipc';
import { openTestHome, tempDir } from '../support/home';

function openssl(args: string[], input?: string | Buffer, mayFail = false): string {
  try {
    return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  } catch (error) {
    if (mayFail) return 'refused';
    throw error;
  }
}

/** What openssl prints on stderr (pkcs12 -info, req -verify), with its exit status. */
function opensslStderr(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('certificates vs openssl', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;
  const file = (name: string) => join(dir.path, name);

  async function call<T>(name: string, input: unknown): Promise<T> {
    const reply = await api.invoke(name, input);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.output as T;
  }
  const importFile = (path: string, password?: string) =>
    call<OutputOf<'certs.import'>>('certs.import', { fileName: path.split('/').pop(), contentBase64: readFileSync(path).toString('base64'), password });

  beforeAll(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
    api = createCourierApi(ctx);
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-subj', '/CN=OpenSSL Test CA', '-days', '30']);
    for (const [name, keyArgs] of [
      ['rsa', ['-newkey', 'rsa:2048']],
      ['ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ] as const) {
      openssl(['req', '-new', ...keyArgs, '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/O=Partner/CN=${name}.openssl.example`]);
      openssl(['x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '20', '-out', file(`${name}.pem`)]);
    }
    writeFileSync(file('chain.pem'), readFileSync(file('rsa.pem'), 'utf8') + readFileSync(file('ec.pem'), 'utf8') + readFileSync(file('ca.pem'), 'utf8'));
  });
  afterAll(() => {
    ctx.close();
    dir.remove();
  });

  const PASSWORD = 'pässwört § 3';
  const exports = [
    { name: 'modern (AES-256-CBC, PBKDF2, SHA-256 MAC)', key: 'rsa', flags: [] as string[], info: /PBES2, PBKDF2, AES-256-CBC/ },
    { name: '-legacy (RC2-40 certificates, 3DES key, SHA-1 MAC)', key: 'ec', flags: ['-legacy'], info: /pbeWithSHA1And40BitRC2-CBC/ },
  ];

  for (const e of exports) {
    it(`openssl pkcs12 -export ${e.name} imports: the key matches its certificate, lands in keys list, and is encrypted at rest`, async () => {
      const p12 = file(`${e.key}.p12`);
      openssl(['pkcs12', '-export', ...e.flags, '-in', file(`${e.key}.pem`), '-inkey', file(`${e.key}.key`), '-certfile', file('ca.pem'), '-name', `${e.key} identity`, '-passout', `pass:${PASSWORD}`, '-out', p12]);
      expect(opensslStderr(['pkcs12', ...e.flags, '-info', '-noout', '-in', p12, '-passin', `pass:${PASSWORD}`]).stderr).toMatch(e.info);

      expect(await api.invoke('certs.import', { fileName: 'x.p12', contentBase64: readFileSync(p12).toString('base64'), password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
      const result = await importFile(p12, PASSWORD);
      expect(result.keys).toHaveLength(1);
      const key = result.keys[0]!.key;
      expect(key).toMatchObject({ origin: 'imported', label: `${e.key} identity` });
      const own = result.certificates.find((c) => c.certificate.keyId === key.id)!.certificate;
      expect(own.subject).toBe(`O=Partner, CN=${e.key}.openssl.example`);
      expect(result.certificates.map((c) => c.certificate.subject)).toContain('CN=OpenSSL Test CA');

      // openssl's view: the certificate's public key, the original key's, and the one in our at-rest file agree.
      const atRest = join(ctx.paths.keys, `${key.id}.p8`);
      expect(readFileSync(atRest, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      const fromCertificate = openssl(['x509', '-in', file(`${e.key}.pem`), '-noout', '-pubkey']);
      expect(fromCertificate).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(openssl(['pkey', '-in', atRest, '-passin', `pass:${ctx.keys.vault.filePassphrase(key.id)}`, '-pubout'])).toBe(fromCertificate);
      expect(openssl(['pkey', '-in', atRest, '-passin', 'pass:not-the-passphrase', '-pubout'], undefined, true)).toBe('refused');
      const keys = await call<{ keys: KeySummary[] }>('keys.list', {});
      expect(keys.keys.map((k) => k.id)).toContain(key.id);
      expect((await call<OutputOf<'certs.get'>>('certs.get', { id: own.id })).chainStatus).toBe('complete');
    });
  }

  it('the Mendelson test identity: openssl -legacy and Courier read the same public key from it', async () => {
    const mendelson = '/work/shared/interop/mendelson-as2/cert_test.p12';
    const result = await importFile(mendelson, 'test');
    const key = result.keys[0]!.key;
    const viaOpenssl = openssl(['pkcs12', '-legacy', '-in', mendelson, '-passin', 'pass:test', '-nocerts', '-nodes']);
    expect(openssl(['pkey', '-pubout'], viaOpenssl)).toBe(openssl(['pkey', '-in', join(ctx.paths.keys, `${key.id}.p8`), '-passin', `pass:${ctx.keys.vault.filePassphrase(key.id)}`, '-pubout']));
  });

  // keytool reads its arguments in the platform charset, which may be ASCII here.
  const KEYTOOL_PASSWORD = 'keytool password 9';
  const keytool = [
    { name: 'JDK 17 default (PBES2 AES-256, HmacSHA256, 10,000 iterations)', flags: [] as string[], keyArgs: ['-keyalg', 'EC', '-groupname', 'secp256r1'], type: 'ec' },
    { name: '-J-Dkeystore.pkcs12.legacy (RC2-40, 3DES, 50,000 iterations, MAC 100,000)', flags: ['-J-Dkeystore.pkcs12.legacy'], keyArgs: ['-keyalg', 'RSA', '-keysize', '2048'], type: 'rsa' },
  ];
  for (const k of keytool) {
    it(`a PKCS#12 keystore from Java's keytool, ${k.name}, imports with its key`, async () => {
      const store = file(`keytool-${k.type}.p12`);
      execFileSync('keytool', ['-genkeypair', ...k.flags, '-alias', 'courier', ...k.keyArgs, '-dname', `CN=${k.type}.keytool.example, O=Java`, '-validity', '30', '-storetype', 'PKCS12', '-keystore', store, '-storepass', KEYTOOL_PASSWORD, '-keypass', KEYTOOL_PASSWORD], { stdio: 'pipe' });
      const result = await importFile(store, KEYTOOL_PASSWORD);
      expect(result.keys.map((r) => [r.key.algorithm.type, r.key.label])).toEqual([[k.type, 'courier']]);
      expect(result.certificates.map((c) => [c.certificate.subject, c.certificate.keyId])).toEqual([[`O=Java, CN=${k.type}.keytool.example`, result.keys[0]!.key.id]]);
    });
  }

  for (const form of ['PEM', 'DER'] as const) {
    it(`openssl crl2pkcs7 -nocrl (${form}) imports every certificate, with openssl's fingerprints`, async () => {
      const p7b = file(`chain-${form}.p7b`);
      openssl(['crl2pkcs7', '-nocrl', '-certfile', file('chain.pem'), '-outform', form, '-out', p7b]);
      const result = await importFile(p7b);
      expect(result.format).toBe('pkcs7');
      const expected = ['rsa', 'ec', 'ca'].map((name) => openssl(['x509', '-in', file(`${name}.pem`), '-noout', '-fingerprint', '-sha256']).trim().replace(/^sha256 Fingerprint=/i, ''));
      expect(result.certificates.map((c) => c.certificate.sha256Fingerprint)).toEqual(expected);
    });
  }

  const algorithms = [
    { name: 'RSA-2048', purpose: 'as2-signing', algorithm: { type: 'rsa', bits: 2048 }, usage: 'Digital Signature, Non Repudiation' },
    { name: 'EC P-256', purpose: 'tls-client', algorithm: { type: 'ec', curve: 'P-256' }, usage: 'Digital Signature' },
    { name: 'EC P-384', purpose: 'as2-encryption', algorithm: { type: 'ec', curve: 'P-384' }, usage: 'Key Agreement' },
  ] as const;

  for (const a of algorithms) {
    describe(a.name, () => {
      let key: KeySummary;
      beforeAll(async () => {
        key = await call<KeySummary>('keys.generate', { jobId: a.name.replace(/\W/g, '-'), label: a.name, purpose: a.purpose, algorithm: a.algorithm });
      });

      it('openssl verify -CAfile accepts our self-signed certificate, and x509 -text shows our subject, SAN and key usage', async () => {
        const certificate = await call<CertificateEntry>('certs.selfSign', { keyId: key.id, subject: 'CN=as2.courier.example, O=Courier Test, C=DE', sans: ['DNS:as2.courier.example', 'IP:192.0.2.10'], days: 30 });
        const pem = file(`self-${key.id}.pem`);
        writeFileSync(pem, (await call<OutputOf<'certs.get'>>('certs.get', { id: certificate.id })).pem);
        expect(openssl(['verify', '-CAfile', pem, pem])).toBe(`${pem}: OK\n`);
        const text = openssl(['x509', '-in', pem, '-noout', '-text']);
        expect(text).toContain('Subject: C = DE, O = Courier Test, CN = as2.courier.example');
        expect(text).toMatch(/X509v3 Subject Alternative Name: \n\s+DNS:as2.courier.example, IP Address:192.0.2.10/);
        expect(text).toMatch(new RegExp(`X509v3 Key Usage: critical\\n\\s+${a.usage}\\n`));
        expect(text).toContain('CA:FALSE');
      });

      it("openssl req -verify accepts our CSR; openssl x509 -req signs it and we attach the result to the key", async () => {
        const csr = await call<OutputOf<'certs.createCsr'>>('certs.createCsr', { keyId: key.id, subject: 'CN=csr.courier.example, O=Courier Test', sans: ['DNS:csr.courier.example'] });
        const csrFile = file(`${key.id}.csr`);
        writeFileSync(csrFile, csr.pem);
        expect(opensslStderr(['req', '-verify', '-in', csrFile, '-noout'])).toEqual({ status: 0, stderr: 'Certificate request self-signature verify OK\n' });
        const text = openssl(['req', '-in', csrFile, '-noout', '-text']);
        expect(text).toContain('Subject: O = Courier Test, CN = csr.courier.example');
        expect(text).toMatch(/Requested Extensions:[\s\S]*X509v3 Key Usage: critical\n\s+/);
        expect(text).toContain('DNS:csr.courier.example');

        const issued = file(`${key.id}.issued.pem`);
        openssl(['x509', '-req', '-in', csrFile, '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '10', '-copy_extensions', 'copy', '-out', issued]);
        const attached = await call<OutputOf<'certs.attach'>>('certs.attach', { keyId: key.id, fileName: 'issued.pem', contentBase64: readFileSync(issued).toString('base64') });
        expect(attached.certificate).toMatchObject({ keyId: key.id, issuer: 'CN=OpenSSL Test CA', sans: ['DNS:csr.courier.example'], expiry: '14' });
      });
    });
  }
});
