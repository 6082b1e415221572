// The extra CA an inspection may try, as the page takes it: PEM text pasted, or a certificate file read in
// the browser (FileReader) — PEM as it is, a DER certificate (.cer, .der) wrapped as PEM — and sent as
// text. Only certificates belong here: a private key is refused before it leaves the page.
export const MAX_EXTRA_CA_BYTES = 1 << 20;

export type ExtraCaText = { ok: true; pem: string } | { ok: false; message: string };

/** Why a pasted or loaded text cannot be used as an extra CA, or null when it can. */
export function extraCaProblem(text: string): string | null {
  if (text.length > MAX_EXTRA_CA_BYTES) return 'The extra CA is larger than 1 MiB; give only the CA certificates you need.';
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return 'This holds a private key. Never hand a private key to a trust store: give only the CA certificate.';
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return 'Paste PEM text with -----BEGIN CERTIFICATE----- blocks, or choose a certificate file.';
  return null;
}

function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(file);
  });
}

function derAsPem(der: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < der.length; at += 0x8000) binary += String.fromCharCode(...der.subarray(at, at + 0x8000));
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export async function readExtraCaFile(file: File): Promise<ExtraCaText> {
  if (file.size > MAX_EXTRA_CA_BYTES) return { ok: false, message: `${file.name} is larger than 1 MiB; give a file with only the CA certificates you need.` };
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(file);
  } catch {
    return { ok: false, message: `${file.name} could not be read.` };
  }
  const text = new TextDecoder().decode(bytes);
  if (text.includes('-----BEGIN ')) {
    const problem = extraCaProblem(text);
    return problem === null ? { ok: true, pem: text } : { ok: false, message: `${file.name}: ${problem}` };
  }
  // A DER certificate starts with a SEQUENCE; Courier parses it and says so if it is not a certificate.
  if (bytes[0] === 0x30) return { ok: true, pem: derAsPem(bytes) };
  return { ok: false, message: `${file.name} is neither PEM text nor a DER certificate.` };
}
