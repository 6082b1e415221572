// Fan-out of live changes to every subscriber (each window, each WebSocket). A failing listener is
// dropped from this delivery but never breaks the publisher or the other listeners.
import type { CourierEvent } from '../../../shared/ipc';

export type EventListener = (event: CourierEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(event: CourierEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A subscriber that throws (a closed socket) must not stop delivery to the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
