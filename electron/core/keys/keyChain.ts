// Which keys a profile uses once its key has been rotated: the profile keeps the id it was set up with, and
// the successor chain (`keys.successor_id`) leads from there to the key that sends today; the keys that may
// still receive are that key, its successor before the switch, and its predecessors inside their overlap.
import { CourierError } from '../errors';
import type { CatalogEntry, KeyCatalog } from './keyCatalog';
import type { RotationRecords } from './rotationRecords';

/** Follows successors from `keyId` to the key that signs and is advertised for encryption now. */
export function sendingKey(catalog: KeyCatalog, keyId: string): CatalogEntry {
  let entry = catalog.get(keyId);
  const seen = new Set<string>([entry.id]);
  while (entry.successorId !== null) {
    if (seen.has(entry.successorId)) throw new CourierError('INTERNAL', `The successor chain of key "${keyId}" loops.`);
    seen.add(entry.successorId);
    entry = catalog.get(entry.successorId);
  }
  if (entry.role === 'retired') {
    throw new CourierError('NOT_FOUND', `Key "${entry.id}" is retired and its successor is gone: nothing sends for "${keyId}".`, 'Generate or import a key and set it on the profile.');
  }
  return entry;
}

/** The current sending key, its successor while that waits for its switch, then predecessors still in their overlap, newest first. */
export function receivingKeys(catalog: KeyCatalog, records: RotationRecords, keyId: string): CatalogEntry[] {
  const sending = sendingKey(catalog, keyId);
  const keys = [sending];
  const incoming = records.readyOf(sending.id);
  if (incoming) keys.push(catalog.get(incoming.successor_id));
  const seen = new Set<string>([sending.id]);
  for (let predecessorId = records.predecessorOf(sending.id); predecessorId !== undefined; predecessorId = records.predecessorOf(predecessorId)) {
    if (seen.has(predecessorId)) break;
    seen.add(predecessorId);
    const predecessor = catalog.find(predecessorId);
    if (predecessor?.role === 'receiving-only') keys.push(predecessor);
  }
  return keys;
}
