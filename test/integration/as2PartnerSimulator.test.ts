// The AS2 partner simulator over real HTTPS: it opens what our codec composes and answers an MDN that verifies
// with its certificate, or a late one posted to the Receipt-Delivery-Option; each switchable fault bends the
// exchange the way it says; and what it sends to a Courier-side endpoint opens with unwrapMessage.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { Agent, fetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAs2Headers, newMessageId, readAs2Envelope } from '../../electron/core/as2/as2Headers';
import { composeMessage } from '../../electron/core/as2/composeMessage';
import { buildMdn, readMdn } from '../../electron/core/as2/mdn';
import { unwrapMessage, type UnwrappedMessage } from '../../electron/core/as2/unwrapMessage';
import { collect } from '../../electron/core/mime/chunks';
import { partnerInteropSchema } from '../../shared/ipc/procedures/as2';
import { startAs2PartnerSimulator, type As2PartnerSimulator } from '../../simulators/as2-partner/as2PartnerSimulator';
import { postAs2, type PostedAnswer } from '../../simulators/as2-partner/as2Post';
import { readRequestBody } from '../../simulators/as2-partner/as2Reception';
import { issueCertificate, makeKey, type TestCertificate } from '../support/testPki';

const COURIER = 'COURIER-TEST';
const PAYLOAD = Buffer.from('UNA:+.? \'UNB+UNOC:3+COURIER-TEST+SIMPARTNER+250101:1200+1\'\r\nUNZ+1+1\'\r\n');

let sim: As2PartnerSimulator;
let courier: TestCertificate;
let stranger: TestCertificate;
const courierIdentity = () => ({ certificate: new X509Certificate(courier.pem), privateKey: courier.key.privateKey });

/** A Courier-side endpoint: opens messages from the simulator and answers a signed MDN; keeps async MDNs. */
let endpoint: Server;
let endpointUrl: string;
const opened: Array<{ messageId: string; body: Buffer; message: UnwrappedMessage }> = [];
const asyncMdns: Array<{ contentType: string; body: Buffer }> = [];

async function courierEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readRequestBody(req, 1 << 22))!;
  const contentType = req.headers['content-type'] ?? '';
  if (req.url === '/mdn') {
    asyncMdns.push({ contentType, body });
    return void res.writeHead(200).end();
  }
  const envelope = readAs2Envelope(req.headers);
  const message = await unwrapMessage(contentType, body, { identities: [courierIdentity()], partnerCertificates: [new X509Certificate(sim.certificatePem)], micAlgorithms: envelope.mdn?.micAlgorithms ?? [] });
  opened.push({ messageId: envelope.messageId, body, message });
  const mdn = buildMdn({
    reportingUa: 'test',
    finalRecipient: COURIER,
    originalRecipient: COURIER,
    originalMessageId: envelope.messageId,
    outcome: { kind: 'processed' },
    mic: message.mic,
    text: 'Received.',
    sign: { signer: courierIdentity(), digest: 'sha256', micalgSpelling: 'rfc5751' },
  });
  res.writeHead(200, mdn.headers.flat()).end(mdn.body);
}

beforeAll(async () => {
  courier = issueCertificate({ commonName: COURIER, key: makeKey('rsa-2048') });
  stranger = issueCertificate({ commonName: 'Someone else', key: makeKey('rsa-2048') });
  sim = await startAs2PartnerSimulator({ peerCertificates: [courier.pem] });
  endpoint = createServer((req, res) => void courierEndpoint(req, res).catch((error: unknown) => res.writeHead(500).end(String(error))));
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sim?.close();
  await new Promise((resolve) => endpoint?.close(resolve));
});

afterEach(() => sim.clearFaults());

interface Exchange {
  messageId: string;
  mic: { digest: string; base64: string };
  answer: PostedAnswer;
}

