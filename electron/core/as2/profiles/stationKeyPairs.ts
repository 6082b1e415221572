// A station names its key pairs by reference: a key in the keystore and the catalog certificate that certifies
// it. This checks a pair before it is saved (both exist, the certificate's SPKI is the key's, the key is RSA as
// CMS signing and key transport need) and opens it when a message is signed or decrypted.
import type { KeyObject, X509Certificate } from 'node:crypto';
import type { As2Station } from '../../../../shared/ipc';
import type { CertificateService } from '../../certificates/certificateService';
import type { StoredCertificate } from '../../certificates/certificateCatalog';
import { CourierError } from '../../errors';
import type { KeyService } from '../../keys/keyService';

export type KeyPairRef = As2Station['signing'];

export interface OpenedKeyPair {
  certificate: X509Certificate;
  privateKey: KeyObject;
}

export interface KeyPairSources {
  keys: KeyService;
  certificates: CertificateService;
}

/** The catalog certificate of `id`, or NOT_FOUND saying which role needed it. */
export function catalogCertificate(certificates: CertificateService, id: string, role: string): StoredCertificate {
  try {
    return certificates.catalog.get(id);
  } catch (error) {
    if (error instanceof CourierError && error.code === 'NOT_FOUND') {
      throw new CourierError('NOT_FOUND', `The ${role} certificate ${id.slice(0, 100)} is not in the certificate catalog.`, 'Run `courier certs list` to see the ids, or import it with `courier certs import FILE`.');
    }
    throw error;
  }
}

/** Checks one pair; `role` names it in errors ("signing", "decryption #2"). */
export function checkKeyPair(sources: KeyPairSources, pair: KeyPairRef, role: string): void {
  const key = sources.keys.catalog.find(pair.keyId);
  if (!key) {
    throw new CourierError('NOT_FOUND', `The ${role} key ${pair.keyId.slice(0, 100)} is not in the keystore.`, 'Run `courier keys list` to see the ids, or import the identity with `courier certs import FILE.p12`.');
  }
  if (key.algorithm.type !== 'rsa') {
    throw new CourierError('BAD_INPUT', `The ${role} key ${key.id} is an EC key; AS2 signs and decrypts with RSA keys.`, 'Choose an RSA key (`courier keys generate --purpose as2-signing`).');
  }
  const certificate = catalogCertificate(sources.certificates, pair.certificateId, role);
  if (certificate.details.summary.spkiSha256 !== key.spkiSha256) {
    throw new CourierError(
      'BAD_INPUT',
      `The ${role} certificate ${certificate.id} (${certificate.details.summary.subject}) certifies another key than ${key.id}.`,
      `Choose the certificate of that key: \`courier certs list --key ${key.id}\`.`,
    );
  }
}

/** Opens the private key of a pair (decrypting it from the keystore); re-checked, since either half may have gone. */
export async function openKeyPair(sources: KeyPairSources, pair: KeyPairRef, role: string): Promise<OpenedKeyPair> {
  checkKeyPair(sources, pair, role);
  const certificate = sources.certificates.catalog.get(pair.certificateId).details.facts.x509;
  return { certificate, privateKey: await sources.keys.vault.open(pair.keyId) };
}
