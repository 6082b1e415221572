// Why this file exists: a SignerInfo names its signature algorithm as RSA PKCS#1 v1.5 (rsaEncryption or
// sha*WithRSAEncryption, RFC 3370 §3.2 / RFC 5754 §3.2) or RSASSA-PSS with RFC 4056 parameters; this reads and writes
// those identifiers and signs or verifies bytes or streams with Node, whose OpenSSL does the RSA.
import { constants, createSign, createVerify, sign, verify, type KeyObject, type Sign, type Verify } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { CourierError } from '../errors';
import { decodeBer } from './berDecoding';
import { CmsError } from './cmsError';
import { digestLengths, digestNameOf, digestOids, type DigestName } from './digests';
import {
  oidMd5WithRsa,
  oidMgf1,
  oidRsaEncryption,
  oidRsassaPss,
  oidSha1WithRsa,
  oidSha224WithRsa,
  oidSha256WithRsa,
  oidSha384WithRsa,
  oidSha512WithRsa,
} from './oids';

/** How Courier signs: PKCS#1 v1.5, or PSS with MGF1 over the same hash and a salt as long as the hash by default. */
export type SignatureScheme = { scheme: 'rsa-pkcs1v15' } | { scheme: 'rsa-pss'; saltLength?: number };

/** A signature algorithm as read from a SignerInfo. */
export type SignatureAlgorithm = { scheme: 'rsa-pkcs1v15'; oid: string } | { scheme: 'rsa-pss'; oid: string; saltLength: number };

const pkcs1Oids: Record<DigestName, string> = {
  md5: oidMd5WithRsa,
  sha1: oidSha1WithRsa,
  sha224: oidSha224WithRsa,
  sha256: oidSha256WithRsa,
  sha384: oidSha384WithRsa,
  sha512: oidSha512WithRsa,
};
const digestOfPkcs1Oid = new Map(Object.entries(pkcs1Oids).map(([digest, oid]) => [oid, digest as DigestName]));

/** Hash AlgorithmIdentifier inside RSASSA-PSS-params: NULL parameters, as RFC 4055's module defines them. */
function hashIdentifier(digest: DigestName): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: digestOids[digest], parameters: null });
}

/** The signatureAlgorithm Courier writes: sha*WithRSAEncryption with NULL parameters, or RSASSA-PSS with params. */
export function signatureAlgorithmIdentifier(scheme: SignatureScheme, digest: DigestName): AlgorithmIdentifier {
  if (scheme.scheme === 'rsa-pkcs1v15') return new AlgorithmIdentifier({ algorithm: pkcs1Oids[digest], parameters: null });
  const params = new RsaSaPssParams({
    hashAlgorithm: hashIdentifier(digest),
    maskGenAlgorithm: new AlgorithmIdentifier({ algorithm: oidMgf1, parameters: AsnConvert.serialize(hashIdentifier(digest)) }),
    saltLength: scheme.saltLength ?? digestLengths[digest],
  });
  return new AlgorithmIdentifier({ algorithm: oidRsassaPss, parameters: AsnConvert.serialize(params) });
}

function pssHash(algorithm: AlgorithmIdentifier, what: string): DigestName {
  const name = digestNameOf(algorithm.algorithm);
  if (!name) throw new CmsError('unsupported-algorithm', `RSASSA-PSS ${what} ${algorithm.algorithm} is not supported`);
  return name;
}

/**
 * Reads a SignerInfo's signatureAlgorithm for a signer whose digestAlgorithm is `digest`. The hash a v1.5 OID or the
 * PSS parameters name must be that digest (RFC 4056 §3); Node runs MGF1 with the signature's hash only.
 */