/** Courier's side of a send, done with our codec: signed with `signer`, encrypted to the simulator. */
async function sendToSimulator(options: { asyncUrl?: string; signer?: TestCertificate } = {}): Promise<Exchange> {
  const signer = options.signer ?? courier;
  const composed = composeMessage(PAYLOAD, {
    payload: { fileName: 'order.edi', contentType: 'application/edifact' },
    sign: { signer: { certificate: new X509Certificate(signer.pem), privateKey: signer.key.privateKey }, digest: 'sha256' },
    encrypt: { certificate: new X509Certificate(sim.certificatePem), cipher: 'aes-256-cbc', keyTransport: 'rsa-pkcs1v15' },
    compression: 'none',
    interop: partnerInteropSchema.parse({}),
    micAlgorithm: 'sha256',
  });
  const body = await collect(composed.body);
  const messageId = newMessageId('courier.test');
  const headers = buildAs2Headers({
    as2From: COURIER,
    as2To: sim.as2Id,
    messageId,
    subject: 'Order 1',
    contentType: composed.contentType,
    mdn: { signed: true, micAlgorithms: ['sha256'], asyncUrl: options.asyncUrl ?? null, returnAddress: 'mailto:as2@courier.test' },
    micalgSpelling: 'rfc5751',
    custom: [],
  });
  const answer = await postAs2(sim.as2Url, headers, body, { caPem: sim.caPem });
  return { messageId, mic: composed.mic(), answer };
}

const simCertificates = () => [new X509Certificate(sim.certificatePem)];
const mdnOf = (answer: PostedAnswer) => readMdn(String(answer.headers['content-type']), answer.body, simCertificates());

describe('the simulator receiving from Courier', () => {
  it('opens a signed, encrypted message and answers a signed sync MDN with its MIC', async () => {
    const before = sim.received.length;
    const { messageId, mic, answer } = await sendToSimulator();
    expect(answer.status).toBe(200);
    expect(answer.headers['as2-from']).toBe(sim.as2Id);
    expect(answer.headers['as2-to']).toBe(COURIER);
    const mdn = await mdnOf(answer);
    expect(mdn.signature.status).toBe('verified');
    expect(mdn.originalMessageId).toBe(messageId);
    expect(mdn.modifier).toBeNull();
    expect(mdn.mic?.base64).toBe(mic.base64);
    const received = sim.received[before]!;
    expect(received.payload?.equals(PAYLOAD)).toBe(true);
    expect(received.fileName).toBe('order.edi');
    expect(received.envelope.subject).toBe('Order 1');
    expect(received.security?.encryption?.cipher).toBe('aes-256-cbc');
    expect(received.headers['as2-from']).toBe(COURIER);
    expect(received.mdn).toMatchObject({ mode: 'sync', disposition: 'processed', signed: true });
  });

  it('answers 200 at once and posts the signed MDN to Receipt-Delivery-Option', async () => {
    asyncMdns.length = 0;
    const { messageId, mic, answer } = await sendToSimulator({ asyncUrl: `${endpointUrl}/mdn` });
    expect(answer.status).toBe(200);
    await sim.settled();
    expect(asyncMdns).toHaveLength(1);
    const mdn = await readMdn(asyncMdns[0]!.contentType, asyncMdns[0]!.body, simCertificates());
    expect(mdn.signature.status).toBe('verified');
    expect(mdn.originalMessageId).toBe(messageId);
    expect(mdn.mic?.base64).toBe(mic.base64);
    expect(sim.received.at(-1)?.mdn?.asyncDelivery).toMatchObject({ status: 200, error: null });
  });

  it('refuses what is not an AS2 request with a status, and reports a message for another AS2 ID in its MDN', async () => {
    const post = (headers: Array<[string, string]>, body = 'x') => postAs2(sim.as2Url, headers, Buffer.from(body), { caPem: sim.caPem });
    const noFrom = await post([['AS2-To', sim.as2Id], ['Message-ID', '<a@b>'], ['Content-Type', 'text/plain']]);
    expect(noFrom.status).toBe(400);
    expect(noFrom.body.toString()).toMatch(/AS2-From/);
    const notForUs = await post([['AS2-From', COURIER], ['AS2-To', 'SOMEONE-ELSE'], ['Message-ID', '<c@d>'], ['Content-Type', 'text/plain'], ['Disposition-Notification-To', 'x']]);
    const mdn = await mdnOf(notForUs);
    expect(mdn.modifier?.text).toMatch(/unexpected-processing-error/);
    expect(mdn.signature.status).toBe('unsigned');
    const dispatcher = new Agent({ connect: { ca: sim.caPem } });
    expect((await fetch(sim.as2Url, { dispatcher })).status).toBe(405);
    expect((await fetch(`${sim.controlUrl}/faults`, { method: 'POST', body: '{not json', dispatcher })).status).toBe(400);
    expect((await fetch(`${sim.controlUrl}/nothing`, { dispatcher })).status).toBe(404);
    await dispatcher.close();
  });

  it('reports authentication-failed for a signature by a certificate it does not know', async () => {
    const { answer } = await sendToSimulator({ signer: stranger });
    const mdn = await mdnOf(answer);
    expect(mdn.modifier?.text).toMatch(/authentication-failed/);
    expect(sim.received.at(-1)?.outcome).toMatchObject({ kind: 'error', modifier: 'authentication-failed' });
  });
});

