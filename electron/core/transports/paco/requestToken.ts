// Step one of a PACO call: the request body wrapped as a JWT (`{ aud, iss, request, iat, nbf, exp, jti }`),
// signed by the merchant (JWS, `exp` in the protected header and named in `crit`), then encrypted to PACO's
// public key (JWE, RSA-OAEP, `cty: "JWT"`): JWE(JWS(payload)) as the seed's JOSE workflow describes.
import { randomUUID, type KeyObject } from 'node:crypto';
import { CompactEncrypt, CompactSign } from 'jose';
import { PACO_AUDIENCE, PACO_KEY_MANAGEMENT_ALGORITHM, TOKEN_LIFETIME_SECONDS, type PacoContentEncryption, type PacoSigningAlgorithm } from './pacoJose';

export interface RequestTokenInput {
  apiKey: string;
  request: unknown;
  signingKey: KeyObject;
  /** RFC 7638 thumbprint of the merchant signing key, as registered on the PACO portal. */
  signingKid: string;
  signingAlgorithm: PacoSigningAlgorithm;
  pacoEncryptionKey: KeyObject;
  pacoEncryptionKid: string;
  contentEncryption: PacoContentEncryption;
  now?: Date;
}

export interface RequestToken {
  token: string;
  jti: string;
  exp: number;
}

const utf8 = new TextEncoder();

export async function buildRequestToken(input: RequestTokenInput): Promise<RequestToken> {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const exp = iat + TOKEN_LIFETIME_SECONDS;
  const jti = randomUUID();
  const claims = { aud: PACO_AUDIENCE, iss: input.apiKey, request: input.request, iat, nbf: iat, exp, jti };
  const jws = await new CompactSign(utf8.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: input.signingAlgorithm, kid: input.signingKid, typ: 'JWT', exp, crit: ['exp'] })
    .sign(input.signingKey, { crit: { exp: true } });
  const token = await new CompactEncrypt(utf8.encode(jws))
    .setProtectedHeader({ alg: PACO_KEY_MANAGEMENT_ALGORITHM, enc: input.contentEncryption, kid: input.pacoEncryptionKid, cty: 'JWT' })
    .encrypt(input.pacoEncryptionKey);
  return { token, jti, exp };
}
