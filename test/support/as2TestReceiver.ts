// A minimal AS2 receiving station for the sender's tests: real HTTPS on 127.0.0.1 (throwaway CA), opens what
// Courier sends (unwrapMessage, or `openssl cms` in the interop test), remembers each Message-ID once, and answers
// a sync MDN built with core/as2/mdn — with switchable faults: wrong MIC, unsigned, tampered signature, HTTP 500,
// a dropped connection, a slow answer.
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { DigestName } from '../../electron/core/cms/digests';
import { buildMdn, type BuiltMdn } from '../../electron/core/as2/mdn';
import { unwrapMessage } from '../../electron/core/as2/unwrapMessage';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';

export type ReceiverFault = 'none' | 'mic-mismatch' | 'unsigned' | 'bad-signature' | 'http-500' | 'drop' | 'slow';

export interface ReceivedAs2 {
  messageId: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  payload: Buffer;
  fileName: string | null;
  /** The MIC the receiver computed (RFC 4130 §7.3.1). */
  mic: { digest: DigestName; base64: string };
  /** HTTP requests that carried this Message-ID (retransmissions included). */
  deliveries: number;
}

/** Opens a message and says what the MDN must return; the default uses Courier's own unwrapMessage. */
export type MessageOpener = (contentType: string, body: Buffer) => Promise<{ payload: Buffer; fileName: string | null; mic: { digest: DigestName; base64: string } }>;

export interface TestReceiver {
  url: string;
  caPem: string;
  /** Faults for the next requests, consumed one per request; when empty, `fault` applies. */
  faults: ReceiverFault[];
  fault: ReceiverFault;
  slowMs: number;
  received: Map<string, ReceivedAs2>;
  requests: number;
  opener: MessageOpener;
  close(): Promise<void>;
}

export interface ReceiverIdentity {
  as2Id: string;
  keyPem: string;
  certPem: string;
  /** Our station's certificate (verifies what Courier signs). */
  senderCertPem: string;
}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export async function startTestReceiver(identity: ReceiverIdentity): Promise<TestReceiver> {
  const tls = makeServerIdentity('as2-test-receiver');
  const certificate = new X509Certificate(identity.certPem);
  const signer = { certificate, privateKey: createPrivateKey(identity.keyPem) };
  const senderCertificate = new X509Certificate(identity.senderCertPem);
  const answers = new Map<string, BuiltMdn>();

  const receiver: TestReceiver = {
    url: '',
    caPem: tls.caPem,
    faults: [],
    fault: 'none',
    slowMs: 0,
    received: new Map(),
    requests: 0,
    opener: async (contentType, body) => {
      const opened = await unwrapMessage(contentType, body, { identities: [signer], partnerCertificates: [senderCertificate], micAlgorithms: ['sha256'] });
      return { payload: opened.payload, fileName: opened.fileName, mic: opened.mic };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    receiver.requests += 1;
    const fault = receiver.faults.shift() ?? receiver.fault;
    const body = await readBody(request);
    if (fault === 'drop') {
      request.socket.destroy();
      return;
    }
    if (fault === 'http-500') {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('temporarily unavailable');
      return;
    }
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, receiver.slowMs));
    const messageId = String(request.headers['message-id'] ?? '').replace(/^<|>$/g, '');
    const seen = receiver.received.get(messageId);
    if (seen) seen.deliveries += 1;
    let mdn = answers.get(messageId);
    if (!mdn) {
      const opened = await receiver.opener(String(request.headers['content-type']), body);
      receiver.received.set(messageId, { messageId, headers: request.headers, body, payload: opened.payload, fileName: opened.fileName, mic: opened.mic, deliveries: 1 });
      const mic = fault === 'mic-mismatch' ? { digest: opened.mic.digest, base64: createHash(opened.mic.digest).update('something else').digest('base64') } : opened.mic;
      mdn = buildMdn({
        reportingUa: 'Courier test receiver',
        finalRecipient: identity.as2Id,
        originalRecipient: identity.as2Id,
        originalMessageId: messageId,
        outcome: { kind: 'processed' },
        mic,
        text: 'Received OK',
        sign: fault === 'unsigned' ? null : { signer, digest: 'sha256', micalgSpelling: 'rfc5751' },
      });
      if (fault === 'bad-signature') mdn = { headers: mdn.headers, body: Buffer.from(mdn.body.toString('latin1').replace('Received OK', 'Received 0K'), 'latin1') };
      answers.set(messageId, mdn);
    }
    const headers: Record<string, string> = { 'as2-from': identity.as2Id, 'as2-to': String(request.headers['as2-from'] ?? '') };
    for (const [name, value] of mdn.headers) headers[name.toLowerCase()] = value;
    response.writeHead(200, headers).end(mdn.body);
  }

  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem, minVersion: 'TLSv1.2' }, (request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/as2`;
  return receiver;
}
