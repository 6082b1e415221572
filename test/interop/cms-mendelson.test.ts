// Real AS2 captures from a Mendelson AS2 server (Bouncy Castle underneath; /work/shared/interop/mendelson-as2, from
// pyas2-lib's fixtures): BER EnvelopedData with indefinite lengths and chunked content, and detached SignedData.
// The multipart/signed entities are cut out by hand here (split on the boundary), not with the MIME layer.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptEnvelopedData } from '../../electron/core/cms/envelopedData';
import { decompressData } from '../../electron/core/cms/compressedData';
import { verifySignedData } from '../../electron/core/cms/signedDataVerification';
import { readMultipartSigned } from '../../electron/core/mime/multipartSigned';
import { parseEntity } from '../../electron/core/mime/parseEntity';
import { readPkcs7Mime } from '../../electron/core/mime/pkcs7Mime';
import { cmsFailure, flipBit } from '../support/cms';
import { mendelsonFile, PAYLOAD, pyas2libIdentity } from '../support/mendelson';

const file = mendelsonFile;
const payload = PAYLOAD;
const mendelsonCertificate = new X509Certificate(file('cert_mecas2_public.pem'));
const pyas2lib = pyas2libIdentity;

/** The HTTP body: the capture is headers, a blank line, then the raw body. */
function httpBody(capture: Buffer): Buffer {
  return capture.subarray(capture.indexOf('\n\r\n') + 3);
}

/** The two parts of a multipart/signed entity: the signed part's raw bytes and the decoded pkcs7-signature. */
function cutMultipartSigned(entity: Buffer, boundary: string, eol: string): { signed: Buffer; signature: Buffer } {
  const open = Buffer.from(`--${boundary}${eol}`);
  const between = Buffer.from(`${eol}--${boundary}${eol}`);
  const close = Buffer.from(`${eol}--${boundary}--`);
  const start = entity.indexOf(open) + open.length;
  const end = entity.indexOf(between, start);
  const signaturePart = entity.subarray(end + between.length, entity.indexOf(close, end));
  const body = signaturePart.subarray(signaturePart.indexOf(`${eol}${eol}`) + 2 * eol.length);
  return { signed: entity.subarray(start, end), signature: Buffer.from(body.toString('latin1'), 'base64') };
}

const boundaryOf = (entity: Buffer): string => /boundary="([^"]+)"/.exec(entity.toString('latin1'))![1]!;

