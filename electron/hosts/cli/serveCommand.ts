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
import { openInBrowser } from '../openBrowser';
import { passphraseProtector } from '../passphrase';
import { startServeHost } from '../serve';
import { parseCommand, parsePort, type CliIo } from './options';
import { startPacoDemo } from './pacoDemo';

/** The built renderer sits beside the built CLI: dist/cli/courier.js → dist/renderer/. */
export const defaultRendererDir = (): string => process.env.COURIER_RENDERER_DIR ?? fileURLToPath(new URL('../renderer/', import.meta.url));

export async function serveCommand(args: string[], io: CliIo, mode: 'serve' | 'demo'): Promise<number> {
  const usage = `courier ${mode} [--home DIR] [--port N]${mode === 'demo' ? ' [--no-open]' : ''}`;
  const { values } = parseCommand(args, { port: { type: 'string' }, 'no-open': { type: 'boolean', default: false } }, usage);
  const port = parsePort(values.port, mode === 'demo' ? 0 : 8417);
  const throwawayHome = mode === 'demo' && values.home === undefined ? mkdtempSync(join(tmpdir(), 'courier-demo-')) : undefined;
  const home = throwawayHome ?? defaultHome(values.home);
  // A fresh demo home needs no passphrase from anyone: it is throwaway, so a random one is used.
  const protector = passphraseProtector(throwawayHome ? { fallback: randomBytes(24).toString('base64url') } : {});

  const ctx = await openHome({ home, host: 'serve', protector });
  const api = createCourierApi(ctx);
  const pacoSimulator = mode === 'demo' ? await startPacoDemo(ctx, api) : undefined;
  const host = await startServeHost({ api, port, rendererDir: defaultRendererDir() });
  // Key rotations switch and retire on time while the app is up, and every window hears of it.
  const stopRotationClock = ctx.keys.rotations.startClock();
  logInfo(`${mode === 'demo' ? 'demo ' : ''}home ${ctx.paths.home}`);
  io.out(host.url);
  if (mode === 'demo' && !values['no-open']) openInBrowser(host.url);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await pacoSimulator?.close();
  stopRotationClock();
  ctx.close();
  if (throwawayHome) rmSync(throwawayHome, { recursive: true, force: true });
  return 0;
}
