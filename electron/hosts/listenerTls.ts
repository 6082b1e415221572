// The HTTPS identity of a listener Courier runs for partners (the AS2 endpoint, the Pagero push server): the PEM
// files given — a certificate the partner trusts — or a throwaway one for tests and demos, which a partner must
// trust explicitly (its CA is returned for that).
import { readFileSync } from 'node:fs';
import { CourierError } from '../core/errors';
import { logInfo } from '../core/log';
import { makeServerIdentity } from '../core/tls/throwawayCa';

export interface ListenerTlsIdentity {
  certPem: string;
  keyPem: string;
  /** Only for a throwaway certificate: the CA a partner (or a demo's simulator) must trust. */
  caPem?: string;
}

/** `what` names the listener and its options in messages, e.g. "AS2" → --as2-tls-cert / --as2-tls-key. */
export function listenerTlsIdentity(what: { name: string; option: string }, certFile: string | undefined, keyFile: string | undefined): ListenerTlsIdentity {
  if (certFile === undefined && keyFile === undefined) {
    logInfo(`${what.name} over HTTPS uses a throwaway certificate; give --${what.option}-tls-cert and --${what.option}-tls-key for one partners can trust`);
    return makeServerIdentity(`courier-${what.option}`);
  }
  if (certFile === undefined || keyFile === undefined) {
    throw new CourierError('BAD_INPUT', `--${what.option}-tls-cert and --${what.option}-tls-key go together.`, 'Give both PEM files (certificate chain and private key), or neither for a throwaway certificate.');
  }
  try {
    return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
  } catch {
    throw new CourierError('BAD_INPUT', `Cannot read ${certFile} or ${keyFile}.`, 'Check the paths of the PEM files.');
  }
}
