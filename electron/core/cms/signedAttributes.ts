// Why this file exists: with signed attributes (RFC 5652 §5.3, §5.4, §11) the signature covers the attributes, and
// the content only through the message-digest attribute. This builds the set we sign (content-type, message-digest,
// signing-time, SMIMECapabilities, CMSAlgorithmProtection — the last three switchable, since some partners such as
// IBM Sterling reject CMSAlgorithmProtection) and reads and checks the set a partner signed.
import * as asn1js from 'asn1js';
import { Attribute } from '@peculiar/asn1-cms';
import { AsnConvert, AsnSerializer } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { fromBerTree, readBerTree } from './berDecoding';
import { berElementEnd, readBerHeader, writeBerHeader } from './berStreaming';
import { CmsError } from './cmsError';
import {
  oidAes128Cbc,
  oidAes192Cbc,
  oidAes256Cbc,
  oidCmsAlgorithmProtection,
  oidContentType,
  oidDesEde3Cbc,
  oidMessageDigest,
  oidRc2Cbc,
  oidSigningTime,
  oidSmimeCapabilities,
} from './oids';

export interface SignedAttributeOptions {
  /** true (default): now; a Date: that time; false: no signing-time. */
  signingTime?: boolean | Date;
  /** Default true: tell the partner which content ciphers we decrypt (RFC 8551 §2.5.2). */
  smimeCapabilities?: boolean;
  /** Default true: bind the digest and signature algorithms into the signature (RFC 6211). */
  algorithmProtection?: boolean;
}

export interface SignedAttributeInput {
  contentType: string;
  messageDigest: Uint8Array;
  digestAlgorithm: AlgorithmIdentifier;
  signatureAlgorithm: AlgorithmIdentifier;
  options: SignedAttributeOptions;
}

function der(node: asn1js.AsnType): ArrayBuffer {
  return node.toBER(false);
}

function attribute(type: string, value: ArrayBuffer): Attribute {
  return new Attribute({ attrType: type, attrValues: [value] });
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise, whole seconds (RFC 5652 §11.3). */
function signingTimeValue(at: Date): ArrayBuffer {
  const seconds = new Date(Math.floor(at.getTime() / 1000) * 1000);
  const year = seconds.getUTCFullYear();
  return year >= 1950 && year < 2050 ? der(new asn1js.UTCTime({ valueDate: seconds })) : der(new asn1js.GeneralizedTime({ valueDate: seconds }));
}

/** Our decryption preferences, strongest first: AES-256/192/128, 3DES, RC2-128. The same bytes every time. */
const smimeCapabilitiesValue = (() => {
  let encoded: ArrayBuffer | undefined;
  return (): ArrayBuffer => {
    if (!encoded) {
      const capabilities = [oidAes256Cbc, oidAes192Cbc, oidAes128Cbc, oidDesEde3Cbc].map(
        (oid) => AsnSerializer.toASN(new AlgorithmIdentifier({ algorithm: oid })) as asn1js.AsnType,
      );
      capabilities.push(new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oidRc2Cbc }), new asn1js.Integer({ value: 128 })] }));
      encoded = der(new asn1js.Sequence({ value: capabilities }));
    }
    return encoded;
  };
})();

/** CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, signatureAlgorithm [1] IMPLICIT … } (RFC 6211 §2). */
function algorithmProtectionValue(digest: AlgorithmIdentifier, signature: AlgorithmIdentifier): ArrayBuffer {
  const signatureFields = (AsnSerializer.toASN(signature) as asn1js.Sequence).valueBlock.value;
  return der(
    new asn1js.Sequence({
      value: [
        AsnSerializer.toASN(digest) as asn1js.AsnType,
        new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: signatureFields }),
      ],
    }),
  );
}

/** The DER SET OF Attribute that is signed: the encoded attributes, already in sorted order (X.690 §11.6), in a SET. */
function setOf(sortedEncodings: Buffer[]): Buffer {
  const contents = Buffer.concat(sortedEncodings);
  return Buffer.concat([writeBerHeader(0x31, contents.length), contents]);
}

/** The element encodings inside a received SET (its contents, element by element), or null when they do not parse. */
function setElements(set: Buffer): Buffer[] | null {
  try {
    const header = readBerHeader(set, 0, 'The signed attributes');
    if (!header || header.length === undefined || header.headerLength + header.length !== set.length) return null;
    const elements: Buffer[] = [];
    for (let at = header.headerLength; at < set.length; ) {
      const end = berElementEnd(set, at, 'The signed attributes');
      if (end === undefined) return null;
      elements.push(set.subarray(at, end));
      at = end;
    }
    return elements;
  } catch {
    return null;
  }
}

/** The attributes in DER order and the exact bytes the signature covers. */
export function buildSignedAttributes(input: SignedAttributeInput): { attributes: Attribute[]; signedBytes: Buffer } {
  const { options } = input;
  const list = [
    attribute(oidContentType, der(new asn1js.ObjectIdentifier({ value: input.contentType }))),
    attribute(oidMessageDigest, der(new asn1js.OctetString({ valueHex: input.messageDigest }))),
  ];
  if (options.signingTime !== false) {
    list.push(attribute(oidSigningTime, signingTimeValue(options.signingTime instanceof Date ? options.signingTime : new Date())));
  }
  if (options.smimeCapabilities !== false) list.push(attribute(oidSmimeCapabilities, smimeCapabilitiesValue()));
  if (options.algorithmProtection !== false) {
    list.push(attribute(oidCmsAlgorithmProtection, algorithmProtectionValue(input.digestAlgorithm, input.signatureAlgorithm)));
  }
  const sorted = list
    .map((attr) => ({ attr, der: Buffer.from(AsnConvert.serialize(attr)) }))
    .sort((a, b) => Buffer.compare(a.der, b.der));
  return { attributes: sorted.map((s) => s.attr), signedBytes: setOf(sorted.map((s) => s.der)) };
}

