// Why this file exists: MIME names character sets by IANA label (RFC 2046 §4.1.2, RFC 2047, RFC 2231); one place
// turns a label from the wire into a decoder, or says it is unknown.
import { excerpt, MimeError } from './mimeError';

const decoders = new Map<string, TextDecoder>();

/** A decoder for an IANA charset label (as the WHATWG Encoding Standard maps them), or undefined when unknown. */
export function textDecoderFor(label: string): TextDecoder | undefined {
  const key = label.trim().toLowerCase();
  const known = decoders.get(key);
  if (known) return known;
  try {
    const decoder = new TextDecoder(key);
    decoders.set(key, decoder);
    return decoder;
  } catch {
    return undefined;
  }
}

/** Decodes text in the named charset (us-ascii when none is named, RFC 2045 §5.2); an unknown label is an error. */
export function decodeText(bytes: Uint8Array, label = 'us-ascii'): string {
  const decoder = textDecoderFor(label);
  if (!decoder) {
    throw new MimeError('unsupported-charset', `Unknown character set ${excerpt(label, 24)}`);
  }
  return decoder.decode(bytes);
}
