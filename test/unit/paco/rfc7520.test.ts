// Published JOSE examples (RFC 7520, "Examples of Protecting Content Using JSON Object Signing and Encryption")
// run through the same jose calls and key import PACO's token modules use: §4.1 RS256 and §4.2 PS384 compact
// signatures verified with the RFC's public key (PSS is randomized, so only verification is possible), and
// §5.2 RSA-OAEP + A256GCM decrypted with the RFC's private key. The data files beside this test are the RFC
// author's machine-readable examples, byte for byte: github.com/ietf-jose/cookbook at 13692b68bfc18b99557a5b1ed311fd5077bfff04
// (jws/4_1.rsa_v15_signature.json, jws/4_2.rsa-pss_signature.json, jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json).
import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compactDecrypt, compactVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { pacoPublicKey } from '../../../electron/core/transports/paco/pacoClient';
import { PACO_KEY_MANAGEMENT_ALGORITHM } from '../../../electron/core/transports/paco/pacoJose';

interface SignatureExample {
  input: { payload: string; key: JsonWebKey & { kid: string }; alg: string };
  signing: { protected: Record<string, unknown> };
  output: { compact: string };
}

interface EncryptionExample {
  input: { plaintext: string; key: JsonWebKey & { kid: string }; alg: string; enc: string };
  encrypting_content: { protected: Record<string, unknown> };
  output: { compact: string };
}

const example = <T>(file: string): T => JSON.parse(readFileSync(new URL(`./rfc7520/${file}`, import.meta.url), 'utf8')) as T;
const publicPart = ({ kty, n, e }: JsonWebKey): JsonWebKey => ({ kty, n, e });
const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

/** The compact token with one character of part `index` changed. */
function altered(compact: string, index: number): string {
  const parts = compact.split('.');
  const part = parts[index]!;
  parts[index] = `${part[0] === 'A' ? 'B' : 'A'}${part.slice(1)}`;
  return parts.join('.');
}

describe.each([
  ['§4.1 RSA v1.5 signature (RS256)', '4.1-rsa-v15-signature.json'],
  ['§4.2 RSA-PSS signature (PS384)', '4.2-rsa-pss-signature.json'],
])('RFC 7520 %s', (_name, file) => {
  const vector = example<SignatureExample>(file);
  const key = pacoPublicKey(publicPart(vector.input.key));

  it('verifies with the RFC public key, giving the RFC payload and header', async () => {
    const { payload, protectedHeader } = await compactVerify(vector.output.compact, key, { algorithms: [vector.input.alg], crit: { exp: true } });
    expect(text(payload)).toBe(vector.input.payload);
    expect(protectedHeader).toEqual(vector.signing.protected);
    expect(protectedHeader.alg).toBe(vector.input.alg);
  });

  it('does not verify once the payload or the signature is altered', async () => {
    await expect(compactVerify(altered(vector.output.compact, 1), key, { algorithms: [vector.input.alg] })).rejects.toThrow();
    await expect(compactVerify(altered(vector.output.compact, 2), key, { algorithms: [vector.input.alg] })).rejects.toThrow();
  });
});

describe('RFC 7520 §5.2 key encryption using RSA-OAEP with AES-GCM (A256GCM)', () => {
  const vector = example<EncryptionExample>('5.2-rsa-oaep-a256gcm.json');
  const key = createPrivateKey({ key: vector.input.key, format: 'jwk' });
  const options = { keyManagementAlgorithms: [PACO_KEY_MANAGEMENT_ALGORITHM], contentEncryptionAlgorithms: [vector.input.enc] };

  it('is the key management algorithm PACO uses', () => {
    expect(vector.input.alg).toBe(PACO_KEY_MANAGEMENT_ALGORITHM);
  });

  it('decrypts with the RFC private key to the RFC plaintext and header', async () => {
    const { plaintext, protectedHeader } = await compactDecrypt(vector.output.compact, key, options);
    expect(text(plaintext)).toBe(vector.input.plaintext);
    expect(protectedHeader).toEqual(vector.encrypting_content.protected);
  });

  it('refuses the token once its ciphertext or tag is altered', async () => {
    await expect(compactDecrypt(altered(vector.output.compact, 3), key, options)).rejects.toThrow();
    await expect(compactDecrypt(altered(vector.output.compact, 4), key, options)).rejects.toThrow();
  });
});
