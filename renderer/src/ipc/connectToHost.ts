// Decides how this page reaches Courier: the desktop app's preload bridge, or the browser host's socket
// with the token from the printed URL. Without a token there is nothing to connect to: the page stays locked.
import { electronTransport, takeToken, webSocketTransport, webSocketUrl, type Transport } from './transport';

export function connectToHost(window: Window): Transport | null {
  if (window.courier) return electronTransport(window.courier);
  const token = takeToken(window.location, window.sessionStorage, window.history);
  if (token === null) return null;
  return webSocketTransport(webSocketUrl(window.location, token));
}
