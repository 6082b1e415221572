// The AS2 receiving endpoint over real sockets: Mendelson AS2's captured messages and messages made only with
// `openssl cms` arrive as HTTP requests, are stored with their payload, and are answered with a signed MDN that
// `openssl cms -verify` accepts and whose Received-Content-MIC we recompute here by RFC 4130 §7.3.1.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';
import { createCourierApi } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import { startAs2Listener, type As2Listener } from '../../electron/core/transports/as2/as2Receiver';
import { readBlob } from '../../electron/core/transports/as2/receiveBody';
import { pendingMdn } from '../../electron/core/messages/messageRecords';
import { buildMdn } from '../../electron/core/as2/mdn';
import {
  addMendelsonStation,
  addPartner,
  boundaryOf,
  dispositionIn,
  header,
  MENDELSON_DIR,
  mendelsonFile,
  mendelsonRequest,
  opensslVerifyMdn,
  PAYLOAD,
  post,
  receivedMic,
  sha256Base64,
  signedPart,
  SIGNED_MDN_OPTIONS,
  type HeaderPairs,
} from '../support/as2Exchange';
import { openTestHome, tempDir } from '../support/home';

const STATION_CERT = join(MENDELSON_DIR, 'cert_test_public.pem');
const dir = tempDir('courier-as2-receiver-');
const work = tempDir('courier-as2-work-');
const openssl = (...args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const tls = makeServerIdentity('as2-receiver-test');

let ctx: CourierContext;
let listener: As2Listener;
let httpUrl: string;
let httpsUrl: string;
let stationKeyPem: string;
/** A partner "opensslpartner" whose key and certificate openssl made; it must sign and encrypt. */
let partnerKey: string;
let partnerCert: string;

function as2Headers(from: string, messageId: string, contentType: string, extra: HeaderPairs = []): HeaderPairs {
  return [
    ['AS2-Version', '1.2'],
    ['AS2-From', from],
    ['AS2-To', 'pyas2lib'],
    ['Message-ID', `<${messageId}>`],
    ['Content-Type', contentType],
    ['Disposition-Notification-To', 'mailto:as2@partner.example'],
    ['Disposition-Notification-Options', SIGNED_MDN_OPTIONS],
    ...extra,
  ];
}

const storedInbound = (partnerAs2Id: string, messageId: string): number[] =>
  ctx.db
    .prepare<[string, string], { id: number }>(`SELECT m.id FROM messages m JOIN as2_partners p ON p.id = m.partner_id WHERE m.direction = 'inbound' AND p.as2_id = ? AND m.message_id = ?`)
    .all(partnerAs2Id, messageId)
    .map((row) => row.id);

/** The MDN of an answer, verified by openssl with our station's certificate: its report text. */
function verifiedReport(answer: { headers: Record<string, string | string[] | undefined>; body: Buffer }): string {
  return opensslVerifyMdn(work.path, header(answer as never, 'content-type'), answer.body, STATION_CERT);
}

/** openssl cms: a payload entity, signed (S/MIME multipart/signed, SHA-256) by the openssl partner, then encrypted to our station. */
function opensslMessage(name: string, payload: Buffer, options: { sign?: boolean; encryptTo?: string } = {}): { body: Buffer; mic: string } {
  const entity = join(work.path, `${name}.entity`);
  writeFileSync(entity, Buffer.concat([Buffer.from(`Content-Type: application/edi-x12\r\nContent-Disposition: attachment; filename="${name}.edi"\r\n\r\n`), payload]));
  // RFC 4130 §7.3.1: signed — the MIC is over the signed entity, headers included, as openssl signed it (-binary).
  const mic = sha256Base64(readFileSync(entity));
  let inner = entity;
  if (options.sign !== false) {
    inner = join(work.path, `${name}.signed`);
    openssl('cms', '-sign', '-binary', '-md', 'sha256', '-in', entity, '-signer', partnerCert, '-inkey', partnerKey, '-out', inner);
  }
  const der = join(work.path, `${name}.p7m`);
  openssl('cms', '-encrypt', '-binary', '-aes256', '-in', inner, '-outform', 'DER', '-out', der, options.encryptTo ?? STATION_CERT);
  return { body: readFileSync(der), mic };
}

beforeAll(async () => {
  ctx = await openTestHome(dir.path);
  await addMendelsonStation(ctx);
  stationKeyPem = join(work.path, 'station-key.pem');
  openssl('pkcs12', '-legacy', '-in', join(MENDELSON_DIR, 'cert_test.p12'), '-passin', 'pass:test', '-nodes', '-nocerts', '-out', stationKeyPem);
  partnerKey = join(work.path, 'partner.key');
  partnerCert = join(work.path, 'partner.crt');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', partnerKey, '-out', partnerCert, '-days', '2', '-subj', '/CN=opensslpartner');
  await addPartner(ctx, 'opensslpartner', readFileSync(partnerCert), { security: { cipher: 'aes-256-cbc', signDigest: 'sha256' } });
  listener = await startAs2Listener(ctx, {
    httpPort: 0,
    httpsPort: 0,
    tls,
    limits: { maxBodyBytes: 256 * 1024, maxHeaderCount: 40, requestTimeoutMs: 1_500, headersTimeoutMs: 1_000 },
    mdnRetry: { baseDelayMs: 100, maxDelayMs: 300, maxAttempts: 4 },
  });
  [httpUrl, httpsUrl] = listener.urls as [string, string];
});

afterAll(async () => {
  await listener?.close();
  ctx?.close();
  dir.remove();
  work.remove();
});

describe('AS2 receiver: Mendelson AS2 captures over HTTP', () => {
  /** RFC 4130 §7.3.1, recomputed from the capture with openssl: the signed entity, or the decrypted content. */
  function expectedMic(name: string, request: { headers: HeaderPairs; body: Buffer }): string {
    const contentType = request.headers.find(([n]) => n === 'content-type')![1];
    if (contentType.startsWith('multipart/signed')) return sha256Base64(signedPart(request.body, boundaryOf(contentType)));
    const der = join(work.path, `${name}.der`);
    writeFileSync(der, request.body);
    const decrypted = openssl('cms', '-decrypt', '-binary', '-inform', 'DER', '-in', der, '-inkey', stationKeyPem);
    if (!decrypted.subarray(0, 200).toString('latin1').toLowerCase().includes('multipart/signed')) return sha256Base64(decrypted);
    const innerType = /content-type:\s*([^\r\n]+(?:\r\n[ \t][^\r\n]+)*)/i.exec(decrypted.toString('latin1'))![1]!;
    return sha256Base64(signedPart(decrypted, boundaryOf(innerType)));
  }

  for (const name of ['mecas2_signed.as2', 'mecas2_encrypted.as2', 'mecas2_signed_encrypted.as2', 'mecas2_compressed.as2', 'mecas2_compressed_signed_encrypted.as2']) {
    it(`${name}: stored with payload.txt, answered with a signed MDN (openssl verifies) carrying the RFC 4130 MIC`, async () => {
      const request = mendelsonRequest(name);
      const answer = await post(httpUrl, request.headers, request.body);
      expect({ status: answer.status, text: answer.status === 200 ? '' : answer.body.toString() }).toEqual({ status: 200, text: '' });
      expect(header(answer, 'as2-from')).toBe('pyas2lib');
      expect(header(answer, 'as2-to')).toBe('mecas2');
      expect(header(answer, 'message-id')).toMatch(/^<.+@.+>$/);
      expect(header(answer, 'content-type')).toMatch(/^multipart\/signed/);

      const report = verifiedReport(answer);
      expect(dispositionIn(report)).toBe('automatic-action/MDN-sent-automatically; processed');
      expect(receivedMic(report)).toBe(`${expectedMic(name, request)}, sha-256`);

      const messageId = request.headers.find(([n]) => n === 'message-id')![1].slice(1, -1);
      const [id] = storedInbound('mecas2', messageId);
      const facts = ctx.messages.facts(id!);
      expect(facts.status).toBe('received');
      expect((await readBlob(ctx.blobs, facts.payload!)).equals(PAYLOAD)).toBe(true);
      expect((await readBlob(ctx.blobs, facts.wire)).equals(request.body)).toBe(true);
      const mdn = ctx.messages.mdnOf(id!)!;
      expect(mdn.state).toBe('complete');
      expect((await readBlob(ctx.blobs, mdn.wire!)).equals(answer.body)).toBe(true);
    });
  }

  it('a duplicate (same Message-ID from the same partner) is answered with the identical stored MDN and stored once', async () => {
    const request = mendelsonRequest('mecas2_signed.as2');
    const before = ctx.db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number };
    const [first, second] = await Promise.all([post(httpUrl, request.headers, request.body), post(httpsUrl, request.headers, request.body, { ca: tls.caPem })]);
    const original = ctx.messages.mdnOf(storedInbound('mecas2', 'mendelson_opensource_AS2-1641304626700-55@mecas2_pyas2lib')[0]!)!;
    const stored = await readBlob(ctx.blobs, original.wire!);
    for (const answer of [first, second]) {
      expect(answer.status).toBe(200);
      expect(answer.body.equals(stored)).toBe(true);
      expect(header(answer, 'message-id')).toBe(original.headers!.find(([n]) => n === 'Message-ID')![1]);
    }
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual(before);
    expect(storedInbound('mecas2', 'mendelson_opensource_AS2-1641304626700-55@mecas2_pyas2lib')).toHaveLength(1);
  });
});

