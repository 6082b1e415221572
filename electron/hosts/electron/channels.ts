// The only IPC channels the desktop app uses; the preload exposes nothing else.
export const INVOKE_CHANNEL = 'courier:invoke';
export const SUBSCRIBE_CHANNEL = 'courier:subscribe';
export const UNSUBSCRIBE_CHANNEL = 'courier:unsubscribe';
export const EVENT_CHANNEL = 'courier:event';

/** The renderer is served from this origin by a privileged custom protocol, never from file:// or the web. */
export const APP_SCHEME = 'courier';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
