// Generation as a job the user can watch and cancel: worker thread → encrypted file → catalog row and
// audit entry in one transaction. Every state change is published as a `keys.generation` event; a job
// cancelled at any step before the row is committed leaves nothing behind.
import { randomBytes } from 'node:crypto';
import type { KeyAlgorithm, KeyGenerationJob, KeyPurpose, KeySummary } from '../../../shared/ipc';
import { CourierError, toCourierError } from '../errors';
import type { EventBus } from '../events/eventBus';
import type { AuditLog } from '../store/audit';
import type { CourierDatabase } from '../store/database';
import { cancelledError, generateKeyPair } from './generateKeyPair';
import { toSummary, type KeyCatalog } from './keyCatalog';
import type { KeyVault } from './keyVault';

export interface GenerationRequest {
  jobId: string;
  label: string;
  purpose: KeyPurpose;
  algorithm: KeyAlgorithm;
  /** The id the key gets; a rotation reserves it up front so that a file left by a crash can be found. */
  keyId?: string;
  /** Runs inside the transaction that stores the key: throwing rolls the row back and removes the file. */
  onStored?: (key: KeySummary) => void;
}

export function describeAlgorithm(algorithm: KeyAlgorithm): string {
  return algorithm.type === 'rsa' ? `RSA-${algorithm.bits}` : `EC ${algorithm.curve}`;
}

export function newKeyId(): string {
  return `key-${randomBytes(8).toString('hex')}`;
}

export class KeyGeneration {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly db: CourierDatabase,
    private readonly catalog: KeyCatalog,
    private readonly vault: KeyVault,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
  ) {}

  /** Runs one job to its end; the job is registered before this returns its promise, so it can be cancelled at once. */
  async generate(request: GenerationRequest): Promise<KeySummary> {
    if (this.running.has(request.jobId)) {
      throw new CourierError('BAD_INPUT', `A generation with job id "${request.jobId}" is already running.`, 'Give each job its own id.');
    }
    const controller = new AbortController();
    this.running.set(request.jobId, controller);
    const job: KeyGenerationJob = {
      jobId: request.jobId,
      state: 'running',
      label: request.label,
      purpose: request.purpose,
      algorithm: request.algorithm,
      startedAt: new Date().toISOString(),
      endedAt: null,
      key: null,
      error: null,
    };
    this.publish(job);
    try {
      const key = await this.run(request, controller.signal);
      this.publish({ ...job, state: 'succeeded', endedAt: new Date().toISOString(), key });
      return key;
    } catch (error) {
      const courierError = toCourierError(error);
      this.publish({ ...job, state: courierError.code === 'CANCELLED' ? 'cancelled' : 'failed', endedAt: new Date().toISOString(), error: courierError.toData() });
      throw error;
    } finally {
      if (this.running.get(request.jobId) === controller) this.running.delete(request.jobId);
    }
  }

  /** False when no job of that id is running any more (it ended, or never started). */
  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  private async run(request: GenerationRequest, signal: AbortSignal): Promise<KeySummary> {
    const pair = await generateKeyPair(request.algorithm, signal);
    const id = request.keyId ?? newKeyId();
    try {
      try {
        await this.vault.store(id, pair.privateKeyInfo);
      } finally {
        pair.privateKeyInfo.fill(0);
      }
      if (signal.aborted) throw cancelledError();
      // From here on the job cannot be cancelled: the row and its audit entry commit together.
      this.running.delete(request.jobId);
      return this.db.transaction(() => {
        const entry = this.catalog.insert({ id, label: request.label, purpose: request.purpose, origin: 'generated', spki: pair.spki, createdAt: new Date().toISOString() });
        this.audit.append({
          action: 'key.generated',
          target: id,
          details: { label: entry.label, purpose: entry.purpose, algorithm: describeAlgorithm(entry.algorithm), spkiSha256: entry.spkiSha256, jobId: request.jobId },
        });
        const key = toSummary(entry);
        request.onStored?.(key);
        return key;
      })();
    } catch (error) {
      // An encrypted file without its row is harmless, so a failed clean-up must not hide why the job ended.
      await this.vault.remove(id).catch(() => undefined);
      throw error;
    }
  }

  private publish(job: KeyGenerationJob): void {
    this.events.publish({ type: 'keys.generation', job });
  }
}
