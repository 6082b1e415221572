// While a host is up (serve, demo, Electron), every AS2 Gateway account is synced on a timer: unread received
// messages into Inbox, Outbox statuses refreshed. One run at a time; a failing account is recorded on the account
// (lastSyncOutcome) and tried again next round, and the others go on.
import type { CourierContext } from '../../home/openHome';
import { logInfo } from '../../log';
import { GatewayAccounts } from './gatewayAccounts';
import { syncAccount } from './gatewaySync';

/** Well under the gateway's budget: a sync of a quiet account costs two or three requests. */
export const DEFAULT_SYNC_INTERVAL_MS = 60_000;

export function startGatewaySync(ctx: CourierContext, intervalMs = DEFAULT_SYNC_INTERVAL_MS): { close(): Promise<void> } {
  const accounts = new GatewayAccounts({ db: ctx.db, secrets: ctx.secrets, audit: ctx.audit, tlsTrust: ctx.tlsTrust });
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  const round = async () => {
    for (const account of accounts.list()) {
      if (closed) return;
      try {
        await syncAccount(ctx, accounts, account.id);
      } catch (error) {
        logInfo(`AS2 Gateway sync of ${account.name} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      }
    }
  };
  const tick = () => {
    running = running.then(round);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    close: async () => {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
