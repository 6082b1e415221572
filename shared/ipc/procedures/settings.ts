// User preferences (nothing secret): theme and the page to reopen on start.
import { z } from 'zod';
import { defineProcedure } from '../contract';

export const settingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** The page the window reopens on; a path inside the app such as `/inbox`. */
  lastPage: z.string().regex(/^\/[a-z0-9/-]*$/).max(100).default('/inbox'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsGet = defineProcedure({
  name: 'settings.get',
  kind: 'query',
  summary: 'The current preferences.',
  input: z.object({}).strict(),
  output: settingsSchema,
});

export const settingsSet = defineProcedure({
  name: 'settings.set',
  kind: 'mutation',
  summary: 'Change some preferences; returns all of them.',
  input: z
    .object({ theme: settingsSchema.shape.theme.unwrap(), lastPage: settingsSchema.shape.lastPage.unwrap() })
    .partial()
    .strict(),
  output: settingsSchema,
});
