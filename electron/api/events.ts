// events: every change published on the core's event bus, delivered to one subscriber.
import type { SubscriptionHandler } from './router';

export const events: SubscriptionHandler<'events'> = (_input, ctx, emit) => ctx.events.subscribe(emit);
