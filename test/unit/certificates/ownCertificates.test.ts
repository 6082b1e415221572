// Certificates for our own keys: a self-signed certificate (RSA, EC P-256, EC P-384) attached to its key, a
// PKCS#10 CSR signed with the key, and the CA's certificate attached back — only to the key it certifies.
// Every subject, SAN and key usage mistake is a BAD_INPUT naming the part at fault.
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import type { CertificateEntry, KeySummary, OutputOf } from '../../../shared/ipc';
import { openTestHome, tempDir } from '../../support/home';
import { issueCertificate, makeKey } from '../../support/testPki';

describe('own certificates: self-signed, CSR, attach', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;
  const keys: Record<string, KeySummary> = {};

  async function call<T>(name: string, input: unknown): Promise<T> {
    const reply = await api.invoke(name, input);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.output as T;
  }
  async function failure(name: string, input: unknown) {
    const reply = await api.invoke(name, input);
    if (reply.ok) throw new Error(`${name} succeeded`);
    return reply.error;
  }

  beforeAll(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
    api = createCourierApi(ctx);
    const requests = {
      rsa: { purpose: 'as2-signing', algorithm: { type: 'rsa', bits: 2048 } },
      p256: { purpose: 'tls-client', algorithm: { type: 'ec', curve: 'P-256' } },
      p384: { purpose: 'paco-encryption', algorithm: { type: 'ec', curve: 'P-384' } },
    };
    for (const [name, request] of Object.entries(requests)) keys[name] = await call('keys.generate', { jobId: name, label: name, ...request });
  });
  afterAll(() => {
    ctx.close();
    dir.remove();
  });

  const cases = [
    { key: 'rsa', signature: 'sha256WithRSAEncryption', keyUsage: ['digitalSignature', 'nonRepudiation'], eku: [] },
    { key: 'p256', signature: 'ecdsa-with-SHA256', keyUsage: ['digitalSignature'], eku: ['clientAuth'] },
    { key: 'p384', signature: 'ecdsa-with-SHA384', keyUsage: ['keyAgreement'], eku: [] },
  ] as const;

  for (const c of cases) {
    it(`self-signs for ${c.key}: subject in encoding order, SANs, the purpose's key usage, attached to the key, audited`, async () => {
      const key = keys[c.key]!;
      const certificate = await call<CertificateEntry>('certs.selfSign', { keyId: key.id, subject: 'CN=as2.courier.example, OU=EDI, O=Courier Test, C=DE', sans: ['DNS:as2.courier.example', 'IP:192.0.2.10', 'email:edi@courier.example'], days: 90 });
      expect(certificate).toMatchObject({
        subject: 'C=DE, O=Courier Test, OU=EDI, CN=as2.courier.example',
        issuer: 'C=DE, O=Courier Test, OU=EDI, CN=as2.courier.example',
        sans: ['DNS:as2.courier.example', 'IP:192.0.2.10', 'email:edi@courier.example'],
        signatureAlgorithm: c.signature,
        keyUsage: c.keyUsage,
        extendedKeyUsage: c.eku,
        selfSigned: true,
        isCa: false,
        keyId: key.id,
        spkiSha256: key.spkiSha256,
        source: 'self-signed',
        daysUntilExpiry: 89,
        expiry: 'ok',
      });
      const detail = await call<OutputOf<'certs.get'>>('certs.get', { id: certificate.id });
      expect(detail).toMatchObject({ chainStatus: 'complete', missingIssuer: null });
      expect(new X509Certificate(detail.pem).verify(createPublicKey((await call<{ pem: string }>('keys.exportPublic', { id: key.id })).pem))).toBe(true);
      expect(ctx.audit.list({ limit: 1, action: 'cert.self-signed' }).entries[0]).toMatchObject({ target: certificate.id, details: { keyId: key.id } });
    });

    it(`makes a CSR for ${c.key} that is signed by the key and names the subject`, async () => {
      const key = keys[c.key]!;
      const csr = await call<OutputOf<'certs.createCsr'>>('certs.createCsr', { keyId: key.id, subject: '/C=DE/O=Courier Test/CN=csr.courier.example', sans: ['DNS:csr.courier.example'] });
      expect(csr.pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
      const der = Buffer.from(csr.pem.replace(/-----[A-Z ]+-----|\n/g, ''), 'base64');
      const request = asn1js.fromBER(der).result as asn1js.Sequence;
      const [info, , signature] = request.valueBlock.value;
      const publicKey = createPublicKey((await call<{ pem: string }>('keys.exportPublic', { id: key.id })).pem);
      const hash = c.signature.includes('384') ? 'sha384' : 'sha256';
      expect(verify(hash, Buffer.from(info!.valueBeforeDecodeView), publicKey, Buffer.from((signature as asn1js.BitString).valueBlock.valueHexView))).toBe(true);
      expect(Buffer.from(info!.valueBeforeDecodeView).includes(Buffer.from('csr.courier.example'))).toBe(true);
      expect(ctx.audit.list({ limit: 1, action: 'cert.csr-created' }).entries[0]).toMatchObject({ target: key.id });
    });
  }

  it("attaches the CA's certificate to its key (with the CA from the same file), and refuses one for another key", async () => {
    const key = keys.rsa!;
    const publicKey = createPublicKey((await call<{ pem: string }>('keys.exportPublic', { id: key.id })).pem);
    const ca = issueCertificate({ commonName: 'Courier Test CA', key: makeKey('ec-p256'), ca: true });
    const issued = issueCertificate({ commonName: 'as2.courier.example', key: { publicKey, privateKey: makeKey('ec-p256').privateKey, spec: 'rsa-2048' }, issuer: ca });
    const stranger = issueCertificate({ commonName: 'someone else', key: makeKey('rsa-2048'), issuer: ca });

    const wrong = await failure('certs.attach', { keyId: key.id, fileName: 'stranger.pem', contentBase64: Buffer.from(stranger.pem + ca.pem).toString('base64') });
    expect(wrong).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining(`holds no certificate for key ${key.id}`) });

    const attached = await call<OutputOf<'certs.attach'>>('certs.attach', { keyId: key.id, fileName: 'issued.pem', contentBase64: Buffer.from(issued.pem + ca.pem).toString('base64') });
    expect(attached).toMatchObject({ alreadyPresent: false, certificate: { subject: 'CN=as2.courier.example', issuer: 'CN=Courier Test CA', keyId: key.id, selfSigned: false } });
    expect(attached.chain.map((c) => [c.certificate.subject, c.certificate.keyId])).toEqual([['CN=Courier Test CA', null]]);
    expect((await call<OutputOf<'certs.get'>>('certs.get', { id: attached.certificate.id })).chainStatus).toBe('complete');
    expect(ctx.audit.list({ limit: 1, action: 'cert.attached' }).entries[0]).toMatchObject({ target: attached.certificate.id, details: { keyId: key.id } });
    const ofKey = await call<OutputOf<'certs.list'>>('certs.list', { keyId: key.id });
    expect(ofKey.certificates.map((c) => c.source).sort()).toEqual(['imported', 'self-signed']);

    expect(await failure('certs.attach', { keyId: 'key-0000000000000000', fileName: 'issued.pem', contentBase64: Buffer.from(issued.pem).toString('base64') })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('bad subjects, SANs, key usages and validity are BAD_INPUT that say what is wrong', async () => {
    const keyId = keys.rsa!.id;
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ subject: 'O=No Common Name' }, /needs a CN/],
      [{ subject: 'CN=x, C=Germany' }, /two-letter country code/],
      [{ subject: 'CN=x, XX=y' }, /not an attribute Courier writes/],
      [{ subject: 'CN=a+b' }, /multi-valued/],
      [{ subject: `CN=${'x'.repeat(65)}` }, /at most 64/],
      [{ subject: 'CN=x,, O=y' }, /empty part/],
      [{ subject: 'CN=ok', sans: ['DNS:bad_name!'] }, /DNS name/],
      [{ subject: 'CN=ok', sans: ['IP:300.1.1.1'] }, /IPv4 or IPv6/],
      [{ subject: 'CN=ok', sans: ['host.example'] }, /must start with DNS:/],
      [{ subject: 'CN=ok', sans: ['DNS:a.example', 'DNS:a.example'] }, /listed twice/],
      [{ subject: 'CN=ok', keyUsage: ['keyAgreement'] }, /keyAgreement does not fit/],
      [{ subject: 'CN=ok', keyUsage: ['keyCertSign'] }, /CA certificates/],
      [{ subject: 'CN=ok', days: 0 }, /Invalid input/],
      [{ subject: 'CN=ok', days: 3651 }, /3650 days/],
    ];
    const before = ctx.certificates.catalog.count();
    for (const [input, message] of cases) {
      const error = await failure('certs.selfSign', { keyId, ...input });
      expect(error.code, JSON.stringify(input)).toBe('BAD_INPUT');
      expect(error.message, JSON.stringify(input)).toMatch(message);
    }
    expect(await failure('certs.selfSign', { keyId: keys.p256!.id, subject: 'CN=ok', keyUsage: ['keyEncipherment'] })).toMatchObject({ message: expect.stringMatching(/an EC key cannot/) });
    expect(ctx.certificates.catalog.count()).toBe(before);
  });

  it('a comma inside a value is written escaped, and the escaped value comes back intact', async () => {
    const certificate = await call<CertificateEntry>('certs.selfSign', { keyId: keys.p256!.id, subject: 'CN=escaped, O=Widgets\\, Inc., C=US' });
    expect(certificate.subject).toBe('C=US, O=Widgets\\, Inc., CN=escaped');
  });
});
