// The master key that wraps every secret at rest. It is random; what protects it on disk is either the
// OS keystore (Electron safeStorage) or a passphrase through scrypt. It can be exported under a passphrase
// and restored, so a keyring change or a new machine never locks a user out.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { CourierError } from '../errors';
import { writeFileDurably } from '../store/durableFile';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt recommendation: 128 MiB, about a third of a second here. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const MIN_PASSPHRASE_LENGTH = 8;
const KEY_BYTES = 32;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const passphraseFileSchema = z.object({
  format: z.literal('courier-master-key'),
  version: z.literal(1),
  protection: z.literal('passphrase'),
  kdf: z.object({
    name: z.literal('scrypt'),
    salt: b64,
    N: z.number().int().min(2 ** 10).max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: b64, tag: b64 }),
  wrappedKey: b64,
});
const keystoreFileSchema = z.object({
  format: z.literal('courier-master-key'),
  version: z.literal(1),
  protection: z.literal('os-keystore'),
  sealed: b64,
});
const masterKeyFileSchema = z.discriminatedUnion('protection', [passphraseFileSchema, keystoreFileSchema]);
type PassphraseFile = z.infer<typeof passphraseFileSchema>;

/** How the host protects the master key: a passphrase it asks for, or the OS keystore. */
export type MasterKeyProtector =
  | {
      kind: 'passphrase';
      /** Asked once; `create` means a new home, so the host may ask twice to confirm. */
      passphrase: (purpose: 'create' | 'unlock') => Promise<string>;
      cost?: ScryptCost;
    }
  | { kind: 'os-keystore'; seal: (key: Buffer) => Buffer; unseal: (sealed: Buffer) => Buffer };

export const MASTER_KEY_FILE = 'master.json';

export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  static random(): MasterKey {
    return new MasterKey(randomBytes(KEY_BYTES));
  }

  /** A key for one purpose, so no two uses ever share key material. */
  subkey(purpose: string, length = 32): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `courier/${purpose}`, length));
  }

  /** The key wrapped under a passphrase, as a JSON file another Courier can restore. */
  async exportWithPassphrase(passphrase: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
    return JSON.stringify(await wrapWithPassphrase(this.key, passphrase, cost), null, 2);
  }

  static async importWithPassphrase(fileText: string, passphrase: string): Promise<MasterKey> {
    const file = parseMasterKeyFile(fileText, 'The master key export');
    if (file.protection !== 'passphrase') {
      throw new CourierError('BAD_INPUT', 'This file is protected by an OS keystore, not a passphrase.', 'Choose a file made by `courier master-key export`.');
    }
    return new MasterKey(await unwrapWithPassphrase(file, passphrase));
  }

  async saveTo(keysDir: string, protector: MasterKeyProtector, passphrase?: string): Promise<void> {
    const file =
      protector.kind === 'passphrase'
        ? await wrapWithPassphrase(this.key, passphrase ?? (await protector.passphrase('create')), protector.cost ?? DEFAULT_SCRYPT_COST)
        : { format: 'courier-master-key', version: 1, protection: 'os-keystore', sealed: protector.seal(this.key).toString('base64') };
    await writeFileDurably(join(keysDir, MASTER_KEY_FILE), JSON.stringify(file, null, 2));
  }

  static async loadFrom(keysDir: string, protector: MasterKeyProtector): Promise<MasterKey> {
    const file = parseMasterKeyFile(await readFile(join(keysDir, MASTER_KEY_FILE), 'utf8'), 'keys/master.json');
    if (file.protection === 'passphrase') {
      if (protector.kind !== 'passphrase') {
        throw new CourierError('KEYSTORE_UNAVAILABLE', 'This home is protected by a passphrase.', 'Open it with `courier serve` and COURIER_PASSPHRASE, or restore the master key for the desktop app.');
      }
      return new MasterKey(await unwrapWithPassphrase(file, await protector.passphrase('unlock')));
    }
    if (protector.kind !== 'os-keystore') {
      throw new CourierError('KEYSTORE_UNAVAILABLE', "This home's master key is kept by the desktop app's OS keystore.", 'Export the master key from the desktop app (`master-key export`) and restore it here.');
    }
    try {
      return new MasterKey(protector.unseal(Buffer.from(file.sealed, 'base64')));
    } catch {
      throw new CourierError('KEYSTORE_UNAVAILABLE', 'The OS keystore could not unlock the master key.', 'Restore the master key from its exported file (Settings → Master key → Restore).');
    }
  }
}

function parseMasterKeyFile(text: string, what: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CourierError('HOME_UNUSABLE', `${what} is not valid JSON.`, 'Restore it from your master key export.');
  }
  const parsed = masterKeyFileSchema.safeParse(json);
  if (!parsed.success) throw new CourierError('HOME_UNUSABLE', `${what} is not a Courier master key file.`, 'Restore it from your master key export.');
  return parsed.data;
}

async function kek(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { ...cost, maxmem: 256 * cost.N * cost.r + 16 * 1024 * 1024 });
}

async function wrapWithPassphrase(key: Buffer, passphrase: string, cost: ScryptCost): Promise<PassphraseFile> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new CourierError('BAD_INPUT', `A new passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`, 'Choose a longer passphrase.');
  }
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await kek(passphrase, salt, cost), iv);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    format: 'courier-master-key',
    version: 1,
    protection: 'passphrase',
    kdf: { name: 'scrypt', salt: salt.toString('base64'), ...cost },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    wrappedKey: wrapped.toString('base64'),
  };
}

async function unwrapWithPassphrase(file: PassphraseFile, passphrase: string): Promise<Buffer> {
  const { name: _name, salt, ...cost } = file.kdf;
  const decipher = createDecipheriv('aes-256-gcm', await kek(passphrase, Buffer.from(salt, 'base64'), cost), Buffer.from(file.cipher.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(file.cipher.tag, 'base64'));
  try {
    const key = Buffer.concat([decipher.update(Buffer.from(file.wrappedKey, 'base64')), decipher.final()]);
    if (key.length !== KEY_BYTES) throw new Error('length');
    return key;
  } catch {
    throw new CourierError('WRONG_PASSPHRASE', 'The passphrase does not unlock this master key.', 'Check COURIER_PASSPHRASE or type the passphrase again; nothing was changed.');
  }
}
