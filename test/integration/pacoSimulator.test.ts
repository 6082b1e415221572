// Courier's PACO client against the PACO simulator over real HTTPS: a payment's life (pay, inquire, settle,
// refund, void), the gateway's own refusals, and every check on the answer failing by name.
import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierContext } from '../../electron/core/home/openHome';
import { callPaco, transactionStatus, type PacoProfile } from '../../electron/core/transports/paco/pacoClient';
import { startPacoSimulator, type PacoSimulator } from '../../simulators/paco/pacoSimulator';
import { RESPONSE_FAULTS, type ResponseFault } from '../../simulators/paco/simulatorJose';
import { openTestHome, tempDir } from '../support/home';

let home: { path: string; remove: () => void };
let ctx: CourierContext;
let sim: PacoSimulator;
let profile: PacoProfile;

beforeAll(async () => {
  home = tempDir();
  ctx = await openTestHome(home.path);
  const rsa = { type: 'rsa', bits: 2048 } as const;
  const [signing, encryption] = await Promise.all([
    ctx.keys.generate({ jobId: 'paco-sig', label: 'PACO signing', purpose: 'paco-signing', algorithm: rsa }),
    ctx.keys.generate({ jobId: 'paco-enc', label: 'PACO encryption', purpose: 'paco-encryption', algorithm: rsa }),
  ]);
  const publicKey = (id: string) => {
    const exported = ctx.keys.exportPublic(id, 'pem');
    if (exported.format !== 'pem') throw new Error('expected a PEM export');
    return createPublicKey(exported.pem);
  };
  sim = await startPacoSimulator({
    apiKey: 'api-key-1',
    token: 'company-token-1',
    basicUser: 'merchant',
    basicPassword: 'basic-password',
    merchantSigningKeys: [{ kid: signing.jwkThumbprint, key: publicKey(signing.id) }],
    merchantEncryptionKey: { kid: encryption.jwkThumbprint, key: publicKey(encryption.id) },
    rsaBits: 2048,
  });
  ctx.tlsTrust.trustCa('paco:sim', sim.caPem);
  profile = {
    baseUrl: sim.url,
    apiKey: 'api-key-1',
    token: 'company-token-1',
    basicUser: 'merchant',
    basicPassword: 'basic-password',
    tlsScope: 'paco:sim',
    pacoEncryptionKey: { kid: sim.encryptionKey.kid, key: sim.encryptionKey.pem },
    pacoSigningKeys: [{ kid: sim.signingKey.kid, key: sim.signingKey.pem }],
    merchantSigningKeyId: signing.id,
    merchantEncryptionKeyId: encryption.id,
  };
});

afterAll(async () => {
  await sim?.close();
  ctx?.close();
  home?.remove();
});

let order = 0;
async function pay(amount = 100): Promise<string> {
  const orderNo = `ORD-${++order}`;
  await callPaco(ctx, profile, 'payment', { apiRequest: { officeId: 'OFFICE1', orderNo, transactionAmount: { amount, currencyCode: 'THB' } } });
  return orderNo;
}

describe('PACO simulator: a payment from start to refund', () => {
  it('pays, inquires (plain GET), settles and refunds in two parts', async () => {
    const payment = await callPaco(ctx, profile, 'payment', { apiRequest: { officeId: 'OFFICE1', orderNo: 'ORD-RT', transactionAmount: { amount: 250, currencyCode: 'THB' } } });
    expect(payment.response).toMatchObject({ apiResponse: { responseCode: 'PC-B050000' }, data: { orderNo: 'ORD-RT', status: 'Authorized', amount: 250 } });
    expect(payment.signingKid).toBe(sim.signingKey.kid);
    expect(await transactionStatus(ctx, profile, { orderNo: 'ORD-RT' })).toMatchObject({ data: { status: 'Authorized' } });
    await callPaco(ctx, profile, 'settlement', { apiRequest: { officeId: 'OFFICE1', orderNo: 'ORD-RT' } });
    const partial = await callPaco(ctx, profile, 'refund', { apiRequest: { officeId: 'OFFICE1', orderNo: 'ORD-RT', refundAmount: { amount: 100 } } });
    expect(partial.response).toMatchObject({ data: { status: 'PartiallyRefunded', refunded: 100 } });
    await callPaco(ctx, profile, 'refund', { apiRequest: { officeId: 'OFFICE1', orderNo: 'ORD-RT', refundAmount: { amount: 150 } } });
    expect(await transactionStatus(ctx, profile, { orderNo: 'ORD-RT' })).toMatchObject({ data: { status: 'Refunded', refunded: 250 } });
    await expect(callPaco(ctx, profile, 'refund', { apiRequest: { officeId: 'OFFICE1', orderNo: 'ORD-RT', refundAmount: { amount: 1 } } })).rejects.toMatchObject({ code: 'BAD_MESSAGE' });
  });

  it('voids an authorized payment, which then cannot be settled', async () => {
    const orderNo = await pay();
    expect((await callPaco(ctx, profile, 'void', { apiRequest: { officeId: 'OFFICE1', orderNo } })).response).toMatchObject({ data: { status: 'Voided' } });
    await expect(callPaco(ctx, profile, 'settlement', { apiRequest: { officeId: 'OFFICE1', orderNo } })).rejects.toMatchObject({ code: 'BAD_MESSAGE', message: expect.stringContaining('Voided') });
  });

  it('answers with the algorithms of the request (PS512, A256GCM)', async () => {
    const opened = await callPaco(ctx, { ...profile, signingAlgorithm: 'PS512', contentEncryption: 'A256GCM' }, 'transactionList', { apiRequest: { officeId: 'OFFICE1' } });
    expect(Array.isArray((opened.response as { data: unknown[] }).data)).toBe(true);
  });
});

