// Whether an IPC message comes from our own renderer: the sending frame must be a top-level frame
// showing a page of the app's own origin. Anything else (an iframe, a navigated-away page) is refused.
import { APP_ORIGIN } from './channels';

export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  if (!isMainFrame || !frameUrl) return false;
  try {
    return new URL(frameUrl).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}