describe('faults', () => {
  it('wrong-mic returns a MIC that is not the message’s, in a signature that verifies', async () => {
    sim.setFault({ kind: 'wrong-mic' }, 1);
    const { mic, answer } = await sendToSimulator();
    const mdn = await mdnOf(answer);
    expect(mdn.signature.status).toBe('verified');
    expect(mdn.mic?.base64).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(mdn.mic?.base64).not.toBe(mic.base64);
    const next = await mdnOf((await sendToSimulator()).answer);
    expect(next.mic?.base64).not.toBe(mdn.mic?.base64);
  });

  it('unsigned-mdn answers without a signature although one was asked for', async () => {
    sim.setFault({ kind: 'unsigned-mdn' }, 1);
    const mdn = await mdnOf((await sendToSimulator()).answer);
    expect(mdn.signature.status).toBe('unsigned');
    expect(String(mdn.disposition)).toMatch(/processed/);
  });

  it('bad-mdn-signature signs the MDN and then alters it', async () => {
    sim.setFault({ kind: 'bad-mdn-signature' }, 1);
    const mdn = await mdnOf((await sendToSimulator()).answer);
    expect(mdn.signature.status).toBe('invalid');
  });

  it('error-disposition states processed/error with the modifier it is given', async () => {
    sim.setFault({ kind: 'error-disposition', modifier: 'decryption-failed' }, 1);
    const mdn = await mdnOf((await sendToSimulator()).answer);
    expect(mdn.signature.status).toBe('verified');
    expect(mdn.disposition).toMatch(/processed\/error: decryption-failed/);
    expect(sim.received.at(-1)?.outcome.kind).toBe('processed');
  });

  it('warning-disposition states processed/warning', async () => {
    sim.setFault({ kind: 'warning-disposition', text: 'duplicate-document' }, 1);
    const mdn = await mdnOf((await sendToSimulator()).answer);
    expect(mdn.disposition).toMatch(/processed\/warning: duplicate-document/);
  });

  it('http-500 answers 500 and no MDN while it is sticky, and a normal MDN once cleared', async () => {
    sim.setFault({ kind: 'http-500' });
    expect((await sendToSimulator()).answer.status).toBe(500);
    expect((await sendToSimulator()).answer.status).toBe(500);
    sim.clearFaults('http-500');
    expect((await sendToSimulator()).answer.status).toBe(200);
  });

  it('slow-response holds the answer back for the delay', async () => {
    sim.setFault({ kind: 'slow-response', delayMs: 200 }, 1);
    const started = performance.now();
    const { answer } = await sendToSimulator();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(answer.status).toBe(200);
  });

  it('drop-connection hangs up without an answer, and only for the next N messages', async () => {
    sim.setFault({ kind: 'drop-connection' }, 1);
    await expect(sendToSimulator()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sim.received.at(-1)?.mdn).toBeNull();
    expect((await sendToSimulator()).answer.status).toBe(200);
  });

  it('duplicate-delivery sends the same message twice, byte for byte', async () => {
    opened.length = 0;
    sim.setFault({ kind: 'duplicate-delivery' }, 1);
    const result = await sim.sendTo(`${endpointUrl}/as2`, { as2To: COURIER, payload: PAYLOAD, fileName: 'twice.edi' });
    expect(result.deliveries).toHaveLength(2);
    expect(opened.map((entry) => entry.messageId)).toEqual([result.messageId, result.messageId]);
    expect(opened[0]!.body.equals(opened[1]!.body)).toBe(true);
  });
});

