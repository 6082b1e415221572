// Every procedure of the contract bound to its handler; hosts get an Api from here and nothing else.
import type { CourierContext } from '../core/home/openHome';
import { appInfo } from './app';
import { auditList } from './audit';
import { events } from './events';
import { createApi, type Api, type Handlers } from './router';
import { settingsGet, settingsSet } from './settings';

export const handlers: Handlers = {
  'app.info': appInfo,
  'settings.get': settingsGet,
  'settings.set': settingsSet,
  'audit.list': auditList,
  events,
};

export function createCourierApi(ctx: CourierContext): Api {
  return createApi(ctx, handlers);
}

export type { Api } from './router';
