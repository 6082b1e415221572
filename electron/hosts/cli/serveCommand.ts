// `courier serve` and `courier demo`: open a home, start the browser host, print its one URL, run until
// SIGINT/SIGTERM. The demo uses a fresh throwaway home and the simulators that exist.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCourierApi } from '../../api';
import { logInfo } from '../../core/log';
import { openHome } from '../../core/home/openHome';
import { defaultHome } from '../../core/home/paths';
import { startAs2Listener } from '../../core/transports/as2/as2Receiver';
import { startOutboundQueue } from '../../core/transports/as2/outboundQueue';
import { as2TlsIdentity } from '../as2Hosting';
import { openInBrowser } from '../openBrowser';
import { passphraseProtector } from '../passphrase';
import { startServeHost } from '../serve';
import { parseCommand, parsePort, type CliIo } from './options';
import { startAs2Demo } from './as2Demo';
import { startPacoDemo } from './pacoDemo';
import { startPageroDemo } from './pageroDemo';
import { startPushServer } from '../../core/transports/pagero/pushServer';
import { listenerTlsIdentity } from '../listenerTls';
import { startFiscalDemo } from './fiscalDemo';
import { startAs2gDemo } from './as2gatewayDemo';
import { startGatewaySync } from '../../core/transports/as2gateway/gatewaySyncJob';

/** The built renderer sits beside the built CLI: dist/cli/courier.js → dist/renderer/. */
export const defaultRendererDir = (): string => process.env.COURIER_RENDERER_DIR ?? fileURLToPath(new URL('../renderer/', import.meta.url));

export async function serveCommand(args: string[], io: CliIo, mode: 'serve' | 'demo'): Promise<number> {
  const usage = `courier ${mode} [--home DIR] [--port N] [--as2-port N] [--as2-tls-port N [--as2-tls-cert PEM --as2-tls-key PEM]] [--pagero-port N [--pagero-tls-cert PEM --pagero-tls-key PEM]]${mode === 'demo' ? ' [--no-open]' : ''}`;
  const { values } = parseCommand(
    args,
    {
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      'as2-port': { type: 'string' },
      'as2-tls-port': { type: 'string' },
      'as2-tls-cert': { type: 'string' },
      'as2-tls-key': { type: 'string' },
      'pagero-port': { type: 'string' },
      'pagero-tls-cert': { type: 'string' },
      'pagero-tls-key': { type: 'string' },
    },
    usage,
  );
  const port = parsePort(values.port, mode === 'demo' ? 0 : 8417);
  const as2HttpPort = values['as2-port'] === undefined ? undefined : parsePort(values['as2-port'], 0);
  // The demo receives AS2 over HTTPS on a free port unless told otherwise, so its partner simulator can send at once.
  const demoAs2Port = mode === 'demo' && values['as2-port'] === undefined ? 0 : undefined;
  const as2HttpsPort = values['as2-tls-port'] === undefined ? demoAs2Port : parsePort(values['as2-tls-port'], 0);
  const as2Tls = as2HttpsPort === undefined ? undefined : as2TlsIdentity(values['as2-tls-cert'], values['as2-tls-key']);
  const throwawayHome = mode === 'demo' && values.home === undefined ? mkdtempSync(join(tmpdir(), 'courier-demo-')) : undefined;
  const home = throwawayHome ?? defaultHome(values.home);
  // A fresh demo home needs no passphrase from anyone: it is throwaway, so a random one is used.
  const protector = passphraseProtector(throwawayHome ? { fallback: randomBytes(24).toString('base64url') } : {});

  const ctx = await openHome({ home, host: 'serve', protector });
  const api = createCourierApi(ctx);
  const pacoSimulator = mode === 'demo' ? await startPacoDemo(ctx, api) : undefined;
  const fiscalSimulator = mode === 'demo' ? await startFiscalDemo(api) : undefined;
  const host = await startServeHost({ api, port, rendererDir: defaultRendererDir() });
  // Key rotations switch and retire on time while the app is up, and every window hears of it.
  const stopRotationClock = ctx.keys.rotations.startClock();
  // Outbound AS2 messages (queued by the Send page, the CLI or before a restart) are delivered while the app is up.
  const outboundQueue = startOutboundQueue(ctx);
  logInfo(`${mode === 'demo' ? 'demo ' : ''}home ${ctx.paths.home}`);
  // Listening from the first printed line on: a stop during the AS2 (and demo) setup below still shuts down cleanly.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.out(host.url);
  const as2 = as2HttpPort === undefined && as2HttpsPort === undefined ? undefined : await startAs2Listener(ctx, { httpPort: as2HttpPort, httpsPort: as2HttpsPort, tls: as2Tls });
  for (const url of as2?.urls ?? []) io.out(`AS2: ${url}`);
  const as2Url = as2?.urls.find((url) => url.startsWith('https:')) ?? as2?.urls[0];
  const as2Demo = mode === 'demo' && as2Url ? await startAs2Demo(ctx, api, { url: as2Url, ...(as2Tls?.caPem ? { caPem: as2Tls.caPem } : {}) }) : undefined;
  for (const line of as2Demo?.summary ?? []) io.out(line);
  if (fiscalSimulator) io.out(`FISCAL simulator: ${fiscalSimulator.url} (profile demo, customer/unit demo/demo)`);
  // Pagero's HTTP client pushes documents to their own HTTPS port (the demo: a free one, throwaway certificate).
  const pageroPort = values['pagero-port'] === undefined ? (mode === 'demo' ? 0 : undefined) : parsePort(values['pagero-port'], 0);
  const pageroTls = pageroPort === undefined ? undefined : listenerTlsIdentity({ name: 'The Pagero push server', option: 'pagero' }, values['pagero-tls-cert'], values['pagero-tls-key']);
  const pageroPush = pageroPort === undefined || !pageroTls ? undefined : await startPushServer(ctx, { port: pageroPort, tls: pageroTls });
  if (pageroPush) io.out(`Pagero push: ${pageroPush.url}/<endpoint>`);
  const pageroDemo = mode === 'demo' ? await startPageroDemo(api, pageroPush && pageroTls?.caPem ? { url: pageroPush.url, caPem: pageroTls.caPem } : undefined) : undefined;
  for (const line of pageroDemo?.summary ?? []) io.out(line);
  const as2gDemo = mode === 'demo' ? await startAs2gDemo(api) : undefined;
  for (const line of as2gDemo?.summary ?? []) io.out(line);
  // AS2 Gateway accounts sync while the app is up: unread received messages into Inbox, Outbox statuses refreshed.
  const gatewaySync = startGatewaySync(ctx, mode === 'demo' ? 10_000 : undefined);
  if (mode === 'demo' && !values['no-open']) openInBrowser(host.url);

  await stopped;
  await as2Demo?.simulator.close();
  await pageroDemo?.simulator.close();
  await gatewaySync.close();
  await as2gDemo?.simulator.close();
  await pageroPush?.close();
  await as2?.close();
  await host.close();
  await outboundQueue.close();
  await pacoSimulator?.close();
  await fiscalSimulator?.close();
  stopRotationClock();
  ctx.close();
  if (throwawayHome) rmSync(throwawayHome, { recursive: true, force: true });
  return 0;
}
