// One place that says, for each way a TLS connection can fail, what the user can do about it; every problem
// the inspector reports carries that advice, so the CLI and the TLS page give the same.
import type { TlsProblem, TlsProblemCode } from '../../../shared/ipc';

const hints: Record<TlsProblemCode, string> = {
  expired: "Ask the server's operator to renew the certificate; Courier will not connect to it until they do.",
  'not-yet-valid': "Check this computer's date and time; if they are right, the certificate only becomes valid later — ask the operator.",
  'self-signed':
    'If you expected this certificate, compare its SHA-256 fingerprint with the operator (by phone, not by e-mail from the same server), then trust it for the profile: courier tls trust-ca --scope SCOPE FILE.',
  'unknown-issuer':
    'Get the issuing CA certificate from the operator (or ask them to send the intermediate with the chain), try it with --ca FILE, then trust it for the profile: courier tls trust-ca --scope SCOPE FILE.',
  'not-a-ca': 'A certificate in the chain signs others without being a CA; ask the operator to fix the chain they send.',
  'hostname-mismatch': 'Connect with a name the certificate lists (its SANs), or ask the operator for a certificate that names this host.',
  'weak-key': 'Ask the operator for a certificate with an RSA key of at least 2048 bits or an EC key of at least 256 bits.',
  'weak-signature': 'Ask the operator for a certificate signed with SHA-256 or stronger; MD5 and SHA-1 signatures can be forged.',
  'pin-mismatch':
    'The server now shows a different key than the one pinned: confirm the new key with the operator before pinning it, or someone may be intercepting the connection.',
  'verification-failed': 'Send the operator this verdict; the chain they present is not acceptable as it is.',
  'protocol-too-old': 'Ask the operator to enable TLS 1.2 or 1.3; Courier never uses older protocols.',
  'handshake-failed': 'Check that HOST:PORT speaks TLS (not plain HTTP) and whether the server demands a client certificate.',
};

export function tlsProblem(index: number | null, code: TlsProblemCode, message: string): TlsProblem {
  return { index, code, message, hint: hints[code] };
}
