// fiscal.*: FISCAL profiles, the check of a file before upload, and the upload, thin over core/documents and
// core/transports/fiscal. Uploads are audited by the core with their outcome; the token never leaves the core.
import { documentSource } from '../core/documents/documentSource';
import { inspectDocument } from '../core/documents/inspectDocument';
import { fiscalProfilesOf, uploadToFiscal } from '../core/transports/fiscal/fiscalUpload';
import type { CallHandler } from './router';

export const fiscalProfilesList: CallHandler<'fiscal.profiles.list'> = (_input, ctx) => ({ profiles: fiscalProfilesOf(ctx).list() });

export const fiscalProfilesGet: CallHandler<'fiscal.profiles.get'> = (input, ctx) => fiscalProfilesOf(ctx).get(input.profile);

export const fiscalProfilesSave: CallHandler<'fiscal.profiles.save'> = (input, ctx) => fiscalProfilesOf(ctx).save(input);

export const fiscalProfilesDelete: CallHandler<'fiscal.profiles.delete'> = (input, ctx) => fiscalProfilesOf(ctx).delete(input.profile);

export const fiscalInspect: CallHandler<'fiscal.inspect'> = async (input) => inspectDocument(await documentSource(input.document));

export const fiscalUpload: CallHandler<'fiscal.upload'> = async (input, ctx) =>
  uploadToFiscal(ctx, { profile: input.profile, fileType: input.fileType, source: await documentSource(input.document), ...(input.transferId ? { transferId: input.transferId } : {}) });