describe('the simulator sending to Courier', () => {
  it('sends a signed, encrypted message that unwrapMessage opens, and verifies the MDN it gets back', async () => {
    opened.length = 0;
    const result = await sim.sendTo(`${endpointUrl}/as2`, { as2To: COURIER, payload: PAYLOAD, fileName: 'invoice.edi', contentType: 'application/edifact', subject: 'Invoice 7' });
    expect(opened).toHaveLength(1);
    const { message } = opened[0]!;
    expect(message.payload.equals(PAYLOAD)).toBe(true);
    expect(message.fileName).toBe('invoice.edi');
    expect(message.security.encryption?.cipher).toBe('aes-256-cbc');
    expect(message.security.signature?.signer.subject).toContain(`${sim.as2Id} AS2`);
    const [delivery] = result.deliveries;
    expect(delivery?.status).toBe(200);
    expect(delivery?.mdn?.signature.status).toBe('verified');
    expect(delivery?.mdn?.mic?.base64).toBe(result.mic.base64);
  });

  it('is driven over its control endpoint: faults, sends and what it received', async () => {
    const dispatcher = new Agent({ connect: { ca: sim.caPem } });
    const call = async (method: string, path: string, body?: unknown) => {
      const answer = await fetch(`${sim.controlUrl}${path}`, { method, dispatcher, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: answer.status, json: (await answer.json()) as unknown };
    };
    expect((await call('POST', '/faults', { fault: { kind: 'http-500' }, times: 1 })).json).toEqual([{ fault: { kind: 'http-500' }, times: 1 }]);
    expect((await sendToSimulator()).answer.status).toBe(500);
    expect((await call('GET', '/faults')).json).toEqual([]);
    expect((await call('POST', '/faults', { fault: { kind: 'no-such-fault' } })).status).toBe(400);
    const received = (await call('GET', '/received')).json as Array<{ payload: string | null; faults: string[] }>;
    expect(received.at(-1)).toMatchObject({ payload: PAYLOAD.toString('utf8'), faults: ['http-500'] });

    expect(await call('POST', '/send', { payload: 'hello' })).toMatchObject({ status: 400, json: { error: expect.stringMatching(/Give url and as2To/) } });
    sim.setPeerEndpoint({ url: `${endpointUrl}/as2`, as2Id: COURIER });
    opened.length = 0;
    const sent = await call('POST', '/send', { payload: 'hello', fileName: 'hello.txt', contentType: 'text/plain' });
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ deliveries: [{ status: 200, mdn: { signature: { status: 'verified' } } }] });
    expect(opened[0]?.message.payload.toString('utf8')).toBe('hello');
    expect((await call('GET', '/identity')).json).toMatchObject({ as2Id: 'SIMPARTNER', as2Url: sim.as2Url, certificatePem: sim.certificatePem });
    await dispatcher.close();
  });
});
