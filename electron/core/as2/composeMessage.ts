// Why this file exists: an outbound AS2 message (RFC 4130 §7.3) is the payload entity wrapped in whatever a
// partner agreed to — compression before or after signing (RFC 5402), a detached signature, encryption — and the
// MIC that the partner's MDN must echo is fixed by that shape (§7.3.1). This composes every combination.
// INTERFACE STUB (lead): the AS2 codec engineer implements it; the signature below is what other modules use.
import type { X509Certificate } from 'node:crypto';
import type { As2Cipher, PartnerInterop } from '../../../shared/ipc/procedures/as2';
import type { SigningDigest } from '../cms/digests';
import type { SignerIdentity } from '../cms/signedData';
import type { Content } from '../mime/chunks';

export interface ComposeOptions {
  payload: { fileName: string | null; contentType: string };
  /** null: unsigned. */
  sign: { signer: SignerIdentity; digest: SigningDigest } | null;
  /** null: unencrypted. */
  encrypt: { certificate: X509Certificate; cipher: As2Cipher; keyTransport: 'rsa-pkcs1v15' | 'rsa-oaep' } | null;
  compression: 'none' | 'before-signing' | 'after-signing';
  interop: PartnerInterop;
  /** The MIC algorithm the MDN request names; used for the MIC of an unsigned message. */
  micAlgorithm: SigningDigest;
}

export interface ComposedMessage {
  /** The HTTP Content-Type of the body (e.g. application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m). */
  contentType: string;
  /** The HTTP body, read once. */
  body: AsyncIterable<Uint8Array>;
  /** The MIC (RFC 4130 §7.3.1) the MDN must return; known once `body` has ended. */
  mic(): { digest: SigningDigest; base64: string };
}

export function composeMessage(_payload: Content, _options: ComposeOptions): ComposedMessage {
  throw new Error('composeMessage: not implemented yet');
}
