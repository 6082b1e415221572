// The PACO page's pure parts: the request editor's JSON check (with the line of the error) and the profile
// form's translation into `paco.profiles.save` (write-only secrets, PEM or JWK public keys).
import { describe, expect, it } from 'vitest';
import type { PacoProfileSummary } from '../../../shared/ipc';
import { pacoProfileInputSchema } from '../../../shared/ipc';
import { draftOf, emptyDraft, toSaveInput, type ProfileDraft } from '../../../renderer/src/features/paco/profileDraft';
import { checkRequestJson } from '../../../renderer/src/features/paco/requestJson';

describe('checkRequestJson', () => {
  it('accepts a JSON object and hands back its value', () => {
    expect(checkRequestJson('{ "orderNo": "A-1" }')).toEqual({ ok: true, value: { orderNo: 'A-1' } });
  });

  it('names the line and column where the parser stopped', () => {
    const check = checkRequestJson('{\n  "a": 1,\n  "b": 2,\n}');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.error).toMatch(/^Line 4, column 1: /);
  });

  it('refuses empty text, arrays, strings and null: a PACO request is an object', () => {
    for (const text of ['', '   ', '[]', '"x"', 'null', '42']) expect(checkRequestJson(text).ok).toBe(false);
  });

  it('reports truncated and hostile input without throwing', () => {
    for (const text of ['{', '{"a":', '\u0000', '{"a":1}}', 'x'.repeat(100_000)]) expect(checkRequestJson(text).ok).toBe(false);
  });
});

const filled = (): ProfileDraft => ({
  ...emptyDraft(),
  name: 'uat-shop',
  apiKey: 'api-key',
  token: 'company-token',
  basicUser: 'merchant',
  basicPassword: 'basic-password',
  pacoEncryptionKey: { kid: 'enc-kid', key: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' },
  pacoSigningKey: { kid: 'sig-kid', key: '{ "kty": "RSA", "n": "AQAB", "e": "AQAB" }' },
  merchantSigningKeyId: 'key-1',
  merchantEncryptionKeyId: 'key-2',
});

describe('toSaveInput', () => {
  it('builds an input the contract accepts, with the defaults PS256 and A128CBC-HS256 and a JWK as an object', () => {
    const { input } = toSaveInput(filled(), null);
    expect(pacoProfileInputSchema.parse(input)).toMatchObject({
      signingAlgorithm: 'PS256',
      contentEncryption: 'A128CBC-HS256',
      token: 'company-token',
      pacoSigningKeys: [{ kid: 'sig-kid', key: { kty: 'RSA' } }],
    });
  });

  it('needs the token and the password for a new profile, and names every missing field', () => {
    const { input, errors } = toSaveInput(emptyDraft(), null);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(
      ['apiKey', 'basicPassword', 'basicUser', 'merchantEncryptionKeyId', 'merchantSigningKeyId', 'name', 'pacoEncryptionKey.key', 'pacoEncryptionKey.kid', 'pacoSigningKey.key', 'pacoSigningKey.kid', 'token'].sort(),
    );
  });

  it('refuses a key that looks like a JWK but is not JSON', () => {
    const draft = filled();
    draft.pacoSigningKey.key = '{ "kty": ';
    expect(toSaveInput(draft, null).errors['pacoSigningKey.key']).toMatch(/not a valid JSON object/);
  });

  it('leaves stored secrets out when their fields stay empty on an existing profile', () => {
    const { input } = toSaveInput(filled(), null);
    const profile: PacoProfileSummary = {
      id: 'p1',
      name: 'uat-shop',
      environment: 'uat',
      baseUrl: 'https://core.demo-paco.2c2p.com',
      issuer: 'api-key',
      basicUser: 'merchant',
      sealed: { companyHeader: true, basicAuth: true },
      tlsScope: 'paco:uat-shop',
      pacoEncryptionKey: input!.pacoEncryptionKey,
      pacoSigningKeys: input!.pacoSigningKeys,
      merchantSigningKeyId: 'key-1',
      merchantEncryptionKeyId: 'key-2',
      signingAlgorithm: 'PS512',
      contentEncryption: 'A256GCM',
      createdAt: '',
      updatedAt: '',
    };
    const draft = draftOf(profile);
    expect(draft).toMatchObject({ token: '', basicPassword: '', baseUrl: '', signingAlgorithm: 'PS512' });
    const update = toSaveInput(draft, profile).input!;
    expect(update).not.toHaveProperty('token');
    expect(update).not.toHaveProperty('basicPassword');
    expect(pacoProfileInputSchema.parse(update).pacoSigningKeys[0]!.key).toEqual({ kty: 'RSA', n: 'AQAB', e: 'AQAB' });
  });

  it('asks a production profile for its base URL', () => {
    expect(toSaveInput({ ...filled(), environment: 'production' }, null).errors.baseUrl).toMatch(/production/);
  });
});
