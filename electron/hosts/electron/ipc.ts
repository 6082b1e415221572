// The one guarded door between the renderer and the Api. Every ipcMain registration of the app is in this
// file (a test checks that), and each checks the sender frame before anything runs.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { CourierError, type Reply } from '../../../shared/ipc';
import type { Api } from '../../api';
import { EVENT_CHANNEL, INVOKE_CHANNEL, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from './channels';
import { isTrustedSender } from './trustedSender';

const untrusted: Reply = { ok: false, error: new CourierError('UNAUTHORIZED', 'This page may not call Courier.').toData() };

function trusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && isTrustedSender(frame.url, frame === event.sender.mainFrame);
}

export function registerContract(ipcMain: IpcMain, api: Api): void {
  const subscriptions = new Map<WebContents, Map<number, () => void>>();

  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!trusted(event)) return untrusted;
    return api.invoke(typeof name === 'string' ? name : '', input);
  });

  ipcMain.on(SUBSCRIBE_CHANNEL, (event, id: unknown, name: unknown, input: unknown) => {
    if (!trusted(event) || typeof id !== 'number' || typeof name !== 'string') return;
    const sender = event.sender;
    let mine = subscriptions.get(sender);
    if (!mine) {
      const created = new Map<number, () => void>();
      subscriptions.set(sender, created);
      sender.once('destroyed', () => {
        for (const unsubscribe of created.values()) unsubscribe();
        subscriptions.delete(sender);
      });
      mine = created;
    }
    mine.get(id)?.();
    const subscription = api.subscribe(name, input, (data) => {
      if (!sender.isDestroyed()) sender.send(EVENT_CHANNEL, id, data);
    });
    if (subscription.reply.ok) mine.set(id, subscription.unsubscribe);
  });

  ipcMain.on(UNSUBSCRIBE_CHANNEL, (event, id: unknown) => {
    if (!trusted(event) || typeof id !== 'number') return;
    const mine = subscriptions.get(event.sender);
    mine?.get(id)?.();
    mine?.delete(id);
  });
}
