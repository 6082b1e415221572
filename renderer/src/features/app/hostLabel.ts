// The host kind in words, as the status bar and Settings show it.
import type { OutputOf } from '../../../../shared/ipc';

const labels: Record<OutputOf<'app.info'>['host'], string> = {
  serve: 'Browser host (courier serve)',
  electron: 'Desktop app',
  cli: 'Command line',
};

export function hostLabel(host: OutputOf<'app.info'>['host']): string {
  return labels[host];
}
