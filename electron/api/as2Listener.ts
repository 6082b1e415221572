// as2.listener: where this host receives AS2 (the URLs partners post to), or that it does not.
import { listenerUrls } from '../core/transports/as2/as2Receiver';
import type { CallHandler } from './router';

export const as2Listener: CallHandler<'as2.listener'> = (_input, ctx) => {
  const urls = listenerUrls(ctx);
  return { listening: urls.length > 0, urls };
};
