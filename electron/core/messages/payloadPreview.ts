// A payload preview a person can read: the first 16 KiB as text when the bytes are text (UTF-8 without control
// characters other than tab and line ends), nothing for binary payloads.
import type { BlobStore, StoredBlob } from '../store/blobs';

export const PREVIEW_BYTES = 16 * 1024;

export async function previewOf(blobs: BlobStore, payload: StoredBlob, contentType: string | null): Promise<{ preview: string | null; previewTruncated: boolean }> {
  const stream = blobs.open(payload.sha256);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= PREVIEW_BYTES) break;
  }
  stream.destroy();
  const head = Buffer.concat(chunks).subarray(0, PREVIEW_BYTES);
  const text = asText(head, payload.size > PREVIEW_BYTES, contentType);
  return { preview: text, previewTruncated: text !== null && payload.size > PREVIEW_BYTES };
}

function asText(bytes: Buffer, truncated: boolean, contentType: string | null): string | null {
  if (contentType && /^(image|audio|video)\//i.test(contentType)) return null;
  // A cut at 16 KiB may split one UTF-8 sequence: allow dropping up to 3 trailing bytes, only when cut.
  for (let drop = 0; drop <= (truncated ? 3 : 0); drop++) {
    const text = decodeUtf8(bytes.subarray(0, bytes.length - drop));
    if (text !== null) return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? null : text;
  }
  return null;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
