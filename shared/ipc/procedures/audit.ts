// The append-only audit trail: who did what, when. Details never hold secrets.
import { z } from 'zod';
import { defineProcedure } from '../contract';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditList = defineProcedure({
  name: 'audit.list',
  kind: 'query',
  summary: 'Audit entries, newest first, a page at a time.',
  input: z
    .object({
      limit: z.number().int().min(1).max(500).default(100),
      /** Return entries older than this id (the `nextBefore` of the previous page). */
      before: z.number().int().positive().optional(),
      action: z.string().max(100).optional(),
    })
    .strict(),
  output: z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() }),
});
