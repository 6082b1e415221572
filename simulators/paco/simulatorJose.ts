// PACO's side of the JOSE exchange, written straight on jose (not on Courier's client code, so the two are
// checked against each other): open a merchant request, refusing what PACO refuses, and seal an answer with
// the request's algorithms, optionally broken in one named way so tests can prove the client refuses it.
import { randomUUID, type KeyObject } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, CompactSign, compactVerify } from 'jose';

export const RESPONSE_FAULTS = [
  'expired',
  'not-yet-valid',
  'wrong-aud',
  'wrong-iss',
  'tampered-ciphertext',
  'tampered-signature',
  'unknown-kid',
  'alg-none',
  'unsupported-enc',
  'oversized',
  'non-json-payload',
] as const;
export type ResponseFault = (typeof RESPONSE_FAULTS)[number];

const SIGNING = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const ENCRYPTION = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'];
const utf8 = new TextEncoder();

/** A request PACO turns away: HTTP status and the JSON message. */
export class RequestRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface OpenedRequest {
  request: Record<string, unknown>;
  alg: string;
  enc: string;
}

function header(segment: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new RequestRefusal(400, 'Invalid token');
  }
}

export async function openRequest(token: string, pacoKey: KeyObject, merchantSigningKeys: ReadonlyMap<string, KeyObject>, apiKey: string): Promise<OpenedRequest> {
  const jweHeader = header(token.split('.')[0]);
  if (jweHeader.alg !== 'RSA-OAEP') throw new RequestRefusal(400, `Unsupported algorithm ${String(jweHeader.alg)}`);
  if (!ENCRYPTION.includes(String(jweHeader.enc))) throw new RequestRefusal(400, `Unsupported encryption ${String(jweHeader.enc)}`);
  let jws: string;
  try {
    jws = new TextDecoder().decode((await compactDecrypt(token, pacoKey)).plaintext);
  } catch {
    throw new RequestRefusal(400, 'Cannot decrypt the request');
  }
  const jwsHeader = header(jws.split('.')[0]);
  if (!SIGNING.includes(String(jwsHeader.alg))) throw new RequestRefusal(400, `Unsupported signature algorithm ${String(jwsHeader.alg)}`);
  const key = merchantSigningKeys.get(String(jwsHeader.kid));
  if (!key) throw new RequestRefusal(401, 'Unknown signing key');
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode((await compactVerify(jws, key, { crit: { exp: true } })).payload)) as Record<string, unknown>;
  } catch {
    throw new RequestRefusal(401, 'Invalid signature');
  }
  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== 'PacoAudience' || claims.iss !== apiKey) throw new RequestRefusal(401, 'Invalid audience or issuer');
  if (typeof claims.exp !== 'number' || claims.exp <= now || jwsHeader.exp !== claims.exp) throw new RequestRefusal(401, 'Token expired');
  if (typeof claims.request !== 'object' || claims.request === null) throw new RequestRefusal(400, 'No request');
  return { request: claims.request as Record<string, unknown>, alg: String(jwsHeader.alg), enc: String(jweHeader.enc) };
}

export interface ResponseSealing {
  alg: string;
  enc: string;
  apiKey: string;
  signingKey: KeyObject;
  signingKid: string;
  merchantEncryptionKey: KeyObject;
  merchantEncryptionKid: string;
  fault?: ResponseFault;
}

function flipMiddle(segment: string): string {
  const at = Math.floor(segment.length / 2);
  return `${segment.slice(0, at)}${segment[at] === 'A' ? 'B' : 'A'}${segment.slice(at + 1)}`;
}

export async function sealResponse(response: unknown, sealing: ResponseSealing): Promise<string> {
  const fault = sealing.fault;
  const now = Math.floor(Date.now() / 1000);
  const iat = fault === 'expired' ? now - 1000 : now;
  const nbf = fault === 'not-yet-valid' ? now + 600 : iat;
  const exp = nbf + 300;
  const body = fault === 'oversized' ? { response, padding: 'x'.repeat(1_200_000) } : { response };
  const claims = { iss: fault === 'wrong-iss' ? 'NotPaco' : 'PacoIssuer', aud: fault === 'wrong-aud' ? 'another-merchant' : sealing.apiKey, iat, nbf, exp, jti: randomUUID(), ...body };
  const payload = fault === 'non-json-payload' ? utf8.encode('<html>not json</html>') : utf8.encode(JSON.stringify(claims));
  let jws: string;
  if (fault === 'alg-none') {
    jws = `${Buffer.from(JSON.stringify({ alg: 'none', kid: sealing.signingKid })).toString('base64url')}.${Buffer.from(payload).toString('base64url')}.`;
  } else {
    const kid = fault === 'unknown-kid' ? 'no-such-kid' : sealing.signingKid;
    jws = await new CompactSign(payload).setProtectedHeader({ alg: sealing.alg, kid, typ: 'JWT', exp, crit: ['exp'] }).sign(sealing.signingKey, { crit: { exp: true } });
  }
  if (fault === 'tampered-signature') {
    const [h, p, s] = jws.split('.');
    jws = `${h}.${p}.${flipMiddle(s!)}`;
  }
  let token = await new CompactEncrypt(utf8.encode(jws))
    .setProtectedHeader({ alg: 'RSA-OAEP', enc: sealing.enc, kid: sealing.merchantEncryptionKid, cty: 'JWT' })
    .encrypt(sealing.merchantEncryptionKey);
  const parts = token.split('.');
  if (fault === 'tampered-ciphertext') token = [parts[0], parts[1], parts[2], flipMiddle(parts[3]!), parts[4]].join('.');
  if (fault === 'unsupported-enc') {
    const rewritten = { ...header(parts[0]), enc: 'A512GCM' };
    token = [Buffer.from(JSON.stringify(rewritten)).toString('base64url'), ...parts.slice(1)].join('.');
  }
  return token;
}