describe('Mendelson AS2 captures', () => {
  it('mecas2_encrypted.as2: 3DES, RSA PKCS#1 v1.5, BER with chunked content — decrypts to payload.txt', () => {
    const body = httpBody(file('mecas2_encrypted.as2'));
    expect(body.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x80]));
    const opened = decryptEnvelopedData(body, [pyas2lib()]);
    expect(opened.contentCipher).toBe('des-ede3-cbc');
    expect(opened.keyTransport).toEqual({ scheme: 'rsa-pkcs1v15' });
    // Mendelson encrypted the bare payload here (no MIME headers inside), so it compares as is.
    expect(opened.content.equals(payload)).toBe(true);
  });

  it('mecas2_signed.as2: detached SHA-256 signature over the first part verifies with cert_mecas2_public.pem', async () => {
    // This capture was stored with LF line ends; the signed entity had CRLF header lines and a binary body.
    const body = httpBody(file('mecas2_signed.as2'));
    const { signed, signature } = cutMultipartSigned(body, boundaryOf(file('mecas2_signed.as2')), '\n');
    const split = signed.indexOf('\n\n');
    const canonical = Buffer.concat([Buffer.from(signed.subarray(0, split).toString('latin1').replace(/\n/g, '\r\n'), 'latin1'), Buffer.from('\r\n\r\n'), signed.subarray(split + 2)]);
    expect(canonical.subarray(canonical.indexOf('\r\n\r\n') + 4).equals(payload)).toBe(true);

    const verified = await verifySignedData(signature, { content: canonical, certificates: [mendelsonCertificate] });
    expect(verified.signers[0]!.certificate.fingerprint256).toBe(mendelsonCertificate.fingerprint256);
    expect(verified.signers[0]!.digestAlgorithm).toBe('sha256');
    expect(verified.signers[0]!.signatureAlgorithm.scheme).toBe('rsa-pkcs1v15');
    expect(verified.signers[0]!.signingTime).toEqual(new Date('2022-01-04T13:57:06Z'));
    expect((await cmsFailure(() => verifySignedData(signature, { content: flipBit(canonical, canonical.length - 10) }))).reason).toBe('digest-mismatch');
  });

  it('mecas2_signed_encrypted.as2: decrypts to a multipart/signed entity whose signature verifies and whose part is payload.txt', async () => {
    const entity = decryptEnvelopedData(httpBody(file('mecas2_signed_encrypted.as2')), [pyas2lib()]).content;
    const { signed, signature } = cutMultipartSigned(entity, boundaryOf(entity), '\r\n');
    const verified = await verifySignedData(signature, { content: signed, certificates: [mendelsonCertificate] });
    expect(verified.signers[0]!.certificate.fingerprint256).toBe(mendelsonCertificate.fingerprint256);
    expect(verified.signers[0]!.digestAlgorithm).toBe('sha256');
    expect(signed.subarray(signed.indexOf('\r\n\r\n') + 4).equals(payload)).toBe(true);
  });

  it('mecas2_signed.mdn: SHA-1 signature verifies with the certificate it carries (CN=mecas2, not cert_mecas2_public.pem)', async () => {
    const capture = file('mecas2_signed.mdn');
    const { signed, signature } = cutMultipartSigned(capture, boundaryOf(capture), '\r\n');
    const verified = await verifySignedData(signature, { content: signed });
    expect(verified.signers[0]!.digestAlgorithm).toBe('sha1');
    expect(verified.signers[0]!.certificate.subject).toMatch(/CN=mecas2/);
    expect(verified.signers[0]!.certificate.fingerprint256).not.toBe(mendelsonCertificate.fingerprint256);
  });
});

// The compressed captures go through the MIME layer: CompressedData (zlib) whose content is a MIME entity around
// payload.txt. Despite the README's "compressed", mecas2_compressed.as2 is also signed (multipart/signed).
describe('Mendelson AS2 captures: CompressedData (RFC 3274)', () => {
  /** Verifies a multipart/signed entity with Mendelson's certificate and returns its CompressedData DER. */
  async function verifiedCompressed(entity: Uint8Array): Promise<Uint8Array> {
    const signed = readMultipartSigned(parseEntity(entity));
    const verified = await verifySignedData(signed.signature.body, { content: signed.content.rawBytes, certificates: [mendelsonCertificate] });
    expect(verified.signers[0]!.certificate.fingerprint256).toBe(mendelsonCertificate.fingerprint256);
    expect(verified.signers[0]!.digestAlgorithm).toBe('sha256');
    const compressed = readPkcs7Mime(signed.content);
    expect(compressed.smimeType).toBe('compressed-data');
    return compressed.der;
  }

  it('mecas2_compressed.as2: signed (SHA-256) CompressedData decompresses to an entity whose body is payload.txt', async () => {
    const der = await verifiedCompressed(file('mecas2_compressed.as2'));
    const opened = await decompressData(der);
    expect(opened.contentType).toBe('1.2.840.113549.1.7.1');
    const inner = parseEntity(opened.content);
    expect(inner.headers.get('content-disposition')).toBe('attachment; filename=payload.txt');
    expect(inner.body.equals(payload)).toBe(true);
    expect((await cmsFailure(() => decompressData(der, { maxBytes: 700 }))).reason).toBe('content-too-large');
  });

  it('mecas2_compressed_signed_encrypted.as2: 3DES → multipart/signed (SHA-256) → CompressedData → payload.txt', async () => {
    const opened = decryptEnvelopedData(readPkcs7Mime(parseEntity(file('mecas2_compressed_signed_encrypted.as2'))).der, [pyas2lib()]);
    expect(opened.contentCipher).toBe('des-ede3-cbc');
    const decompressed = await decompressData(await verifiedCompressed(opened.content));
    expect(parseEntity(decompressed.content).body.equals(payload)).toBe(true);
  });
});
