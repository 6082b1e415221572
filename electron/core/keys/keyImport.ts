// Keys that arrive from outside (a PKCS#12 identity) join the same keystore as generated ones: encrypted at
// rest by the key vault, listed by the key catalog with origin `imported`, audited as `key.imported`. Staging
// (the encrypted file) and committing (the row, in the caller's transaction with its certificates) are two
// steps, so an import that fails half-way leaves neither a row nor a file behind.
import type { KeyPurpose, KeySummary } from '../../../shared/ipc';
import type { AuditLog } from '../store/audit';
import { toSummary, type KeyCatalog } from './keyCatalog';
import { describeAlgorithm, newKeyId } from './keyGeneration';
import type { KeyVault } from './keyVault';
import { keyAlgorithmOf, publicKeyFromSpki, spkiSha256 } from './publicKeyExports';

export interface KeyToImport {
  /** DER PKCS#8 PrivateKeyInfo; the caller zeroes it once staged. */
  privateKeyInfo: Uint8Array;
  /** DER SubjectPublicKeyInfo of the same key. */
  spki: Uint8Array;
  label: string;
  purpose: KeyPurpose;
}

export type StagedKey =
  | { kind: 'existing'; key: KeySummary }
  | { kind: 'new'; id: string; spki: Uint8Array; label: string; purpose: KeyPurpose };

/** Where the key came from, for the audit entry: file name and format, never its password. */
export interface ImportSource {
  fileName: string;
  format: string;
}

export class KeyImport {
  constructor(
    private readonly catalog: KeyCatalog,
    private readonly vault: KeyVault,
    private readonly audit: AuditLog,
  ) {}

  /** Refuses algorithms Courier does not hold; writes the encrypted file unless the keystore has this key already. */
  async stage(request: KeyToImport): Promise<StagedKey> {
    keyAlgorithmOf(publicKeyFromSpki(request.spki));
    const hash = spkiSha256(request.spki);
    const existing = this.catalog.list().find((entry) => entry.spkiSha256 === hash);
    if (existing) return { kind: 'existing', key: toSummary(existing) };
    const id = newKeyId();
    await this.vault.store(id, request.privateKeyInfo);
    return { kind: 'new', id, spki: request.spki, label: request.label, purpose: request.purpose };
  }

  /** Adds the catalog row and its audit entry; call inside the transaction that stores the certificates. */
  commit(staged: StagedKey, source: ImportSource): { key: KeySummary; alreadyPresent: boolean } {
    if (staged.kind === 'existing') return { key: staged.key, alreadyPresent: true };
    const entry = this.catalog.insert({ id: staged.id, label: staged.label, purpose: staged.purpose, origin: 'imported', spki: staged.spki, createdAt: new Date().toISOString() });
    this.audit.append({
      action: 'key.imported',
      target: entry.id,
      details: { label: entry.label, purpose: entry.purpose, algorithm: describeAlgorithm(entry.algorithm), spkiSha256: entry.spkiSha256, fileName: source.fileName, format: source.format },
    });
    return { key: toSummary(entry), alreadyPresent: false };
  }

  /** Removes the files of staged keys whose rows were never committed. */
  async discard(staged: readonly StagedKey[]): Promise<void> {
    for (const key of staged) if (key.kind === 'new') await this.vault.remove(key.id).catch(() => undefined);
  }
}
