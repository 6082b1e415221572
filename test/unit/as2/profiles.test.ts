// AS2 stations and partners as an EDI coordinator sets them up: defaults, every check that refuses a profile (with
// the error code and the thing it names), AS2 ID uniqueness per station, routing by AS2-From/AS2-To, and the audit
// trail, which names ids and settings and never key material.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerInputSchema, stationInputSchema, type As2Station } from '../../../shared/ipc';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { importIdentity, importPartnerCertificate, type ImportedIdentity } from '../../support/as2Identities';
import { openTestHome, tempDir } from '../../support/home';

const station = (input: Record<string, unknown>) => stationInputSchema.parse(input);
const partner = (input: Record<string, unknown>) => partnerInputSchema.parse(input);

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<{ code: string; message: string; hint?: string }> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error as { code: string; message: string; hint?: string };
  }
  throw new Error('expected a refusal');
}

describe('AS2 profiles', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let ours: ImportedIdentity;
  let rotated: ImportedIdentity;
  let partnerCert: { id: string };
  let ecCert: { id: string };
  let main: As2Station;

  beforeAll(async () => {
    dir = tempDir();
    ctx = await openTestHome(dir.path);
    ours = await importIdentity(ctx, 'courier-station');
    rotated = await importIdentity(ctx, 'courier-station-next');
    partnerCert = await importPartnerCertificate(ctx, 'partner.example');
    ecCert = await importPartnerCertificate(ctx, 'ec-partner.example', 'ec-p256');
  });
  afterAll(() => {
    ctx.close();
    dir.remove();
  });

  it('a partner needs a station first, and the error says how to add one', async () => {
    const error = await refusal(ctx.as2Profiles.savePartner(partner({ as2Id: 'PARTNER', url: 'https://partner.example/as2' })));
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('there is none yet') });
    expect(error.hint).toContain('courier stations add');
  });

  it('a station defaults its name to the AS2 ID, its environment to test and its decryption to the signing pair', async () => {
    main = await ctx.as2Profiles.saveStation(station({ as2Id: 'COURIER', signing: { keyId: ours.keyId, certificateId: ours.certificateId } }));
    expect(main).toMatchObject({
      id: expect.stringMatching(/^station-[0-9a-f]{16}$/),
      as2Id: 'COURIER',
      name: 'COURIER',
      environment: 'test',
      decryption: [{ keyId: ours.keyId, certificateId: ours.certificateId }],
      publicUrl: null,
    });
    expect(ctx.as2Profiles.getStation('COURIER')).toEqual(main);
    expect(ctx.as2Profiles.getStation(main.id)).toEqual(main);
  });

  it('a station whose keys or certificates are missing or do not match is refused, naming which', async () => {
    const signing = { keyId: ours.keyId, certificateId: ours.certificateId };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ signing: { keyId: 'key-0000000000000000', certificateId: ours.certificateId } }, 'NOT_FOUND', /signing key key-0000000000000000 is not in the keystore/],
      [{ signing: { keyId: ours.keyId, certificateId: 'cert-missing' } }, 'NOT_FOUND', /signing certificate cert-missing is not in the certificate catalog/],
      [{ signing: { keyId: ours.keyId, certificateId: rotated.certificateId } }, 'BAD_INPUT', new RegExp(`signing certificate ${rotated.certificateId} \\(CN=courier-station-next\\) certifies another key than ${ours.keyId}`)],
      [{ signing, decryption: [signing, { keyId: rotated.keyId, certificateId: partnerCert.id }] }, 'BAD_INPUT', /decryption #2 certificate .* certifies another key/],
      [{ signing, decryption: [signing, signing] }, 'BAD_INPUT', /decryption key is listed twice/],
      [{ signing, as2Id: 'COURIER' }, 'BAD_INPUT', /Station COURIER already has the AS2 ID "COURIER"/],
    ];
    for (const [input, code, message] of cases) {
      const error = await refusal(ctx.as2Profiles.saveStation(station({ as2Id: 'OTHER', ...input })));
      expect(error.code, JSON.stringify(input)).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(ctx.as2Profiles.listStations().map((s) => s.as2Id)).toEqual(['COURIER']);
  });

  it('a station lists several decryption pairs during a rotation, and updating it keeps its id and creation time', async () => {
    const updated = await ctx.as2Profiles.saveStation(
      station({
        id: main.id,
        as2Id: 'COURIER',
        signing: { keyId: rotated.keyId, certificateId: rotated.certificateId },
        decryption: [
          { keyId: rotated.keyId, certificateId: rotated.certificateId },
          { keyId: ours.keyId, certificateId: ours.certificateId },
        ],
        publicUrl: 'https://courier.example/as2',
      }),
    );
    expect(updated).toMatchObject({ id: main.id, createdAt: main.createdAt, name: 'COURIER', publicUrl: 'https://courier.example/as2' });
    expect(updated.decryption.map((pair) => pair.keyId)).toEqual([rotated.keyId, ours.keyId]);
    main = updated;
  });

  it('a partner takes the only station and the contract defaults; its TLS scope is as2:<AS2 ID>', async () => {
    const saved = await ctx.as2Profiles.savePartner(partner({ as2Id: 'ACME', url: 'https://acme.example/as2', encryptionCertificateId: partnerCert.id, signatureCertificateId: partnerCert.id }));
    expect(saved).toMatchObject({
      id: expect.stringMatching(/^partner-[0-9a-f]{16}$/),
      name: 'ACME',
      stationId: main.id,
      tlsScope: 'as2:ACME',
      security: { cipher: 'aes-256-cbc', keyTransport: 'rsa-pkcs1v15', signDigest: 'sha256', compression: 'none' },
      mdn: { mode: 'sync', signed: true, micAlgorithm: 'sha256', asyncUrl: null },
      interop: { transferEncoding: 'binary', micalgSpelling: 'rfc5751', noHeaderFolding: true, noChunkedEncoding: true, omitAlgorithmProtection: false, textPayloads: 'binary', cast5Parameters: 'rfc2984' },
      headers: [],
      sendTimeoutSeconds: 120,
      pauseIncoming: false,
      pauseOutgoing: false,
    });
    expect(ctx.as2Profiles.getPartner('ACME')).toEqual(saved);
    expect(ctx.as2Profiles.getPartner(saved.id)).toEqual(saved);
  });

  it('every partner setting is stored and read back as saved', async () => {
    const settings = {
      security: { cipher: 'des-ede3-cbc', keyTransport: 'rsa-oaep', signDigest: 'sha1', compression: 'before-signing' },
      mdn: { mode: 'async', signed: false, micAlgorithm: 'sha1', asyncUrl: 'https://courier.example/mdn' },
      interop: { transferEncoding: 'base64', micalgSpelling: 'rfc3851', noHeaderFolding: false, noChunkedEncoding: false, omitAlgorithmProtection: true, textPayloads: 'canonicalize', cast5Parameters: 'iv-only' },
      headers: [{ name: 'X-Partner-Route', value: 'EDI 42' }],
      sendTimeoutSeconds: 600,
      pauseIncoming: true,
      pauseOutgoing: true,
    };
    const saved = await ctx.as2Profiles.savePartner(partner({ as2Id: 'LEGACY', name: 'Legacy Corp', station: 'COURIER', url: 'http://legacy.example:8080/as2', signatureCertificateId: partnerCert.id, ...settings }));
    expect(ctx.as2Profiles.getPartner('LEGACY')).toMatchObject({ ...settings, name: 'Legacy Corp', encryptionCertificateId: null, signatureCertificateId: partnerCert.id });
    expect(ctx.as2Profiles.listPartners().map((p) => p.name)).toEqual(['ACME', 'Legacy Corp']);
    ctx.as2Profiles.deletePartner(saved.id);
  });

  it('a partner is refused for a missing or non-RSA certificate, a repeated AS2 ID, a credential header and more, naming what is wrong', async () => {
    const url = 'https://bad.example/as2';
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ encryptionCertificateId: 'cert-gone' }, 'NOT_FOUND', /encryption certificate cert-gone is not in the certificate catalog/],
      [{ signatureCertificateId: ecCert.id }, 'BAD_INPUT', /holds an EC key; AS2 verifies RSA keys only/],
      [{ as2Id: 'ACME' }, 'BAD_INPUT', /Station COURIER already has partner ACME with the AS2 ID "ACME"/],
      [{ as2Id: 'COURIER' }, 'BAD_INPUT', /is the AS2 ID of our station COURIER/],
      [{ station: 'NOWHERE' }, 'NOT_FOUND', /There is no station "NOWHERE"/],
      [{ environment: 'production' }, 'BAD_INPUT', /production partner and station COURIER is a test station/],
      [{ headers: [{ name: 'Authorization', value: 'Basic c2VjcmV0' }] }, 'BAD_INPUT', /custom Authorization header would keep a credential/],
      [{ headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] }, 'BAD_INPUT', /header x-a is given twice/],
      [{ id: 'partner-0000000000000000' }, 'NOT_FOUND', /no partner "partner-0000000000000000"/],
    ];
    for (const [input, code, message] of cases) {
      const error = await refusal(ctx.as2Profiles.savePartner(partner({ as2Id: 'NEW', url, ...input })));
      expect(error.code, JSON.stringify(input)).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('c2VjcmV0');
    }
    expect(ctx.as2Profiles.listPartners().map((p) => p.as2Id)).toEqual(['ACME']);
  });

  it('an async MDN needs a receipt URL: the partner’s, or else the station’s public URL', async () => {
    const second = await importIdentity(ctx, 'courier-production');
    const production = await ctx.as2Profiles.saveStation(station({ as2Id: 'COURIER-PROD', environment: 'production', signing: { keyId: second.keyId, certificateId: second.certificateId } }));
    const input = { as2Id: 'ASYNC', url: 'https://async.example/as2', environment: 'production', station: production.id, mdn: { mode: 'async' } };
    const error = await refusal(ctx.as2Profiles.savePartner(partner(input)));
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('station COURIER-PROD has no public URL') });
    const saved = await ctx.as2Profiles.savePartner(partner({ ...input, mdn: { mode: 'async', asyncUrl: 'https://courier.example/mdn' } }));
    expect(saved.stationId).toBe(production.id);
    ctx.as2Profiles.deletePartner(saved.id);
  });

  it('with several stations a partner must name its own; the same partner AS2 ID may exist once per station', async () => {
    const error = await refusal(ctx.as2Profiles.savePartner(partner({ as2Id: 'TWIN', url: 'https://twin.example/as2' })));
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('There are 2 stations (COURIER, COURIER-PROD)') });
    const test = await ctx.as2Profiles.savePartner(partner({ as2Id: 'TWIN', url: 'https://twin.example/as2', station: 'COURIER' }));
    const production = await ctx.as2Profiles.savePartner(partner({ as2Id: 'TWIN', url: 'https://twin.example/as2', station: 'COURIER-PROD', environment: 'production' }));
    expect(test.stationId).not.toBe(production.stationId);
    const ambiguous = await refusal(() => ctx.as2Profiles.getPartner('TWIN'));
    expect(ambiguous).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('2 partners have the AS2 ID "TWIN"') });
    expect(ctx.as2Profiles.route('TWIN', 'COURIER-PROD').partner.id).toBe(production.id);
    expect(ctx.as2Profiles.route('TWIN', 'COURIER').partner.id).toBe(test.id);
  });

  it('route matches AS2 IDs exactly and names the unknown one, escaped', () => {
    expect(ctx.as2Profiles.route('ACME', 'COURIER')).toMatchObject({ station: { id: main.id }, partner: { as2Id: 'ACME' } });
    const unknownTo = (() => {
      try {
        return ctx.as2Profiles.route('ACME', 'courier');
      } catch (error) {
        return error as { code: string; message: string };
      }
    })();
    expect(unknownTo).toMatchObject({ code: 'NOT_FOUND', message: 'No station of ours has the AS2 ID "courier" (AS2-To).' });
    expect(() => ctx.as2Profiles.route('acme', 'COURIER')).toThrow('Station COURIER has no partner with the AS2 ID "acme" (AS2-From).');
    expect(() => ctx.as2Profiles.route('ACME', 'X\r\nInjected: yes')).toThrow('"X\\u000d\\u000aInjected: yes"');
    expect(() => ctx.as2Profiles.route('ACME', 'Z'.repeat(5000))).toThrow(`"${'Z'.repeat(128)}…"`);
  });

  it('a station used by partners is not deleted, and the error names them', async () => {
    const error = await refusal(() => ctx.as2Profiles.deleteStation('COURIER-PROD'));
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: 'Station COURIER-PROD is used by partner TWIN.' });
    ctx.as2Profiles.deletePartner(ctx.as2Profiles.route('TWIN', 'COURIER-PROD').partner.id);
    ctx.as2Profiles.deleteStation('COURIER-PROD');
    expect(ctx.as2Profiles.listStations().map((s) => s.as2Id)).toEqual(['COURIER']);
  });

  it('every save and delete is audited with ids and settings, never a header value or key material', () => {
    const entries = ctx.audit.list({ limit: 100 }).entries.filter((entry) => entry.action.startsWith('as2.'));
    const actions = entries.map((entry) => entry.action);
    expect(actions.filter((a) => a === 'as2.station-saved')).toHaveLength(3);
    expect(actions.filter((a) => a === 'as2.station-deleted')).toHaveLength(1);
    expect(actions.filter((a) => a === 'as2.partner-saved').length).toBeGreaterThanOrEqual(5);
    expect(actions.filter((a) => a === 'as2.partner-deleted').length).toBeGreaterThanOrEqual(3);
    const legacy = entries.find((entry) => entry.details.as2Id === 'LEGACY' && entry.action === 'as2.partner-saved')!;
    expect(legacy.details).toMatchObject({ created: true, customHeaders: 'X-Partner-Route', cipher: 'des-ede3-cbc', mdn: 'async, unsigned' });
    const text = JSON.stringify(entries);
    expect(text).not.toContain('EDI 42');
    expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });
});