export function readSignatureAlgorithm(algorithm: AlgorithmIdentifier, digest: DigestName): SignatureAlgorithm {
  const oid = algorithm.algorithm;
  if (oid === oidRsaEncryption) return { scheme: 'rsa-pkcs1v15', oid };
  const implied = digestOfPkcs1Oid.get(oid);
  if (implied) {
    if (implied !== digest) {
      throw new CmsError('unsupported-algorithm', `The signature algorithm ${oid} (${implied} with RSA) does not match the digest algorithm ${digest}`);
    }
    return { scheme: 'rsa-pkcs1v15', oid };
  }
  if (oid !== oidRsassaPss) {
    throw new CmsError('unsupported-algorithm', `Signature algorithm ${oid} is not supported (Courier verifies RSA PKCS#1 v1.5 and RSASSA-PSS)`);
  }
  const params = algorithm.parameters
    ? decodeBer(algorithm.parameters, RsaSaPssParams, 'The RSASSA-PSS parameters')
    : new RsaSaPssParams();
  const hash = pssHash(params.hashAlgorithm, 'hash');
  if (params.maskGenAlgorithm.algorithm !== oidMgf1 || !params.maskGenAlgorithm.parameters) {
    throw new CmsError('unsupported-algorithm', `RSASSA-PSS mask generation ${params.maskGenAlgorithm.algorithm} is not supported`);
  }
  const mgfHash = pssHash(decodeBer(params.maskGenAlgorithm.parameters, AlgorithmIdentifier, 'The MGF1 hash'), 'MGF1 hash');
  if (hash !== digest || mgfHash !== digest) {
    throw new CmsError(
      'unsupported-algorithm',
      `RSASSA-PSS with hash ${hash} and MGF1-${mgfHash} does not match the digest algorithm ${digest}`,
    );
  }
  if (params.trailerField !== 1) throw new CmsError('bad-parameters', `RSASSA-PSS trailer field ${params.trailerField} is not 1`);
  if (!Number.isSafeInteger(params.saltLength) || params.saltLength < 0) {
    throw new CmsError('bad-parameters', 'RSASSA-PSS salt length is negative or out of range');
  }
  return { scheme: 'rsa-pss', oid, saltLength: params.saltLength };
}

/** Node's key options for a scheme (the padding a bare KeyObject would not imply). */
function keyOptions(key: KeyObject, algorithm: SignatureAlgorithm | SignatureScheme, digest: DigestName) {
  if (algorithm.scheme === 'rsa-pkcs1v15') return { key, padding: constants.RSA_PKCS1_PADDING };
  return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.saltLength ?? digestLengths[digest] };
}

export function requireRsaSigningKey(key: KeyObject, role: string): void {
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') {
    throw new CourierError(
      'BAD_INPUT',
      `The ${role} is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; Courier signs CMS with RSA keys`,
      'Use an RSA certificate and key for AS2/S/MIME signing.',
    );
  }
}

export function signBytes(data: Uint8Array, privateKey: KeyObject, digest: DigestName, scheme: SignatureScheme): Buffer {
  return sign(digest, data, keyOptions(privateKey, scheme, digest));
}

/** Verifies; a key Node cannot use for this scheme counts as a failed verification, not a crash. */
export function verifyBytes(
  data: Uint8Array,
  publicKey: KeyObject,
  digest: DigestName,
  algorithm: SignatureAlgorithm,
  signature: Uint8Array,
): boolean {
  try {
    return verify(digest, data, keyOptions(publicKey, algorithm, digest), signature);
  } catch {
    return false;
  }
}

/** A streaming signer over the content itself (SignerInfo without signed attributes). */
export function contentSigner(digest: DigestName): Sign {
  return createSign(digest);
}

export function finishContentSignature(signer: Sign, privateKey: KeyObject, digest: DigestName, scheme: SignatureScheme): Buffer {
  return signer.sign(keyOptions(privateKey, scheme, digest));
}

export function contentVerifier(digest: DigestName): Verify {
  return createVerify(digest);
}

export function finishContentVerification(
  verifier: Verify,
  publicKey: KeyObject,
  digest: DigestName,
  algorithm: SignatureAlgorithm,
  signature: Uint8Array,
): boolean {
  try {
    return verifier.verify(keyOptions(publicKey, algorithm, digest), signature);
  } catch {
    return false;
  }
}
