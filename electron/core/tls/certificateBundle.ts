// Reads certificates a user hands in (a CA file, a pasted PEM bundle): PEM with one or more CERTIFICATE
// blocks, or a single DER certificate. Anything else — other PEM blocks such as keys, garbage, oversized
// input — is refused with a typed error that never echoes the content.
import { CourierError } from '../errors';
import { certificateFacts, type CertificateFacts } from './certificateFacts';

/** Far above any real CA bundle (the whole Mozilla root store is ~220 KiB). */
export const MAX_BUNDLE_BYTES = 1 << 20;
export const MAX_BUNDLE_CERTIFICATES = 500;

const BASE64_BODY = /^[A-Za-z0-9+/=\s]*$/;

export function parseCertificateBundle(input: string | Uint8Array, source: string): CertificateFacts[] {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_BUNDLE_BYTES) {
    throw new CourierError('BAD_INPUT', `${source} is ${size} bytes, more than the ${MAX_BUNDLE_BYTES} a certificate bundle may have.`, 'Give a file with only the CA certificates you need.');
  }
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const text = bytes.toString('latin1');
  const certificates = text.includes('-----BEGIN ') ? fromPem(text, source) : [fromDer(bytes, source, 1)];
  if (certificates.length === 0) {
    throw new CourierError('BAD_INPUT', `${source} holds no certificate.`, 'Give a PEM file with -----BEGIN CERTIFICATE----- blocks, or a DER certificate.');
  }
  return certificates;
}

function fromPem(text: string, source: string): CertificateFacts[] {
  const certificates: CertificateFacts[] = [];
  for (const { label, body } of pemBlocks(text, source)) {
    if (label !== 'CERTIFICATE') {
      throw new CourierError('BAD_INPUT', `${source} holds a "${label.slice(0, 40)}" block; only certificates are accepted here.`, 'Remove everything but the CERTIFICATE blocks (never hand a private key to a trust store).');
    }
    if (certificates.length === MAX_BUNDLE_CERTIFICATES) {
      throw new CourierError('BAD_INPUT', `${source} holds more than ${MAX_BUNDLE_CERTIFICATES} certificates.`, 'Give only the CA certificates you need.');
    }
    if (!BASE64_BODY.test(body)) {
      throw new CourierError('BAD_INPUT', `Certificate ${certificates.length + 1} in ${source} is not valid base64.`, 'Export the certificate again as PEM.');
    }
    certificates.push(fromDer(Buffer.from(body, 'base64'), source, certificates.length + 1));
  }
  return certificates;
}

/** One forward scan (no backtracking regex), so hostile input costs time linear in its size. */
function* pemBlocks(text: string, source: string): Generator<{ label: string; body: string }> {
  let at = text.indexOf('-----BEGIN ');
  while (at >= 0) {
    const labelEnd = text.indexOf('-----', at + 11);
    const label = labelEnd < 0 ? '' : text.slice(at + 11, labelEnd);
    const end = labelEnd < 0 || label.length > 64 ? -1 : text.indexOf(`-----END ${label}-----`, labelEnd + 5);
    if (end < 0) {
      throw new CourierError('BAD_INPUT', `${source} has a PEM block that does not end.`, 'The file is truncated or damaged; export it again.');
    }
    yield { label, body: text.slice(labelEnd + 5, end) };
    at = text.indexOf('-----BEGIN ', end + label.length + 14);
  }
}

function fromDer(der: Buffer, source: string, position: number): CertificateFacts {
  try {
    return certificateFacts(der);
  } catch {
    throw new CourierError('BAD_INPUT', `Certificate ${position} in ${source} cannot be read as an X.509 certificate.`, 'Give a PEM or DER certificate file.');
  }
}
