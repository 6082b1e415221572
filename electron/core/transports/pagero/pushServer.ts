// The HTTPS server Pagero's HTTP client posts business documents to (`courier serve --pagero-port`): POST
// /pagero/<endpoint> with the endpoint's auth checked before the body is read, the body streamed into the blob
// store within the size limit, the Inbox row committed, and only then 200. OAuth2 endpoints get their token URL at
// /pagero/<endpoint>/oauth/token. Every limit and refusal is an HTTP answer, never a crash, and stores nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderList } from '../../as2/as2Headers';
import { CourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import { logInternalError } from '../../log';
import { BodyTooLarge } from '../as2/receiveBody';
import { receiverLimits, type ReceiverLimits } from '../as2/receiverLimits';
import { closeServer, createLimitedServer, headerCountRefusal, listen, listenerUrl, ListeningUrls } from '../http/listener';
import { authenticatePush } from './pushAuth';
import { PushEndpointStore, type PushEndpoint } from './pushEndpoints';
import { PushTokens } from './pushTokens';

export const PUSH_PATH = '/pagero';
const MAX_TOKEN_REQUEST_BYTES = 8 * 1024;
/** Headers recorded with every document besides the endpoint's configured ones; credentials never are. */
const ALWAYS_RECORDED = ['content-type', 'content-length', 'user-agent', 'x-interchange-id', 'content-disposition'];
const NEVER_RECORDED = new Set(['authorization', 'proxy-authorization', 'cookie']);
const MAX_RECORDED_VALUE = 1000;

export interface PushServerOptions {
  port: number;
  host?: string;
  /** The server's certificate chain and key (PEM). */
  tls: { certPem: string; keyPem: string };
  limits?: Partial<ReceiverLimits>;
}

export interface PushServer {
  url: string;
  close(): Promise<void>;
}

const listening = new ListeningUrls();

/** Base URLs (…/pagero) the push server listens at in this process. */
export function pushListening(ctx: CourierContext): string[] {
  return listening.of(ctx);
}

export function pushUrlsOf(ctx: CourierContext, name: string, authMode: PushEndpoint['authMode'] | undefined): { documents: string[]; oauth: string[] } {
  const bases = pushListening(ctx);
  return { documents: bases.map((base) => `${base}/${name}`), oauth: authMode === 'oauth2-client-credentials' ? bases.map((base) => `${base}/${name}/oauth/token`) : [] };
}

function answer(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}, close = false): void {
  if (response.headersSent || response.destroyed) return;
  const body = Buffer.from(text.endsWith('\n') ? text : `${text}\n`);
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length), ...(close ? { connection: 'close' } : {}), ...headers });
  response.end(body);
}

/** The body within its limit. Iterated by hand: leaving a for-await early would destroy the socket the 413 goes out on. */
async function* cappedBody(request: IncomingMessage, maxBytes: number): AsyncIterable<Uint8Array> {
  const chunks = (request as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let size = 0;
  for (;;) {
    const next = await chunks.next();
    if (next.done) return;
    size += next.value.length;
    if (size > maxBytes) throw new BodyTooLarge(maxBytes);
    yield next.value;
  }
}

async function readSmall(request: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of cappedBody(request, maxBytes)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const clean = (value: string) => value.replace(/[\p{Cc}]/gu, ' ').slice(0, MAX_RECORDED_VALUE);

function recordedHeaders(endpoint: PushEndpoint, request: IncomingMessage): HeaderList {
  const wanted = new Set([...ALWAYS_RECORDED, ...endpoint.recordHeaders].filter((name) => !NEVER_RECORDED.has(name)));
  const list: HeaderList = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    if (wanted.has(request.rawHeaders[i]!.toLowerCase())) list.push([request.rawHeaders[i]!, clean(request.rawHeaders[i + 1]!)]);
  }
  return list;
}

const EXTENSIONS: Record<string, string> = { 'application/xml': 'xml', 'text/xml': 'xml', 'application/json': 'json', 'text/plain': 'txt', 'application/zip': 'zip', 'application/pdf': 'pdf' };

/** The file name: Content-Disposition's filename if it is a plain one, else from the interchange id and type. */
function fileNameOf(request: IncomingMessage, interchangeId: string | null, contentType: string): string {
  const disposition = /filename="?([^";/\\\p{Cc}]{1,200})"?/u.exec(request.headers['content-disposition'] ?? '');
  if (disposition && disposition[1] !== '.' && disposition[1] !== '..') return disposition[1]!;
  return `${interchangeId ?? `pagero-${Date.now()}`}.${EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()] ?? 'bin'}`;
}

