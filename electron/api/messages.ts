// messages.*: Inbox and Outbox over the message store (core/messages), and the user's actions on an outbound message:
// resend (by its protocol: AS2, FISCAL, Pagero), stop and resume (the AS2 queue), and the audit export.
import { CourierError, MAX_CONTRACT_PAYLOAD_BYTES } from '../../shared/ipc';
import { resendMessage } from '../core/transports/as2/as2Sender';
import { exportMessage } from '../core/transports/as2/messageExport';
import { resumeMessage, stopMessage } from '../core/transports/as2/outboundQueue';
import { resendFiscalUpload } from '../core/transports/fiscal/fiscalUpload';
import { resendPageroMessage } from '../core/transports/pagero/pageroSend';
import type { CallHandler } from './router';

export const messagesList: CallHandler<'messages.list'> = (input, ctx) => ctx.messageQueries.list(input);

export const messagesGet: CallHandler<'messages.get'> = (input, ctx) => ctx.messageQueries.detail(input.id);

export const messagesPayload: CallHandler<'messages.payload'> = async (input, ctx) => {
  const payload = await ctx.messageQueries.payload(input.id, MAX_CONTRACT_PAYLOAD_BYTES);
  return { fileName: payload.fileName, contentType: payload.contentType, contentBase64: payload.bytes.toString('base64') };
};

/** An export travels base64 in one frame; beyond this the CLI's --out is the way. */
const MAX_EXPORT_BYTES = 2 * MAX_CONTRACT_PAYLOAD_BYTES;

export const messagesExport: CallHandler<'messages.export'> = async (input, ctx) => {
  const exported = await exportMessage(ctx, input.id);
  if (exported.bytes.length > MAX_EXPORT_BYTES) {
    throw new CourierError('BAD_INPUT', `The export of message ${input.id} is ${exported.bytes.length} bytes, more than can be downloaded here.`, `Use \`courier messages export ${input.id} --out FILE\`.`);
  }
  ctx.audit.append({ action: 'messages.exported', target: String(input.id), details: { size: exported.bytes.length } });
  return { fileName: exported.fileName, contentBase64: Buffer.from(exported.bytes).toString('base64') };
};

/** Who sends a message again, by its protocol; AS2 (the queue) for any protocol not listed. */
const resenders: Record<string, typeof resendMessage> = { fiscal: resendFiscalUpload, pagero: resendPageroMessage };

export const messagesResend: CallHandler<'messages.resend'> = async (input, ctx) => {
  const summary = await (resenders[ctx.messages.facts(input.id).protocol] ?? resendMessage)(ctx, input.id);
  ctx.audit.append({ action: 'messages.resent', target: String(input.id), details: { newMessage: summary.id } });
  return summary;
};

export const messagesStop: CallHandler<'messages.stop'> = (input, ctx) => {
  const summary = stopMessage(ctx, input.id);
  ctx.audit.append({ action: 'messages.stopped', target: String(input.id), details: {} });
  return summary;
};

export const messagesResume: CallHandler<'messages.resume'> = (input, ctx) => {
  const summary = resumeMessage(ctx, input.id);
  ctx.audit.append({ action: 'messages.resumed', target: String(input.id), details: {} });
  return summary;
};
