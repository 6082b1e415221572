// What the sender and the receiver take from the profiles: the station's keys opened from the keystore sign a CMS
// message that verifies with the station's certificate and decrypt what was encrypted to any of its decryption
// certificates; the partner's certificates come from the catalog. A partner exported as JSON (through the api)
// imports into another home with its certificates, and a second import reuses them.
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerExportSchema, type As2Partner, type As2PartnerExport, type As2Station, type CallName } from '../../../shared/ipc';
import { createCourierApi, type Api } from '../../../electron/api';
import { decryptEnvelopedData } from '../../../electron/core/cms/envelopedDataDecryption';
import { encryptEnvelopedData } from '../../../electron/core/cms/envelopedData';
import { signData } from '../../../electron/core/cms/signedData';
import { verifySignedData } from '../../../electron/core/cms/signedDataVerification';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { importIdentity, importPartnerCertificate, type ImportedIdentity } from '../../support/as2Identities';
import { openTestHome, tempDir } from '../../support/home';

async function call<T>(api: Api, name: CallName, input: unknown): Promise<T> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.output as T;
}

describe('AS2 profiles for sending and receiving', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let other: CourierContext;
  let api: Api;
  let otherApi: Api;
  let current: ImportedIdentity;
  let previous: ImportedIdentity;
  let station: As2Station;
  let partner: As2Partner;
  let encryptionPem: string;
  let signaturePem: string;

  beforeAll(async () => {
    dir = tempDir();
    ctx = await openTestHome(`${dir.path}/one`);
    other = await openTestHome(`${dir.path}/two`);
    api = createCourierApi(ctx);
    otherApi = createCourierApi(other);
    current = await importIdentity(ctx, 'courier-2025');
    previous = await importIdentity(ctx, 'courier-2024');
    const encryption = await importPartnerCertificate(ctx, 'partner-encryption');
    const signature = await importPartnerCertificate(ctx, 'partner-signature');
    encryptionPem = encryption.certificate.pem;
    signaturePem = signature.certificate.pem;
    station = await call(api, 'as2.stations.save', {
      as2Id: 'COURIER',
      signing: { keyId: current.keyId, certificateId: current.certificateId },
      decryption: [
        { keyId: current.keyId, certificateId: current.certificateId },
        { keyId: previous.keyId, certificateId: previous.certificateId },
      ],
    });
    partner = await call(api, 'as2.partners.save', {
      as2Id: 'Partner AS2',
      name: 'Partner Ltd',
      url: 'https://partner.example/as2',
      encryptionCertificateId: encryption.id,
      signatureCertificateId: signature.id,
      security: { cipher: 'aes-128-gcm', signDigest: 'sha384' },
      mdn: { mode: 'sync', micAlgorithm: 'sha384' },
      interop: { micalgSpelling: 'rfc3851', cast5Parameters: 'iv-only' },
      headers: [{ name: 'X-Route', value: 'inbound-edi' }],
    });
  });
  afterAll(() => {
    ctx.close();
    other.close();
    dir.remove();
  });

  it("stationKeys: the signer's key signs a message that verifies with the station certificate", async () => {
    const keys = await ctx.as2Profiles.stationKeys(station);
    expect(keys.signer.certificate.fingerprint256).toBe(new X509Certificate(current.certificate.der).fingerprint256);
    const content = Buffer.from('UNB+UNOC:3+COURIER+PARTNER\r\n');
    const signed = await signData(content, { signer: keys.signer, digest: 'sha256', detached: false });
    const verified = await verifySignedData(signed, { certificates: [new X509Certificate(current.certificate.der)] });
    expect(verified.content).toEqual(content);
    expect(verified.signers[0]!.certificate.fingerprint256).toBe(keys.signer.certificate.fingerprint256);
  });

  it('stationKeys: every decryption pair opens, so a message encrypted to the previous key still decrypts', async () => {
    const keys = await ctx.as2Profiles.stationKeys(station);
    expect(keys.decryption.map((identity) => identity.certificate.subject)).toEqual(['CN=courier-2025', 'CN=courier-2024']);
    const content = Buffer.from('sent before the rotation');
    const toPrevious = encryptEnvelopedData(content, { recipients: [{ certificate: new X509Certificate(previous.certificate.der) }], cipher: 'aes-256-cbc' });
    const opened = decryptEnvelopedData(toPrevious, keys.decryption);
    expect(opened.content).toEqual(content);
    expect(opened.recipient.subject).toBe('CN=courier-2024');
  });

  it('stationKeys names the pair whose certificate left the catalog', async () => {
    const spare = await importIdentity(ctx, 'courier-spare');
    const withSpare = await ctx.as2Profiles.saveStation({ ...station, id: station.id, name: station.name, publicUrl: null, decryption: [...station.decryption, { keyId: spare.keyId, certificateId: spare.certificateId }] });
    ctx.certificates.delete(spare.certificateId);
    await expect(ctx.as2Profiles.stationKeys(withSpare)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`decryption #3 certificate ${spare.certificateId} is not in the certificate catalog`) });
    station = await ctx.as2Profiles.saveStation({ ...withSpare, publicUrl: null, decryption: station.decryption });
  });

  it("partnerCertificates: the partner's encryption and signature certificates from the catalog", () => {
    const certificates = ctx.as2Profiles.partnerCertificates(partner);
    expect(certificates.encryption!.subject).toBe('CN=partner-encryption');
    expect(certificates.signature!.subject).toBe('CN=partner-signature');
    expect(ctx.as2Profiles.partnerCertificates({ ...partner, encryptionCertificateId: null }).encryption).toBeNull();
  });

  it('export → import: the profile and both certificates arrive in another home; a second import reuses the certificates', async () => {
    const document = await call<As2PartnerExport>(api, 'as2.partners.export', { partner: 'Partner AS2' });
    expect(partnerExportSchema.parse(document)).toEqual(document);
    expect(document.encryptionCertificatePem).toBe(encryptionPem);
    expect(document.signatureCertificatePem).toBe(signaturePem);
    expect(JSON.stringify(document)).not.toMatch(/PRIVATE|key-[0-9a-f]{16}|cert-[0-9a-f]{16}|station-/);

    const theirs = await importIdentity(other, 'second-home');
    await call(otherApi, 'as2.stations.save', { as2Id: 'SECOND', signing: { keyId: theirs.keyId, certificateId: theirs.certificateId } });
    const imported = await call<As2Partner>(otherApi, 'as2.partners.import', { document: JSON.parse(JSON.stringify(document)) });
    const { id: _id, stationId: _s, encryptionCertificateId: _e, signatureCertificateId: _g, createdAt: _c, updatedAt: _u, ...profile } = partner;
    expect(imported).toMatchObject(profile);
    const certificates = other.as2Profiles.partnerCertificates(imported);
    expect(certificates.encryption!.toString()).toBe(encryptionPem);
    expect(certificates.signature!.toString()).toBe(signaturePem);
    const held = other.certificates.catalog.count();

    const duplicate = await otherApi.invoke('as2.partners.import', { document });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('already has partner Partner Ltd') } });
    await call(otherApi, 'as2.partners.delete', { partner: imported.id, confirm: true });
    const again = await call<As2Partner>(otherApi, 'as2.partners.import', { document });
    expect([again.encryptionCertificateId, again.signatureCertificateId]).toEqual([imported.encryptionCertificateId, imported.signatureCertificateId]);
    expect(other.certificates.catalog.count()).toBe(held);
    expect(other.audit.list({ limit: 20, action: 'as2.partner-imported' }).entries).toHaveLength(2);
  });

  it('an import whose certificate is not one RSA PEM certificate is refused before anything is stored', async () => {
    const document = await call<As2PartnerExport>(api, 'as2.partners.export', { partner: partner.id });
    const held = other.certificates.catalog.count();
    const cases: Array<[Partial<As2PartnerExport>, RegExp]> = [
      [{ encryptionCertificatePem: `${encryptionPem}${signaturePem}` }, /not one PEM certificate \(pem, 2 certificates\)/],
      [{ signatureCertificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }, /.+/],
      [{ encryptionCertificatePem: (await importPartnerCertificate(ctx, 'ec', 'ec-p256')).certificate.pem }, /holds no RSA key/],
    ];
    for (const [change, message] of cases) {
      const reply = await otherApi.invoke('as2.partners.import', { document: { ...document, partner: { ...document.partner, as2Id: 'FRESH' }, ...change } });
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(message) } });
    }
    expect(other.certificates.catalog.count()).toBe(held);
    const wrongFormat = await otherApi.invoke('as2.partners.import', { document: { ...document, format: 'courier.as2-partner/2' } });
    expect(wrongFormat).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('the api deletes by id or AS2 ID and refuses a station in use', async () => {
    const refused = await api.invoke('as2.stations.delete', { station: 'COURIER', confirm: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Station COURIER is used by partner Partner Ltd.' } });
    expect(await call(api, 'as2.partners.delete', { partner: 'Partner AS2', confirm: true })).toEqual({ deleted: partner.id });
    expect(await call(api, 'as2.stations.delete', { station: 'COURIER', confirm: true })).toEqual({ deleted: station.id });
    expect(await call(api, 'as2.stations.list', {})).toEqual([]);
    expect(await api.invoke('as2.partners.delete', { partner: 'Partner AS2' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
