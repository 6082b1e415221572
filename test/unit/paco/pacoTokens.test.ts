// PACO's JWE(JWS) tokens without a network: what a request token carries (read back with jose directly), and
// how opening an answer treats truncated, hostile and borderline tokens (clock skew, crit, cty, algorithms).
import { generateKeyPairSync } from 'node:crypto';
import { compactDecrypt, CompactEncrypt, compactVerify, CompactSign, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { buildRequestToken } from '../../../electron/core/transports/paco/requestToken';
import { openResponseToken, type ResponseTokenKeys } from '../../../electron/core/transports/paco/responseToken';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchantSigning = rsa();
const merchantEncryption = rsa();
const pacoSigning = rsa();
const pacoEncryption = rsa();
const utf8 = new TextEncoder();
const NOW = new Date('2026-11-24T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

const keys: ResponseTokenKeys = {
  apiKey: 'api-key-1',
  decryptionKeys: [{ kid: 'merchant-enc', key: merchantEncryption.privateKey }],
  verificationKeys: new Map([['paco-sig', pacoSigning.publicKey]]),
  contentEncryption: 'A128CBC-HS256',
  now: NOW,
};

interface AnswerOptions {
  claims?: Record<string, unknown>;
  jwsHeader?: Record<string, unknown>;
  jweHeader?: Record<string, unknown>;
}

async function answer(options: AnswerOptions = {}): Promise<string> {
  const claims = { iss: 'PacoIssuer', aud: 'api-key-1', iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + 300, response: { ok: true }, ...options.claims };
  const jws = await new CompactSign(utf8.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'PS256', kid: 'paco-sig', exp: claims.exp, crit: ['exp'], ...options.jwsHeader })
    .sign(pacoSigning.privateKey, { crit: { exp: true } });
  return new CompactEncrypt(utf8.encode(jws))
    .setProtectedHeader({ alg: 'RSA-OAEP', enc: 'A128CBC-HS256', kid: 'merchant-enc', cty: 'JWT', ...options.jweHeader })
    .encrypt(merchantEncryption.publicKey);
}

const refusedAt = (check: string) => ({ code: 'JOSE_REJECTED', message: expect.stringContaining(`at the ${check} check`) });

describe('PACO request token', () => {
  it('is RSA-OAEP/A128CBC-HS256 around a PS256 JWT with exp in crit, as the seed describes', async () => {
    const built = await buildRequestToken({
      apiKey: 'api-key-1',
      request: { apiRequest: { officeId: 'O1' } },
      signingKey: merchantSigning.privateKey,
      signingKid: 'merchant-sig',
      signingAlgorithm: 'PS256',
      pacoEncryptionKey: pacoEncryption.publicKey,
      pacoEncryptionKid: 'paco-enc',
      contentEncryption: 'A128CBC-HS256',
      now: NOW,
    });
    expect(decodeProtectedHeader(built.token)).toEqual({ alg: 'RSA-OAEP', enc: 'A128CBC-HS256', kid: 'paco-enc', cty: 'JWT' });
    const jws = new TextDecoder().decode((await compactDecrypt(built.token, pacoEncryption.privateKey)).plaintext);
    const { payload, protectedHeader } = await compactVerify(jws, merchantSigning.publicKey, { crit: { exp: true } });
    expect(protectedHeader).toEqual({ alg: 'PS256', kid: 'merchant-sig', typ: 'JWT', exp: nowSeconds + 300, crit: ['exp'] });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    expect(claims).toEqual({ aud: 'PacoAudience', iss: 'api-key-1', request: { apiRequest: { officeId: 'O1' } }, iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + 300, jti: built.jti });
    expect(built.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('PACO response token', () => {
  it('opens a good answer and returns its response claim', async () => {
    await expect(openResponseToken(await answer(), keys)).resolves.toEqual({
      response: { ok: true },
      jti: null,
      signingKid: 'paco-sig',
      decryptionKid: 'merchant-enc',
      signingAlgorithm: 'PS256',
      claims: { iss: 'PacoIssuer', aud: 'api-key-1', iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + 300, jti: null },
    });
  });

  it('accepts an aud array holding the API key', async () => {
    await expect(openResponseToken(await answer({ claims: { aud: ['other', 'api-key-1'] } }), keys)).resolves.toMatchObject({ response: { ok: true } });
  });

  it('allows 60 s of clock skew on exp and nbf, and no more', async () => {
    await expect(openResponseToken(await answer({ claims: { exp: nowSeconds - 59 } }), keys)).resolves.toBeTruthy();
    await expect(openResponseToken(await answer({ claims: { exp: nowSeconds - 60 } }), keys)).rejects.toMatchObject(refusedAt('exp'));
    await expect(openResponseToken(await answer({ claims: { nbf: nowSeconds + 60 } }), keys)).resolves.toBeTruthy();
    await expect(openResponseToken(await answer({ claims: { nbf: nowSeconds + 61 } }), keys)).rejects.toMatchObject(refusedAt('nbf'));
  });

  it('refuses a token with no exp, or whose crit exp differs from the claim', async () => {
    await expect(openResponseToken(await answer({ claims: { exp: undefined }, jwsHeader: { exp: undefined, crit: undefined } }), keys)).rejects.toMatchObject(refusedAt('exp'));
    await expect(openResponseToken(await answer({ jwsHeader: { exp: nowSeconds + 3600 } }), keys)).rejects.toMatchObject(refusedAt('exp'));
  });

  it('refuses a cty other than JWT', async () => {
    await expect(openResponseToken(await answer({ jweHeader: { cty: 'json' } }), keys)).rejects.toMatchObject(refusedAt('content type'));
  });

  it('refuses key management other than RSA-OAEP and an enc other than the request used', async () => {
    await expect(openResponseToken(await answer({ jweHeader: { alg: 'RSA-OAEP-256' } }), keys)).rejects.toMatchObject(refusedAt('encryption algorithm'));
    await expect(openResponseToken(await answer({ jweHeader: { enc: 'A256GCM' } }), keys)).rejects.toMatchObject(refusedAt('encryption algorithm'));
  });

  it('refuses a signature algorithm outside RS*/PS* (HS256 with the public key as secret)', async () => {
    const pem = pacoSigning.publicKey.export({ type: 'spki', format: 'pem' });
    const claims = { iss: 'PacoIssuer', aud: 'api-key-1', exp: nowSeconds + 300 };
    const jws = await new CompactSign(utf8.encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'HS256', kid: 'paco-sig' }).sign(utf8.encode(String(pem)));
    const token = await new CompactEncrypt(utf8.encode(jws)).setProtectedHeader({ alg: 'RSA-OAEP', enc: 'A128CBC-HS256', cty: 'JWT' }).encrypt(merchantEncryption.publicKey);
    await expect(openResponseToken(token, keys)).rejects.toMatchObject(refusedAt('signature algorithm'));
  });

  it.each([
    ['empty', ''],
    ['truncated to four parts', 'a.b.c.d'],
    ['not base64url', 'a.b.c.d.e!'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.b.c.d.e`],
    ['a header that is a JSON array', `${Buffer.from('[1]').toString('base64url')}.b.c.d.e`],
  ])('refuses %s as to its form', async (_name, token) => {
    await expect(openResponseToken(token, keys)).rejects.toMatchObject(refusedAt('form'));
  });

  it('refuses a good token cut short', async () => {
    const token = await answer();
    await expect(openResponseToken(token.slice(0, token.length - 10), keys)).rejects.toMatchObject(refusedAt('decryption'));
  });

  it('refuses an answer no merchant key opens', async () => {
    await expect(openResponseToken(await answer(), { ...keys, decryptionKeys: [{ kid: 'merchant-enc', key: pacoEncryption.privateKey }] })).rejects.toMatchObject(refusedAt('decryption'));
  });
});
