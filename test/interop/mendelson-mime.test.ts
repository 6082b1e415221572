// Real AS2 messages captured from a Mendelson AS2 server (../shared/interop/mendelson-as2, see its README): every
// capture parses into the structure its sender meant, and the bytes we hand a verifier for a multipart/signed part
// are the bytes Mendelson signed, as openssl (not our code) confirms. CMS decoding of the bodies is not tested here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withCanonicalHeaders } from '../../electron/core/mime/canonicalize';
import { readDispositionReport } from '../../electron/core/mime/dispositionReport';
import { parseContentDisposition } from '../../electron/core/mime/parameters';
import { parseEntity } from '../../electron/core/mime/parseEntity';
import { readMultipartSigned } from '../../electron/core/mime/multipartSigned';
import { readPkcs7Mime } from '../../electron/core/mime/pkcs7Mime';

const DIR = new URL('../../../shared/interop/mendelson-as2/', import.meta.url);
const capture = (name: string): Buffer => readFileSync(new URL(name, DIR));
const PARTNER_CERT = new URL('cert_mecas2_public.pem', DIR).pathname;
const PAYLOAD = capture('payload.txt');

/** CMS content types as they open a BER SignedData/EnvelopedData with indefinite length: 30 80 06 09 <oid>. */
const ENVELOPED_DATA_OID = Buffer.from('06092a864886f70d010703', 'hex');
const SIGNED_DATA_OID = Buffer.from('06092a864886f70d010702', 'hex');
const COMPRESSED_DATA_OID = Buffer.from('060b2a864886f70d0109100109', 'hex');

