// The keys folder: one encrypted PKCS#8 file per key pair, `keys/<id>.p8`. Each file's passphrase is
// derived from the master key for that id alone (hex of HKDF "courier/keys/<id>"), so whoever holds the
// master key can open any file with plain `openssl pkcs8`, and nothing else in the home can.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CourierError } from '../errors';
import type { MasterKey } from '../secrets/masterKey';
import { syncDirectory, writeFileDurably } from '../store/durableFile';
import { encryptedPrivateKeyPem, encryptPrivateKeyInfo } from './encryptedPrivateKeyInfo';

/**
 * The passphrase is 256 bits straight from HKDF, so PBKDF2 iterations add no strength against guessing it;
 * this count only satisfies readers that refuse very low counts, at a few milliseconds per open.
 */
export const AT_REST_PBKDF2_ITERATIONS = 10_000;

const KEY_ID = /^key-[0-9a-f]{16}$/;

export class KeyVault {
  /**
   * Opened keys, by id: opening decrypts with PBKDF2 on the calling thread (milliseconds), and a receiving
   * station opens its keys for every message. Private keys stay in this process either way.
   */
  private readonly opened = new Map<string, KeyObject>();

  constructor(
    private readonly dir: string,
    private readonly masterKey: MasterKey,
  ) {}

  /** Where the key file of `id` lives; ids come from the catalog, and only ever name a file in the folder. */
  pathOf(id: string): string {
    if (!KEY_ID.test(id)) throw new CourierError('INTERNAL', 'A key id has an unexpected form.');
    return join(this.dir, `${id}.p8`);
  }

  /** The passphrase of `id`'s file, for `openssl pkcs8 -passin`; it never leaves the main process. */
  filePassphrase(id: string): string {
    return this.masterKey.subkey(`keys/${id}`).toString('hex');
  }

  /** Encrypts the DER PrivateKeyInfo and writes it durably; resolves once the file is on disk. */
  async store(id: string, privateKeyInfo: Uint8Array): Promise<void> {
    const der = await encryptPrivateKeyInfo(privateKeyInfo, this.filePassphrase(id), { iterations: AT_REST_PBKDF2_ITERATIONS });
    await writeFileDurably(this.pathOf(id), encryptedPrivateKeyPem(der));
    this.opened.delete(id);
  }

  async open(id: string): Promise<KeyObject> {
    const cached = this.opened.get(id);
    if (cached) return cached;
    let pem: string;
    try {
      pem = await readFile(this.pathOf(id), 'utf8');
    } catch {
      throw new CourierError('STORE_MISSING', `The key file keys/${id}.p8 is missing or unreadable.`, 'Restore the keys folder from a backup of this home.');
    }
    try {
      const key = createPrivateKey({ key: pem, format: 'pem', passphrase: this.filePassphrase(id) });
      this.opened.set(id, key);
      return key;
    } catch {
      throw new CourierError('STORE_CORRUPT', `The key file keys/${id}.p8 does not open with this home's master key.`, 'Restore the keys folder from a backup of this home.');
    }
  }

  async remove(id: string): Promise<void> {
    this.opened.delete(id);
    await rm(this.pathOf(id), { force: true });
    await syncDirectory(this.dir);
  }
}