describe('AS2 receiver: a message made only with openssl cms, sent with curl over HTTPS', () => {
  it('is stored and its MDN verifies with openssl cms -verify and returns the MIC of the signed entity', async () => {
    const { body, mic } = opensslMessage('curl', Buffer.from('ISA*00*curl test~\r\nIEA*1*000000001~\r\n'));
    const bodyFile = join(work.path, 'curl.p7m');
    writeFileSync(bodyFile, body);
    const caFile = join(work.path, 'listener-ca.pem');
    writeFileSync(caFile, tls.caPem);
    const headersFile = join(work.path, 'curl-mdn.headers');
    const mdnFile = join(work.path, 'curl-mdn.body');
    const headerArgs = as2Headers('opensslpartner', 'curl-1@opensslpartner', 'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m').flatMap(([n, v]) => ['-H', `${n}: ${v}`]);
    // curl runs beside this process (not synchronously): the listener answers from this event loop.
    await promisify(execFile)('curl', ['-sS', '--max-time', '20', '--tlsv1.2', '--cacert', caFile, '-D', headersFile, '-o', mdnFile, '--data-binary', `@${bodyFile}`, ...headerArgs, httpsUrl]);
    const responseHeaders = readFileSync(headersFile, 'latin1');
    expect(responseHeaders).toMatch(/^HTTP\/1\.1 200/);
    const contentType = /^content-type:\s*(.+)$/im.exec(responseHeaders)![1]!.trim();
    const report = opensslVerifyMdn(work.path, contentType, readFileSync(mdnFile), STATION_CERT);
    expect(dispositionIn(report)).toBe('automatic-action/MDN-sent-automatically; processed');
    expect(receivedMic(report)).toBe(`${mic}, sha-256`);
    const facts = ctx.messages.facts(storedInbound('opensslpartner', 'curl-1@opensslpartner')[0]!);
    expect(facts.fileName).toBe('curl.edi');
    expect(facts.security?.encryption?.cipher).toBe('aes-256-cbc');
    expect(facts.security?.signature.status).toBe('verified');
    expect(facts.security?.transport).toBe('https');
  });
});

