// Frames of the loopback WebSocket (browser host) and the envelope of Electron's invoke reply.
// Both carry the same contract; a reply is either an output or a CourierError, never a thrown stack.
import { z } from 'zod';
import { courierErrorSchema } from './errors';

/** Largest frame the browser host accepts; bigger frames are refused and the socket is closed with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** The WebSocket path of the browser host; the token travels as `?token=` and is checked during the upgrade. */
export const WS_PATH = '/ws';

const requestId = z.number().int().nonnegative();

export const clientFrameSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('invoke'), id: requestId, name: z.string().max(200), input: z.unknown() }),
  z.object({ op: z.literal('subscribe'), id: requestId, name: z.string().max(200), input: z.unknown() }),
  z.object({ op: z.literal('unsubscribe'), id: requestId }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const replySchema = z.union([
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: courierErrorSchema }),
]);
export type Reply = z.infer<typeof replySchema>;

export const serverFrameSchema = z.union([
  z.object({ op: z.literal('reply'), id: requestId.nullable(), reply: replySchema }),
  z.object({ op: z.literal('event'), id: requestId, data: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
