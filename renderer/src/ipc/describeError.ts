// Turns whatever a call threw into what a person can act on: the CourierError's message and hint, or an
// honest sentence when the reply itself was unreadable (never a stack).
import { CourierError } from '../../../shared/ipc';

export interface ErrorDescription {
  title: string;
  hint?: string | undefined;
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof CourierError) return { title: error.message, hint: error.hint };
  return {
    title: 'Courier sent a reply this page does not understand.',
    hint: 'Reload the page. If it happens again, the page and Courier may be from different versions.',
  };
}
