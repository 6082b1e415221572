// The desktop app: the same core and Api as `courier serve`, shown in a sandboxed window. This folder
// is the only place that imports 'electron'.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session, shell } from 'electron';
import Store from 'electron-store';
import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toCourierError } from '../../core/errors';
import { openHome, type CourierContext } from '../../core/home/openHome';
import type { MasterKeyProtector } from '../../core/secrets/masterKey';
import type { PreferencesBackend } from '../../core/settings/settingsService';
import { createCourierApi } from '../../api';
import { startAs2Listener } from '../../core/transports/as2/as2Receiver';
import { startOutboundQueue } from '../../core/transports/as2/outboundQueue';
import { startGatewaySync } from '../../core/transports/as2gateway/gatewaySyncJob';
import { as2ListenerFromEnvironment } from '../as2Hosting';
import { passphraseProtector } from '../passphrase';
import { APP_ORIGIN, APP_SCHEME } from './channels';
import { registerContract } from './ipc';
import { isTrustedSender } from './trustedSender';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = resolve(here, '../renderer');
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** The OS keystore when it is a real one; otherwise the passphrase from COURIER_PASSPHRASE. */
function masterKeyProtector(): MasterKeyProtector {
  const weakLinuxBackend = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weakLinuxBackend) return passphraseProtector();
  return {
    kind: 'os-keystore',
    seal: (key) => safeStorage.encryptString(key.toString('base64')),
    unseal: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

function electronStorePreferences(home: string): PreferencesBackend {
  const store = new Store<Record<string, unknown>>({ cwd: home, name: 'preferences' });
  return {
    load: () => store.store,
    save: async (settings) => {
      store.store = settings;
    },
  };
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    let file = resolve(join(rendererDir, decodeURIComponent(pathname)));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return new Response(null, { status: 404 });
    if (!existsSync(file) || extname(file) === '') file = join(rendererDir, 'index.html');
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Courier',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedSender(url, true)) event.preventDefault();
  });
  void window.loadURL(`${APP_ORIGIN}/`);
  return window;
}

async function start(): Promise<CourierContext> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const home = process.env.COURIER_HOME ?? app.getPath('userData');
  const ctx = await openHome({ home, host: 'electron', protector: masterKeyProtector(), preferences: electronStorePreferences(home) });
  registerContract(ipcMain, createCourierApi(ctx));
  // Key rotations switch and retire on time while the app is up, and every window hears of it.
  const stopRotationClock = ctx.keys.rotations.startClock();
  app.on('before-quit', stopRotationClock);
  // Outbound AS2 is delivered while the app runs; AS2 is received where COURIER_AS2_* say (README "Receiving AS2").
  const outboundQueue = startOutboundQueue(ctx);
  // AS2 Gateway accounts sync while the app runs (unread received messages into the Inbox, Outbox statuses).
  const gatewaySync = startGatewaySync(ctx);
  const listenerOptions = as2ListenerFromEnvironment(process.env);
  const listener = listenerOptions ? await startAs2Listener(ctx, listenerOptions) : undefined;
  app.on('before-quit', () => {
    void outboundQueue.close();
    void gatewaySync.close();
    void listener?.close();
  });
  serveRenderer();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  return ctx;
}

start().then(
  (ctx) => {
    app.on('window-all-closed', () => {
      ctx.close();
      app.quit();
    });
  },
  (error: unknown) => {
    const courierError = toCourierError(error);
    dialog.showErrorBox('Courier cannot start', `${courierError.message}\n\n${courierError.hint ?? ''}`);
    app.exit(1);
  },
);