describe('AS2 receiver: every failure is recorded and answered with processed/error and its modifier', () => {
  async function failure(from: string, messageId: string, contentType: string, body: Buffer): Promise<{ modifier: string | undefined; status: string }> {
    const answer = await post(httpUrl, as2Headers(from, messageId, contentType), body);
    expect(answer.status).toBe(200);
    const disposition = dispositionIn(verifiedReport(answer));
    const facts = ctx.messages.facts(storedInbound(from, messageId)[0]!);
    expect(facts.problem?.code).toBe(disposition?.split(': ')[1]);
    return { modifier: /processed\/error: ([\w-]+)/.exec(disposition ?? '')?.[1], status: facts.status };
  }
  const ENVELOPED = 'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m';

  it('decryption-failed: encrypted for a certificate that is not ours', async () => {
    const { body } = opensslMessage('other-recipient', Buffer.from('x'), { encryptTo: partnerCert });
    expect(await failure('opensslpartner', 'fail-decrypt@p', ENVELOPED, body)).toEqual({ modifier: 'decryption-failed', status: 'received-with-error' });
  });

  it('authentication-failed: signed with a key that is not the partner\'s certificate on file', async () => {
    const { body } = opensslMessage('wrong-signer', Buffer.from('x'));
    // Sent as mecas2, whose certificate is Mendelson's: the openssl partner's signature is not mecas2's.
    expect((await failure('mecas2', 'fail-auth@p', ENVELOPED, body)).modifier).toBe('authentication-failed');
  });

  it('integrity-check-failed: a payload byte changed after signing', async () => {
    const request = mendelsonRequest('mecas2_signed.as2');
    const body = Buffer.from(request.body);
    const at = body.indexOf(PAYLOAD) + 10;
    body[at] = body[at]! ^ 0x01;
    const contentType = request.headers.find(([n]) => n === 'content-type')![1];
    expect((await failure('mecas2', 'fail-integrity@p', contentType, body)).modifier).toBe('integrity-check-failed');
  });

  it('insufficient-message-security: the partner must encrypt, and sent only a signed message', async () => {
    const signed = join(work.path, 'signed-only.smime');
    writeFileSync(join(work.path, 'signed-only.entity'), 'Content-Type: text/plain\r\n\r\nhello\r\n');
    openssl('cms', '-sign', '-binary', '-md', 'sha256', '-in', join(work.path, 'signed-only.entity'), '-signer', partnerCert, '-inkey', partnerKey, '-out', signed);
    const smime = readFileSync(signed);
    const split = smime.indexOf('\n\n') !== -1 && smime.indexOf('\n\n') < smime.indexOf('\r\n\r\n') ? smime.indexOf('\n\n') + 2 : smime.indexOf('\r\n\r\n') + 4;
    const contentType = /Content-Type:\s*([^\r\n]+(?:\r?\n[ \t][^\r\n]+)*)/i.exec(smime.subarray(0, split).toString('latin1'))![1]!.replace(/\r?\n[ \t]+/g, ' ');
    expect((await failure('opensslpartner', 'fail-insufficient@p', contentType, smime.subarray(split))).modifier).toBe('insufficient-message-security');
  });

  it('decompression-failed: CompressedData whose zlib stream is damaged', async () => {
    // ContentInfo(id-ct-compressedData, CompressedData(v0, zlib, id-data, OCTET STRING "not zlib at all")).
    const data = Buffer.from('not zlib at all');
    const inner = Buffer.concat([Buffer.from('3011', 'hex'), Buffer.from('06092a864886f70d010701', 'hex'), Buffer.from([0xa0, data.length + 2, 0x04, data.length]), data]);
    const compressed = Buffer.concat([Buffer.from('020100300d060b2a864886f70d0109100308', 'hex'), inner]);
    const sequence = Buffer.concat([Buffer.from([0x30, compressed.length]), compressed]);
    const info = Buffer.concat([Buffer.from('060b2a864886f70d0109100109', 'hex'), Buffer.from([0xa0, sequence.length]), sequence]);
    const body = Buffer.concat([Buffer.from([0x30, info.length]), info]);
    expect((await failure('mecas2', 'fail-decompress@p', 'application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z', body)).modifier).toBe('decompression-failed');
  });

  it('decryption-failed also for a pkcs7-mime body that is not CMS at all', async () => {
    expect((await failure('mecas2', 'fail-garbage@p', ENVELOPED, Buffer.from('this is not DER'))).modifier).toBe('decryption-failed');
  });

  it('unexpected-processing-error: a multipart/signed body without any part', async () => {
    const contentType = 'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="b1"';
    expect((await failure('mecas2', 'fail-parse@p', contentType, Buffer.from('no parts here\r\n'))).modifier).toBe('unexpected-processing-error');
  });
});

