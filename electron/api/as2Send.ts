// as2.send: a document (and attachments) for a partner, sealed and put in the persistent outbound queue; the
// queue worker of the running host (serve, Electron, `courier as2 send`) delivers it.
import { queueAs2Send } from '../core/transports/as2/as2Sender';
import type { CallHandler } from './router';

export const as2Send: CallHandler<'as2.send'> = (input, ctx) => queueAs2Send(ctx, input);
