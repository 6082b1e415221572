// A certificate file chosen or dropped by the user, made ready for the contract: refused above 1 MiB before
// a byte is read, read with FileReader, and handed over as base64. PKCS#12 files are recognised by name so
// the password can be asked before the first call.
import { MAX_CERTIFICATE_FILE_BYTES } from '../../../../shared/ipc';
import { FileRefusal, readAsBase64 } from '../../ui/fileContent';

export interface CertificateFile {
  fileName: string;
  contentBase64: string;
  /** .p12 / .pfx: a password will be needed. */
  pkcs12: boolean;
}

export const ACCEPTED_EXTENSIONS = ['.pem', '.crt', '.cer', '.der', '.p7b', '.p7c', '.p12', '.pfx'] as const;

export function isPkcs12Name(fileName: string): boolean {
  return /\.(p12|pfx)$/i.test(fileName);
}

export async function readCertificateFile(file: File): Promise<CertificateFile> {
  if (file.size > MAX_CERTIFICATE_FILE_BYTES) {
    throw new FileRefusal(
      `${file.name} is ${file.size.toLocaleString('en')} bytes; a certificate file has at most 1 MiB (${MAX_CERTIFICATE_FILE_BYTES.toLocaleString('en')} bytes).`,
      'Give the certificate, chain or PKCS#12 file itself, not an archive or a folder of them.',
    );
  }
  if (file.size === 0) throw new FileRefusal(`${file.name} is empty.`, 'Give a PEM, DER, PKCS#7 or PKCS#12 file.');
  return { fileName: file.name, contentBase64: await readAsBase64(file), pkcs12: isPkcs12Name(file.name) };
}
