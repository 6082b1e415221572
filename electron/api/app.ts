// app.info: what the status bar shows about the running instance.
import type { CallHandler } from './router';

export const appInfo: CallHandler<'app.info'> = (_input, ctx) => ({
  version: ctx.version,
  host: ctx.host,
  home: ctx.paths.home,
  paths: { database: ctx.paths.database, blobs: ctx.paths.blobs, keys: ctx.paths.keys },
  runtime: { node: process.versions.node, platform: process.platform, arch: process.arch },
  startedAt: ctx.startedAt,
});