const work = mkdtempSync(join(tmpdir(), 'courier-mendelson-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** openssl cms -verify over detached content; `partnerOnly` makes it use only the partner's certificate. */
function opensslVerifies(content: Buffer, signature: Buffer, partnerOnly: boolean): boolean {
  writeFileSync(join(work, 'content'), content);
  writeFileSync(join(work, 'signature.der'), signature);
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(work, 'signature.der'), '-content', join(work, 'content'), '-noverify', '-out', '/dev/null'];
  if (partnerOnly) args.push('-certfile', PARTNER_CERT, '-nointern');
  try {
    execFileSync('openssl', args, { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('Mendelson AS2 → Courier: signed message, SHA-256, binary payload (mecas2_signed.as2)', () => {
  const entity = parseEntity(capture('mecas2_signed.as2'));
  const signed = readMultipartSigned(entity);

  it('reads the HTTP headers (lower-case names, LF line ends) and the multipart/signed parameters', () => {
    expect(entity.headers.get('AS2-From')).toBe('mecas2');
    expect(entity.headers.get('AS2-To')).toBe('pyas2lib');
    expect(entity.headers.get('Message-ID')).toBe('<mendelson_opensource_AS2-1641304626700-55@mecas2_pyas2lib>');
    expect(entity.contentType.mediaType).toBe('multipart/signed');
    expect(entity.contentType.params.get('boundary')).toBe('----=_Part_211_306083396.1641304626706');
    expect(signed.protocol).toBe('application/pkcs7-signature');
    expect(signed.micalg).toEqual(['sha256']);
    expect(entity.transferEncoding).toBe('binary');
  });

  it('finds the payload part byte for byte, Content-Transfer-Encoding binary, filename payload.txt', () => {
    expect(signed.content.contentType.mediaType).toBe('application/edi-consent');
    expect(signed.content.transferEncoding).toBe('binary');
    expect(parseContentDisposition(signed.content.headers.get('content-disposition')!).params.get('filename')).toBe('payload.txt');
    expect(signed.content.body.equals(PAYLOAD)).toBe(true);
  });

  it('decodes the base64 signature part to a BER SignedData', () => {
    expect(signed.signature.transferEncoding).toBe('base64');
    expect(signed.signature.body.subarray(0, 2).toString('hex')).toBe('3080');
    expect(signed.signature.body.subarray(2, 2 + SIGNED_DATA_OID.length).equals(SIGNED_DATA_OID)).toBe(true);
  });

  it('this capture lost its CRs (LF-only, 48 bytes short of its Content-Length); the CRLF-header form is what was signed', () => {
    expect(entity.rawBytes.includes('\r')).toBe(false);
    expect(Number(entity.headers.get('content-length')) - entity.rawBodyBytes.length).toBe(48);
    expect(opensslVerifies(signed.content.rawBytes, signed.signature.body, true)).toBe(false);
    expect(opensslVerifies(withCanonicalHeaders(signed.content), signed.signature.body, true)).toBe(true);
  });
});

describe('Mendelson AS2 → Courier: compressed then signed (mecas2_compressed.as2)', () => {
  const entity = parseEntity(capture('mecas2_compressed.as2'));
  const signed = readMultipartSigned(entity);

  it('is multipart/signed (micalg sha256) around application/pkcs7-mime; smime-type=compressed-data', () => {
    expect(signed.micalg).toEqual(['sha256']);
    expect(signed.content.contentType.params.get('name')).toBe('smime.p7z');
    const compressed = readPkcs7Mime(signed.content);
    expect(compressed.smimeType).toBe('compressed-data');
    expect(compressed.der.subarray(2, 2 + COMPRESSED_DATA_OID.length).equals(COMPRESSED_DATA_OID)).toBe(true);
  });

  it('matches its Content-Length exactly, and its first part raw bytes are what Mendelson signed', () => {
    expect(entity.rawBodyBytes.length).toBe(Number(entity.headers.get('content-length')));
    expect(opensslVerifies(signed.content.rawBytes, signed.signature.body, true)).toBe(true);
    const flipped = Buffer.from(signed.content.rawBytes);
    flipped[flipped.length - 1]! ^= 1;
    expect(opensslVerifies(flipped, signed.signature.body, true)).toBe(false);
  });
});

describe('Mendelson AS2 → Courier: encrypted messages (application/pkcs7-mime; smime-type=enveloped-data)', () => {
  const cases: Array<[string, string]> = [
    ['mecas2_encrypted.as2', 'payload.txt'],
    ['mecas2_signed_encrypted.as2', 'smime.p7m'],
    ['mecas2_compressed_signed_encrypted.as2', 'smime.p7m'],
  ];
  for (const [file, filename] of cases) {
    it(`${file}: no Content-Transfer-Encoding, so binary; the body is the whole EnvelopedData`, () => {
      const entity = parseEntity(capture(file));
      expect(entity.headers.has('content-transfer-encoding')).toBe(false);
      expect(entity.transferEncoding).toBe('binary');
      expect(entity.contentType.params.get('name')).toBe('smime.p7m');
      expect(parseContentDisposition(entity.headers.get('content-disposition')!).params.get('filename')).toBe(filename);
      const enveloped = readPkcs7Mime(entity);
      expect(enveloped.smimeType).toBe('enveloped-data');
      expect(enveloped.der.length).toBe(Number(entity.headers.get('content-length')));
      expect(enveloped.der.subarray(2, 2 + ENVELOPED_DATA_OID.length).equals(ENVELOPED_DATA_OID)).toBe(true);
    });
  }
});

describe('Mendelson AS2 → Courier: signed MDN (mecas2_signed.mdn)', () => {
  const entity = parseEntity(capture('mecas2_signed.mdn'));
  const signed = readMultipartSigned(entity);
  const report = readDispositionReport(signed.content);

  it('is multipart/signed (micalg sha1) around multipart/report; report-type=disposition-notification', () => {
    expect(signed.micalg).toEqual(['sha1']);
    expect(signed.content.contentType.mediaType).toBe('multipart/report');
    expect(signed.content.parts.map((part) => part.contentType.mediaType)).toEqual(['text/plain', 'message/disposition-notification']);
  });

  it('reads the human part and every disposition-notification field', () => {
    expect(report.text.startsWith('The AS2 message has been received.')).toBe(true);
    const { notification } = report;
    expect(notification.reportingUa).toBe('mendelson opensource AS2');
    expect(notification.originalRecipient).toEqual({ addressType: 'rfc822', address: 'mecas2' });
    expect(notification.finalRecipient).toEqual({ addressType: 'rfc822', address: 'mecas2' });
    expect(notification.originalMessageId).toBe('<20161230102456.10748.40759@imac.local>');
    expect(notification.disposition).toEqual({ actionMode: 'automatic-action', sendingMode: 'MDN-sent-automatically', type: 'processed' });
    expect(notification.receivedContentMic!.algorithm).toBe('sha256');
    expect(notification.receivedContentMic!.digest.toString('base64')).toBe('O4bvrm5t2YunRfwvZicNdEUmPaPZ9vUslX8loVLDck0=');
  });

  it('hands the verifier the exact signed bytes (CRLF capture; signer certificate is the one embedded in the MDN)', () => {
    // Signed in 2016 with an older "CN=mecas2" certificate carried in the SignedData, not cert_mecas2_public.pem.
    expect(opensslVerifies(signed.content.rawBytes, signed.signature.body, false)).toBe(true);
    expect(opensslVerifies(signed.content.rawBytes, signed.signature.body, true)).toBe(false);
    expect(opensslVerifies(signed.content.rawBytes.subarray(0, -2), signed.signature.body, false)).toBe(false);
  });
});

describe('Mendelson AS2 → Courier: unsigned MDN reporting a failure (mecas2_unsigned.mdn)', () => {
  const entity = parseEntity(capture('mecas2_unsigned.mdn'));
  const report = readDispositionReport(entity);

  it('reads the LF-only multipart/report with disposition processed/error: authentication-failed and no MIC', () => {
    expect(entity.contentType.params.get('report-type')).toBe('disposition-notification');
    expect(report.text).toContain('Error verifying the senders digital signature');
    expect(report.notification.originalMessageId).toBe('<20161230102316.10728.85252@imac.local>');
    expect(report.notification.disposition).toEqual({
      actionMode: 'automatic-action',
      sendingMode: 'MDN-sent-automatically',
      type: 'processed',
      modifier: { kind: 'error', description: 'authentication-failed' },
    });
    expect(report.notification.receivedContentMic).toBeUndefined();
  });
});
