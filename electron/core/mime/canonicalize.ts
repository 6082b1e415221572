// Why this file exists: S/MIME signs the canonical form of an entity (RFC 5751 §3.1.1): text line ends are CRLF.
// Senders that store text with bare LF must convert before signing, and a receiver must sometimes rebuild the form
// that was signed. Binary content is never converted (RFC 4130 §5.2.1); only the caller knows which is which.
import type { ChunkCoder } from './chunks';
import { codeAll, transformOf } from './chunks';
import type { Transform } from 'node:stream';
import type { MimeEntity } from './entity';

const CR = 0x0d;
const LF = 0x0a;

/**
 * Bare LF becomes CRLF; CRLF stays; a CR not followed by LF is left alone (it is not a line end). Streaming: a CR at
 * the end of one chunk and an LF at the start of the next are one line end.
 */
export class CrlfCanonicalizer implements ChunkCoder {
  private lastWasCr = false;

  push(chunk: Uint8Array): Buffer {
    let bareLfs = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === LF && (i > 0 ? chunk[i - 1] !== CR : !this.lastWasCr)) bareLfs++;
    }
    const out = Buffer.allocUnsafe(chunk.length + bareLfs);
    let length = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === LF && (i > 0 ? chunk[i - 1] !== CR : !this.lastWasCr)) out[length++] = CR;
      out[length++] = byte;
    }
    if (chunk.length > 0) this.lastWasCr = chunk[chunk.length - 1] === CR;
    return out;
  }

  end(): Buffer {
    this.lastWasCr = false;
    return Buffer.alloc(0);
  }
}

export function toCrlf(bytes: Uint8Array): Buffer {
  return codeAll(new CrlfCanonicalizer(), bytes);
}

/** A Node Transform that canonicalises line ends, for piping a large text payload into a signer. */
export function crlfTransform(): Transform {
  return transformOf(new CrlfCanonicalizer());
}

/**
 * The entity with its header section in canonical CRLF form and its body exactly as received. Some captures and
 * gateways turn the CRLFs of a signed part into LF; the signer's canonical form had CRLF headers and (for binary
 * content) the body untouched, so this is the second form a verifier can try after the raw bytes.
 */
export function withCanonicalHeaders(entity: MimeEntity): Buffer {
  return Buffer.concat([toCrlf(entity.rawHeaderBytes), entity.rawBodyBytes]);
}
