// Why this file exists: AS2 and S/MIME encrypt with CMS EnvelopedData (RFC 5652 §6): a random content key encrypts
// the content, and each recipient gets that key under their RSA certificate (KeyTransRecipientInfo). This composes
// the steps — content cipher, key transport, recipient identifiers — into encryption, written as it goes so content
// of any size streams through: DER when the content length is known up front, otherwise the indefinite-length BER
// (encryptedContent as a constructed OCTET STRING of chunks) that `openssl cms -stream` and Bouncy Castle write.
import { CMSVersion } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ObjectIdentifier } from 'asn1js';
import { CourierError } from '../errors';
import { derSize, END_OF_CONTENTS, writeBerHeader } from './berStreaming';
import type { IncrementalCipher } from './ciphers/blockCipher';
import type { Cast5ParameterForm } from './cipherParameters';
import { blockSizeOf, contentAlgorithmIdentifier, createContentEncryptor, newContentEncryption, type ContentCipherName } from './contentCiphers';
import type { ContentSource } from './digests';
import { oidData, oidEnvelopedData } from './oids';
import { keyTransRecipientInfos, type KeyTransRecipient } from './keyTransRecipients';

export {
  decryptEnvelopedData,
  decryptEnvelopedStream,
  type DecryptedEnvelope,
  type DecryptingEnvelope,
  type DecryptionIdentity,
  type EnvelopeDetails,
} from './envelopedDataDecryption';

export type EnvelopeRecipient = KeyTransRecipient;

export interface EncryptOptions {
  recipients: readonly EnvelopeRecipient[];
  cipher: ContentCipherName;
  /** The type of the encrypted content; default id-data. */
  contentType?: string;
  /**
   * CAST5-CBC parameter syntax: 'rfc2984' (default; Bouncy Castle, Mendelson) or 'iv' for OpenSSL-based partners,
   * which cannot read RFC 2984's SEQUENCE (and BC cannot read the bare IV).
   */
  cast5Parameters?: Cast5ParameterForm;
}

export interface StreamEncryptOptions extends EncryptOptions {
  /** The content's exact length when known (a file's size): the output is then DER. Otherwise indefinite-length BER. */
  contentLength?: number;
}

const SEQUENCE = 0x30;
const EXPLICIT_0 = 0xa0;
const IMPLICIT_0_PRIMITIVE = 0x80;
const OCTET_STRING = 0x04;

function recipientInfosDer(options: EncryptOptions, key: Uint8Array): { der: Buffer; version: CMSVersion } {
  const infos = keyTransRecipientInfos(options.recipients, key);
  const version = infos.some((info) => info.ktri?.version === CMSVersion.v2) ? CMSVersion.v2 : CMSVersion.v0;
  return { der: Buffer.from(AsnConvert.serialize(infos)), version };
}

const oidDer = (oid: string): Buffer => Buffer.from(new ObjectIdentifier({ value: oid }).toBER(false));

/**
 * Writes one EnvelopedData: `head()` once (everything before the ciphertext), `update()` per content chunk, then
 * `final()`. The content key lives only while the recipient infos and the cipher are made.
 */
class EnvelopeWriter {
  private readonly cipher: IncrementalCipher;
  private readonly headBytes: Buffer;
  private readonly contentLength: number | undefined;
  private readonly ciphertextLength: number | undefined;
  private read = 0;

  constructor(options: StreamEncryptOptions) {
    if (options.recipients.length === 0) {
      throw new CourierError('BAD_INPUT', 'Encryption needs at least one recipient certificate', "Add the partner's encryption certificate.");
    }
    const { algorithm, key } = newContentEncryption(options.cipher, options.cast5Parameters);
    try {
      const recipients = recipientInfosDer(options, key);
      this.cipher = createContentEncryptor(algorithm, key);
      const blockSize = blockSizeOf(algorithm);
      const known = options.contentLength;
      this.contentLength = known;
      this.ciphertextLength = known === undefined ? undefined : (Math.floor(known / blockSize) + 1) * blockSize;
      const version = Buffer.from([0x02, 0x01, recipients.version]);
      const contentInfoHead = Buffer.concat([oidDer(options.contentType ?? oidData), Buffer.from(AsnConvert.serialize(contentAlgorithmIdentifier(algorithm)))]);
      const c = this.ciphertextLength;
      // Sizes of each enclosing element's contents, innermost first (undefined: indefinite length).
      const eci = c === undefined ? undefined : contentInfoHead.length + derSize(c);
      const enveloped = eci === undefined ? undefined : version.length + recipients.der.length + derSize(eci);
      const explicit = enveloped === undefined ? undefined : derSize(enveloped);
      const oid = oidDer(oidEnvelopedData);
      const outer = explicit === undefined ? undefined : oid.length + derSize(explicit);
      this.headBytes = Buffer.concat([
        writeBerHeader(SEQUENCE, outer),
        oid,
        writeBerHeader(EXPLICIT_0, explicit),
        writeBerHeader(SEQUENCE, enveloped),
        version,
        recipients.der,
        writeBerHeader(SEQUENCE, eci),
        contentInfoHead,
        c === undefined ? writeBerHeader(EXPLICIT_0, undefined) : writeBerHeader(IMPLICIT_0_PRIMITIVE, c),
      ]);
    } finally {
      key.fill(0);
    }
  }

  head(): Buffer {
    return this.headBytes;
  }

  private emit(ciphertext: Uint8Array): Uint8Array[] {
    if (ciphertext.length === 0) return [];
    return this.ciphertextLength === undefined ? [writeBerHeader(OCTET_STRING, ciphertext.length), ciphertext] : [ciphertext];
  }

  update(chunk: Uint8Array): Uint8Array[] {
    this.read += chunk.length;
    if (this.contentLength !== undefined && this.read > this.contentLength) {
      throw new CourierError('BAD_INPUT', `The content is longer than the ${this.contentLength} bytes announced; the encrypted message is unusable`);
    }
    return this.emit(this.cipher.update(chunk));
  }

  final(): Uint8Array[] {
    const last = this.emit(this.cipher.final());
    if (this.ciphertextLength === undefined) return [...last, ...Array.from({ length: 5 }, () => END_OF_CONTENTS)];
    if (this.read !== this.contentLength) {
      throw new CourierError('BAD_INPUT', `The content was ${this.read} bytes, not the ${this.contentLength} announced; the encrypted message is unusable`);
    }
    return last;
  }
}

/** EnvelopedData as DER ContentInfo, encrypted to every recipient. */
export function encryptEnvelopedData(content: Uint8Array, options: EncryptOptions): Uint8Array {
  const writer = new EnvelopeWriter({ ...options, contentLength: content.length });
  return Buffer.concat([writer.head(), ...writer.update(content), ...writer.final()]);
}

/**
 * EnvelopedData as a stream of encoded chunks, reading `content` once: one OCTET STRING chunk per content chunk
 * (feed 64 KiB or more), so memory stays flat whatever the size.
 */
export async function* encryptEnvelopedStream(content: ContentSource, options: StreamEncryptOptions): AsyncIterable<Uint8Array> {
  const writer = new EnvelopeWriter(options);
  yield writer.head();
  if (content instanceof Uint8Array) yield* writer.update(content);
  else for await (const chunk of content as AsyncIterable<Uint8Array>) yield* writer.update(chunk);
  yield* writer.final();
}
