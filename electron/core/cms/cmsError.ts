// Why this file exists: a CMS message that cannot be read, decrypted or verified must end in one typed error that
// says which step failed (a `reason` the AS2 layer maps to an MDN disposition) and what to do, never key material.
import { CourierError } from '../errors';

export type CmsFailure =
  /** Not BER/DER of the expected structure: truncated, oversized lengths, wrong tags. */
  | 'malformed'
  /** A ContentInfo of another type than the step expects (signed data where enveloped data was due). */
  | 'unexpected-content-type'
  /** An algorithm (OID) Courier does not implement, or a combination Node cannot run. */
  | 'unsupported-algorithm'
  /** Known algorithm, parameters unusable (IV length, RC2 version, OAEP label). */
  | 'bad-parameters'
  /** No KeyTransRecipientInfo names one of our certificates. */
  | 'no-matching-recipient'
  /** RSA-OAEP decoding failed, or the recovered key does not fit the content cipher. */
  | 'key-unrecoverable'
  /** The symmetric layer failed: wrong key, corrupted ciphertext or key-transport block (implicit rejection). */
  | 'decryption-failed'
  /** No certificate in the message or supplied by the caller matches the SignerIdentifier. */
  | 'no-signer-certificate'
  /** Signed attributes missing or inconsistent (content-type, message-digest, signing-time). */
  | 'bad-signed-attributes'
  /** The message-digest attribute does not match the digest of the content. */
  | 'digest-mismatch'
  /** The RSA signature does not verify with the signer's public key. */
  | 'bad-signature'
  /** The CMSAlgorithmProtection attribute names other algorithms than the SignerInfo (RFC 6211 §3). */
  | 'algorithm-protection-mismatch'
  /** Decompressed content would exceed the caller's limit (a decompression bomb, or a limit set too low). */
  | 'content-too-large';

const PARTNER_HINT =
  'The partner sent a CMS structure Courier cannot read: keep the raw message and ask them to check their AS2/S/MIME software.';
const ALGORITHM_HINT =
  'Ask the partner to use an algorithm Courier supports: AES-128/192/256-CBC, AES-GCM, AES-CCM, 3DES, RC2, CAST5 or IDEA with RSA (PKCS#1 v1.5 or OAEP); SHA-1…SHA-512 with RSA or RSASSA-PSS.';

const hints: Record<CmsFailure, string> = {
  malformed: PARTNER_HINT,
  'unexpected-content-type': PARTNER_HINT,
  'unsupported-algorithm': ALGORITHM_HINT,
  'bad-parameters': PARTNER_HINT,
  'no-matching-recipient':
    'The message was encrypted for a certificate Courier does not hold: check which of our certificates the partner has on file and send them the current one.',
  'key-unrecoverable':
    'Our private key could not open the message key: check that the partner encrypts to our current certificate.',
  'decryption-failed':
    'The message could not be decrypted with our key: the partner may use an old certificate of ours, or the message was corrupted in transit; ask them to resend.',
  'no-signer-certificate':
    "Import the partner's signing certificate (or ask them to include it in the signature).",
  'bad-signed-attributes': PARTNER_HINT,
  'digest-mismatch':
    'The content was changed after it was signed (or the MIME canonicalization differs): do not process it; ask the partner to resend.',
  'bad-signature':
    "The signature was not made with the partner's key on file, or the message was altered: do not process it; confirm the partner's certificate.",
  'algorithm-protection-mismatch':
    'The signed algorithm list does not match the signature: the message may have been tampered with; do not process it.',
  'content-too-large':
    'The compressed content expands beyond the size limit: keep the raw message; raise the limit only if the partner really sends payloads this large.',
};

const messageFailures: ReadonlySet<CmsFailure> = new Set<CmsFailure>([
  'malformed',
  'unexpected-content-type',
  'unsupported-algorithm',
  'bad-parameters',
  'bad-signed-attributes',
  'content-too-large',
]);

/**
 * A CMS structure could not be read (code BAD_MESSAGE) or its cryptography failed (code CRYPTO_FAILED); `reason`
 * says which step. Messages name the step and public facts (OIDs, versions, lengths), never keys or plaintext.
 */
export class CmsError extends CourierError {
  override readonly name = 'CmsError';
  readonly reason: CmsFailure;

  constructor(reason: CmsFailure, message: string) {
    super(messageFailures.has(reason) ? 'BAD_MESSAGE' : 'CRYPTO_FAILED', message, hints[reason]);
    this.reason = reason;
  }
}
