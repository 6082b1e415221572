// certs.import for partner and CA certificates: PEM (one or many), DER and PKCS#7 are read by content, each
// certificate is stored once (by SHA-256 fingerprint), and every malformed, truncated, oversized or absurd file
// is a typed error that leaves the catalog exactly as it was.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GeneralName, id_ce_subjectAltName, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import { readCertificateFile } from '../../../electron/core/certificates/certificateFormats';
import { MAX_CERTIFICATE_BYTES, MAX_EXTENSIONS, MAX_SUBJECT_ALT_NAMES } from '../../../electron/core/certificates/certificateDetails';
import { CourierError } from '../../../electron/core/errors';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { MAX_CERTIFICATE_FILE_BYTES, type CourierErrorData, type OutputOf } from '../../../shared/ipc';
import { certificateWithExtensions, extension, forgePkcs7, pemOf } from '../../support/certificateFiles';
import { openTestHome, tempDir } from '../../support/home';
import { issueCertificate, makeKey } from '../../support/testPki';

const rootCa = issueCertificate({ commonName: 'Import Root CA', key: makeKey('rsa-2048'), ca: true });
const intermediate = issueCertificate({ commonName: 'Import Issuing CA', key: makeKey('rsa-2048'), issuer: rootCa, ca: true });
const partner = issueCertificate({ commonName: 'as2.partner.example', key: makeKey('rsa-2048'), issuer: intermediate, sans: ['as2.partner.example', '192.0.2.7'] });

