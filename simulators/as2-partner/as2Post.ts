// The simulator's own side of an HTTP exchange with Courier: one POST of a finished AS2 body (a message or an
// async MDN) with the headers exactly as composed, over http or https trusting only the CA it is given.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HeaderList } from '../../electron/core/as2/as2Headers';

export interface PostedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface PostOptions {
  /** PEM CA(s) the https server's certificate must chain to; absent: the system roots. */
  caPem?: string;
  timeoutMs?: number;
}

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export function postAs2(url: string, headers: HeaderList, body: Buffer, options: PostOptions = {}): Promise<PostedAnswer> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
  if (!request) return Promise.reject(new Error(`The simulator posts to http(s) URLs, not ${target.protocol}`));
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        // Raw headers keep the composed order; Node adds no Host to them.
        headers: ['Host', target.host, ...headers.flat(), 'Content-Length', String(body.length)],
        timeout: options.timeoutMs ?? 30_000,
        minVersion: 'TLSv1.2',
        ...(options.caPem ? { ca: options.caPem } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`The answer from ${url} exceeds ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`No answer from ${url} within ${options.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
