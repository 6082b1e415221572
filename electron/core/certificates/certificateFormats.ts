// What a certificate file holds, told from its content rather than its name: PEM (CERTIFICATE or PKCS7 blocks),
// a DER certificate, a PKCS#7 bundle (.p7b/.p7c, PEM or DER; what `openssl crl2pkcs7` and Windows export), or a
// PKCS#12 identity, which pkcs12Import opens. Size is checked before any parsing; nothing here echoes content.
import * as asn1js from 'asn1js';
import { MAX_CERTIFICATE_FILE_BYTES } from '../../../shared/ipc';
import { readBerTree } from '../cms/berDecoding';
import { CmsError } from '../cms/cmsError';
import { readContentInfo } from '../cms/contentInfo';
import { oidSignedData } from '../cms/oids';
import { CourierError } from '../errors';
import { parseCertificateBundle } from '../tls/certificateBundle';

export type CertificateFileFormat = 'pem' | 'der' | 'pkcs7' | 'pkcs12';

export type CertificateFile =
  | { format: 'pem' | 'der' | 'pkcs7'; certificates: Buffer[] }
  /** Opened by readPkcs12, which needs the password. */
  | { format: 'pkcs12' };

/** More than any real chain or CA bundle a partner sends. */
export const MAX_FILE_CERTIFICATES = 100;

const PKCS7_LABELS = ['PKCS7', 'CMS'];
const CONTEXT_SPECIFIC = 3;

export function checkFileSize(size: number, fileName: string): void {
  if (size > MAX_CERTIFICATE_FILE_BYTES) {
    throw new CourierError('BAD_INPUT', `${fileName} is ${size} bytes; a certificate file has at most ${MAX_CERTIFICATE_FILE_BYTES} (1 MiB).`, 'Give the certificate, chain or PKCS#12 file itself.');
  }
  if (size === 0) throw new CourierError('BAD_INPUT', `${fileName} is empty.`, 'Give a PEM, DER, PKCS#7 or PKCS#12 file.');
}

export function readCertificateFile(bytes: Uint8Array, fileName: string): CertificateFile {
  checkFileSize(bytes.byteLength, fileName);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = data.toString('latin1');
  if (text.includes('-----BEGIN ')) {
    const pkcs7 = pemPkcs7(text, fileName);
    if (pkcs7) return { format: 'pkcs7', certificates: pkcs7Certificates(pkcs7, fileName) };
    return { format: 'pem', certificates: limited(parseCertificateBundle(data, fileName).map((facts) => facts.x509.raw), fileName) };
  }
  return readDer(data, fileName);
}

/** The body of a PKCS7 PEM block (RFC 7468 §10), if the text has one. */
function pemPkcs7(text: string, fileName: string): Buffer | undefined {
  for (const label of PKCS7_LABELS) {
    const begin = text.indexOf(`-----BEGIN ${label}-----`);
    if (begin < 0) continue;
    const bodyStart = begin + label.length + 16;
    const end = text.indexOf(`-----END ${label}-----`, bodyStart);
    const body = end < 0 ? '' : text.slice(bodyStart, end);
    if (end < 0 || !/^[A-Za-z0-9+/=\s]*$/.test(body)) {
      throw new CourierError('BAD_INPUT', `${fileName} has a ${label} block that is truncated or not base64.`, 'Export the bundle again.');
    }
    return Buffer.from(body, 'base64');
  }
  return undefined;
}

/** A DER file is told apart by its outer SEQUENCE: PFX starts with INTEGER 3, ContentInfo with an OID, a certificate with a SEQUENCE. */
function readDer(data: Buffer, fileName: string): CertificateFile {
  const tree = outerSequence(data, fileName);
  const first = tree.valueBlock.value[0];
  if (first instanceof asn1js.Integer) return { format: 'pkcs12' };
  if (first instanceof asn1js.ObjectIdentifier) return { format: 'pkcs7', certificates: pkcs7Certificates(data, fileName) };
  return { format: 'der', certificates: [data] };
}

function outerSequence(data: Buffer, fileName: string): asn1js.Sequence {
  let tree: asn1js.AsnType | undefined;
  try {
    tree = readBerTree(data, fileName);
  } catch {
    tree = undefined;
  }
  if (!(tree instanceof asn1js.Sequence) || tree.valueBlock.value.length === 0) {
    throw new CourierError('BAD_INPUT', `${fileName} is neither PEM nor a DER certificate, PKCS#7 bundle or PKCS#12 file.`, 'Give a .pem, .crt, .cer, .der, .p7b, .p7c, .p12 or .pfx file.');
  }
  return tree;
}

/**
 * RFC 2315 / RFC 5652 SignedData used as a certificate bag: its `certificates` ([0] IMPLICIT SET), in file order,
 * each exactly as encoded (re-encoding could change a fingerprint). Other certificate choices are skipped.
 */
function pkcs7Certificates(der: Buffer, fileName: string): Buffer[] {
  const what = `The PKCS#7 bundle ${fileName}`;
  let signedData: asn1js.AsnType;
  try {
    signedData = readContentInfo(der, oidSignedData, what);
  } catch (error) {
    if (error instanceof CmsError) throw new CourierError('BAD_INPUT', error.message, 'The bundle is damaged, truncated or not a certificate bundle; export it again.');
    throw error;
  }
  const fields = signedData instanceof asn1js.Sequence ? signedData.valueBlock.value : [];
  const set = fields.find((node) => node.idBlock.tagClass === CONTEXT_SPECIFIC && node.idBlock.tagNumber === 0 && node.idBlock.isConstructed);
  const members = (set?.valueBlock as { value?: asn1js.AsnType[] } | undefined)?.value ?? [];
  const certificates = members.filter((node) => node instanceof asn1js.Sequence).map((node) => Buffer.from(node.valueBeforeDecodeView));
  if (certificates.length === 0) throw new CourierError('BAD_INPUT', `${what} holds no certificate.`, 'Export the bundle again with its certificates.');
  return limited(certificates, fileName);
}

function limited(certificates: Buffer[], fileName: string): Buffer[] {
  if (certificates.length > MAX_FILE_CERTIFICATES) {
    throw new CourierError('BAD_INPUT', `${fileName} holds ${certificates.length} certificates; Courier imports at most ${MAX_FILE_CERTIFICATES} from one file.`, 'Split the file, or give only the certificates you need.');
  }
  return certificates;
}
