// THE way Courier builds Node TLS options for a profile; every HTTPS client takes its options from here.
// TLS 1.2 or newer, OpenSSL's chain verification always on, trust = system roots + the profile's CAs, then
// Node's hostname check, Courier's key and signature floor, and the profile's SPKI pins on top.
import { checkServerIdentity, rootCertificates, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import { certificateFacts } from './certificateFacts';
import { strengthProblems } from './chainStrength';
import { peerChainDer } from './peerChain';

/** What a profile adds to the system's trust: CA certificates (PEM) and SPKI SHA-256 pins (lower-case hex). */
export interface ProfileTrust {
  caPems: readonly string[];
  pins: readonly string[];
}

export const NO_EXTRA_TRUST: ProfileTrust = { caPems: [], pins: [] };

export type TlsClientOptions = Required<Pick<ConnectionOptions, 'minVersion' | 'ca' | 'rejectUnauthorized' | 'checkServerIdentity'>>;

/** Error codes a refused connection carries (as `authorizationError`) besides OpenSSL's and Node's own. */
const COURIER_WEAK_CHAIN = 'COURIER_WEAK_CHAIN';
const COURIER_PIN_MISMATCH = 'COURIER_PIN_MISMATCH';

export function tlsOptionsFor(trust: ProfileTrust): TlsClientOptions {
  const pins = [...trust.pins];
  return {
    minVersion: 'TLSv1.2',
    ca: [...rootCertificates, ...trust.caPems],
    rejectUnauthorized: true,
    checkServerIdentity: (hostname, cert) => courierServerIdentity(hostname, cert, pins),
  };
}

/** Runs only after OpenSSL accepted the chain; returns the reason to refuse it, if any. */
function courierServerIdentity(hostname: string, cert: PeerCertificate, pins: readonly string[]): Error | undefined {
  const hostnameError = checkServerIdentity(hostname, cert);
  if (hostnameError) return hostnameError;
  let chain;
  try {
    chain = peerChainDer(cert).map(certificateFacts);
  } catch {
    return refusal(COURIER_WEAK_CHAIN, 'The server certificate chain cannot be read.');
  }
  const weakness = strengthProblems(chain)[0];
  if (weakness) return refusal(COURIER_WEAK_CHAIN, weakness.message);
  const leaf = chain[0];
  if (pins.length > 0 && (!leaf || !pins.includes(leaf.summary.spkiSha256))) {
    return refusal(COURIER_PIN_MISMATCH, `The server's key (SPKI SHA-256 ${leaf?.summary.spkiSha256 ?? 'unknown'}) is not pinned for this profile.`);
  }
  return undefined;
}

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
