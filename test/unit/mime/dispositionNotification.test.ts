// MDN fields (RFC 8098 §3, RFC 4130 §7.4.3) and the multipart/report around them (RFC 6522): the Disposition forms
// AS2 uses, Received-Content-MIC in both spellings, and build → parse round trips.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatDisposition,
  parseDisposition,
  parseDispositionNotification,
  parseReceivedContentMic,
} from '../../../electron/core/mime/dispositionNotification';
import { buildDispositionReport, readDispositionReport } from '../../../electron/core/mime/dispositionReport';
import { parseEntity } from '../../../electron/core/mime/parseEntity';
import { mimeReason } from '../../support/mimeErrors';

describe('Disposition', () => {
  it('reads the AS2 forms: processed, error, warning, failure; keywords in any case', () => {
    expect(parseDisposition('automatic-action/MDN-sent-automatically; processed')).toEqual({
      actionMode: 'automatic-action',
      sendingMode: 'MDN-sent-automatically',
      type: 'processed',
    });
    expect(parseDisposition('Automatic-Action/mdn-sent-automatically; Processed/Error: decryption-failed').modifier).toEqual({
      kind: 'error',
      description: 'decryption-failed',
    });
    expect(parseDisposition('manual-action/MDN-sent-manually; processed/warning: duplicate-document, seen before').modifier).toEqual({
      kind: 'warning',
      description: 'duplicate-document, seen before',
    });
    expect(parseDisposition('automatic-action/MDN-sent-automatically; failed/failure: sender-equals-receiver').type).toBe('failed');
    expect(parseDisposition('automatic-action/MDN-sent-automatically; processed/error').modifier).toEqual({ kind: 'error' });
  });

  it('writes what it reads', () => {
    for (const text of [
      'automatic-action/MDN-sent-automatically; processed',
      'automatic-action/MDN-sent-automatically; processed/error: authentication-failed',
    ]) {
      expect(formatDisposition(parseDisposition(text))).toBe(text);
    }
  });

  it('refuses malformed dispositions', () => {
    for (const bad of ['processed', 'automatic-action; processed', 'auto/MDN-sent-automatically; processed', 'automatic-action/MDN-sent-automatically; ', 'automatic-action/MDN-sent-automatically; processed/']) {
      expect(mimeReason(() => parseDisposition(bad))).toBe('bad-disposition-notification');
    }
  });
});

describe('Received-Content-MIC', () => {
  const digest = createHash('sha256').update('payload').digest();

  it('reads base64 and the algorithm in either spelling', () => {
    for (const name of ['sha-256', 'sha256', 'SHA-256']) {
      const mic = parseReceivedContentMic(`${digest.toString('base64')}, ${name}`);
      expect(mic.algorithm).toBe('sha256');
      expect(mic.digest.equals(digest)).toBe(true);
    }
  });

  it('refuses a digest of the wrong length, a missing algorithm, or bad base64', () => {
    expect(mimeReason(() => parseReceivedContentMic(`${digest.toString('base64')}, sha1`))).toBe('bad-disposition-notification');
    expect(mimeReason(() => parseReceivedContentMic(digest.toString('base64')))).toBe('bad-disposition-notification');
    expect(mimeReason(() => parseReceivedContentMic('not*base64, sha256'))).toBe('bad-base64');
    expect(mimeReason(() => parseReceivedContentMic(`${digest.toString('base64')}, crc32`))).toBe('unsupported-micalg');
  });
});

describe('notification fields', () => {
  it('requires Disposition and Final-Recipient, once each', () => {
    expect(mimeReason(() => parseDispositionNotification(Buffer.from('Final-Recipient: rfc822; b\r\n')))).toBe('bad-disposition-notification');
    expect(mimeReason(() => parseDispositionNotification(Buffer.from('Disposition: automatic-action/MDN-sent-automatically; processed\r\n')))).toBe(
      'bad-disposition-notification',
    );
    const twice = 'Final-Recipient: rfc822; b\r\nDisposition: automatic-action/MDN-sent-automatically; processed\r\nDisposition: manual-action/MDN-sent-manually; processed\r\n';
    expect(mimeReason(() => parseDispositionNotification(Buffer.from(twice)))).toBe('duplicate-header');
  });

  it('keeps extension fields for the caller', () => {
    const text = 'Final-Recipient: rfc822; b\nDisposition: automatic-action/MDN-sent-automatically; processed\nX-Extension: kept\n';
    expect(parseDispositionNotification(Buffer.from(text)).fields.get('x-extension')).toBe('kept');
  });
});

describe('multipart/report (MDN) build → parse', () => {
  const digest = createHash('sha256').update('payload').digest();
  const notification = {
    reportingUa: 'Courier AS2',
    originalRecipient: 'PARTNER-AS2',
    finalRecipient: 'PARTNER-AS2',
    originalMessageId: '<courier-1@example.com>',
    disposition: { actionMode: 'automatic-action', sendingMode: 'MDN-sent-automatically', type: 'processed' },
    receivedContentMic: { digest, algorithm: 'sha256' },
  } as const;

  it('round-trips every field, with the MIC spelled sha-256 (RFC 5751) unless asked otherwise', () => {
    const built = buildDispositionReport({ text: 'The message was received.\nThank you.', notification });
    expect(built.headerFields[0]![1]).toMatch(/^multipart\/report; report-type=disposition-notification; boundary=/);
    expect(built.bytes.toString()).toContain(`Received-Content-MIC: ${digest.toString('base64')}, sha-256\r\n`);
    const report = readDispositionReport(parseEntity(built.bytes));
    expect(report.text).toBe('The message was received.\r\nThank you.');
    expect(report.notification).toMatchObject({
      reportingUa: 'Courier AS2',
      originalRecipient: { addressType: 'rfc822', address: 'PARTNER-AS2' },
      finalRecipient: { addressType: 'rfc822', address: 'PARTNER-AS2' },
      originalMessageId: '<courier-1@example.com>',
      disposition: notification.disposition,
    });
    expect(report.notification.receivedContentMic!.digest.equals(digest)).toBe(true);
    const old = buildDispositionReport({ text: 'x', notification: { ...notification, micalgSpelling: 'rfc3851' } });
    expect(old.bytes.toString()).toContain(', sha256\r\n');
  });

  it('carries non-ASCII explanation text as UTF-8 quoted-printable', () => {
    const built = buildDispositionReport({
      text: 'Entschlüsselung fehlgeschlagen',
      notification: { ...notification, disposition: { ...notification.disposition, modifier: { kind: 'error', description: 'decryption-failed' } } },
    });
    expect(built.bytes.toString()).toContain('Content-Transfer-Encoding: quoted-printable');
    const report = readDispositionReport(parseEntity(built.bytes));
    expect(report.text).toBe('Entschlüsselung fehlgeschlagen');
    expect(report.notification.disposition.modifier).toEqual({ kind: 'error', description: 'decryption-failed' });
  });

  it('refuses a report of another type or shape', () => {
    const mixed = parseEntity(Buffer.from('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--'));
    expect(mimeReason(() => readDispositionReport(mixed))).toBe('bad-report');
    const dsn = parseEntity(Buffer.from('Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--'));
    expect(mimeReason(() => readDispositionReport(dsn))).toBe('bad-report');
    const one = parseEntity(Buffer.from('Content-Type: multipart/report; report-type=disposition-notification; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--'));
    expect(mimeReason(() => readDispositionReport(one))).toBe('bad-report');
  });
});
