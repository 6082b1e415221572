// transfers.*: uploads in flight (FISCAL, Pagero); progress arrives as 'transfers.progress' events.
import { cancelTransfer } from '../core/transfers/transfers';
import type { CallHandler } from './router';

export const transfersCancel: CallHandler<'transfers.cancel'> = (input, ctx) => ({ transferId: input.transferId, cancelled: cancelTransfer(ctx.events, input.transferId) });