describe('PACO simulator: the gateway refuses', () => {
  it('a wrong token with "Access Denied"', async () => {
    await expect(callPaco(ctx, { ...profile, token: 'wrong' }, 'transactionList', { apiRequest: { officeId: 'OFFICE1' } })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('Access Denied') });
  });

  it('wrong Basic credentials', async () => {
    await expect(transactionStatus(ctx, { ...profile, basicPassword: 'wrong' }, { orderNo: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('a request encrypted to a key it does not hold', async () => {
    await expect(callPaco(ctx, { ...profile, pacoEncryptionKey: { kid: sim.encryptionKey.kid, key: sim.signingKey.pem } }, 'transactionList', { apiRequest: { officeId: 'OFFICE1' } })).rejects.toMatchObject({
      code: 'BAD_MESSAGE',
      message: expect.stringContaining('HTTP 400'),
    });
  });

  it('an HTTPS server whose CA the profile does not trust', async () => {
    await expect(transactionStatus(ctx, { ...profile, tlsScope: 'paco:other' }, { orderNo: 'x' })).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
  });
});

const expectedCheck: Record<ResponseFault, string> = {
  expired: 'exp',
  'not-yet-valid': 'nbf',
  'wrong-aud': 'aud',
  'wrong-iss': 'iss',
  'tampered-ciphertext': 'decryption',
  'tampered-signature': 'signature',
  'unknown-kid': 'kid',
  'alg-none': 'signature algorithm',
  'unsupported-enc': 'encryption algorithm',
  oversized: 'size',
  'non-json-payload': 'payload',
};

describe('PACO client: a broken answer is refused by the check it fails', () => {
  it.each(RESPONSE_FAULTS.map((fault) => [fault]))('%s', async (fault) => {
    sim.breakNextResponse(fault);
    await expect(callPaco(ctx, profile, 'transactionList', { apiRequest: { officeId: 'OFFICE1' } })).rejects.toMatchObject({
      code: 'JOSE_REJECTED',
      message: expect.stringContaining(`at the ${expectedCheck[fault]} check`),
    });
  });

  it('opens the next, unbroken answer', async () => {
    await expect(callPaco(ctx, profile, 'transactionList', { apiRequest: { officeId: 'OFFICE1' } })).resolves.toMatchObject({ signingKid: sim.signingKey.kid });
  });
});

describe('PACO client: merchant encryption key rotation', () => {
  it('still opens answers encrypted to the predecessor during the overlap window', async () => {
    const previous = ctx.keys.get(profile.merchantEncryptionKeyId);
    const rotation = await ctx.keys.rotations.start({ id: previous.id, jobId: 'paco-enc-rotation', switchAt: null, overlapDays: 14 });
    await ctx.keys.rotations.switchNow(previous.id);
    expect(ctx.keys.sendingKeyFor(previous.id).id).toBe(rotation.successorId);
    const opened = await callPaco(ctx, profile, 'transactionList', { apiRequest: { officeId: 'OFFICE1' } });
    expect(opened.decryptionKid).toBe(previous.jwkThumbprint);
  });
});