describe('certs.import: certificates', () => {
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

  async function importFile(fileName: string, content: string | Uint8Array, extra: Record<string, unknown> = {}) {
    const contentBase64 = Buffer.from(content).toString('base64');
    return api.invoke('certs.import', { fileName, contentBase64, ...extra });
  }
  async function imported(fileName: string, content: string | Uint8Array) {
    const reply = await importFile(fileName, content);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.output as OutputOf<'certs.import'>;
  }
  async function refused(fileName: string, content: string | Uint8Array, extra: Record<string, unknown> = {}): Promise<CourierErrorData> {
    const before = snapshot();
    const reply = await importFile(fileName, content, extra);
    if (reply.ok) throw new Error(`${fileName} was accepted`);
    expect(snapshot()).toEqual(before);
    return reply.error;
  }
  /** The catalog, the keys, the keys folder and the audit log: what a refused import must leave unchanged. */
  function snapshot() {
    const rows = ctx.db.prepare('SELECT id, sha256_fingerprint FROM certificates ORDER BY id').all();
    const keys = ctx.db.prepare('SELECT id FROM keys ORDER BY id').all();
    return { rows, keys, files: readdirSync(ctx.paths.keys).sort(), audit: ctx.audit.list({ limit: 500 }).entries.length };
  }

  it('a PEM chain imports every certificate with its public facts; importing it again reports each as already present', async () => {
    const first = await imported('chain.pem', partner.pem + intermediate.pem + rootCa.pem);
    expect(first.format).toBe('pem');
    expect(first.certificates.map((c) => [c.certificate.subject, c.alreadyPresent])).toEqual([
      ['CN=as2.partner.example', false],
      ['CN=Import Issuing CA', false],
      ['CN=Import Root CA', false],
    ]);
    const leaf = first.certificates[0]!.certificate;
    expect(leaf).toMatchObject({ issuer: 'CN=Import Issuing CA', keyType: 'rsa', keyBits: 2048, sans: ['DNS:as2.partner.example', 'IP:192.0.2.7'], isCa: false, keyId: null, source: 'imported', expiry: '30' });
    expect(leaf.sha1Fingerprint).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(leaf.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const again = await imported('partner.pem', partner.pem);
    expect(again.certificates).toEqual([{ certificate: leaf, alreadyPresent: true }]);
    expect(ctx.certificates.catalog.count()).toBe(3);
    expect(ctx.audit.list({ limit: 50, action: 'cert.imported' }).entries).toHaveLength(3);
  });

  it('DER and a PKCS#7 bundle (DER and PEM) are recognised by content, whatever the file is called', async () => {
    expect((await imported('partner.crt', partner.der)).format).toBe('der');
    const p7 = forgePkcs7([partner.pem, intermediate.pem, rootCa.pem]);
    const bundle = await imported('chain.cer', p7);
    expect(bundle.format).toBe('pkcs7');
    expect(bundle.certificates.map((c) => c.alreadyPresent)).toEqual([true, false, false]);
    const pem = await imported('chain.p7b', pemOf('PKCS7', p7));
    expect(pem.certificates.every((c) => c.alreadyPresent)).toBe(true);
    expect(ctx.certificates.catalog.count()).toBe(3);
  });

  it('the same certificate twice in one file is stored once', async () => {
    const result = await imported('twice.pem', partner.pem + partner.pem);
    expect(result.certificates).toHaveLength(1);
    expect(ctx.certificates.catalog.count()).toBe(1);
  });

  it('garbage, truncated PEM, truncated DER, truncated and damaged PKCS#7 and PKCS#12 are BAD_INPUT and store nothing', async () => {
    await imported('root.pem', rootCa.pem);
    const p7 = forgePkcs7([partner.pem, intermediate.pem]);
    const damagedP7 = Buffer.from(p7);
    damagedP7[40] = 0xff;
    const cases: Array<[string, string | Uint8Array]> = [
      ['garbage.pem', 'this is not a certificate'],
      ['binary.der', Buffer.from([0x00, 0x01, 0x02, 0x03])],
      ['truncated.pem', partner.pem.slice(0, partner.pem.length / 2)],
      ['unterminated.pem', partner.pem.replace('-----END CERTIFICATE-----', '')],
      ['truncated.der', partner.der.subarray(0, partner.der.length - 20)],
      ['truncated.p7b', p7.subarray(0, p7.length - 30)],
      ['damaged.p7b', damagedP7],
      ['bad-base64.p7b', '-----BEGIN PKCS7-----\n!!!!\n-----END PKCS7-----\n'],
      ['empty-pkcs7.p7b', forgePkcs7([])],
      ['truncated.p12', Buffer.from([0x30, 0x82, 0x09, 0x00, 0x02, 0x01, 0x03, 0x30])],
      ['garbage.p12', Buffer.concat([Buffer.from([0x30, 0x0a, 0x02, 0x01, 0x03]), Buffer.alloc(7, 0x41)])],
    ];
    for (const [name, content] of cases) {
      const error = await refused(name, content);
      expect(error.code, name).toBe('BAD_INPUT');
      expect(error.hint, name).toBeTruthy();
    }
  });

  it('a private key is refused by its PEM label, and its content is never echoed', async () => {
    const keyPem = partner.keyPem;
    const error = await refused('with-key.pem', partner.pem + keyPem);
    expect(error.message).toContain('"PRIVATE KEY" block');
    expect(JSON.stringify(error)).not.toContain(keyPem.split('\n')[1]!.slice(0, 20));
  });

  it('a 10 MB "certificate" is refused by its size: at the contract before decoding, in the core before parsing', async () => {
    const huge = Buffer.alloc(10 * 1024 * 1024, 0x30);
    const error = await refused('huge.pem', huge);
    expect(error).toMatchObject({ code: 'BAD_INPUT' });
    expect(error.message).toContain(`at most ${MAX_CERTIFICATE_FILE_BYTES} bytes`);
    let coreError: unknown;
    try {
      readCertificateFile(huge, 'huge.pem');
    } catch (e) {
      coreError = e;
    }
    expect(coreError).toBeInstanceOf(CourierError);
    expect((coreError as CourierError).message).toBe(`huge.pem is ${huge.length} bytes; a certificate file has at most ${MAX_CERTIFICATE_FILE_BYTES} (1 MiB).`);
  });

  describe('absurd certificates are typed errors, not rows', () => {
    const sanExtension = (count: number) =>
      extension(id_ce_subjectAltName, new Uint8Array(AsnConvert.serialize(new SubjectAlternativeName(Array.from({ length: count }, (_, i) => new GeneralName({ dNSName: `h${i}.x` }))))));

    it('10,000 subject alternative names', async () => {
      const { pem } = certificateWithExtensions([sanExtension(10_000)]);
      // Over 64 KiB: refused by size (DER), or by the PEM reader that parses each block first.
      expect((await refused('sans.pem', pem)).message).toMatch(/bytes; Courier reads certificates of at most|cannot be read as an X.509 certificate/);
      const der = certificateWithExtensions([sanExtension(10_000)]).der;
      expect((await refused('sans.der', der)).message).toContain(`is ${der.length} bytes; Courier reads certificates of at most ${MAX_CERTIFICATE_BYTES}`);
    });

    it(`${MAX_SUBJECT_ALT_NAMES + 500} names in a certificate small enough to read`, async () => {
      const { pem, der } = certificateWithExtensions([sanExtension(MAX_SUBJECT_ALT_NAMES + 500)]);
      expect(der.length).toBeLessThan(MAX_CERTIFICATE_BYTES);
      expect((await refused('sans.pem', pem)).message).toContain(`names ${MAX_SUBJECT_ALT_NAMES + 500} subject alternative names; Courier reads at most ${MAX_SUBJECT_ALT_NAMES}`);
    });

    it('a 200 KiB unknown extension', async () => {
      const { pem } = certificateWithExtensions([extension('1.3.6.1.4.1.99999.1', new Uint8Array(200 * 1024).fill(0x04))]);
      expect((await refused('big.pem', pem)).message).toContain(`Courier reads certificates of at most ${MAX_CERTIFICATE_BYTES}`);
    });

    it(`${MAX_EXTENSIONS + 1} extensions`, async () => {
      const many = Array.from({ length: MAX_EXTENSIONS + 1 }, (_, i) => extension(`1.3.6.1.4.1.99999.2.${i}`, new Uint8Array([0x05, 0x00])));
      expect((await refused('many.pem', certificateWithExtensions(many).pem)).message).toContain(`has ${MAX_EXTENSIONS + 1} extensions`);
    });

    it('an unreadable key usage extension', async () => {
      const { pem } = certificateWithExtensions([extension('2.5.29.15', new Uint8Array([0x04, 0x01, 0x00]), true)]);
      expect((await refused('ku.pem', pem)).message).toMatch(/key usage|cannot be read/);
    });
  });

  it('deleting needs confirm: true, is audited, and leaves the others', async () => {
    const chain = await imported('chain.pem', partner.pem + intermediate.pem);
    const id = chain.certificates[0]!.certificate.id;
    expect(await api.invoke('certs.delete', { id })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await api.invoke('certs.delete', { id, confirm: true })).toEqual({ ok: true, output: { id, deleted: true } });
    expect(await api.invoke('certs.get', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(ctx.certificates.catalog.count()).toBe(1);
    expect(ctx.audit.list({ limit: 5, action: 'cert.deleted' }).entries[0]).toMatchObject({ target: id, details: { subject: 'CN=as2.partner.example' } });
  });

  it('certs.get shows the chain as far as Courier holds it, and where it stops', async () => {
    const leafId = (await imported('partner.pem', partner.pem)).certificates[0]!.certificate.id;
    const alone = await api.invoke('certs.get', { id: leafId });
    expect(alone).toMatchObject({ ok: true, output: { chainStatus: 'incomplete', missingIssuer: 'CN=Import Issuing CA', pem: partner.pem } });
    await imported('cas.pem', intermediate.pem + rootCa.pem);
    const full = await api.invoke('certs.get', { id: leafId });
    if (!full.ok) throw new Error(full.error.message);
    const detail = full.output as OutputOf<'certs.get'>;
    expect(detail.chainStatus).toBe('complete');
    expect(detail.chain.map((link) => [link.subject, link.selfSigned])).toEqual([
      ['CN=as2.partner.example', false],
      ['CN=Import Issuing CA', false],
      ['CN=Import Root CA', true],
    ]);
  });
});
