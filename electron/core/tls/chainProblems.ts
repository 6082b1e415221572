// Explains a chain link by link: which certificate fails and why, in the words a person acts on
// (expired, self-signed, unknown issuer, wrong name, weak key, pin mismatch). The TLS stack's verdict says
// *whether* the chain is acceptable; this says *which link* and *what to do*.
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import type { TlsProblem } from '../../../shared/ipc';
import type { CertificateFacts } from './certificateFacts';
import { strengthProblems } from './chainStrength';
import { tlsProblem } from './tlsProblem';
import type { TrustAnchors } from './trustAnchors';

export interface ChainUnderReview {
  /** Leaf first, each followed by its issuer. */
  chain: readonly CertificateFacts[];
  /** The name the client asked for (SNI, or the host it dialled). */
  hostname: string;
  anchors: TrustAnchors;
  /** SPKI SHA-256 pins (lower-case hex) the leaf must match; empty means no pinning. */
  pins: readonly string[];
  now: Date;
}

export function chainProblems(review: ChainUnderReview): TlsProblem[] {
  const { chain } = review;
  if (chain.length === 0) return [];
  const problems = [
    ...chain.flatMap((link, index) => [...validityProblems(link, index, review.now), ...linkProblems(chain, index, review.anchors)]),
    ...topProblems(chain, review.anchors),
    ...hostnameProblems(chain[0]!, review.hostname),
    ...pinProblems(chain[0]!, review.pins),
    ...strengthProblems(chain),
  ];
  return problems.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
}

function validityProblems({ summary }: CertificateFacts, index: number, now: Date): TlsProblem[] {
  if (now < new Date(summary.notBefore)) {
    return [tlsProblem(index, 'not-yet-valid', `${summary.subject} is not valid before ${summary.notBefore} (${days(new Date(summary.notBefore), now)} from now).`)];
  }
  if (now > new Date(summary.notAfter)) {
    return [tlsProblem(index, 'expired', `${summary.subject} expired on ${summary.notAfter} (${days(now, new Date(summary.notAfter))} ago).`)];
  }
  return [];
}

function days(later: Date, earlier: Date): string {
  const count = Math.floor((later.getTime() - earlier.getTime()) / 86_400_000);
  return count === 1 ? '1 day' : `${count} days`;
}

/** Link i must be signed by link i+1, and a certificate that signs another must be a CA. */
function linkProblems(chain: readonly CertificateFacts[], index: number, anchors: TrustAnchors): TlsProblem[] {
  const link = chain[index]!;
  const problems: TlsProblem[] = [];
  const isTrustedRoot = link.summary.selfSigned && anchors.has(link.summary.sha256Fingerprint);
  if (index > 0 && !link.summary.isCa && !isTrustedRoot) {
    problems.push(tlsProblem(index, 'not-a-ca', `${link.summary.subject} issued ${chain[index - 1]!.summary.subject} but is not a CA certificate.`));
  }
  const issuer = chain[index + 1];
  if (issuer && !signedBy(link, issuer)) {
    problems.push(tlsProblem(index, 'verification-failed', `The signature on ${link.summary.subject} does not verify with the key of ${issuer.summary.subject}.`));
  }
  return problems;
}

function signedBy(link: CertificateFacts, issuer: CertificateFacts): boolean {
  try {
    return link.x509.checkIssued(issuer.x509) && link.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

/** The chain must end in a self-signed certificate Courier trusts. */
function topProblems(chain: readonly CertificateFacts[], anchors: TrustAnchors): TlsProblem[] {
  const index = chain.length - 1;
  const { summary } = chain[index]!;
  const trusted = anchors.has(summary.sha256Fingerprint);
  if (summary.selfSigned) {
    if (trusted) return [];
    const what = index === 0 ? 'The server certificate' : 'The root';
    return [tlsProblem(index, 'self-signed', `${what} ${summary.subject} is self-signed and not among the trusted CAs (SHA-256 ${summary.sha256Fingerprint}).`)];
  }
  const message = trusted
    ? `${summary.subject} is trusted, but the root that issued it (${summary.issuer}) is not; Courier needs the chain's root.`
    : `${summary.subject} was issued by ${summary.issuer}, which the server did not send and which is not among the trusted CAs.`;
  return [tlsProblem(index, 'unknown-issuer', message)];
}

/** Node's own hostname rules (the ones every connection applies), on the certificate as captured. */
function hostnameProblems(leaf: CertificateFacts, hostname: string): TlsProblem[] {
  const error = checkServerIdentity(hostname, leaf.x509.toLegacyObject());
  if (!error) return [];
  const names = leaf.summary.sans.length > 0 ? leaf.summary.sans.join(', ') : `only the subject ${leaf.summary.subject}`;
  const kind = isIP(hostname) ? 'IP address' : 'host name';
  return [tlsProblem(0, 'hostname-mismatch', `The ${kind} ${hostname} is not one the certificate names (it names ${names}).`)];
}

function pinProblems(leaf: CertificateFacts, pins: readonly string[]): TlsProblem[] {
  if (pins.length === 0 || pins.includes(leaf.summary.spkiSha256)) return [];
  return [tlsProblem(0, 'pin-mismatch', `The server's key (SPKI SHA-256 ${leaf.summary.spkiSha256}) is not one of the ${pins.length} pinned for this profile.`)];
}
