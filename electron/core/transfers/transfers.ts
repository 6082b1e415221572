// Uploads in flight, per open home: each counts the bytes its body hands to the HTTP client, publishes
// 'transfers.progress' (a few times a second, and at every state change) and can be cancelled by id.
import { randomBytes } from 'node:crypto';
import type { TransferProgress } from '../../../shared/ipc';
import { CourierError } from '../errors';
import type { EventBus } from '../events/eventBus';

/** While bytes flow, progress is published this often. */
const PROGRESS_INTERVAL_MS = 200;

export interface TransferStart {
  /** The caller's id (so it can cancel from the start); a random one when omitted. */
  transferId?: string;
  protocol: string;
  fileName: string | null;
  totalBytes: number | null;
}

export interface Transfer {
  readonly id: string;
  /** Aborted when the user cancels; pass it to the HTTP exchange. */
  readonly signal: AbortSignal;
  /** The body, counted as it is read. */
  counted(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  /** A new attempt (a retry) starts counting from zero again. */
  restart(): void;
  finish(state: 'done' | 'failed' | 'cancelled'): void;
  readonly cancelled: boolean;
}

const registries = new WeakMap<EventBus, Map<string, { controller: AbortController }>>();

function registryOf(events: EventBus): Map<string, { controller: AbortController }> {
  let registry = registries.get(events);
  if (!registry) {
    registry = new Map();
    registries.set(events, registry);
  }
  return registry;
}

export function beginTransfer(events: EventBus, start: TransferStart): Transfer {
  const registry = registryOf(events);
  const id = start.transferId ?? randomBytes(12).toString('base64url');
  if (registry.has(id)) throw new CourierError('CONFLICT', `Transfer ${id} is already running.`, 'Give each send its own transfer id.');
  const controller = new AbortController();
  registry.set(id, { controller });
  let sentBytes = 0;
  let published = -1;
  let state: TransferProgress['state'] = 'sending';
  const publish = () => {
    published = sentBytes;
    events.publish({ type: 'transfers.progress', transfer: { transferId: id, protocol: start.protocol, fileName: start.fileName, sentBytes, totalBytes: start.totalBytes, state } });
  };
  publish();
  // A timer, not the chunks, paces the events: a stalled upload still reports where it stands.
  const ticker = setInterval(() => {
    if (sentBytes !== published) publish();
  }, PROGRESS_INTERVAL_MS);
  ticker.unref();
  return {
    id,
    signal: controller.signal,
    get cancelled() {
      return controller.signal.aborted;
    },
    async *counted(body) {
      for await (const chunk of body) {
        if (controller.signal.aborted) throw new CourierError('CANCELLED', 'The upload was cancelled.');
        sentBytes += chunk.byteLength;
        yield chunk;
      }
      // The HTTP client may finish reading the body after the answer came (a server that answered early).
      if (registry.has(id)) publish();
    },
    restart() {
      sentBytes = 0;
      publish();
    },
    finish(final) {
      if (!registry.has(id)) return;
      registry.delete(id);
      clearInterval(ticker);
      state = controller.signal.aborted ? 'cancelled' : final;
      publish();
    },
  };
}

/** Cancels a transfer of this home; false when none by that id is running. */
export function cancelTransfer(events: EventBus, transferId: string): boolean {
  const entry = registryOf(events).get(transferId);
  if (!entry) return false;
  entry.controller.abort(new CourierError('CANCELLED', 'The upload was cancelled.'));
  return true;
}
