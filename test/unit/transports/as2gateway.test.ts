// The AS2 Gateway client's parsers and checks on their own, with malformed, truncated, oversized and hostile
// input: the send body (seed §4.4), the Link header, X-Batch-Truncation-Index, the batch zip, the answers' shape,
// the status mapping, and the rate limiter's arithmetic.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { as2gMessageSchema } from '../../../shared/ipc';
import { parseTruncationIndex, readBatchZip } from '../../../electron/core/transports/as2gateway/batchDownload';
import { attachmentFileName, GatewayAnswerError, jsonAnswer } from '../../../electron/core/transports/as2gateway/gatewayAnswer';
import { messageIdFromLink } from '../../../electron/core/transports/as2gateway/gatewayClient';
import { outboundStatus } from '../../../electron/core/transports/as2gateway/gatewayRecords';
import { SlidingWindowLimiter } from '../../../electron/core/transports/as2gateway/rateLimiter';
import { sendBody } from '../../../electron/core/transports/as2gateway/sendBody';

const answer = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({ status: 200, headers, body: Buffer.from(body) });
const message = { as2MessageId: '<m@g>', persistedTimestamp: 1, compressed: false, encrypted: true, signed: true, receiverId: 'P', senderId: 'S', mdnStatus: 'Received' as const, partnerType: 'Production' as const, attachments: [] };

