// DESIGN §3 for imported identities: after PKCS#12 imports, every byte of the home (courier.db with its WAL,
// the keys folder, blobs) is searched for the private keys in any clear form and for the PKCS#12 passwords;
// none is there, nor in the audit log or the events the UI receives. node-forge opens the files independently
// to tell us what to look for.
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { forgePkcs12 } from '../../support/certificateFiles';
import { CLEAR_PEM_MARKERS, filesUnder, findings, secretNeedles } from '../../support/secretScan';
import { openTestHome, tempDir } from '../../support/home';
import { issueCertificate, makeKey } from '../../support/testPki';

/** The private key of a PKCS#12 file, as node-forge reads it. */
function forgeKey(file: Buffer, password: string) {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(file.toString('binary')), password);
  const bag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!;
  return createPrivateKey(forge.pki.privateKeyToPem(bag.key!));
}

describe('no imported private key and no PKCS#12 password anywhere in the home', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;

  beforeEach(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
    api = createCourierApi(ctx);
  });
  afterEach(() => {
    ctx.close();
    dir.remove();
  });

  it('after importing a 3DES, an AES-256 and the Mendelson RC2-40 identity', async () => {
    const seenEvents: string[] = [];
    const subscription = api.subscribe('events', {}, (event) => seenEvents.push(JSON.stringify(event)));
    const made = (password: string, algorithm: '3des' | 'aes256') => {
      const identity = issueCertificate({ commonName: `identity ${algorithm}`, key: makeKey('rsa-2048') });
      return { file: forgePkcs12({ keyPem: identity.keyPem, certPems: [identity.pem], password, algorithm }), password };
    };
    const files = [
      made('first PKCS#12 password 7d1e', '3des'),
      made('second PKCS#12 password 93ab', 'aes256'),
      { file: readFileSync('/work/shared/interop/mendelson-as2/cert_test.p12'), password: 'test' },
    ];
    const needles: Array<[string, Buffer]> = [];
    for (const [i, { file, password }] of files.entries()) {
      const reply = await api.invoke('certs.import', { fileName: `identity-${i}.p12`, contentBase64: file.toString('base64'), password });
      expect(reply.ok).toBe(true);
      const clear = forgeKey(file, password);
      needles.push(...secretNeedles(clear.export({ type: 'pkcs8', format: 'der' }), clear.export({ format: 'jwk' })));
      // "test" is too common a word to search a database for; the two made-up passwords are not.
      if (password !== 'test') needles.push([`password of file ${i}`, Buffer.from(password)], [`password of file ${i} as BMPString`, Buffer.from(password, 'utf16le').swap16()]);
    }
    subscription.unsubscribe();

    expect(existsSync(join(ctx.paths.home, 'courier.db-wal'))).toBe(true);
    const homeFiles = filesUnder(ctx.paths.home);
    expect(homeFiles.filter((f) => f.endsWith('.p8'))).toHaveLength(3);
    expect(findings(homeFiles, needles)).toEqual([]);
    expect(findings(homeFiles, CLEAR_PEM_MARKERS.map((m) => [m, Buffer.from(m)]))).toEqual([]);
    const audit = JSON.stringify(ctx.audit.list({ limit: 500 }));
    expect(audit).toContain('key.imported');
    expect(needles.filter(([, needle]) => audit.includes(needle.toString('latin1')))).toEqual([]);
    expect(seenEvents.filter((e) => needles.some(([, needle]) => e.includes(needle.toString('latin1'))))).toEqual([]);

    // The search can fail: the same scan over a folder holding one clear copy and one password finds both.
    const control = join(dir.path, 'control');
    mkdirSync(control);
    writeFileSync(join(control, 'clear.der'), forgeKey(files[0]!.file, files[0]!.password).export({ type: 'pkcs8', format: 'der' }));
    writeFileSync(join(control, 'notes.txt'), `password: ${files[1]!.password}`);
    expect(findings(filesUnder(control), needles).length).toBeGreaterThanOrEqual(2);
  });
});
