// How a host receives AS2: the listener's HTTPS identity (PEM files given, or a throwaway certificate partners must
// trust explicitly) and, for the desktop app, where the listener is configured (COURIER_AS2_* variables, the same
// choices `courier serve --as2-port/--as2-tls-port/--as2-tls-cert/--as2-tls-key` offers).
import { readFileSync } from 'node:fs';
import { CourierError } from '../core/errors';
import { logInfo } from '../core/log';
import type { As2ListenerOptions } from '../core/transports/as2/as2Receiver';
import { makeServerIdentity } from '../core/tls/throwawayCa';

export interface As2TlsIdentity {
  certPem: string;
  keyPem: string;
  /** Only for a throwaway certificate: the CA a partner (or the demo's simulator) must trust. */
  caPem?: string;
}

/** The HTTPS identity of the AS2 listener: the PEM files given, or a throwaway one (partners must trust it explicitly). */
export function as2TlsIdentity(certFile: string | undefined, keyFile: string | undefined): As2TlsIdentity {
  if (certFile === undefined && keyFile === undefined) {
    logInfo('AS2 over HTTPS uses a throwaway certificate; give a certificate and key (PEM) for one partners can trust');
    return makeServerIdentity('courier-as2');
  }
  if (certFile === undefined || keyFile === undefined) {
    throw new CourierError('BAD_INPUT', 'The AS2 TLS certificate and key go together.', 'Give both PEM files (certificate chain and private key), or neither for a throwaway certificate.');
  }
  try {
    return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
  } catch {
    throw new CourierError('BAD_INPUT', `Cannot read ${certFile} or ${keyFile}.`, 'Check the paths of the PEM files.');
  }
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
