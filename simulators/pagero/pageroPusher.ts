// Pagero's HTTP client, played against Courier's push endpoint: one business document per POST, with the static
// headers configured for the receiver, in each auth mode the seed lists — Basic, OAuth2 client_credentials (a token
// fetched from the receiver's token URL first), mutual TLS with a client certificate, or none. Real HTTPS: the
// receiver's certificate is checked against the CA it is given.
import { generateKeyPairSync } from 'node:crypto';
import { request } from 'node:https';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';

export type PushAuth =
  | { mode: 'none' }
  | { mode: 'basic'; user: string; password: string }
  | { mode: 'oauth2-client-credentials'; tokenUrl: string; clientId: string; clientSecret: string }
  | { mode: 'mtls'; certPem: string; keyPem: string };

export interface PushRequest {
  url: string;
  /** The CA of the receiver's server certificate. */
  caPem: string;
  auth: PushAuth;
  body: Buffer | string;
  /** Default application/octet-stream (the seed's default body type is binary). */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface PushAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A client identity for mTLS: a CA (give its PEM to the receiver) and a certificate it issued. */
export interface ClientIdentity {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export function makeClientIdentity(name = 'pagero-http-client'): ClientIdentity {
  const ca = makeServerIdentity(name);
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { caPem: ca.caPem, certPem: ca.issue(name, key.publicKey), keyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function post(url: string, options: { caPem: string; headers: Record<string, string>; body: Buffer; certPem?: string; keyPem?: string }): Promise<PushAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca: options.caPem, cert: options.certPem, key: options.keyPem, minVersion: 'TLSv1.2', headers: { ...options.headers, 'content-length': String(options.body.length) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** client_credentials at the receiver's token URL (client id and secret as HTTP Basic). */
export async function fetchPushToken(auth: Extract<PushAuth, { mode: 'oauth2-client-credentials' }>, caPem: string): Promise<string> {
  const basic = Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64');
  const answer = await post(auth.tokenUrl, { caPem, headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('grant_type=client_credentials') });
  if (answer.status !== 200) throw new Error(`token request refused: HTTP ${answer.status} ${answer.body}`);
  const token = (JSON.parse(answer.body) as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new Error('token answer without access_token');
  return token;
}

export async function pushDocument(push: PushRequest): Promise<PushAnswer> {
  const headers: Record<string, string> = { 'content-type': push.contentType ?? 'application/octet-stream', 'user-agent': 'Pagero-HTTP-Client/1.0 (simulator)', ...push.headers };
  const auth = push.auth;
  if (auth.mode === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  if (auth.mode === 'oauth2-client-credentials') headers.authorization = `Bearer ${await fetchPushToken(auth, push.caPem)}`;
  const body = typeof push.body === 'string' ? Buffer.from(push.body) : push.body;
  return post(push.url, { caPem: push.caPem, headers, body, ...(auth.mode === 'mtls' ? { certPem: auth.certPem, keyPem: auth.keyPem } : {}) });
}
