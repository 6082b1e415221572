// What a user does with key pairs (DESIGN §3, §4): list, generate, export the public half, export the
// private half only encrypted and only when confirmed, delete. Every step that touches a private key is
// audited; the audit entry names the file and the algorithms, never a passphrase.
// Protocols ask it, once keys rotate (keyRotation.ts): `sendingKeyFor(id)` follows the successor chain to
// the key that signs and is advertised for encryption now; `receivingKeysFor(id)` is that key, its
// successor before the switch, and its predecessors still inside their overlap window.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { KeyPurpose, KeySummary, OutputOf, ParsedInputOf } from '../../../shared/ipc';
import { CourierError } from '../errors';
import type { EventBus } from '../events/eventBus';
import type { MasterKey } from '../secrets/masterKey';
import type { AuditLog } from '../store/audit';
import type { CourierDatabase } from '../store/database';
import { writeFileDurably } from '../store/durableFile';
import { encryptedPrivateKeyPem, encryptPrivateKeyInfo } from './encryptedPrivateKeyInfo';
import { KeyCatalog, toSummary } from './keyCatalog';
import { receivingKeys, sendingKey } from './keyChain';
import { KeyGeneration, type GenerationRequest } from './keyGeneration';
import { KeyRotations } from './keyRotation';
import { KeyVault } from './keyVault';
import { publicJwk, publicKeyPem } from './publicKeyExports';

/** OWASP's PBKDF2-HMAC-SHA256 count for a passphrase a person chose (about a quarter of a second here). */
export const EXPORT_PBKDF2_ITERATIONS = 600_000;

export interface KeyServiceDeps {
  db: CourierDatabase;
  keysDir: string;
  masterKey: MasterKey;
  audit: AuditLog;
  events: EventBus;
}

export class KeyService {
  readonly catalog: KeyCatalog;
  readonly vault: KeyVault;
  private readonly generation: KeyGeneration;
  /** Rotation (issue 4): the state machine, its timeline and its crash recovery; see keyRotation.ts. */
  readonly rotations: KeyRotations;
  private readonly keysDir: string;
  private readonly db: CourierDatabase;
  private readonly audit: AuditLog;

  constructor(deps: KeyServiceDeps) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.keysDir = resolve(deps.keysDir);
    this.catalog = new KeyCatalog(deps.db);
    this.vault = new KeyVault(this.keysDir, deps.masterKey);
    this.generation = new KeyGeneration(deps.db, this.catalog, this.vault, deps.audit, deps.events);
    this.rotations = new KeyRotations({ db: deps.db, catalog: this.catalog, vault: this.vault, generation: this.generation, audit: deps.audit, events: deps.events });
  }

  list(purpose?: KeyPurpose): KeySummary[] {
    this.rotations.applyDueTransitions();
    return this.catalog.list(purpose).map(toSummary);
  }

  get(id: string): KeySummary {
    this.rotations.applyDueTransitions();
    return toSummary(this.catalog.get(id));
  }

  generate(request: GenerationRequest): Promise<KeySummary> {
    return this.generation.generate(request);
  }

  cancelGeneration(jobId: string): boolean {
    return this.generation.cancel(jobId);
  }

  /** The key to sign with and to advertise for encryption, for a profile set up with `keyId` (follows rotations). */
  sendingKeyFor(keyId: string, now?: Date): KeySummary {
    this.rotations.applyDueTransitions(now);
    return toSummary(sendingKey(this.catalog, keyId));
  }

  /** The keys that may decrypt or verify for a profile set up with `keyId`: the sending key first. */
  receivingKeysFor(keyId: string, now?: Date): KeySummary[] {
    this.rotations.applyDueTransitions(now);
    return receivingKeys(this.catalog, this.rotations.records, keyId).map(toSummary);
  }

  exportPublic(id: string, format: 'pem' | 'jwk'): OutputOf<'keys.exportPublic'> {
    const entry = this.catalog.get(id);
    return format === 'pem'
      ? { id, format, spkiSha256: entry.spkiSha256, pem: publicKeyPem(entry.spki) }
      : { id, format, spkiSha256: entry.spkiSha256, jwk: publicJwk(entry.spki, entry.purpose) };
  }

  async exportPrivate(request: ParsedInputOf<'keys.exportPrivate'>): Promise<OutputOf<'keys.exportPrivate'>> {
    const entry = this.catalog.get(request.id);
    const path = this.exportTarget(request.path, request.overwrite);
    const privateKeyInfo = (await this.vault.open(entry.id)).export({ type: 'pkcs8', format: 'der' });
    let pem: string;
    try {
      pem = encryptedPrivateKeyPem(await encryptPrivateKeyInfo(privateKeyInfo, request.passphrase, { iterations: EXPORT_PBKDF2_ITERATIONS }));
    } finally {
      privateKeyInfo.fill(0);
    }
    try {
      await writeFileDurably(path, pem);
    } catch {
      throw new CourierError('BAD_INPUT', `Cannot write ${path}.`, 'Choose a file in a folder that exists and that you may write to.');
    }
    const result = { id: entry.id, path, format: 'pkcs8-pbes2', kdf: 'pbkdf2-hmac-sha256', iterations: EXPORT_PBKDF2_ITERATIONS, cipher: 'aes-256-cbc' } as const;
    this.audit.append({
      action: 'key.exported-private',
      target: entry.id,
      details: { path, format: result.format, kdf: result.kdf, iterations: result.iterations, cipher: result.cipher, spkiSha256: entry.spkiSha256 },
    });
    return result;
  }

  async delete(request: ParsedInputOf<'keys.delete'>): Promise<OutputOf<'keys.delete'>> {
    const entry = this.catalog.get(request.id);
    this.db.transaction(() => {
      this.rotations.assertNotRotating(entry.id);
      this.catalog.remove(entry.id);
      this.audit.append({ action: 'key.deleted', target: entry.id, details: { label: entry.label, purpose: entry.purpose, spkiSha256: entry.spkiSha256 } });
    })();
    await this.vault.remove(entry.id);
    return { id: entry.id, deleted: true };
  }

  /** The file an export may write: absolute, not a folder, not in the keys folder, not replaced unless asked. */
  private exportTarget(path: string, overwrite: boolean): string {
    if (!isAbsolute(path)) throw new CourierError('BAD_INPUT', 'The export path must be absolute.', 'Choose the file with its full path.');
    const target = resolve(path);
    const insideKeys = relative(this.keysDir, target);
    if (insideKeys === '' || (!insideKeys.startsWith('..') && !isAbsolute(insideKeys))) {
      throw new CourierError('BAD_INPUT', "An export cannot be written into the home's keys folder.", 'Choose a file outside the Courier home.');
    }
    if (existsSync(target)) {
      if (statSync(target).isDirectory()) throw new CourierError('BAD_INPUT', `${target} is a folder.`, 'Choose a file name inside it.');
      if (!overwrite) throw new CourierError('BAD_INPUT', `${target} already exists.`, 'Choose another file name, or allow replacing it.');
    }
    return target;
  }
}
