// Why this file exists: every CMS object travels wrapped in a ContentInfo (RFC 5652 §3); this reads one of the type a
// step expects (DER or BER) and writes one, so SignedData and EnvelopedData code never sees the wrapper.
import * as asn1js from 'asn1js';
import { ContentInfo } from '@peculiar/asn1-cms';
import { fromBerTree, readBerTree } from './berDecoding';
import { CmsError } from './cmsError';
import { oidData, oidEnvelopedData, oidSignedData } from './oids';

const contentTypeNames: Record<string, string> = {
  [oidData]: 'data',
  [oidSignedData]: 'signed-data',
  [oidEnvelopedData]: 'enveloped-data',
  '1.2.840.113549.1.9.16.1.9': 'compressed-data',
  '1.2.840.113549.1.9.16.1.23': 'auth-enveloped-data',
};

export function contentTypeName(oid: string): string {
  return contentTypeNames[oid] ?? oid;
}

/**
 * Reads a ContentInfo whose contentType is `expected` and returns the parsed tree of its content. `what` names the
 * message in errors ("The encrypted message").
 */
export function readContentInfo(bytes: Uint8Array, expected: string, what: string): asn1js.AsnType {
  const tree = readBerTree(bytes, what);
  const info = fromBerTree(tree, ContentInfo, `${what} (ContentInfo)`);
  if (info.contentType !== expected) {
    throw new CmsError(
      'unexpected-content-type',
      `${what} is CMS ${contentTypeName(info.contentType)}, not ${contentTypeName(expected)}`,
    );
  }
  const explicit = (tree.valueBlock as asn1js.Sequence['valueBlock']).value[1] as asn1js.Constructed | undefined;
  const content = explicit?.valueBlock.value.find((node) => !(node instanceof asn1js.EndOfContent));
  if (!content) throw new CmsError('malformed', `${what} (ContentInfo) has no content`);
  return content;
}

/** DER of ContentInfo { contentType, [0] EXPLICIT content }. */
export function writeContentInfo(contentType: string, content: asn1js.AsnType): Uint8Array {
  const info = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: contentType }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [content] }),
    ],
  });
  return new Uint8Array(info.toBER(false));
}
