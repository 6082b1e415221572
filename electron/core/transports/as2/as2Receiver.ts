// Why this file exists: `courier serve --as2-port` and the app receive AS2 (RFC 4130) over HTTP and HTTPS (TLS ≥ 1.2)
// at POST /as2. This owns the sockets and the HTTP-level limits (method, path, size, header count, time), each
// answered with a status and never a crash, hands each request to receiveMessage, and runs the async MDN loop.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HeaderList } from '../../as2/as2Headers';
import type { CourierContext } from '../../home/openHome';
import { logInternalError } from '../../log';
import { closeServer, createLimitedServer, headerCountRefusal, listen, listenerUrl, ListeningUrls } from '../http/listener';
import type { RetryPolicy } from '../http/retryPolicy';
import { textAnswer, type As2Answer } from './as2Answer';
import { startAsyncMdnDelivery } from './asyncMdnDelivery';
import { receiveMessage } from './receiveMessage';
import { BodyBudget } from './receiveBody';
import { receiverLimits, type ReceiverLimits } from './receiverLimits';

export const AS2_PATH = '/as2';

export interface As2ListenerOptions {
  /** Plain HTTP port (0 picks a free one); omitted: no HTTP listener. */
  httpPort?: number;
  /** HTTPS port (0 picks a free one); needs `tls`. */
  httpsPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The server's certificate chain and key (PEM): a station's TLS identity or a throwaway one. */
  tls?: { certPem: string; keyPem: string };
  limits?: Partial<ReceiverLimits>;
  mdnRetry?: RetryPolicy;
}

export interface As2Listener {
  urls: string[];
  close(): Promise<void>;
}

/** The URLs each context is receiving at, for the `as2.listener` procedure. */
const listening = new ListeningUrls();

export function listenerUrls(ctx: CourierContext): string[] {
  return listening.of(ctx);
}

function headerListOf(request: IncomingMessage): HeaderList {
  const list: HeaderList = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) list.push([request.rawHeaders[i]!, request.rawHeaders[i + 1]!]);
  return list;
}

function send(response: ServerResponse, answer: As2Answer): void {
  if (response.headersSent || response.destroyed) return;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of answer.headers) {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  headers['Content-Length'] = String(answer.body.length);
  response.writeHead(answer.status, headers);
  response.end(answer.body);
}

/** The HTTP-level checks, then the AS2 exchange; anything unexpected is a 500 with nothing acknowledged. */
function handler(ctx: CourierContext, limits: ReceiverLimits, transport: 'http' | 'https', onAsyncMdn: () => void, budget: BodyBudget) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const refuse = (answer: As2Answer) => {
      // The body is not read: close the connection after answering rather than drain what may be huge.
      response.setHeader('Connection', 'close');
      send(response, answer);
      request.resume();
    };
    const path = (request.url ?? '').split('?')[0];
    if (path !== AS2_PATH) return refuse(textAnswer(404, `AS2 is received at ${AS2_PATH}.`));
    if (request.method !== 'POST') return refuse(textAnswer(405, 'AS2 messages are sent with POST.', [['Allow', 'POST']]));
    const tooManyHeaders = headerCountRefusal(request, limits);
    if (tooManyHeaders !== undefined) return refuse(textAnswer(431, tooManyHeaders));
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limits.maxBodyBytes) return refuse(textAnswer(413, `The request body is larger than ${limits.maxBodyBytes} bytes; nothing was stored.`));

    const hold = budget.hold();
    receiveMessage(ctx, { headers: request.headers, headerList: headerListOf(request), body: request, transport, maxBodyBytes: limits.maxBodyBytes, hold })
      .then((answer) => {
        if (answer.status >= 400 && !request.complete) return refuse(answer);
        send(response, answer);
        if (answer.asyncMdnQueued) onAsyncMdn();
      })
      .catch((error: unknown) => {
        if (request.destroyed && !request.complete) return; // the client went away mid-body: nothing to answer
        logInternalError(error);
        refuse(textAnswer(500, 'The message could not be received; nothing was acknowledged. Try again later.'));
      })
      .finally(() => hold.release());
  };
}

export async function startAs2Listener(ctx: CourierContext, options: As2ListenerOptions): Promise<As2Listener> {
  const limits = receiverLimits(options.limits);
  const host = options.host ?? '127.0.0.1';
  const delivery = startAsyncMdnDelivery(ctx, { retry: options.mdnRetry });
  const budget = new BodyBudget(limits.maxBufferedBytes);
  const servers: Server[] = [];
  const urls: string[] = [];
  try {
    if (options.httpPort !== undefined) {
      const server = createLimitedServer(limits, handler(ctx, limits, 'http', delivery.nudge, budget));
      servers.push(server);
      urls.push(listenerUrl('http', host, await listen(server, options.httpPort, host), AS2_PATH));
    }
    if (options.httpsPort !== undefined) {
      if (!options.tls) throw new Error('startAs2Listener: an HTTPS port needs a TLS certificate and key');
      const server = createLimitedServer(limits, handler(ctx, limits, 'https', delivery.nudge, budget), options.tls);
      servers.push(server);
      urls.push(listenerUrl('https', host, await listen(server, options.httpsPort, host), AS2_PATH));
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    await delivery.close();
    throw error;
  }
  listening.add(ctx, urls);
  return {
    urls,
    close: async () => {
      listening.remove(ctx, urls);
      await Promise.all(servers.map(closeServer));
      await delivery.close();
    },
  };
}
