// Uploads in flight (FISCAL, Pagero): progress in bytes as the body leaves the machine, and a way to cancel one.
// A send names its transfer with a `transferId` the caller picks, so it can follow and cancel it from the start.
import { z } from 'zod';
import { defineProcedure } from '../contract';

export const transferIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a transfer id is 8–64 letters, digits, _ and -');

export const transferStates = ['sending', 'done', 'failed', 'cancelled'] as const;

export const transferProgressSchema = z.object({
  transferId: z.string(),
  /** The service the body goes to: 'fiscal' | 'pagero'. */
  protocol: z.string(),
  fileName: z.string().nullable(),
  sentBytes: z.number().int().min(0),
  /** Null when the size is not known before the end. */
  totalBytes: z.number().int().min(0).nullable(),
  state: z.enum(transferStates),
});
export type TransferProgress = z.infer<typeof transferProgressSchema>;

export const transfersCancel = defineProcedure({
  name: 'transfers.cancel',
  kind: 'mutation',
  summary: 'Cancel an upload in flight; the send ends with CANCELLED and its message says so.',
  input: z.object({ transferId: transferIdSchema }).strict(),
  output: z.object({ transferId: z.string(), cancelled: z.boolean() }),
});