describe('AS2 receiver: limits and refusals answer with an HTTP status and acknowledge nothing', () => {
  const count = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;

  it('a body over the size limit is refused with 413, declared or streamed', async () => {
    const before = count();
    const big = Buffer.alloc(300 * 1024, 0x41);
    const answer = await post(httpUrl, as2Headers('mecas2', 'big@p', 'application/octet-stream'), big);
    expect(answer.status).toBe(413);
    const streamed = await rawExchange(
      `POST /as2 HTTP/1.1\r\nHost: x\r\nAS2-From: mecas2\r\nAS2-To: pyas2lib\r\nMessage-ID: <big2@p>\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n`,
      (socket) => {
        for (let i = 0; i < 6; i++) socket.write(`${(64 * 1024).toString(16)}\r\n${'B'.repeat(64 * 1024)}\r\n`);
      },
    );
    expect(streamed).toMatch(/^HTTP\/1\.1 413/);
    expect(count()).toBe(before);
  });

  it('beyond the bytes a listener may hold in memory at once: 503 with Retry-After, nothing stored, and the budget comes back', async () => {
    const small = await startAs2Listener(ctx, { httpPort: 0, limits: { maxBodyBytes: 256 * 1024, maxBufferedBytes: 64 * 1024 } });
    try {
      const before = count();
      const answer = await post(small.urls[0]!, as2Headers('mecas2', 'busy@p', 'application/octet-stream'), Buffer.alloc(100 * 1024, 0x43));
      expect(answer.status).toBe(503);
      expect(header(answer, 'retry-after')).toBe('60');
      expect(count()).toBe(before);
      // 60 KiB fit only in a budget that every earlier request gave back (these are answered with an error MDN).
      for (const id of ['after-busy-1@p', 'after-busy-2@p']) {
        const again = await post(small.urls[0]!, as2Headers('mecas2', id, 'application/pkcs7-mime; smime-type=enveloped-data'), Buffer.alloc(60 * 1024, 0x44));
        expect(again.status).toBe(200);
      }
      expect(count()).toBe(before + 2);
    } finally {
      await small.close();
    }
  });

  it('too many header fields: 431; an oversized header section: 431', async () => {
    const many: HeaderPairs = Array.from({ length: 50 }, (_, i) => [`X-Extra-${i}`, 'v']);
    expect((await post(httpUrl, [...as2Headers('mecas2', 'many@p', 'text/plain'), ...many], Buffer.from('x'))).status).toBe(431);
    expect((await post(httpUrl, [...as2Headers('mecas2', 'huge@p', 'text/plain'), ['X-Huge', 'h'.repeat(40_000)]], Buffer.from('x'))).status).toBe(431);
  });

  it('a client that stops sending mid-request gets 408', async () => {
    const answer = await rawExchange(`POST /as2 HTTP/1.1\r\nHost: x\r\nAS2-From: mecas2\r\nAS2-To: pyas2lib\r\nMessage-ID: <slow@p>\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly a part`, () => undefined);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(storedInbound('mecas2', 'slow@p')).toHaveLength(0);
  });

  it('wrong method 405, wrong path 404, missing AS2 headers 400 with the reason', async () => {
    expect((await post(httpUrl, [], Buffer.alloc(0), { method: 'GET' })).status).toBe(405);
    expect((await post(httpUrl.replace('/as2', '/other'), [], Buffer.from('x'))).status).toBe(404);
    const missing = await post(httpUrl, [['Content-Type', 'text/plain']], Buffer.from('x'));
    expect(missing.status).toBe(400);
    expect(missing.body.toString()).toMatch(/AS2-From/);
  });

  it('unknown station 404, unknown partner 403, paused partner 503 with Retry-After; nothing stored', async () => {
    const before = count();
    const to = (value: string): HeaderPairs => as2Headers('mecas2', 'route@p', 'text/plain').map(([n, v]) => [n, n === 'AS2-To' ? value : v]);
    expect((await post(httpUrl, to('nobody'), Buffer.from('x'))).status).toBe(404);
    expect((await post(httpUrl, as2Headers('stranger', 'route@p', 'text/plain'), Buffer.from('x'))).status).toBe(403);
    const paused = await addPartner(ctx, 'pausedpartner', readFileSync(partnerCert), { pauseIncoming: true });
    const answer = await post(httpUrl, as2Headers('pausedpartner', 'route@p', 'text/plain'), Buffer.from('x'));
    expect(answer.status).toBe(503);
    expect(header(answer, 'retry-after')).toMatch(/^\d+$/);
    expect(count()).toBe(before);
    ctx.as2Profiles.deletePartner(paused);
  });
});

