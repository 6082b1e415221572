// Courier's floor for the keys and signatures a chain rests on, stricter than OpenSSL's default security
// level (which still accepts 1024-bit RSA): RSA and DSA keys of 2048 bits, EC keys of 256 bits, no MD5 or
// SHA-1 signatures. The inspector reports it and tlsOptions enforces it, so both always agree.
import type { TlsProblem } from '../../../shared/ipc';
import type { CertificateFacts } from './certificateFacts';
import { tlsProblem } from './tlsProblem';

const MIN_RSA_BITS = 2048;
const MIN_EC_BITS = 256;

const minimumBits: Record<string, number> = { rsa: MIN_RSA_BITS, 'rsa-pss': MIN_RSA_BITS, dsa: MIN_RSA_BITS, ec: MIN_EC_BITS };

/** Weak keys anywhere in the chain; weak signatures on every certificate whose signature is relied on. */
export function strengthProblems(chain: readonly CertificateFacts[]): TlsProblem[] {
  return chain.flatMap(({ summary, signature }, index) => {
    const found: TlsProblem[] = [];
    const minimum = minimumBits[summary.keyType];
    if (minimum !== undefined && (summary.keyBits === null || summary.keyBits < minimum)) {
      const size = summary.keyBits === null ? 'of unknown size' : `of ${summary.keyBits} bits`;
      found.push(tlsProblem(index, 'weak-key', `${summary.subject} has a ${summary.keyType.toUpperCase()} key ${size}; Courier requires at least ${minimum}.`));
    }
    // A self-signed certificate's own signature proves nothing and is never relied on: it is trusted or not.
    if (signature.weakHash && !summary.selfSigned) {
      found.push(tlsProblem(index, 'weak-signature', `${summary.subject} is signed with ${signature.name}, a broken hash.`));
    }
    return found;
  });
}
