// The renderer's only view of the main process: invoke(name, input) and subscribe(name, input, cb).
// No channel names, no ipcRenderer, no Node APIs reach the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from './channels';

let nextSubscription = 1;

contextBridge.exposeInMainWorld('courier', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
  subscribe(name: string, input: unknown, onEvent: (data: unknown) => void): () => void {
    const id = nextSubscription++;
    const listener = (_event: IpcRendererEvent, eventId: number, data: unknown) => {
      if (eventId === id) onEvent(data);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    ipcRenderer.send(SUBSCRIBE_CHANNEL, id, name, input);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
      ipcRenderer.send(UNSUBSCRIBE_CHANNEL, id);
    };
  },
  host: 'electron',
});