describe('AS2 receiver: asynchronous MDNs', () => {
  it('an async MDN is posted to Receipt-Delivery-Option, retried after a failure, and its state kept in the mdns row', async () => {
    const received: Array<{ headers: Record<string, unknown>; body: Buffer }> = [];
    let calls = 0;
    const server: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        calls++;
        received.push({ headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(calls === 1 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiptUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mdn`;
    try {
      const request = mendelsonRequest('mecas2_encrypted.as2');
      const headers: HeaderPairs = [...request.headers.map(([n, v]): [string, string] => [n, n === 'message-id' ? '<async-1@mecas2>' : v]), ['receipt-delivery-option', receiptUrl]];
      const answer = await post(httpUrl, headers, request.body);
      expect(answer.status).toBe(200);
      expect(answer.body.length).toBe(0);
      const id = storedInbound('mecas2', 'async-1@mecas2')[0]!;
      await waitFor(() => ctx.messages.mdnOf(id)!.state === 'complete', 5_000);
      const mdn = ctx.messages.mdnOf(id)!;
      expect(mdn.attempts).toBe(2);
      expect(mdn.delivery).toBe('async');
      expect(calls).toBe(2);
      const last = received[1]!;
      expect(last.headers['as2-to']).toBe('mecas2');
      expect(last.body.equals(await readBlob(ctx.blobs, mdn.wire!))).toBe(true);
      const report = opensslVerifyMdn(work.path, String(last.headers['content-type']), last.body, STATION_CERT);
      expect(receivedMic(report)).toBe(`${sha256Base64(openssl('cms', '-decrypt', '-binary', '-inform', 'DER', '-in', writeTemp('async.der', request.body), '-inkey', stationKeyPem))}, sha-256`);
    } finally {
      server.close();
    }
  });

  /** A local MDN receipt endpoint that records what it is sent and answers 200. */
  async function receiptEndpoint(): Promise<{ url: string; received: Buffer[]; close: () => void }> {
    const received: Buffer[] = [];
    const server: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(Buffer.concat(chunks));
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mdn`, received, close: () => server.close() };
  }

  it('a message sent again after its async MDN went out gets the same stored MDN again, and is stored once', async () => {
    const endpoint = await receiptEndpoint();
    try {
      const request = mendelsonRequest('mecas2_encrypted.as2');
      const headers: HeaderPairs = [...request.headers.map(([n, v]): [string, string] => [n, n === 'message-id' ? '<async-again@mecas2>' : v]), ['receipt-delivery-option', endpoint.url]];
      expect((await post(httpUrl, headers, request.body)).status).toBe(200);
      const id = storedInbound('mecas2', 'async-again@mecas2')[0]!;
      await waitFor(() => endpoint.received.length === 1 && ctx.messages.mdnOf(id)!.state === 'complete', 5_000);
      expect((await post(httpUrl, headers, request.body)).status).toBe(200);
      await waitFor(() => endpoint.received.length === 2, 5_000);
      expect(endpoint.received[1]!.equals(endpoint.received[0]!)).toBe(true);
      expect(storedInbound('mecas2', 'async-again@mecas2')).toEqual([id]);
    } finally {
      endpoint.close();
    }
  });

  it('an async MDN still pending when the listener starts (a restart) is delivered', async () => {
    const endpoint = await receiptEndpoint();
    let second: As2Listener | undefined;
    try {
      const request = mendelsonRequest('mecas2_encrypted.as2');
      const headers: HeaderPairs = [...request.headers.map(([n, v]): [string, string] => [n, n === 'message-id' ? '<async-restart@mecas2>' : v]), ['receipt-delivery-option', endpoint.url]];
      expect((await post(httpUrl, headers, request.body)).status).toBe(200);
      const id = storedInbound('mecas2', 'async-restart@mecas2')[0]!;
      await waitFor(() => ctx.messages.mdnOf(id)!.state === 'complete', 5_000);
      // As a crash would leave it: the MDN row pending with nothing delivering it, until a listener starts again.
      ctx.db.prepare(`UPDATE mdns SET state = 'pending', attempts = 0, next_attempt_at = NULL WHERE message_row_id = ?`).run(id);
      endpoint.received.length = 0;
      second = await startAs2Listener(ctx, { httpPort: 0, mdnRetry: { baseDelayMs: 100, maxDelayMs: 300, maxAttempts: 4 } });
      await waitFor(() => endpoint.received.length === 1 && ctx.messages.mdnOf(id)!.state === 'complete', 5_000);
      expect(endpoint.received[0]!.equals(await readBlob(ctx.blobs, ctx.messages.mdnOf(id)!.wire!))).toBe(true);
    } finally {
      await second?.close();
      endpoint.close();
    }
  });

  it("a partner's async MDN for our outbound message is matched, verified and sets the message's status", async () => {
    // Mendelson's signed MDN for message 20161230102456.10748.40759@imac.local, MIC sha-256 O4bv…; it is signed by a
    // certificate that is not cert_mecas2_public.pem (see cms-mendelson.test.ts): a receipt that proves nothing.
    const { stationId, partnerId } = { stationId: ctx.as2Profiles.getStation('pyas2lib').id, partnerId: ctx.as2Profiles.getPartner('mecas2').id };
    const wire = await ctx.blobs.put(Buffer.from('outbound'));
    const outbound = ctx.messages.insert(
      { direction: 'outbound', protocol: 'as2', messageId: '20161230102456.10748.40759@imac.local', partnerId, stationId, subject: null, fileName: null, contentType: null, headers: [], wire, payload: wire, security: null, problem: null, status: 'awaiting-mdn', statusText: null },
      pendingMdn('received', null, 'O4bvrm5t2YunRfwvZicNdEUmPaPZ9vUslX8loVLDck0='),
    );
    const capture = mendelsonFile('mecas2_signed.mdn');
    const split = capture.indexOf('\r\n\r\n');
    const headers: HeaderPairs = capture
      .subarray(0, split)
      .toString('latin1')
      .split('\r\n')
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()] as [string, string]);
    headers.push(['AS2-From', 'mecas2'], ['AS2-To', 'pyas2lib'], ['AS2-Version', '1.2']);
    const answer = await post(httpUrl, headers, capture.subarray(split + 4));
    expect(answer.status, answer.body.toString()).toBe(200);
    const mdn = ctx.messages.mdnOf(outbound.id)!;
    expect(mdn.direction).toBe('received');
    expect(mdn.state).toBe('complete');
    expect(mdn.micMatches).toBe(true);
    expect(mdn.signature.status).toBe('unknown-signer');
    expect(ctx.messages.facts(outbound.id).status).toBe('failed');
    expect(ctx.messages.facts(outbound.id).problem?.code).toBe('mdn-signature-unknown-signer');
    expect(storedInbound('mecas2', '<mendelson_opensource_AS2-1483093497174-1@mecas2_pyas2mac>')).toHaveLength(0);
  });

  it("a partner's signed async MDN with the MIC we expect delivers the message; with another MIC it fails it", async () => {
    const stationId = ctx.as2Profiles.getStation('pyas2lib').id;
    const partnerId = ctx.as2Profiles.getPartner('opensslpartner').id;
    const signer = { certificate: new X509Certificate(readFileSync(partnerCert)), privateKey: createPrivateKey(readFileSync(partnerKey)) };
    const expected = sha256Base64(Buffer.from('what we signed'));
    const outcome = async (messageId: string, returned: string) => {
      const wire = await ctx.blobs.put(Buffer.from(messageId));
      const outbound = ctx.messages.insert(
        { direction: 'outbound', protocol: 'as2', messageId, partnerId, stationId, subject: null, fileName: null, contentType: null, headers: [], wire, payload: wire, security: null, problem: null, status: 'awaiting-mdn', statusText: null },
        pendingMdn('received', null, expected),
      );
      const mdn = buildMdn({
        reportingUa: 'openssl partner',
        finalRecipient: 'opensslpartner',
        originalRecipient: 'opensslpartner',
        originalMessageId: messageId,
        outcome: { kind: 'processed' },
        mic: { digest: 'sha256', base64: returned },
        text: 'received',
        sign: { signer, digest: 'sha256', micalgSpelling: 'rfc5751' },
      });
      const contentType = mdn.headers.find(([n]) => n.toLowerCase() === 'content-type')![1];
      const answer = await post(httpUrl, [['AS2-From', 'opensslpartner'], ['AS2-To', 'pyas2lib'], ['Message-ID', `<mdn-${messageId}>`], ['Content-Type', contentType]], mdn.body);
      expect(answer.status).toBe(200);
      return { facts: ctx.messages.facts(outbound.id), mdn: ctx.messages.mdnOf(outbound.id)! };
    };
    const good = await outcome('out-good@pyas2lib', expected);
    expect([good.facts.status, good.mdn.micMatches, good.mdn.signature.status]).toEqual(['delivered', true, 'verified']);
    const bad = await outcome('out-bad@pyas2lib', sha256Base64(Buffer.from('something else')));
    expect([bad.facts.status, bad.mdn.micMatches, bad.facts.problem?.code]).toEqual(['failed', false, 'mic-mismatch']);
  });

  it('an MDN for a message we never sent is refused and changes nothing', async () => {
    const capture = mendelsonFile('mecas2_unsigned.mdn');
    const answer = await post(httpUrl, [['AS2-From', 'mecas2'], ['AS2-To', 'pyas2lib'], ['Message-ID', '<stray@mecas2>'], ['Content-Type', unsignedMdnType(capture)]], unsignedMdnBody(capture));
    expect(answer.status).toBe(404);
  });
});

describe('as2.listener', () => {
  it('reports the URLs this context receives at', async () => {
    const reply = await createCourierApi(ctx).invoke('as2.listener', {});
    expect(reply).toEqual({ ok: true, output: { listening: true, urls: listener.urls } });
  });
});

function writeTemp(name: string, bytes: Buffer): string {
  const path = join(work.path, name);
  writeFileSync(path, bytes);
  return path;
}

function unsignedMdnType(capture: Buffer): string {
  return /Content-Type:\s*([^\n]+(?:\n[ \t][^\n]+)*)/i.exec(capture.toString('latin1'))![1]!.replace(/\r?\n[ \t]+/g, ' ').trim();
}

function unsignedMdnBody(capture: Buffer): Buffer {
  return capture.subarray(capture.indexOf('\n\n') + 2);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Writes `head` to the HTTP listener over a raw socket, then `more`, and returns what the server answered. */
function rawExchange(head: string, more: (socket: import('node:net').Socket) => void): Promise<string> {
  const { port } = new URL(httpUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(head);
      more(socket);
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    setTimeout(() => socket.destroy(), 5_000);
  });
}
