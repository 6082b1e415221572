// How the renderer reaches the main process: Electron's preload bridge, or the browser host's WebSocket.
// Both deliver the contract's Reply envelope; the client above them does not care which.
import { CourierError, WS_PATH, serverFrameSchema, type Reply } from '../../../shared/ipc';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'refused';

export interface Transport {
  readonly kind: 'electron' | 'browser';
  invoke(name: string, input: unknown): Promise<Reply>;
  subscribe(name: string, input: unknown, onEvent: (data: unknown) => void): () => void;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
}

interface PreloadBridge {
  invoke(name: string, input: unknown): Promise<Reply>;
  subscribe(name: string, input: unknown, onEvent: (data: unknown) => void): () => void;
}

declare global {
  interface Window {
    courier?: PreloadBridge;
  }
}

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    invoke: (name, input) => bridge.invoke(name, input),
    subscribe: (name, input, onEvent) => bridge.subscribe(name, input, onEvent),
    onStateChange(listener) {
      listener('open');
      return () => undefined;
    },
  };
}

const TOKEN_KEY = 'courier.token';

/** The token arrives once in the URL fragment; keep it for this tab only and take it out of the address bar. */
export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY);
}

interface Pending {
  resolve: (reply: Reply) => void;
}

interface ActiveSubscription {
  name: string;
  input: unknown;
  onEvent: (data: unknown) => void;
}

const disconnected = (): Reply => ({
  ok: false,
  error: new CourierError('DISCONNECTED', 'Lost the connection to Courier.', 'Check that courier serve is still running; the page reconnects by itself.').toData(),
});

const refused = (): Reply => ({
  ok: false,
  error: new CourierError('UNAUTHORIZED', 'Courier refused this page.', 'Open the URL that courier serve printed; it carries a fresh access token.').toData(),
});

/** A WebSocket that reconnects with backoff, replays subscriptions, and fails pending calls on a drop. */
export function webSocketTransport(url: string): Transport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryDelay = 250;
  let state: ConnectionState = 'connecting';
  const pending = new Map<number, Pending>();
  const subscriptions = new Map<number, ActiveSubscription>();
  const outbox: string[] = [];
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  /** Once a socket has opened, the server is known to accept our token: later drops are worth retrying. */
  let everOpened = false;

  const connect = () => {
    setState(everOpened ? 'closed' : 'connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      everOpened = true;
      retryDelay = 250;
      setState('open');
      for (const [id, subscription] of subscriptions) ws.send(JSON.stringify({ op: 'subscribe', id, name: subscription.name, input: subscription.input }));
      for (const text of outbox.splice(0)) ws.send(text);
    };
    ws.onmessage = (message) => {
      const parsed = serverFrameSchema.safeParse(JSON.parse(String(message.data)));
      if (!parsed.success) return;
      const frame = parsed.data;
      if (frame.op === 'event') {
        subscriptions.get(frame.id)?.onEvent(frame.data);
      } else if (frame.id !== null) {
        pending.get(frame.id)?.resolve(frame.reply);
        pending.delete(frame.id);
      }
    };
    ws.onclose = () => {
      for (const request of pending.values()) request.resolve(everOpened ? disconnected() : refused());
      pending.clear();
      outbox.length = 0;
      // A first socket that never opens was refused (wrong or old token): retrying cannot help. A socket that
      // worked and dropped is retried with backoff until the server is back.
      if (!everOpened) {
        setState('refused');
        return;
      }
      setState('closed');
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
  };
  connect();

  return {
    kind: 'browser',
    invoke(name, input) {
      const id = nextId++;
      return new Promise<Reply>((resolve) => {
        if (state === 'refused') return resolve(refused());
        // While reconnecting, fail at once with a clear error rather than leave the user waiting.
        if (state === 'closed') return resolve(disconnected());
        pending.set(id, { resolve });
        const text = JSON.stringify({ op: 'invoke', id, name, input });
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else outbox.push(text);
      });
    },
    subscribe(name, input, onEvent) {
      const id = nextId++;
      subscriptions.set(id, { name, input, onEvent });
      // Before the socket opens, the replay in onopen sends it; queueing it too would subscribe twice.
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ op: 'subscribe', id, name, input }));
      return () => {
        subscriptions.delete(id);
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ op: 'unsubscribe', id }));
      };
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}

export function webSocketUrl(location: Location, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}
