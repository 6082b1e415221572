// The PACO (2C2P) payment gateway on 127.0.0.1 for tests and demos: HTTPS from a throwaway CA, the `token`
// header ("Access Denied" otherwise), HTTP Basic, `application/jose` bodies opened and answered with the
// request's algorithms, and a payment ledger behind payment, inquiry, void, settlement and refund.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';
import { closeServer, listen } from '../../electron/core/transports/http/listener';
import { LedgerRefusal, PaymentLedger, type Payment } from './paymentLedger';
import { openRequest, RequestRefusal, sealResponse, type ResponseFault } from './simulatorJose';

export interface PacoSimulatorOptions {
  apiKey: string;
  token: string;
  basicUser: string;
  basicPassword: string;
  merchantSigningKeys: readonly { kid: string; key: KeyObject }[];
  merchantEncryptionKey: { kid: string; key: KeyObject };
  /** PACO uses RSA-4096; tests may ask for 2048 to start quickly. */
  rsaBits?: 2048 | 4096;
}

export interface PacoSimulatorKey {
  kid: string;
  pem: string;
}

export interface PacoSimulator {
  url: string;
  caPem: string;
  encryptionKey: PacoSimulatorKey;
  signingKey: PacoSimulatorKey;
  ledger: PaymentLedger;
  /** Breaks the next JOSE answer in one named way. */
  breakNextResponse(fault: ResponseFault): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 1024 * 1024;

async function rsaKey(bits: number): Promise<{ privateKey: KeyObject; kid: string; pem: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { privateKey, kid: await calculateJwkThumbprint(await exportJWK(publicKey)), pem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) reject(new RequestRefusal(413, 'Request too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function field(object: unknown, name: string): unknown {
  return typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[name] : undefined;
}

function text(object: unknown, name: string): string {
  const value = field(object, name);
  if (typeof value !== 'string' || value === '') throw new RequestRefusal(400, `apiRequest.${name} is required`);
  return value;
}

function amount(object: unknown, name: string): number {
  const value = field(field(object, name), 'amount');
  if (typeof value !== 'number') throw new RequestRefusal(400, `apiRequest.${name}.amount is required`);
  return value;
}

const success = (data: Payment | Payment[]) => ({ apiResponse: { responseCode: 'PC-B050000', responseDescription: 'Success' }, data });

function operate(ledger: PaymentLedger, path: string, request: Record<string, unknown>): unknown {
  const api = request.apiRequest;
  switch (path) {
    case '/api/2.0/Payment/prePaymentUi':
      return success(ledger.pay(text(api, 'officeId'), text(api, 'orderNo'), amount(api, 'transactionAmount'), String(field(field(api, 'transactionAmount'), 'currencyCode') ?? 'THB')));
    case '/api/2.0/Inquiry/transactionList':
      return success(ledger.list(text(api, 'officeId')));
    case '/api/2.0/Void/void':
      return success(ledger.void(text(api, 'orderNo')));
    case '/api/2.0/Settlement/settlement':
      return success(ledger.settle(text(api, 'orderNo')));
    case '/api/2.0/Refund/refund':
      return success(ledger.refund(text(api, 'orderNo'), amount(api, 'refundAmount')));
    default:
      throw new RequestRefusal(404, 'Not found');
  }
}

export async function startPacoSimulator(options: PacoSimulatorOptions): Promise<PacoSimulator> {
  const identity = makeServerIdentity('PACO');
  const bits = options.rsaBits ?? 4096;
  const [encryption, signing] = await Promise.all([rsaKey(bits), rsaKey(bits)]);
  const merchantSigningKeys = new Map(options.merchantSigningKeys.map((key) => [key.kid, key.key]));
  const ledger = new PaymentLedger();
  const basic = `Basic ${Buffer.from(`${options.basicUser}:${options.basicPassword}`).toString('base64')}`;
  let nextFault: ResponseFault | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.token !== options.token) return sendJson(res, 401, { message: 'Access Denied' });
    if (req.headers.authorization !== basic) {
      res.setHeader('www-authenticate', 'Basic realm="PACO"');
      return sendJson(res, 401, { message: 'Unauthorized' });
    }
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/api/2.0/Inquiry/transactionStatus') {
      return sendJson(res, 200, success(ledger.find(url.searchParams.get('orderNo') ?? '')));
    }
    if (req.method !== 'POST') return sendJson(res, 405, { message: 'Method not allowed' });
    if (req.headers['content-type'] !== 'application/jose') return sendJson(res, 415, { message: 'Content-Type must be application/jose' });
    const opened = await openRequest((await readBody(req)).trim(), encryption.privateKey, merchantSigningKeys, options.apiKey);
    const answer = operate(ledger, url.pathname, opened.request);
    const fault = nextFault;
    nextFault = undefined;
    const token = await sealResponse(answer, {
      alg: opened.alg,
      enc: opened.enc,
      apiKey: options.apiKey,
      signingKey: signing.privateKey,
      signingKid: signing.kid,
      merchantEncryptionKey: options.merchantEncryptionKey.key,
      merchantEncryptionKid: options.merchantEncryptionKey.kid,
      ...(fault ? { fault } : {}),
    });
    res.writeHead(200, { 'content-type': 'application/jose' }).end(token);
  }

  const server: Server = createServer({ cert: identity.certPem, key: identity.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof RequestRefusal) sendJson(res, error.status, { message: error.message });
      else if (error instanceof LedgerRefusal) sendJson(res, 422, { message: error.message });
      else sendJson(res, 500, { message: 'Internal error' });
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: identity.caPem,
    encryptionKey: { kid: encryption.kid, pem: encryption.pem },
    signingKey: { kid: signing.kid, pem: signing.pem },
    ledger,
    breakNextResponse: (fault) => {
      nextFault = fault;
    },
    close: () => closeServer(server),
  };
}
