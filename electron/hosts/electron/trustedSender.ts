// Whether an IPC message comes from our own renderer: the sending frame must be a top-level frame
// showing a page of the app's own origin. Anything else (an iframe, a navigated-away page) is refused.
import { APP_SCHEME } from './channels';

export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  if (!isMainFrame || !frameUrl) return false;
  try {
    // WHATWG URL gives custom schemes an opaque origin ("null"), so compare scheme and host directly.
    const url = new URL(frameUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === 'app' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
