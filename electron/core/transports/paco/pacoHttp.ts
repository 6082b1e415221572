// One HTTPS exchange with PACO: Node's https with the profile's TLS options (TLS 1.2+, verification on,
// trust from tlsOptionsFor), a size cap on the answer and a timeout; failures become CourierErrors.
import { request } from 'node:https';
import { CourierError } from '../../errors';
import type { TlsClientOptions } from '../../tls/tlsOptions';

export interface PacoHttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  tls: TlsClientOptions;
  maxResponseBytes: number;
  timeoutMs: number;
}

export interface PacoHttpResponse {
  status: number;
  contentType: string;
  body: string;
}

export function pacoExchange(exchange: PacoHttpRequest): Promise<PacoHttpResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(exchange.url, { method: exchange.method, headers: exchange.headers, ...exchange.tls, timeout: exchange.timeoutMs }, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > exchange.maxResponseBytes) {
          incoming.destroy();
          reject(new CourierError('BAD_MESSAGE', `PACO's answer is larger than ${exchange.maxResponseBytes} bytes.`, 'Check the profile URL points at PACO.'));
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, contentType: String(incoming.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', (error) => reject(new CourierError('CONNECTION_FAILED', `PACO's answer broke off: ${error.message}`)));
    });
    outgoing.on('timeout', () => outgoing.destroy(new CourierError('TIMEOUT', `PACO did not answer within ${exchange.timeoutMs} ms.`, 'Try again later.')));
    outgoing.on('error', (error) =>
      reject(error instanceof CourierError ? error : new CourierError('CONNECTION_FAILED', `Cannot reach ${exchange.url.origin}: ${error.message}`, 'Check the URL, and trust the PACO CA for this profile with `courier tls trust`.')),
    );
    outgoing.end(exchange.body);
  });
}
