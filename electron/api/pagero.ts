// pagero.*: send profiles and sends (core/transports/pagero), and the push endpoints Pagero posts documents to.
// Sends are audited by the core with their outcome; neither documents nor answers go into the audit log.
import { pageroProfilesOf, sendToPagero } from '../core/transports/pagero/pageroSend';
import { PushEndpointStore } from '../core/transports/pagero/pushEndpoints';
import { pushListening, pushUrlsOf } from '../core/transports/pagero/pushServer';
import type { CourierContext } from '../core/home/openHome';
import type { CallHandler } from './router';

const endpointsOf = (ctx: CourierContext) => new PushEndpointStore(ctx.db, ctx.audit);
const urlsOf = (ctx: CourierContext) => (name: string) => pushUrlsOf(ctx, name, endpointsOf(ctx).endpoint(name)?.authMode);

export const pageroProfilesList: CallHandler<'pagero.profiles.list'> = (_input, ctx) => ({ profiles: pageroProfilesOf(ctx).list() });

export const pageroProfilesSave: CallHandler<'pagero.profiles.save'> = (input, ctx) => pageroProfilesOf(ctx).save(input);

export const pageroProfilesDelete: CallHandler<'pagero.profiles.delete'> = (input, ctx) => pageroProfilesOf(ctx).delete(input.profile);

export const pageroSend: CallHandler<'pagero.send'> = (input, ctx) => sendToPagero(ctx, input);

export const pageroEndpointsList: CallHandler<'pagero.endpoints.list'> = (_input, ctx) => ({ endpoints: endpointsOf(ctx).summaries(urlsOf(ctx)), listening: pushListening(ctx) });

export const pageroEndpointsSave: CallHandler<'pagero.endpoints.save'> = (input, ctx) => endpointsOf(ctx).save(input, urlsOf(ctx));

export const pageroEndpointsDelete: CallHandler<'pagero.endpoints.delete'> = (input, ctx) => endpointsOf(ctx).delete(input.endpoint);