describe('send body (seed §4.4)', () => {
  it('one file: raw body with Name, Content-Type and Content-Length', () => {
    const body = sendBody([{ name: 'invoice_20200101.xml', contentType: 'text/xml', content: Buffer.from('<invoice/>') }]);
    expect(body.headers).toEqual({ name: 'invoice_20200101.xml', 'content-type': 'text/xml', 'content-length': '10' });
    expect(body.body.toString()).toBe('<invoice/>');
  });

  it('several files: multipart/form-data "file" parts with their filenames, byte for byte', () => {
    const bin = Buffer.from([0, 13, 10, 45, 45, 255]);
    const body = sendBody([{ name: 'file1.txt', contentType: 'text/plain', content: Buffer.from('one') }, { name: 'file2.bin', content: bin }]);
    const boundary = /boundary=(.+)$/.exec(body.headers['content-type']!)![1]!;
    const text = body.body.toString('latin1');
    expect(text.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="file1.txt"\r\nContent-Type: text/plain\r\n\r\none\r\n`)).toBe(true);
    expect(body.body.includes(Buffer.concat([Buffer.from('application/octet-stream\r\n\r\n'), bin, Buffer.from(`\r\n--${boundary}--\r\n`)]))).toBe(true);
    expect(body.headers['content-length']).toBe(String(body.body.length));
  });

  it('refuses duplicates, 11 files, > 10 MB, hostile names and bad MIME types', () => {
    const f = (name: string, size = 1) => ({ name, content: Buffer.alloc(size) });
    expect(() => sendBody([])).toThrow(/at least one file/);
    expect(() => sendBody([f('a'), f('a')])).toThrow(/Two files are named a/);
    expect(() => sendBody(Array.from({ length: 11 }, (_, i) => f(`f${i}`)))).toThrow(/at most 10 files/);
    expect(() => sendBody([f('a', 6 * 1024 * 1024), f('b', 4 * 1024 * 1024 + 1)])).toThrow(/10 MB/);
    for (const name of ['a"b', '../etc/passwd', 'a\r\nX-Evil: 1', '', 'x'.repeat(256)]) expect(() => sendBody([f(name)])).toThrow(/cannot be sent/);
    expect(() => sendBody([{ ...f('a'), contentType: 'text/xml\r\nX: y' }])).toThrow(/not a MIME type/);
  });
});

describe('answers from the gateway', () => {
  it('the Link header of a 202 names the message, raw or RFC 8288', () => {
    expect(messageIdFromLink('https://api.as2gateway.com/v1/message/sent/<90766548.41.1573209810390@as2gateway.com>')).toBe('<90766548.41.1573209810390@as2gateway.com>');
    expect(messageIdFromLink('<https://api.as2gateway.com/v1/message/sent/%3Ca%40b%3E>; rel="self"')).toBe('<a@b>');
    for (const bad of ['https://api.as2gateway.com/v1/message/received/<x>', 'https://x/v1/message/sent/', 'https://x/v1/message/sent/%E0%A4%A', 'https://x/v1/message/sent/a%0Ab']) {
      expect(() => messageIdFromLink(bad)).toThrow(GatewayAnswerError);
    }
  });

  it('X-Batch-Truncation-Index is (message,attachment), nothing else', () => {
    expect(parseTruncationIndex('(1,2)')).toEqual({ message: 1, attachment: 2 });
    expect(parseTruncationIndex(' ( 0 , 13 ) ')).toEqual({ message: 0, attachment: 13 });
    for (const bad of ['1,2', '(1;2)', '(-1,2)', '(1,2', '(1,2,3)', '(99999,1)', '']) expect(() => parseTruncationIndex(bad)).toThrow(GatewayAnswerError);
  });

  it('the batch zip: folders by message ID, .error files, and nothing outside a folder', () => {
    const folders = readBatchZip(zipSync({ '<a@g>/x.txt': strToU8('x'), '<a@g>/y.txt': strToU8('yy'), '<b@g>/.error': strToU8('No AS2 message found with ID <b@g>') }));
    expect(folders.get('<a@g>')!.files.map((file) => [file.name, file.content.toString()])).toEqual([['x.txt', 'x'], ['y.txt', 'yy']]);
    expect(folders.get('<b@g>')).toEqual({ files: [], error: 'No AS2 message found with ID <b@g>' });
    expect(() => readBatchZip(zipSync({ 'loose.txt': strToU8('x') }))).toThrow(/not <message-id>\/<file>/);
    expect(() => readBatchZip(Buffer.from('PK\u0003\u0004 not really a zip'))).toThrow(GatewayAnswerError);
    const zip = zipSync({ 'a/big.bin': new Uint8Array(13 * 1024 * 1024) });
    expect(() => readBatchZip(zip)).toThrow(/unpacks to more than/);
    expect(() => readBatchZip(zip.subarray(0, zip.length - 30))).toThrow(GatewayAnswerError);
  });

  it('JSON answers: wrong type, malformed, wrong shape are each named', () => {
    expect(jsonAnswer(answer(JSON.stringify({ ...message, extra: 1 })), as2gMessageSchema, 'x')).toMatchObject({ as2MessageId: '<m@g>', attachments: [] });
    const fault = (body: string, headers?: Record<string, string>) => {
      try {
        jsonAnswer(answer(body, headers), as2gMessageSchema, 'x');
      } catch (error) {
        return (error as GatewayAnswerError).fault;
      }
      return 'none';
    };
    expect(fault('{}', { 'content-type': 'text/html' })).toBe('wrong-content-type');
    expect(fault('{}', {})).toBe('wrong-content-type');
    expect(fault('{"as2MessageId":')).toBe('malformed-json');
    expect(fault(JSON.stringify({ ...message, mdnStatus: 'Maybe' }))).toBe('unexpected-shape');
    expect(fault('[]')).toBe('unexpected-shape');
  });

  it('Content-Disposition gives a safe base name', () => {
    const name = (value: string) => attachmentFileName(answer('', { 'content-disposition': value }), 'x');
    expect(name('attachment; filename=invoice.xml')).toBe('invoice.xml');
    expect(name('attachment; filename="a b.txt"')).toBe('a b.txt');
    expect(name('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(name("attachment; filename*=UTF-8''Rechnung-%C3%A4.xml")).toBe('Rechnung-ä.xml');
    expect(() => name('attachment; filename=".."')).toThrow(GatewayAnswerError);
    expect(() => attachmentFileName(answer('', {}), 'x')).toThrow(/Content-Disposition/);
  });
});

describe('gateway statuses as Outbox statuses', () => {
  it('Delivered / Not Delivered / No Status; MDN Pending / Received / Not Requested / No MDN', () => {
    const sent = (deliveryStatus: 'Delivered' | 'Not Delivered' | 'No Status', mdnStatus: 'Pending' | 'Received' | 'Not Requested' | 'No MDN', mdnError = false) =>
      outboundStatus({ category: 'sent', failedAttempts: 0, message: { ...message, deliveryStatus, mdnStatus, ...(mdnStatus === 'Received' ? { mdnMessage: { persistedTimestamp: 1, mdnError, content: '' } } : {}) } });
    expect(sent('Delivered', 'Received')).toEqual({ status: 'delivered', settled: true });
    expect(sent('Delivered', 'Received', true)).toEqual({ status: 'failed', settled: true });
    expect(sent('Delivered', 'Pending')).toEqual({ status: 'awaiting-mdn', settled: false });
    expect(sent('Delivered', 'Not Requested')).toEqual({ status: 'delivered', settled: true });
    expect(sent('Not Delivered', 'No MDN')).toEqual({ status: 'failed', settled: true });
    expect(sent('No Status', 'No MDN')).toEqual({ status: 'delivered-with-warning', settled: true });
    expect(outboundStatus({ category: 'queued', message, failedAttempts: 0 })).toEqual({ status: 'queued', settled: false });
    expect(outboundStatus({ category: 'queued', message, failedAttempts: 2 })).toEqual({ status: 'retrying', settled: false });
    expect(outboundStatus({ category: null, message: null, failedAttempts: 0 })).toEqual({ status: 'sending', settled: false });
  });
});

describe('rate limiter', () => {
  it('holds a request while the budget is spent, counting each until a window after its answer', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ requests: 2, windowMs: 1000 }, () => now);
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    let third = false;
    const c = limiter.acquire().then((release) => {
      third = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(third).toBe(false);
    a();
    now = 999;
    b();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(third).toBe(false);
    now = 1000;
    await (await c)();
    expect(third).toBe(true);
  });
});
