// keys.*: key pairs through the contract; the private half never comes back, only files the user asked for.
import type { CallHandler } from './router';

export const keysList: CallHandler<'keys.list'> = (input, ctx) => ({ keys: ctx.keys.list(input.purpose) });

export const keysGet: CallHandler<'keys.get'> = (input, ctx) => ctx.keys.get(input.id);

export const keysGenerate: CallHandler<'keys.generate'> = (input, ctx) => ctx.keys.generate(input);

export const keysCancelGeneration: CallHandler<'keys.cancelGeneration'> = (input, ctx) => ({
  jobId: input.jobId,
  cancelled: ctx.keys.cancelGeneration(input.jobId),
});

export const keysExportPublic: CallHandler<'keys.exportPublic'> = (input, ctx) => ctx.keys.exportPublic(input.id, input.format);

export const keysExportPrivate: CallHandler<'keys.exportPrivate'> = (input, ctx) => ctx.keys.exportPrivate(input);

export const keysDelete: CallHandler<'keys.delete'> = (input, ctx) => ctx.keys.delete(input);
