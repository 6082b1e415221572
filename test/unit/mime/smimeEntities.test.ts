// Reading the S/MIME containers: multipart/signed shape (RFC 1847) and application/pkcs7-mime smime-type (RFC 8551).
import { describe, expect, it } from 'vitest';
import { readMultipartSigned } from '../../../electron/core/mime/multipartSigned';
import { parseEntity } from '../../../electron/core/mime/parseEntity';
import { parseSmimeType, readPkcs7Mime } from '../../../electron/core/mime/pkcs7Mime';
import { mimeReason } from '../../support/mimeErrors';

const entity = (text: string) => parseEntity(Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1'));
const signed = (params: string, parts: string) => entity(`Content-Type: multipart/signed; ${params}; boundary=b\n\n${parts}--b--\n`);
const SIG = '--b\nContent-Type: application/pkcs7-signature\nContent-Transfer-Encoding: base64\n\nMIAG\n';

describe('multipart/signed', () => {
  it('accepts the x-pkcs7-signature spelling and a missing micalg', () => {
    const parsed = readMultipartSigned(signed('protocol="application/x-pkcs7-signature"', `--b\n\ncontent\n${SIG.replace('pkcs7-signature', 'x-pkcs7-signature')}`));
    expect(parsed.micalg).toEqual([]);
    expect(parsed.content.body.toString()).toBe('content');
    expect(parsed.signature.body.equals(Buffer.from([0x30, 0x80, 0x06]))).toBe(true);
  });

  it('refuses a missing or foreign protocol, the wrong number of parts, and a second part of another type', () => {
    expect(mimeReason(() => readMultipartSigned(signed('micalg=sha-256', `--b\n\nx\n${SIG}`)))).toBe('bad-multipart-signed');
    expect(mimeReason(() => readMultipartSigned(signed('protocol="application/pgp-signature"', `--b\n\nx\n${SIG}`)))).toBe('bad-multipart-signed');
    expect(mimeReason(() => readMultipartSigned(signed('protocol="application/pkcs7-signature"', `--b\n\nx\n`)))).toBe('bad-multipart-signed');
    expect(mimeReason(() => readMultipartSigned(signed('protocol="application/pkcs7-signature"', `--b\n\nx\n--b\n\ny\n`)))).toBe('bad-multipart-signed');
    expect(mimeReason(() => readMultipartSigned(entity('Content-Type: text/plain\n\nx')))).toBe('bad-multipart-signed');
    expect(mimeReason(() => readMultipartSigned(signed('protocol="application/pkcs7-signature"; micalg=sha-999', `--b\n\nx\n${SIG}`)))).toBe(
      'unsupported-micalg',
    );
  });
});

describe('application/pkcs7-mime', () => {
  it('reads every smime-type whatever its case, and the x- media type', () => {
    for (const type of ['enveloped-data', 'signed-data', 'compressed-data', 'authEnveloped-data', 'certs-only']) {
      expect(parseSmimeType(type.toUpperCase())).toBe(type);
    }
    const read = readPkcs7Mime(entity('Content-Type: application/x-pkcs7-mime; smime-type=AuthEnveloped-Data\n\n0\x80'));
    expect(read.smimeType).toBe('authEnveloped-data');
  });

  it('infers compressed-data from a .p7z name when smime-type is missing, and otherwise leaves it to CMS', () => {
    expect(readPkcs7Mime(entity('Content-Type: application/pkcs7-mime; name="smime.p7z"\n\n0\x80')).smimeType).toBe('compressed-data');
    expect(readPkcs7Mime(entity('Content-Type: application/pkcs7-mime; name=smime.p7m\n\n0\x80')).smimeType).toBeUndefined();
    expect(readPkcs7Mime(entity('Content-Type: application/pkcs7-mime; name=x.constructor\n\n0\x80')).smimeType).toBeUndefined();
  });

  it('refuses an unknown smime-type, an empty body and another media type', () => {
    expect(mimeReason(() => readPkcs7Mime(entity('Content-Type: application/pkcs7-mime; smime-type=x-data\n\n0')))).toBe('bad-pkcs7-mime');
    expect(mimeReason(() => readPkcs7Mime(entity('Content-Type: application/pkcs7-mime; smime-type=enveloped-data\n\n')))).toBe('bad-pkcs7-mime');
    expect(mimeReason(() => readPkcs7Mime(entity('Content-Type: text/plain\n\nx')))).toBe('bad-pkcs7-mime');
  });
});
