// paco.*: PACO profiles and calls, thin over core/transports/paco. Every call is audited with its outcome
// (the error code when it failed); neither the request nor the answer goes into the audit log.
import { CourierError, type OutputOf, type ParsedInputOf } from '../../shared/ipc';
import { toCourierError } from '../core/errors';
import type { CourierContext } from '../core/home/openHome';
import { callPaco, transactionStatus, PACO_OPERATIONS, type PacoOperation } from '../core/transports/paco/pacoClient';
import { PACO_KEY_MANAGEMENT_ALGORITHM } from '../core/transports/paco/pacoJose';
import { PacoProfileStore } from '../core/transports/paco/pacoProfiles';
import { PACO_TEMPLATES } from '../core/transports/paco/pacoTemplates';
import type { CallHandler } from './router';

const profilesOf = (ctx: CourierContext) => new PacoProfileStore({ db: ctx.db, secrets: ctx.secrets, keys: ctx.keys, audit: ctx.audit });

export const pacoProfilesList: CallHandler<'paco.profiles.list'> = (_input, ctx) => ({ profiles: profilesOf(ctx).list() });

export const pacoProfilesGet: CallHandler<'paco.profiles.get'> = (input, ctx) => profilesOf(ctx).get(input.profile);

export const pacoProfilesSave: CallHandler<'paco.profiles.save'> = (input, ctx) => profilesOf(ctx).save(input);

export const pacoProfilesDelete: CallHandler<'paco.profiles.delete'> = (input, ctx) => profilesOf(ctx).delete(input.profile);

export const pacoTemplates: CallHandler<'paco.templates'> = () => ({ templates: [...PACO_TEMPLATES] });

function statusQuery(request: unknown): Record<string, string> {
  if (typeof request === 'object' && request !== null && !Array.isArray(request) && Object.values(request).every((value) => typeof value === 'string')) {
    return request as Record<string, string>;
  }
  throw new CourierError('BAD_INPUT', 'A transactionStatus request is an object of query parameters with string values.', 'For example {"orderNo": "ORDER-0001"}.');
}

async function send(input: ParsedInputOf<'paco.call'>, ctx: CourierContext): Promise<OutputOf<'paco.call'>> {
  const profile = profilesOf(ctx).clientProfile(input.profile);
  if (input.operation === 'transactionStatus') {
    return { operation: input.operation, response: await transactionStatus(ctx, profile, statusQuery(input.request)), verification: null };
  }
  if (!(input.operation in PACO_OPERATIONS)) throw new CourierError('BAD_INPUT', `PACO has no operation ${input.operation}.`);
  const opened = await callPaco(ctx, profile, input.operation as PacoOperation, input.request);
  return {
    operation: input.operation,
    response: opened.response,
    verification: {
      jwsAlg: opened.signingAlgorithm,
      jweAlg: PACO_KEY_MANAGEMENT_ALGORITHM,
      jweEnc: opened.contentEncryption,
      requestKid: opened.requestKid,
      requestEncryptionKid: opened.requestEncryptionKid,
      responseSigningKid: opened.signingKid,
      responseEncryptionKid: opened.decryptionKid,
      claims: opened.claims,
    },
  };
}

export const pacoCall: CallHandler<'paco.call'> = async (input, ctx) => {
  const profile = profilesOf(ctx).get(input.profile);
  try {
    const result = await send(input, ctx);
    ctx.audit.append({ action: 'paco.call', target: profile.id, details: { profile: profile.name, operation: input.operation, outcome: 'ok' } });
    return result;
  } catch (error) {
    ctx.audit.append({ action: 'paco.call', target: profile.id, details: { profile: profile.name, operation: input.operation, outcome: toCourierError(error).code } });
    throw error;
  }
};
