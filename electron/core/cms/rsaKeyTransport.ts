// Why this file exists: a KeyTransRecipientInfo carries the content-encryption key under the recipient's RSA key,
// either PKCS#1 v1.5 (rsaEncryption, RFC 3370 §4.2.1) or RSA-OAEP (RFC 3560 / RFC 4055 parameters); this module reads
// and writes that algorithm identifier and moves the key, v1.5 decryption going through implicit rejection.
import { constants, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { RsaEsOaepParams, pSpecifiedEmpty } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { CourierError } from '../errors';
import { decodeBer } from './berDecoding';
import { CmsError } from './cmsError';
import { digestNameOf, digestOids, type DigestName } from './digests';
import { decryptKeyPkcs1v15, type KeyLengthRule } from './implicitRejection';
import { oidMgf1, oidPSpecified, oidRsaEncryption, oidRsaesOaep } from './oids';

export type OaepHash = Exclude<DigestName, 'md5'>;

export type KeyTransport =
  | { scheme: 'rsa-pkcs1v15' }
  /** MGF1 always uses the same hash (Node sets both from one option; RFC 4055 §4.1 recommends it). */
  | { scheme: 'rsa-oaep'; hash: OaepHash; label?: Uint8Array };

/** Hash AlgorithmIdentifier inside RSAES-OAEP-params: NULL parameters, as RFC 4055's module defines them. */
function hashIdentifier(hash: OaepHash): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: digestOids[hash], parameters: null });
}

export function keyTransportAlgorithmIdentifier(transport: KeyTransport): AlgorithmIdentifier {
  if (transport.scheme === 'rsa-pkcs1v15') return new AlgorithmIdentifier({ algorithm: oidRsaEncryption, parameters: null });
  const params = new RsaEsOaepParams({
    hashAlgorithm: hashIdentifier(transport.hash),
    maskGenAlgorithm: new AlgorithmIdentifier({ algorithm: oidMgf1, parameters: AsnConvert.serialize(hashIdentifier(transport.hash)) }),
  });
  if (transport.label && transport.label.length > 0) {
    params.pSourceAlgorithm = new AlgorithmIdentifier({
      algorithm: oidPSpecified,
      parameters: AsnConvert.serialize(new OctetString(transport.label)),
    });
  }
  return new AlgorithmIdentifier({ algorithm: oidRsaesOaep, parameters: AsnConvert.serialize(params) });
}

function oaepHash(algorithm: AlgorithmIdentifier, what: string): OaepHash {
  const name = digestNameOf(algorithm.algorithm);
  if (!name || name === 'md5') {
    throw new CmsError('unsupported-algorithm', `RSA-OAEP ${what} ${algorithm.algorithm} is not supported`);
  }
  return name;
}

/** The label of the pSourceAlgorithm; the schema's default object stands for the empty label. */
function oaepLabel(source: AlgorithmIdentifier): Uint8Array {
  if (source.algorithm !== oidPSpecified) {
    throw new CmsError('unsupported-algorithm', `RSA-OAEP label source ${source.algorithm} is not supported`);
  }
  // @peculiar/asn1-rsa fills an absent pSourceAlgorithm with an object whose "label" is SHA-1 of the empty string
  // (a PKCS#1 v2.0 leftover); RFC 8017 A.2.1 says the default is the empty label.
  if (source.parameters === pSpecifiedEmpty.parameters || !source.parameters) return new Uint8Array(0);
  return new Uint8Array(AsnConvert.parse(source.parameters, OctetString).buffer);
}

/** Reads a KeyTransRecipientInfo's keyEncryptionAlgorithm. */
export function readKeyTransport(algorithm: AlgorithmIdentifier): KeyTransport {
  if (algorithm.algorithm === oidRsaEncryption) return { scheme: 'rsa-pkcs1v15' };
  if (algorithm.algorithm !== oidRsaesOaep) {
    throw new CmsError(
      'unsupported-algorithm',
      `Decryption failed: key transport ${algorithm.algorithm} is not supported (Courier reads RSA PKCS#1 v1.5 and RSA-OAEP)`,
    );
  }
  const params = algorithm.parameters
    ? decodeBer(algorithm.parameters, RsaEsOaepParams, 'The RSA-OAEP parameters')
    : new RsaEsOaepParams();
  const hash = oaepHash(params.hashAlgorithm, 'hash');
  if (params.maskGenAlgorithm.algorithm !== oidMgf1 || !params.maskGenAlgorithm.parameters) {
    throw new CmsError('unsupported-algorithm', `RSA-OAEP mask generation ${params.maskGenAlgorithm.algorithm} is not supported`);
  }
  const mgfHash = oaepHash(decodeBer(params.maskGenAlgorithm.parameters, AlgorithmIdentifier, 'The MGF1 hash'), 'MGF1 hash');
  if (mgfHash !== hash) {
    throw new CmsError(
      'unsupported-algorithm',
      `RSA-OAEP with hash ${hash} and MGF1-${mgfHash} is not supported; Courier needs the same hash for both`,
    );
  }
  const label = oaepLabel(params.pSourceAlgorithm);
  return label.length > 0 ? { scheme: 'rsa-oaep', hash, label } : { scheme: 'rsa-oaep', hash };
}

function requireRsa(key: KeyObject, role: string): void {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CourierError(
      'BAD_INPUT',
      `The ${role} is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; CMS key transport needs an RSA key`,
      'Use an RSA certificate and key for AS2/S/MIME encryption.',
    );
  }
}

/** Encrypts the content-encryption key to a recipient's public key. */
export function encryptContentKey(publicKey: KeyObject, contentKey: Uint8Array, transport: KeyTransport): Uint8Array {
  requireRsa(publicKey, 'recipient certificate key');
  if (transport.scheme === 'rsa-pkcs1v15') {
    return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, contentKey);
  }
  return publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: transport.hash, oaepLabel: transport.label },
    contentKey,
  );
}

/**
 * Recovers the content-encryption key. PKCS#1 v1.5 never fails here (implicit rejection: a bad block becomes a
 * pseudo-random key of rule.fallback bytes); OAEP fails with 'key-unrecoverable', which reveals nothing useful
 * because OpenSSL reports every OAEP decoding failure the same way.
 */
export function decryptContentKey(
  privateKey: KeyObject,
  encryptedKey: Uint8Array,
  transport: KeyTransport,
  rule: KeyLengthRule,
): Uint8Array {
  requireRsa(privateKey, 'private key');
  if (transport.scheme === 'rsa-pkcs1v15') return decryptKeyPkcs1v15(privateKey, encryptedKey, rule);
  let key: Buffer;
  try {
    key = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: transport.hash, oaepLabel: transport.label },
      encryptedKey,
    );
  } catch {
    throw new CmsError('key-unrecoverable', 'Decryption failed: the content-encryption key could not be recovered (RSA-OAEP decoding failed)');
  }
  if (key.length < rule.min || key.length > rule.max) {
    key.fill(0);
    throw new CmsError(
      'key-unrecoverable',
      `Decryption failed: the recovered content-encryption key is ${key.length} bytes, which the content cipher cannot use`,
    );
  }
  return key;
}
