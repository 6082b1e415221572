// Why this file exists: every server Courier starts (the AS2 receiver, the Pagero push server, the browser host, the
// simulators) learns its bound port and closes without waiting on keep-alive clients the same way, and the servers
// partners post to share their limits: Node's own set from ReceiverLimits, a broken client answered 400/408/431.
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ReceiverLimits } from '../as2/receiverLimits';

export interface ListenerTls {
  /** The server's certificate chain and key (PEM). */
  certPem: string;
  keyPem: string;
  /**
   * Ask every client for a certificate without requiring one at the TLS level: one server carries endpoints with no
   * client certificate (none, Basic, OAuth2) beside mutual-TLS endpoints that each trust their own CA, so the chain is
   * checked per request against that endpoint's CA (pagero/pushAuth.ts). The handshake still proves the client holds
   * the certificate's key; a server certificate is never affected.
   */
  requestClientCertificate?: boolean;
}

/** HTTP, or HTTPS (TLS ≥ 1.2) when `tls` is given, with every limit Node enforces before the handler runs. */
export function createLimitedServer(limits: ReceiverLimits, handler: RequestListener, tls?: ListenerTls): Server {
  const options = { maxHeaderSize: limits.maxHeaderBytes, requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs) };
  const server: Server =
    tls === undefined
      ? createHttpServer(options, handler)
      : createHttpsServer({ ...options, cert: tls.certPem, key: tls.keyPem, minVersion: 'TLSv1.2', ...(tls.requestClientCertificate ? { requestCert: true, rejectUnauthorized: false } : {}) }, handler);
  // One more than the limit, so a request over it is seen (Node drops the fields beyond maxHeadersCount silently).
  server.maxHeadersCount = limits.maxHeaderCount + 1;
  // A broken client (bad HTTP, oversized header section, timeout) gets a status answer, never a crash.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return server;
}

/** The text of a 431 when the request has more header fields than allowed (seen thanks to maxHeadersCount above). */
export function headerCountRefusal(request: IncomingMessage, limits: Pick<ReceiverLimits, 'maxHeaderCount'>): string | undefined {
  return request.rawHeaders.length / 2 > limits.maxHeaderCount ? `The request has more than ${limits.maxHeaderCount} header fields.` : undefined;
}

/** Listens and resolves with the bound port (the free one the system picked for port 0); a bind error rejects. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and ends every connection, idle or not, so a close never waits on a client. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** `scheme://host:port/path`, with an IPv6 host in brackets. */
export function listenerUrl(scheme: 'http' | 'https', host: string, port: number, path: string): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
}

/** The URLs each home is listening at in this process, for the procedures that show them. */
export class ListeningUrls {
  readonly #byHome = new WeakMap<object, string[]>();

  of(home: object): string[] {
    return this.#byHome.get(home) ?? [];
  }

  add(home: object, urls: string[]): void {
    this.#byHome.set(home, [...this.of(home), ...urls]);
  }

  remove(home: object, urls: string[]): void {
    this.#byHome.set(home, this.of(home).filter((url) => !urls.includes(url)));
  }
}
