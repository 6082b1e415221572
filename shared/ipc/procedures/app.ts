// What the status bar and Settings show about the running instance: which host, which data.
import { z } from 'zod';
import { defineProcedure } from '../contract';

export const hostKinds = ['electron', 'serve', 'cli'] as const;
export type HostKind = (typeof hostKinds)[number];

export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(hostKinds),
  home: z.string(),
  paths: z.object({ database: z.string(), blobs: z.string(), keys: z.string() }),
  runtime: z.object({ node: z.string(), platform: z.string(), arch: z.string() }),
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appInfo = defineProcedure({
  name: 'app.info',
  kind: 'query',
  summary: 'Version, host kind and where this instance keeps its data.',
  input: z.object({}).strict(),
  output: appInfoSchema,
});