/**
 * The byte strings a signature over these signed attributes may cover: the attributes as received, re-tagged from
 * [0] IMPLICIT to SET (RFC 5652 §5.4), and, when that differs, their DER re-encoding in sorted order (what OpenSSL
 * and Bouncy Castle verify against when a signer sent them unsorted).
 */
export function signedBytesCandidates(received: Uint8Array, attributes: readonly Attribute[]): Buffer[] {
  const asReceived = Buffer.from(received);
  asReceived[0] = 0x31;
  // Common case, cheaply: the elements as received are already in DER order, so the re-encoding would be the same
  // bytes (a signer that writes DER attributes writes them sorted). Otherwise re-encode each attribute and sort.
  const elements = setElements(asReceived);
  if (elements && elements.every((element, i) => i === 0 || Buffer.compare(elements[i - 1]!, element) <= 0)) return [asReceived];
  const canonical = setOf(attributes.map((attr) => Buffer.from(AsnConvert.serialize(attr))).sort(Buffer.compare));
  return canonical.equals(asReceived) ? [asReceived] : [asReceived, canonical];
}

export interface ReceivedSignedAttributes {
  contentType: string;
  messageDigest: Uint8Array;
  signingTime: Date | undefined;
  algorithmProtection: { digestAlgorithm: AlgorithmIdentifier; signatureAlgorithm: AlgorithmIdentifier | undefined } | undefined;
}

/** The single value of an attribute that RFC 5652 §11 says appears at most once with exactly one value. */
function single(attributes: readonly Attribute[], type: string, name: string, required: boolean): asn1js.AsnType | undefined {
  const found = attributes.filter((a) => a.attrType === type);
  if (found.length === 0) {
    if (required) throw new CmsError('bad-signed-attributes', `The signed attributes have no ${name} attribute (RFC 5652 §5.3 requires it)`);
    return undefined;
  }
  if (found.length > 1 || found[0]!.attrValues.length !== 1) {
    throw new CmsError('bad-signed-attributes', `The ${name} attribute must appear once with one value`);
  }
  return readBerTree(found[0]!.attrValues[0]!, `The ${name} attribute`);
}

function expectUniversal(node: asn1js.AsnType, tag: number, name: string): void {
  if (node.idBlock.tagClass !== 1 || node.idBlock.tagNumber !== tag) {
    throw new CmsError('bad-signed-attributes', `The ${name} attribute has the wrong type`);
  }
}

function readAlgorithmProtection(node: asn1js.AsnType): ReceivedSignedAttributes['algorithmProtection'] {
  expectUniversal(node, 16, 'CMSAlgorithmProtection');
  const [digest, ...rest] = (node as asn1js.Sequence).valueBlock.value;
  if (!digest) throw new CmsError('bad-signed-attributes', 'The CMSAlgorithmProtection attribute is empty');
  const tagged = rest.find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 1) as asn1js.Constructed | undefined;
  return {
    digestAlgorithm: fromBerTree(digest, AlgorithmIdentifier, 'The CMSAlgorithmProtection digest algorithm'),
    signatureAlgorithm: tagged
      ? fromBerTree(new asn1js.Sequence({ value: tagged.valueBlock.value }), AlgorithmIdentifier, 'The CMSAlgorithmProtection signature algorithm')
      : undefined,
  };
}

/** Reads content-type, message-digest, signing-time and CMSAlgorithmProtection from a partner's signed attributes. */
export function readSignedAttributes(attributes: readonly Attribute[]): ReceivedSignedAttributes {
  const contentType = single(attributes, oidContentType, 'content-type', true)!;
  expectUniversal(contentType, 6, 'content-type');
  const digest = single(attributes, oidMessageDigest, 'message-digest', true)!;
  expectUniversal(digest, 4, 'message-digest');
  const time = single(attributes, oidSigningTime, 'signing-time', false);
  if (time && !(time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime)) {
    throw new CmsError('bad-signed-attributes', 'The signing-time attribute is neither UTCTime nor GeneralizedTime');
  }
  const protection = single(attributes, oidCmsAlgorithmProtection, 'CMSAlgorithmProtection', false);
  return {
    contentType: (contentType as asn1js.ObjectIdentifier).getValue(),
    messageDigest: Uint8Array.from((digest as asn1js.OctetString).valueBlock.valueHexView),
    signingTime: time ? (time as asn1js.UTCTime).toDate() : undefined,
    algorithmProtection: protection ? readAlgorithmProtection(protection) : undefined,
  };
}

/** Same OID and same parameter encoding (RFC 6211 §3 compares the identifiers as encoded). */
export function sameAlgorithm(a: AlgorithmIdentifier, b: AlgorithmIdentifier): boolean {
  return Buffer.from(AsnConvert.serialize(a)).equals(Buffer.from(AsnConvert.serialize(b)));
}
