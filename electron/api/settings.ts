// settings.get / settings.set: user preferences, nothing secret.
import type { CallHandler } from './router';

export const settingsGet: CallHandler<'settings.get'> = (_input, ctx) => ctx.settings.get();

export const settingsSet: CallHandler<'settings.set'> = (input, ctx) => ctx.settings.set(input);
