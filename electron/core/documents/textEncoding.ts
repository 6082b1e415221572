// Which character encoding an extract is in, found while it streams past: a byte order mark (UTF-8, UTF-16),
// else UTF-8 if every byte sequence is valid UTF-8, else the Windows code page ERP exports often use. UTF-16 is
// re-encoded to UTF-8 on the way so the delimited-text scan only ever sees ASCII-compatible bytes.
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The encoding a byte order mark announces, and its length; null without one. */
export function byteOrderMark(head: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Turns the bytes of a stream into UTF-8 for the scan, and tells at the end which encoding they were in. */
export class EncodingTracker {
  private readonly utf16: TextDecoder | null;
  private readonly utf8Check: TextDecoder | null;
  private valid = true;

  constructor(private readonly bom: TextEncodingName | null) {
    this.utf16 = bom === 'utf-16le' || bom === 'utf-16be' ? new TextDecoder(bom) : null;
    this.utf8Check = this.utf16 ? null : new TextDecoder('utf-8', { fatal: true });
  }

  /** The chunk as UTF-8 (or ASCII-compatible) bytes. */
  transcode(chunk: Uint8Array): Uint8Array {
    if (this.utf16) return Buffer.from(this.utf16.decode(chunk, { stream: true }), 'utf8');
    if (this.valid) {
      try {
        this.utf8Check!.decode(chunk, { stream: true });
      } catch {
        this.valid = false;
      }
    }
    return chunk;
  }

  /** Call once after the last chunk. */
  finish(): { encoding: TextEncodingName; tail: Uint8Array } {
    if (this.utf16) return { encoding: this.bom!, tail: Buffer.from(this.utf16.decode(), 'utf8') };
    if (this.valid) {
      try {
        this.utf8Check!.decode();
      } catch {
        this.valid = false;
      }
    }
    return { encoding: this.valid ? (this.bom ?? 'utf-8') : 'windows-1252', tail: new Uint8Array(0) };
  }
}

/** Decodes preview bytes (already UTF-8 for UTF-16 files) with the encoding found. */
export function decodeCell(bytes: Uint8Array, encoding: TextEncodingName, maxChars: number): string {
  const text = encoding === 'windows-1252' ? new TextDecoder('windows-1252').decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}
