// FISCAL's HTTPS upload API on 127.0.0.1 for tests, the bench and `courier demo`: real TLS from a throwaway CA,
// the documented URL (…/customers/<c>/units/<u>/Uploads/upload/<file type>/<file name>), Bearer tokens that
// expire, and the documented answers — 201 with JSON, 400 for a file type, 415 for a media type, 401 for a token,
// 500 on demand (then success). Bodies are streamed, counted and hashed, never held, so a 2 GB upload is cheap.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';
import { closeServer, listen } from '../../electron/core/transports/http/listener';

export const FISCAL_FILE_TYPES = ['APT', 'Suppliers', 'Employees'] as const;
const UPLOAD_PATH = /^\/customers\/([^/]+)\/units\/([^/]+)\/Uploads\/upload\/([^/]+)\/([^/]+)$/;
/** The first bytes of each upload are kept so tests can compare them. */
const KEPT_BYTES = 64 * 1024;

export interface FiscalSimulatorOptions {
  customer: string;
  /** Defaults to the customer (one unit). */
  units?: string[];
  token: string;
  tokenExpiresAt: Date;
  /** Serve TLS 1.1 only (with legacy ciphers), to prove clients refuse it. */
  legacyTls11?: boolean;
}

export interface FiscalUploadRecord {
  customer: string;
  unit: string;
  fileType: string;
  fileName: string;
  contentType: string | null;
  bytes: number;
  sha256: string;
  head: Buffer;
  status: number;
  at: string;
}

export interface FiscalSimulator {
  url: string;
  caPem: string;
  /** Every upload request that reached the handler, in order, with the status it got. */
  uploads: FiscalUploadRecord[];
  /** The next `count` otherwise good uploads are answered 500 (FISCAL's temporary failure). */
  failNext(count: number): void;
  /** The next upload stops being read after its first bytes (a stalled network), so a client can cancel it; resolves when they arrived. */
  stallNext(): Promise<void>;
  setToken(token: string, expiresAt: Date): void;
  close(): Promise<void>;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFiscalSimulator(options: FiscalSimulatorOptions): Promise<FiscalSimulator> {
  const identity = makeServerIdentity('fiscal');
  const units = new Set(options.units ?? [options.customer]);
  const uploads: FiscalUploadRecord[] = [];
  let token = options.token;
  let tokenExpiresAt = options.tokenExpiresAt;
  let failures = 0;
  let stall: (() => void) | null = null;

  const verdict = (req: IncomingMessage, customer: string, unit: string, fileType: string): { status: number; error?: string } => {
    const authorization = req.headers.authorization;
    if (authorization !== `Bearer ${token}`) return { status: 401, error: authorization ? 'The access token is not valid.' : 'The Authorization header is missing.' };
    if (Date.now() > tokenExpiresAt.getTime()) return { status: 401, error: 'The access token has expired.' };
    if (customer !== options.customer || !units.has(unit)) return { status: 404, error: 'Unknown customer or unit.' };
    if (!(FISCAL_FILE_TYPES as readonly string[]).includes(fileType)) return { status: 400, error: `File type must be one of ${FISCAL_FILE_TYPES.join(', ')}.` };
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'text/csv') return { status: 415, error: 'Content-Type must be text/csv.' };
    if (failures > 0) {
      failures--;
      return { status: 500, error: 'An unexpected error occurred.' };
    }
    return { status: 201 };
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = UPLOAD_PATH.exec(path);
    if (!match) return void req.resume().once('end', () => answer(res, 404, { error: 'Not found' }));
    if (req.method !== 'POST') return void req.resume().once('end', () => answer(res, 405, { error: 'Use POST' }));
    const [customer, unit, fileType, fileName] = match.slice(1).map((part) => decodeURIComponent(part)) as [string, string, string, string];
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let bytes = 0;
    const stalled = stall;
    stall = null;
    req.on('data', (chunk: Buffer) => {
      if (stalled) {
        req.pause();
        stalled();
      }
      if (bytes < KEPT_BYTES) head.push(chunk.subarray(0, KEPT_BYTES - bytes));
      bytes += chunk.length;
      hash.update(chunk);
    });
    req.once('end', () => {
      const { status, error } = verdict(req, customer, unit, fileType);
      const at = new Date().toISOString();
      uploads.push({ customer, unit, fileType, fileName, contentType: req.headers['content-type'] ?? null, bytes, sha256: hash.digest('hex'), head: Buffer.concat(head), status, at });
      if (status !== 201) return answer(res, status, { error });
      answer(res, 201, { id: randomUUID(), customer, unit, fileType, fileName, size: bytes, receivedAt: at, status: 'Received' });
    });
    req.once('error', () => res.destroy());
  };

  const tls = options.legacyTls11 ? { minVersion: 'TLSv1' as const, maxVersion: 'TLSv1.1' as const, ciphers: 'DEFAULT@SECLEVEL=0' } : { minVersion: 'TLSv1.2' as const };
  const server: Server = createServer({ key: identity.keyPem, cert: identity.certPem, ...tls, requestTimeout: 0 }, handle);
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: identity.caPem,
    uploads,
    failNext: (count) => {
      failures = count;
    },
    stallNext: () =>
      new Promise<void>((resolve) => {
        stall = resolve;
      }),
    setToken: (value, expiresAt) => {
      token = value;
      tokenExpiresAt = expiresAt;
    },
    close: () => closeServer(server),
  };
}
