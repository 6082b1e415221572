// Bundles the Node side (CLI, Electron main and preload, benchmarks) with esbuild. Dependencies stay in
// node_modules (native better-sqlite3, electron itself); only our TypeScript is bundled.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, format: 'esm', entryPoints: { courier: 'electron/hosts/cli/bin.ts' }, outdir: 'dist/cli', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, format: 'esm', entryPoints: { main: 'electron/hosts/electron/main.ts' }, outdir: 'dist/electron' }),
  build({ ...common, format: 'cjs', entryPoints: { preload: 'electron/hosts/electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  build({ ...common, format: 'esm', entryPoints: { run: 'bench/run.ts' }, outdir: 'dist/bench' }),
]);
await chmod('dist/cli/courier.js', 0o755);
