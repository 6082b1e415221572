// PACO's JWE(JWS) tokens against a JOSE implementation we did not write, node-jose: it opens and verifies our
// request tokens (every PACO signature algorithm with every content encryption, `crit: ["exp"]` honoured),
// it seals answers the way PACO does that our opener accepts, and its answers with a wrong aud or past exp
// are refused by ours at the check they fail. Clocks are fixed, keys are RSA-2048 to keep the suite quick.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import nodeJose from 'node-jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACO_CONTENT_ENCRYPTIONS, PACO_SIGNING_ALGORITHMS, type PacoContentEncryption, type PacoSigningAlgorithm } from '../../electron/core/transports/paco/pacoJose';
import { buildRequestToken } from '../../electron/core/transports/paco/requestToken';
import { openResponseToken } from '../../electron/core/transports/paco/responseToken';

const NOW = new Date('2026-11-24T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const API_KEY = 'api-key-1';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchantSigning = rsa();
const merchantEncryption = rsa();
const pacoSigning = rsa();
const pacoEncryption = rsa();
const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => String(key.export({ type, format: 'pem' }));

let pacoKeys: nodeJose.JWK.KeyStore;
let merchantKeys: nodeJose.JWK.KeyStore;
let pacoSigningJwk: nodeJose.JWK.Key;
let merchantEncryptionJwk: nodeJose.JWK.Key;

beforeAll(async () => {
  pacoKeys = nodeJose.JWK.createKeyStore();
  await pacoKeys.add(pem(pacoEncryption.privateKey, 'pkcs8'), 'pem', { kid: 'paco-enc', use: 'enc' });
  await pacoKeys.add(pem(merchantSigning.publicKey, 'spki'), 'pem', { kid: 'merchant-sig', use: 'sig' });
  pacoSigningJwk = await nodeJose.JWK.asKey(pem(pacoSigning.privateKey, 'pkcs8'), 'pem', { kid: 'paco-sig', use: 'sig' });
  merchantKeys = nodeJose.JWK.createKeyStore();
  merchantEncryptionJwk = await merchantKeys.add(pem(merchantEncryption.publicKey, 'spki'), 'pem', { kid: 'merchant-enc', use: 'enc', alg: 'RSA-OAEP' });
});

/** node-jose's verify() takes per-call options (`handlers` for `crit`) that its type declarations leave out. */
interface VerifierWithOptions {
  verify(input: string, options: { handlers: Record<string, boolean> }): Promise<nodeJose.JWS.VerificationResult>;
}

const combinations = PACO_SIGNING_ALGORITHMS.flatMap((alg) => PACO_CONTENT_ENCRYPTIONS.map((enc) => [alg, enc] as [PacoSigningAlgorithm, PacoContentEncryption]));

describe('node-jose opens our PACO request token', () => {
  it.each(combinations)('%s inside RSA-OAEP/%s', async (alg, enc) => {
    const request = { apiRequest: { officeId: 'OFFICE1', orderNo: `ORD-${alg}-${enc}` } };
    const built = await buildRequestToken({
      apiKey: API_KEY,
      request,
      signingKey: merchantSigning.privateKey,
      signingKid: 'merchant-sig',
      signingAlgorithm: alg,
      pacoEncryptionKey: pacoEncryption.publicKey,
      pacoEncryptionKid: 'paco-enc',
      contentEncryption: enc,
      now: NOW,
    });
    const decrypted = await nodeJose.JWE.createDecrypt(pacoKeys, { algorithms: ['RSA-OAEP', enc] }).decrypt(built.token);
    expect(decrypted.header).toEqual({ alg: 'RSA-OAEP', enc, kid: 'paco-enc', cty: 'JWT' });
    const jws = decrypted.payload.toString('utf8');

    // Handlers go to verify(), not createVerify(): node-jose merges createVerify's options into its shared defaults.
    const verifier = nodeJose.JWS.createVerify(pacoKeys, { algorithms: [alg] });
    await expect(verifier.verify(jws)).rejects.toThrow(/Critical extension is not supported: exp/);
    const verified = await (verifier as unknown as VerifierWithOptions).verify(jws, { handlers: { exp: true } });
    expect(verified.header).toEqual({ alg, kid: 'merchant-sig', typ: 'JWT', exp: nowSeconds + 300, crit: ['exp'] });
    expect(verified.key.kid).toBe('merchant-sig');
    const claims = JSON.parse(verified.payload.toString('utf8')) as Record<string, unknown>;
    expect(claims).toEqual({ aud: 'PacoAudience', iss: API_KEY, request, iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + 300, jti: built.jti });
    expect(claims.exp).toBe(built.exp);
    expect(built.jti).toMatch(UUID_V4);
  });

  it('and node-jose refuses it once the ciphertext is altered', async () => {
    const built = await buildRequestToken({
      apiKey: API_KEY,
      request: { apiRequest: {} },
      signingKey: merchantSigning.privateKey,
      signingKid: 'merchant-sig',
      signingAlgorithm: 'PS256',
      pacoEncryptionKey: pacoEncryption.publicKey,
      pacoEncryptionKid: 'paco-enc',
      contentEncryption: 'A128CBC-HS256',
      now: NOW,
    });
    const parts = built.token.split('.');
    parts[3] = `${parts[3]![0] === 'A' ? 'B' : 'A'}${parts[3]!.slice(1)}`;
    await expect(nodeJose.JWE.createDecrypt(pacoKeys).decrypt(parts.join('.'))).rejects.toThrow();
  });
});

/** An answer sealed by node-jose as PACO seals one: JWS by PACO's key (kid, exp in crit), JWE RSA-OAEP to the merchant, cty JWT. */
async function nodeJoseAnswer(alg: PacoSigningAlgorithm, enc: PacoContentEncryption, claims: Record<string, unknown> = {}): Promise<string> {
  const body = { iss: 'PacoIssuer', aud: API_KEY, iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + 300, jti: 'c1f2a3b4-0000-4000-8000-000000000001', response: { ok: true, alg, enc }, ...claims };
  const jws = (await nodeJose.JWS.createSign({ format: 'compact', fields: { alg, typ: 'JWT', exp: body.exp, crit: ['exp'] } }, { key: pacoSigningJwk, reference: 'kid' } as unknown as nodeJose.JWK.Key)
    .update(Buffer.from(JSON.stringify(body), 'utf8'))
    .final()) as unknown as string;
  expect(JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString('utf8'))).toEqual({ alg, kid: 'paco-sig', typ: 'JWT', exp: body.exp, crit: ['exp'] });
  return (await nodeJose.JWE.createEncrypt({ format: 'compact', contentAlg: enc, fields: { cty: 'JWT' } }, merchantEncryptionJwk)
    .update(Buffer.from(jws, 'utf8'))
    .final()) as unknown as string;
}

