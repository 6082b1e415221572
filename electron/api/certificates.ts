// certs.*: certificates through the contract. Files arrive as base64 (a dropped file, or the CLI's read); the
// PKCS#12 password is handed to the core for this one call and goes nowhere else.
import type { CallHandler } from './router';

function fileBytes(contentBase64: string): Buffer {
  return Buffer.from(contentBase64, 'base64');
}

export const certsImport: CallHandler<'certs.import'> = (input, ctx) =>
  ctx.certificates.import({ fileName: input.fileName, bytes: fileBytes(input.contentBase64), password: input.password, purpose: input.purpose, label: input.label });

export const certsList: CallHandler<'certs.list'> = (input, ctx) => ctx.certificates.list(input);

export const certsGet: CallHandler<'certs.get'> = (input, ctx) => ctx.certificates.get(input.id);

export const certsSelfSign: CallHandler<'certs.selfSign'> = (input, ctx) => ctx.certificates.selfSign(input);

export const certsCreateCsr: CallHandler<'certs.createCsr'> = (input, ctx) => ctx.certificates.createCsr(input);

export const certsAttach: CallHandler<'certs.attach'> = (input, ctx) =>
  ctx.certificates.attach({ keyId: input.keyId, fileName: input.fileName, bytes: fileBytes(input.contentBase64) });

export const certsDelete: CallHandler<'certs.delete'> = (input, ctx) => ctx.certificates.delete(input.id);
