// A PACO call from a profile: merchant keys from the keystore (following rotations), the request sealed as
// JWE(JWS), the PACO headers (`token`, HTTP Basic, `application/jose`), and the answer opened and checked.
// `transactionStatus` is the one GET the seed sends without JOSE.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { CourierError } from '../../errors';
import type { KeyService } from '../../keys/keyService';
import type { TlsTrustStore } from '../../tls/trustStore';
import { pacoExchange, type PacoHttpResponse } from './pacoHttp';
import { MAX_TOKEN_CHARS, type PacoContentEncryption, type PacoSigningAlgorithm } from './pacoJose';
import { buildRequestToken } from './requestToken';
import { openResponseToken, type OpenedResponse } from './responseToken';

/** A PACO public key as the portal hands it out: PEM, base64 DER SubjectPublicKeyInfo, or a JWK. */
export interface PacoPublicKey {
  kid: string;
  key: string | JsonWebKey;
}

export interface PacoProfile {
  baseUrl: string;
  apiKey: string;
  /** The company's access token, sent as the `token` header. */
  token: string;
  basicUser: string;
  basicPassword: string;
  /** The TLS trust scope (`courier tls trust --scope`), e.g. `paco:uat`. */
  tlsScope: string;
  pacoEncryptionKey: PacoPublicKey;
  pacoSigningKeys: readonly PacoPublicKey[];
  merchantSigningKeyId: string;
  merchantEncryptionKeyId: string;
  signingAlgorithm?: PacoSigningAlgorithm;
  contentEncryption?: PacoContentEncryption;
  timeoutMs?: number;
}

export const PACO_OPERATIONS = {
  payment: '/api/2.0/Payment/prePaymentUi',
  transactionList: '/api/2.0/Inquiry/transactionList',
  void: '/api/2.0/Void/void',
  settlement: '/api/2.0/Settlement/settlement',
  refund: '/api/2.0/Refund/refund',
} as const;
export type PacoOperation = keyof typeof PACO_OPERATIONS;

export const TRANSACTION_STATUS_PATH = '/api/2.0/Inquiry/transactionStatus';

export interface PacoContext {
  keys: KeyService;
  tlsTrust: TlsTrustStore;
}

export function pacoPublicKey(key: PacoPublicKey['key']): KeyObject {
  try {
    if (typeof key !== 'string') return createPublicKey({ key, format: 'jwk' });
    if (key.includes('-----BEGIN')) return createPublicKey(key);
    return createPublicKey({ key: Buffer.from(key.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new CourierError('BAD_INPUT', 'A PACO public key is neither a PEM, a base64 SubjectPublicKeyInfo nor a JWK.', 'Paste the key exactly as PACO sent it.');
  }
}

function headers(profile: PacoProfile, jose: boolean): Record<string, string> {
  const type = jose ? 'application/jose' : 'application/json';
  return {
    token: profile.token,
    authorization: `Basic ${Buffer.from(`${profile.basicUser}:${profile.basicPassword}`).toString('base64')}`,
    accept: type,
    ...(jose ? { 'content-type': type } : {}),
  };
}

function refusal(answer: PacoHttpResponse): CourierError {
  let detail = answer.body.slice(0, 200);
  try {
    const parsed = JSON.parse(answer.body) as { message?: unknown };
    if (typeof parsed.message === 'string') detail = parsed.message;
  } catch {
    // a non-JSON refusal is shown as its first characters
  }
  const code = answer.status === 401 || answer.status === 403 ? 'UNAUTHORIZED' : 'BAD_MESSAGE';
  return new CourierError(code, `PACO refused the request (HTTP ${answer.status}): ${detail}`, 'Check the profile\'s token, Basic credentials, keys and the request body.');
}

function exchangeOptions(ctx: PacoContext, profile: PacoProfile) {
  return { scope: profile.tlsScope, trust: ctx.tlsTrust.trustFor(profile.tlsScope), maxResponseBytes: 4 * MAX_TOKEN_CHARS, timeoutMs: profile.timeoutMs ?? 30_000 };
}

/** The opened answer and what the request was sealed with, so a host can show every check. */
export interface PacoCallResult extends OpenedResponse {
  requestKid: string;
  requestEncryptionKid: string;
  contentEncryption: PacoContentEncryption;
}

export async function callPaco(ctx: PacoContext, profile: PacoProfile, operation: PacoOperation, body: unknown): Promise<PacoCallResult> {
  const signing = ctx.keys.sendingKeyFor(profile.merchantSigningKeyId);
  const receiving = ctx.keys.receivingKeysFor(profile.merchantEncryptionKeyId);
  const contentEncryption = profile.contentEncryption ?? 'A128CBC-HS256';
  const { token } = await buildRequestToken({
    apiKey: profile.apiKey,
    request: body,
    signingKey: await ctx.keys.vault.open(signing.id),
    signingKid: signing.jwkThumbprint,
    signingAlgorithm: profile.signingAlgorithm ?? 'PS256',
    pacoEncryptionKey: pacoPublicKey(profile.pacoEncryptionKey.key),
    pacoEncryptionKid: profile.pacoEncryptionKey.kid,
    contentEncryption,
  });
  const answer = await pacoExchange({ url: new URL(PACO_OPERATIONS[operation], profile.baseUrl), method: 'POST', headers: headers(profile, true), body: token, ...exchangeOptions(ctx, profile) });
  if (answer.status !== 200 || !answer.contentType.startsWith('application/jose')) throw refusal(answer);
  const decryptionKeys = await Promise.all(receiving.map(async (key) => ({ kid: key.jwkThumbprint, key: await ctx.keys.vault.open(key.id) })));
  const verificationKeys = new Map(profile.pacoSigningKeys.map((key) => [key.kid, pacoPublicKey(key.key)]));
  const opened = await openResponseToken(answer.body, { apiKey: profile.apiKey, decryptionKeys, verificationKeys, contentEncryption });
  return { ...opened, requestKid: signing.jwkThumbprint, requestEncryptionKid: profile.pacoEncryptionKey.kid, contentEncryption };
}

/** The plain-JSON status inquiry (GET, no JOSE per the seed). */
export async function transactionStatus(ctx: PacoContext, profile: PacoProfile, query: Record<string, string>): Promise<unknown> {
  const url = new URL(TRANSACTION_STATUS_PATH, profile.baseUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const answer = await pacoExchange({ url, method: 'GET', headers: headers(profile, false), ...exchangeOptions(ctx, profile) });
  if (answer.status !== 200) throw refusal(answer);
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    throw new CourierError('BAD_MESSAGE', 'PACO\'s transaction status is not JSON.', 'Check the profile URL points at PACO.');
  }
}
