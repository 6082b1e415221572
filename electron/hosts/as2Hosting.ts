// Where the desktop app receives AS2 (COURIER_AS2_* variables, the same choices `courier serve --as2-port/
// --as2-tls-port/--as2-tls-cert/--as2-tls-key` offers), and the AS2 listener's HTTPS identity.
import { CourierError } from '../core/errors';
import type { As2ListenerOptions } from '../core/transports/as2/as2Receiver';
import { listenerTlsIdentity, type ListenerTlsIdentity } from './listenerTls';

/** The AS2 listener's HTTPS identity (see listenerTls.ts). */
export function as2TlsIdentity(certFile: string | undefined, keyFile: string | undefined): ListenerTlsIdentity {
  return listenerTlsIdentity({ name: 'AS2', option: 'as2' }, certFile, keyFile);
}

function portFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CourierError('BAD_INPUT', `${name}="${value}" is not a port number.`, `Set ${name} to a number from 0 to 65535.`);
  return port;
}

/** The desktop app's AS2 listener: COURIER_AS2_PORT (HTTP), COURIER_AS2_TLS_PORT (+ _CERT/_KEY); none set, none started. */
export function as2ListenerFromEnvironment(env: NodeJS.ProcessEnv): As2ListenerOptions | undefined {
  const httpPort = portFrom(env, 'COURIER_AS2_PORT');
  const httpsPort = portFrom(env, 'COURIER_AS2_TLS_PORT');
  if (httpPort === undefined && httpsPort === undefined) return undefined;
  const tls = httpsPort === undefined ? undefined : as2TlsIdentity(env.COURIER_AS2_TLS_CERT, env.COURIER_AS2_TLS_KEY);
  return { httpPort, httpsPort, tls, host: env.COURIER_AS2_HOST };
}
