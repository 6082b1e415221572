// AS2 HTTP headers (RFC 4130 §6, §7.3): what we write for a partner — one line each, AS2 names quoted when they
// must be, the MDN request in the partner's micalg spelling — and how we read a partner's, with a BAD_MESSAGE that
// names the header for each missing or malformed one.
import { describe, expect, it } from 'vitest';
import { buildAs2Headers, newMessageId, readAs2Envelope, type OutboundHeaderInit } from '../../../electron/core/as2/as2Headers';
import { CourierError } from '../../../electron/core/errors';

const init: OutboundHeaderInit = {
  as2From: 'COURIER',
  as2To: 'Partner Inc "EU"',
  messageId: 'm1@courier.example',
  subject: 'Orders for week 12',
  contentType: 'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
  mdn: { signed: true, micAlgorithms: ['sha256', 'sha1'], asyncUrl: null, returnAddress: 'mailto:as2@courier.example' },
  micalgSpelling: 'rfc5751',
  custom: [{ name: 'X-Trace', value: 'abc' }],
  date: new Date('2024-03-18T09:30:05Z'),
};

const asRecord = (list: [string, string][]): Record<string, string> => Object.fromEntries(list.map(([n, v]) => [n.toLowerCase(), v]));

describe('buildAs2Headers', () => {
  it('writes every AS2 header on one line, the MDN request in RFC 5751 spelling', () => {
    const headers = buildAs2Headers(init);
    expect(headers).toEqual([
      ['AS2-Version', '1.2'],
      ['AS2-From', 'COURIER'],
      ['AS2-To', '"Partner Inc \\"EU\\""'],
      ['Message-ID', '<m1@courier.example>'],
      ['Subject', 'Orders for week 12'],
      ['Date', 'Mon, 18 Mar 2024 09:30:05 +0000'],
      ['MIME-Version', '1.0'],
      ['Content-Type', init.contentType],
      ['Disposition-Notification-To', 'mailto:as2@courier.example'],
      ['Disposition-Notification-Options', 'signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256, sha-1'],
      ['X-Trace', 'abc'],
    ]);
  });

  it('RFC 3851 spelling, async MDN, no MDN at all', () => {
    const async = asRecord(buildAs2Headers({ ...init, micalgSpelling: 'rfc3851', mdn: { ...init.mdn!, asyncUrl: 'https://courier.example/as2/mdn' } }));
    expect(async['disposition-notification-options']).toBe('signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha256, sha1');
    expect(async['receipt-delivery-option']).toBe('https://courier.example/as2/mdn');
    const none = asRecord(buildAs2Headers({ ...init, mdn: null }));
    expect(Object.keys(none).filter((n) => n.startsWith('disposition') || n.startsWith('receipt'))).toEqual([]);
    const unsigned = asRecord(buildAs2Headers({ ...init, mdn: { ...init.mdn!, signed: false } }));
    expect(unsigned['disposition-notification-options']).toBeUndefined();
  });

  it('a non-ASCII subject becomes an encoded word; a header value with a line break is refused', () => {
    expect(asRecord(buildAs2Headers({ ...init, subject: 'Bestellung für Köln' })).subject).toMatch(/^=\?utf-8\?/i);
    expect(() => buildAs2Headers({ ...init, custom: [{ name: 'X-Evil', value: 'a\r\nAS2-To: someone' }] })).toThrow(CourierError);
  });

  it('our own headers read back as the envelope we meant', () => {
    const envelope = readAs2Envelope(asRecord(buildAs2Headers(init)));
    expect(envelope).toMatchObject({
      as2From: 'COURIER',
      as2To: 'Partner Inc "EU"',
      messageId: 'm1@courier.example',
      subject: 'Orders for week 12',
      contentType: init.contentType,
      mdn: { signed: true, micAlgorithms: ['sha256', 'sha1'], asyncUrl: null },
      as2Version: '1.2',
    });
  });
});

describe('newMessageId', () => {
  it('unique, without brackets, in the given domain (made safe)', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newMessageId('courier.example')));
    expect(ids.size).toBe(1000);
    for (const id of [...ids].slice(0, 5)) expect(id).toMatch(/^[^<>\s]+@courier\.example$/);
    expect(newMessageId('bad host<>')).toMatch(/@bad-host$/);
  });
});

describe('readAs2Envelope', () => {
  const good = { 'as2-from': 'A', 'as2-to': 'B', 'message-id': '<x@y>', 'content-type': 'application/edi-x12' };

  function badMessage(headers: Record<string, string | string[] | undefined>): CourierError {
    try {
      readAs2Envelope(headers);
    } catch (error) {
      expect(error).toBeInstanceOf(CourierError);
      expect((error as CourierError).code).toBe('BAD_MESSAGE');
      return error as CourierError;
    }
    throw new Error('expected BAD_MESSAGE');
  }

  it('names are case-insensitive, quoted AS2 IDs are unquoted, no Disposition-Notification-To means no MDN', () => {
    const envelope = readAs2Envelope({ 'AS2-From': '"Partner \\"EU\\""', 'As2-To': 'B', 'MESSAGE-ID': '<x@y>', 'Content-Type': 'text/plain' });
    expect(envelope).toMatchObject({ as2From: 'Partner "EU"', as2To: 'B', messageId: 'x@y', mdn: null, subject: null });
  });

  it('reads an MDN request in either spelling, ignoring algorithms it does not know, and the async URL', () => {
    const envelope = readAs2Envelope({
      ...good,
      'disposition-notification-to': 'http://partner/as2',
      'disposition-notification-options': 'signed-receipt-protocol=required, pkcs7-signature; signed-receipt-micalg=optional, sha3-256, SHA256, sha-1',
      'receipt-delivery-option': 'https://partner.example/mdn',
    });
    expect(envelope.mdn).toEqual({ signed: true, micAlgorithms: ['sha256', 'sha1'], asyncUrl: 'https://partner.example/mdn' });
  });

  it('each missing or malformed header is a BAD_MESSAGE naming it', () => {
    for (const missing of ['as2-from', 'as2-to', 'message-id', 'content-type']) {
      const headers: Record<string, string> = { ...good };
      delete headers[missing];
      expect(badMessage(headers).message.toLowerCase()).toContain(missing);
    }
    expect(badMessage({ ...good, 'as2-from': 'x'.repeat(129) }).message).toContain('AS2-From');
    expect(badMessage({ ...good, 'as2-to': '"unbalanced' }).message).toContain('AS2-To');
    expect(badMessage({ ...good, 'message-id': '<>' }).message).toContain('Message-ID');
    expect(badMessage({ ...good, 'as2-from': ['A', 'C'] }).message).toContain('AS2-From');
    expect(badMessage({ ...good, 'disposition-notification-to': 'x', 'receipt-delivery-option': 'ftp://x/' }).message).toContain('Receipt-Delivery-Option');
    expect(badMessage({ ...good, 'disposition-notification-to': 'x', 'disposition-notification-options': 'signed-receipt-protocol=maybe, pkcs7-signature' }).message).toContain(
      'Disposition-Notification-Options',
    );
  });
});
