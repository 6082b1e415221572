// Why this file exists: partners send CMS as DER or as BER with indefinite lengths and chunked OCTET STRINGs (what
// Bouncy Castle writes); every read of outside bytes goes through here, so limits and typed errors are the same.
import * as asn1js from 'asn1js';
import { AsnParser } from '@peculiar/asn1-schema';
import { CmsError } from './cmsError';

type Schema<T> = new () => T;

/**
 * asn1js limits sized to the input: a node takes at least two bytes and no content can be longer than the input,
 * so large AS2 payloads (many 1000-byte BER chunks) parse while nesting stays bounded. OCTET STRING contents are
 * never parsed as embedded BER (ciphertext and payloads are opaque here).
 */
function limitsFor(length: number): asn1js.FromBerOptions {
  return { maxDepth: 64, maxNodes: Math.ceil(length / 2) + 16, maxContentLength: length, parseEmbedded: false };
}

function toView(bytes: Uint8Array | ArrayBuffer): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

/** The asn1js tree of the first BER element in `bytes` (bytes after it are ignored, as OpenSSL and BC do). */
export function readBerTree(bytes: Uint8Array | ArrayBuffer, what: string): asn1js.AsnType {
  const view = toView(bytes);
  if (view.length === 0) throw new CmsError('malformed', `${what} is empty`);
  let parsed: asn1js.FromBerResult;
  try {
    parsed = asn1js.fromBER(view, limitsFor(view.length));
  } catch {
    // asn1js throws (rather than reporting) on some impossible values, e.g. a UniversalString of odd length.
    throw new CmsError('malformed', `${what} is not valid BER/DER: an element has an impossible value`);
  }
  if (parsed.offset === -1 || parsed.result.error) {
    throw new CmsError('malformed', `${what} is not valid BER/DER: ${parsed.result.error || 'unreadable encoding'}`);
  }
  if (hasUnterminatedIndefiniteLength(parsed.result)) {
    throw new CmsError('malformed', `${what} is truncated: an indefinite-length element has no end-of-contents marker`);
  }
  return parsed.result;
}

/** asn1js only warns when input ends inside an indefinite-length element; for us that is a truncated message. */
function hasUnterminatedIndefiniteLength(root: asn1js.AsnType): boolean {
  const pending: asn1js.AsnType[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (!node.idBlock?.isConstructed) continue; // asn1js leaves idBlock-less placeholders in some broken input
    const block = node.valueBlock as { value?: asn1js.AsnType[]; warnings?: string[] };
    if (block.warnings?.includes('No EndOfContent block encoded')) return true;
    pending.push(...(block.value ?? []));
  }
  return false;
}

/** A typed view (an @peculiar schema class) of an already parsed tree. */
export function fromBerTree<T>(tree: asn1js.AsnType, schema: Schema<T>, what: string): T {
  try {
    // The schema layer re-parses some pieces (constructed OCTET STRINGs): same limits, sized to this element.
    return AsnParser.fromASN(tree, schema, { berOptions: limitsFor(tree.valueBeforeDecodeView.byteLength) });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : 'unexpected structure';
    throw new CmsError('malformed', `${what} does not have the structure RFC 5652 defines: ${detail}`);
  }
}

/** Parses `bytes` as BER into the schema `schema`; any failure is a CmsError 'malformed' naming `what`. */
export function decodeBer<T>(bytes: Uint8Array | ArrayBuffer, schema: Schema<T>, what: string): T {
  return fromBerTree(readBerTree(bytes, what), schema, what);
}

const UNIVERSAL = 1;
const OCTET_STRING = 4;

/**
 * The value of an OCTET STRING whatever its encoding: primitive, or constructed from (possibly nested) chunks, as BER
 * allows (RFC 5652 §5.2 eContent, §6.1 encryptedContent). `node` may carry an implicit tag; chunks must be OCTET STRINGs.
 */
export function octetStringValue(node: asn1js.AsnType, what: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  const collect = (n: asn1js.AsnType, depth: number): void => {
    const block = n.valueBlock as { value?: asn1js.AsnType[]; valueHexView?: Uint8Array };
    if (!n.idBlock.isConstructed) {
      chunks.push(block.valueHexView ?? new Uint8Array(0));
      return;
    }
    for (const child of block.value ?? []) {
      if (child instanceof asn1js.EndOfContent) continue;
      if (child.idBlock?.tagClass !== UNIVERSAL || child.idBlock.tagNumber !== OCTET_STRING || depth > 8) {
        throw new CmsError('malformed', `${what} is a constructed OCTET STRING with a chunk that is not an OCTET STRING`);
      }
      collect(child, depth + 1);
    }
  };
  collect(node, 0);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** The value of an encoded OCTET STRING given as bytes (an ANY the schema left raw). */
export function decodeOctetString(bytes: Uint8Array | ArrayBuffer, what: string): Uint8Array {
  const tree = readBerTree(bytes, what);
  if (tree.idBlock.tagClass !== UNIVERSAL || tree.idBlock.tagNumber !== OCTET_STRING) {
    throw new CmsError('malformed', `${what} is not an OCTET STRING`);
  }
  return octetStringValue(tree, what);
}
