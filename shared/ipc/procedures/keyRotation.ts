// Key rotation as a wizard walks it (issue 4): start (the successor is generated), watch the timeline,
// switch sending now instead of at the planned time, or cancel before the switch. Every step is one state
// of a rotation: planned → ready → switched → retired, or cancelled before the switch.
import { z } from 'zod';
import { defineProcedure } from '../contract';
import { jobIdSchema, keyAlgorithmSchema, keyIdSchema, labelSchema } from './keys';

export const keyRotationStates = ['planned', 'ready', 'switched', 'retired', 'cancelled'] as const;
export type KeyRotationState = (typeof keyRotationStates)[number];

/** Why a rotation ended before its switch: the user asked, generation failed, or the process ended mid-generation. */
export const keyRotationCancelReasons = ['requested', 'generation-failed', 'interrupted'] as const;
export type KeyRotationCancelReason = (typeof keyRotationCancelReasons)[number];

export const DEFAULT_OVERLAP_DAYS = 14;
export const MAX_OVERLAP_DAYS = 365;

/** One rotation and its timeline; every date is an ISO 8601 UTC instant. */
export const keyRotationSchema = z.object({
  id: z.number().int(),
  state: z.enum(keyRotationStates),
  /** The key being replaced. */
  predecessorId: z.string(),
  /** The replacement's id, reserved when the rotation starts; the key exists from `ready` on (and is removed if cancelled). */
  successorId: z.string(),
  /** The generation job of the successor (its `keys.generation` events, `keys.cancelGeneration`). */
  jobId: z.string(),
  overlapDays: z.number().int(),
  /** When sending moves to the successor; null: only when asked (`keys.switchNow`). */
  switchAt: z.string().nullable(),
  /** When the predecessor stops receiving: switchAt + overlapDays; null while switchAt is. */
  retireAt: z.string().nullable(),
  startedAt: z.string(),
  readyAt: z.string().nullable(),
  switchedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.enum(keyRotationCancelReasons).nullable(),
});
export type KeyRotation = z.infer<typeof keyRotationSchema>;

const SWITCH_AT = 'switchAt is an ISO 8601 date-time with a zone (e.g. 2027-01-31T09:00:00Z), "now", or null.';
/** An ISO 8601 date-time with a zone (`2027-01-31T09:00:00Z`, `…+01:00`), "now", or null for "when I say so". */
const switchAtSchema = z
  .union([z.literal('now'), z.iso.datetime({ offset: true, error: SWITCH_AT }), z.null()], { error: SWITCH_AT })
  .default(null);

const confirmation = (what: string) => z.literal(true, { error: `${what} needs an explicit confirmation (confirm: true).` });

export const keysRotate = defineProcedure({
  name: 'keys.rotate',
  kind: 'mutation',
  summary: 'Start rotating a key: generate its successor (same purpose; same algorithm unless asked), reply once it is stored.',
  input: z
    .object({
      id: keyIdSchema,
      jobId: jobIdSchema,
      switchAt: switchAtSchema,
      overlapDays: z
        .number({ error: 'overlapDays is a whole number of days.' })
        .int('overlapDays is a whole number of days.')
        .min(0, 'overlapDays cannot be negative.')
        .max(MAX_OVERLAP_DAYS, `overlapDays is at most ${MAX_OVERLAP_DAYS}.`)
        .default(DEFAULT_OVERLAP_DAYS),
      /** The successor's label; by default the predecessor's, marked with the date. */
      label: labelSchema.optional(),
      /** The successor's algorithm; by default the predecessor's. */
      algorithm: keyAlgorithmSchema.optional(),
    })
    .strict(),
  output: keyRotationSchema,
});

export const keysRotation = defineProcedure({
  name: 'keys.rotation',
  kind: 'query',
  summary: 'The latest rotation a key takes part in (as predecessor or successor) with its timeline; null if none.',
  input: z.object({ id: keyIdSchema }).strict(),
  output: z.object({ rotation: keyRotationSchema.nullable() }),
});

export const keysSwitchNow = defineProcedure({
  name: 'keys.switchNow',
  kind: 'mutation',
  summary: 'Move sending to the successor now instead of at the planned time; the overlap window starts now.',
  input: z.object({ id: keyIdSchema }).strict(),
  output: keyRotationSchema,
});

export const keysCancelRotation = defineProcedure({
  name: 'keys.cancelRotation',
  kind: 'mutation',
  summary: 'Roll a rotation back before its switch: the successor is removed, the predecessor is untouched (audited).',
  input: z.object({ id: keyIdSchema, confirm: confirmation('Cancelling a rotation') }).strict(),
  output: keyRotationSchema,
});
