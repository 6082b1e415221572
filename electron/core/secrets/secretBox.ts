// Encrypts secrets at rest (credentials, tokens, key passphrases) under a subkey of the master key.
// Each value is bound to its context (AES-GCM associated data), so a sealed value moved to another
// field or profile no longer opens.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CourierError } from '../errors';
import type { MasterKey } from './masterKey';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBox {
  private readonly key: Buffer;

  constructor(masterKey: MasterKey) {
    this.key = masterKey.subkey('secretbox/v1');
  }

  /** `context` names what the value is, e.g. `profile:fiscal:3:token`; the same context must open it. */
  seal(plaintext: Uint8Array | string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]);
  }

  open(sealed: Uint8Array, context: string): Buffer {
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
      throw new CourierError('MASTER_KEY_MISMATCH', 'A stored secret is not in a format this Courier can open.', 'Restore the master key this home was created with.');
    }
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new CourierError('MASTER_KEY_MISMATCH', 'A stored secret does not open with this master key.', 'Restore the master key this home was created with (`courier master-key restore`).');
    }
  }

  openText(sealed: Uint8Array, context: string): string {
    return this.open(sealed, context).toString('utf8');
  }
}