const openingKeys = (contentEncryption: PacoContentEncryption) => ({
  apiKey: API_KEY,
  decryptionKeys: [{ kid: 'merchant-enc', key: merchantEncryption.privateKey }],
  verificationKeys: new Map([['paco-sig', pacoSigning.publicKey]]),
  contentEncryption,
  now: NOW,
});

describe('our opener accepts a PACO answer sealed by node-jose', () => {
  it.each(combinations)('%s inside RSA-OAEP/%s', async (alg, enc) => {
    const token = await nodeJoseAnswer(alg, enc);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'RSA-OAEP', enc, kid: 'merchant-enc', cty: 'JWT' });
    await expect(openResponseToken(token, openingKeys(enc))).resolves.toMatchObject({
      response: { ok: true, alg, enc },
      jti: 'c1f2a3b4-0000-4000-8000-000000000001',
      signingKid: 'paco-sig',
      decryptionKid: 'merchant-enc',
    });
  });
});

describe('our opener refuses a node-jose answer by the check it fails', () => {
  const refusedAt = (check: string) => ({ code: 'JOSE_REJECTED', message: expect.stringContaining(`at the ${check} check`) });

  it('aud naming another merchant', async () => {
    await expect(openResponseToken(await nodeJoseAnswer('PS256', 'A256GCM', { aud: 'another-merchant' }), openingKeys('A256GCM'))).rejects.toMatchObject(refusedAt('aud'));
  });

  it('exp in the past beyond the clock skew', async () => {
    const exp = nowSeconds - 3600;
    await expect(openResponseToken(await nodeJoseAnswer('RS256', 'A128CBC-HS256', { iat: exp - 300, nbf: exp - 300, exp }), openingKeys('A128CBC-HS256'))).rejects.toMatchObject(refusedAt('exp'));
  });

  it('a signature by a key that is not PACO\'s, under PACO\'s kid', async () => {
    const stranger = await nodeJose.JWK.asKey(pem(rsa().privateKey, 'pkcs8'), 'pem', { kid: 'paco-sig', use: 'sig' });
    const jws = (await nodeJose.JWS.createSign({ format: 'compact', fields: { alg: 'PS256', exp: nowSeconds + 300, crit: ['exp'] } }, { key: stranger, reference: 'kid' } as unknown as nodeJose.JWK.Key)
      .update(Buffer.from(JSON.stringify({ iss: 'PacoIssuer', aud: API_KEY, exp: nowSeconds + 300 }), 'utf8'))
      .final()) as unknown as string;
    const token = (await nodeJose.JWE.createEncrypt({ format: 'compact', contentAlg: 'A128GCM', fields: { cty: 'JWT' } }, merchantEncryptionJwk).update(Buffer.from(jws, 'utf8')).final()) as unknown as string;
    await expect(openResponseToken(token, openingKeys('A128GCM'))).rejects.toMatchObject(refusedAt('signature'));
  });
});
