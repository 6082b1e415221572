// Live updates pushed from the main process, so every window reflects changes without polling.
import { z } from 'zod';
import { defineProcedure } from '../contract';
import { auditEntrySchema } from './audit';
import { keyRotationSchema } from './keyRotation';
import { keyGenerationJobSchema } from './keys';
import { messageSummarySchema } from './messages';
import { settingsSchema } from './settings';
import { transferProgressSchema } from './transfers';

export const courierEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('settings.changed'), settings: settingsSchema }),
  z.object({ type: z.literal('audit.appended'), entry: auditEntrySchema }),
  z.object({ type: z.literal('keys.generation'), job: keyGenerationJobSchema }),
  z.object({ type: z.literal('keys.rotation'), rotation: keyRotationSchema }),
  z.object({ type: z.literal('messages.changed'), message: messageSummarySchema }),
  z.object({ type: z.literal('transfers.progress'), transfer: transferProgressSchema }),
]);
export type CourierEvent = z.infer<typeof courierEventSchema>;

export const events = defineProcedure({
  name: 'events',
  kind: 'subscription',
  summary: 'Every change the main process makes, as it happens.',
  input: z.object({}).strict(),
  output: courierEventSchema,
});