async function receiveDocument(ctx: CourierContext, endpoint: PushEndpoint, who: string, request: IncomingMessage, limits: ReceiverLimits): Promise<{ status: number; text: string }> {
  const idHeader = request.headers['x-interchange-id'];
  const interchangeId = typeof idHeader === 'string' && /^[\x21-\x7e]{1,200}$/.test(idHeader) ? idHeader : null;
  if (interchangeId !== null && ctx.messages.findInbound('pagero-push', endpoint.id, interchangeId) !== undefined) {
    request.resume();
    return { status: 200, text: `Interchange ${interchangeId} was already received and stored.` };
  }
  const contentType = clean(request.headers['content-type'] ?? 'application/octet-stream').slice(0, 200);
  const blob = await ctx.blobs.putStream(cappedBody(request, limits.maxBodyBytes));
  if (blob.size === 0) return { status: 400, text: 'The request has no document in its body; nothing was stored.' };
  try {
    const message = ctx.messages.insert({
      direction: 'inbound',
      protocol: 'pagero-push',
      messageId: interchangeId,
      partnerId: endpoint.id,
      stationId: null,
      subject: `Pagero push to ${endpoint.name}`,
      fileName: fileNameOf(request, interchangeId, contentType),
      contentType,
      headers: recordedHeaders(endpoint, request),
      wire: blob,
      payload: blob,
      security: null,
      problem: null,
      status: 'received',
      statusText: `Received from Pagero (${who}) at endpoint ${endpoint.name}.`,
    });
    ctx.audit.append({ action: 'pagero.push-received', target: endpoint.id, details: { endpoint: endpoint.name, messageId: message.id, interchangeId, size: blob.size, auth: endpoint.authMode } });
    return { status: 200, text: `Stored as message ${message.id}.` };
  } catch (error) {
    if (error instanceof CourierError && error.code === 'DUPLICATE') return { status: 200, text: `Interchange ${interchangeId ?? ''} was already received and stored.` };
    throw error;
  }
}

function handler(ctx: CourierContext, limits: ReceiverLimits) {
  const endpoints = new PushEndpointStore(ctx.db, ctx.audit);
  const tokens = new PushTokens(ctx.db);
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const refuse = (status: number, text: string, headers: Record<string, string> = {}) => {
      // The body is not read: answer, close the connection, and let the rest of it drain away.
      answer(response, status, text, headers, true);
      request.resume();
    };
    const match = /^\/pagero\/([a-z0-9][a-z0-9._-]{0,63})(\/oauth\/token)?$/i.exec((request.url ?? '').split('?')[0]!);
    const endpoint = match ? endpoints.endpoint(match[1]!) : undefined;
    if (!match || !endpoint) return refuse(404, `Documents are posted to ${PUSH_PATH}/<endpoint>; there is no such endpoint.`);
    if (request.method !== 'POST') return refuse(405, 'Documents are sent with POST.', { allow: 'POST' });
    const tooManyHeaders = headerCountRefusal(request, limits);
    if (tooManyHeaders !== undefined) return refuse(431, tooManyHeaders);
    const declared = Number(request.headers['content-length'] ?? 0);
    if (match[2]) {
      if (endpoint.authMode !== 'oauth2-client-credentials') return refuse(404, `Endpoint ${endpoint.name} does not use OAuth2.`);
      if (declared > MAX_TOKEN_REQUEST_BYTES) return refuse(413, 'A token request is a small form.');
      const result = await tokens.answer(endpoint, request.headers.authorization, request.headers['content-type'], await readSmall(request, MAX_TOKEN_REQUEST_BYTES));
      return answer(response, result.status, result.body, result.headers);
    }
    const auth = await authenticatePush(endpoint, request, tokens);
    if (!auth.ok) return refuse(auth.status, `${auth.reason} Nothing was stored.`, auth.challenge ? { 'www-authenticate': auth.challenge } : {});
    if (declared > limits.maxBodyBytes) return refuse(413, `The document is larger than ${limits.maxBodyBytes} bytes; nothing was stored.`);
    const result = await receiveDocument(ctx, endpoint, auth.who, request, limits);
    answer(response, result.status, result.text, {}, result.status !== 200);
  };
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return answer(response, 413, `The document is larger than ${error.limit} bytes; nothing was stored.`, {}, true);
      if (response.destroyed || (request.destroyed && !request.complete)) return; // the client went away: nobody to answer
      logInternalError(error);
      answer(response, 500, 'The document could not be stored; nothing was acknowledged. Send it again later.', {}, true);
    });
  };
}

/** Starts the push server (HTTPS, TLS ≥ 1.2; client certificates asked for, checked per endpoint). */
export async function startPushServer(ctx: CourierContext, options: PushServerOptions): Promise<PushServer> {
  const limits = receiverLimits(options.limits);
  const host = options.host ?? '127.0.0.1';
  // mTLS endpoints check the client's chain per request (authenticatePush), so TLS only asks for it.
  const server = createLimitedServer(limits, handler(ctx, limits), { ...options.tls, requestClientCertificate: true });
  const url = listenerUrl('https', host, await listen(server, options.port, host), PUSH_PATH);
  listening.add(ctx, [url]);
  return {
    url,
    close: () => {
      listening.remove(ctx, [url]);
      return closeServer(server);
    },
  };
}
