// The chain a certificate builds to: from it, issuer by issuer, through the certificates Courier holds and then
// the system's root CAs, each link accepted only when its issuer's key verifies its signature. It says how far
// the chain gets (to a root we hold, to a system root, or to an issuer nobody supplied), not whether to trust it.
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { CertificateDetail } from '../../../shared/ipc';
import { certificateFacts, type CertificateFacts } from '../tls/certificateFacts';
import { TrustAnchors } from '../tls/trustAnchors';

/** Longer than any real chain; also ends a loop of cross-signed certificates. */
const MAX_DEPTH = 10;

export interface ChainCandidate {
  /** null for a system root. */
  id: string | null;
  facts: CertificateFacts;
  selfSigned: boolean;
}

export type ChainResult = Pick<CertificateDetail, 'chain' | 'chainStatus' | 'missingIssuer'>;

/** The system's roots, keyed by Node's multi-line subject; parsed fully only when one is a candidate. */
let systemRoots: Map<string, string[]> | undefined;

function systemRootsWithSubject(subject: string): ChainCandidate[] {
  if (!systemRoots) {
    systemRoots = new Map();
    for (const pem of rootCertificates) {
      try {
        const name = new X509Certificate(pem).subject;
        systemRoots.set(name, [...(systemRoots.get(name) ?? []), pem]);
      } catch {
        // A root this runtime cannot parse cannot end a chain either.
      }
    }
  }
  return (systemRoots.get(subject) ?? []).flatMap((pem) => {
    try {
      const facts = certificateFacts(new X509Certificate(pem).raw);
      return [{ id: null, facts, selfSigned: facts.summary.selfSigned }];
    } catch {
      return [];
    }
  });
}

function issued(child: CertificateFacts, issuer: CertificateFacts): boolean {
  try {
    return child.x509.checkIssued(issuer.x509) && child.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

function link(candidate: ChainCandidate): ChainResult['chain'][number] {
  const { summary } = candidate.facts;
  return { id: candidate.id, subject: summary.subject, sha256Fingerprint: summary.sha256Fingerprint, notAfter: summary.notAfter, selfSigned: candidate.selfSigned };
}

/** `heldWithSubject` returns the certificates Courier holds whose subject is the given name. */
export function buildChain(start: ChainCandidate, heldWithSubject: (subject: string) => ChainCandidate[]): ChainResult {
  const chain = [start];
  const seen = new Set([start.facts.summary.sha256Fingerprint]);
  for (let current = start; chain.length <= MAX_DEPTH; ) {
    if (current.selfSigned) {
      const anchors = new TrustAnchors([]);
      const status = current.id === null || anchors.has(current.facts.summary.sha256Fingerprint) ? 'system-root' : 'complete';
      return { chain: chain.map(link), chainStatus: status, missingIssuer: null };
    }
    const issuerName = current.facts.summary.issuer;
    const candidates = [...heldWithSubject(issuerName), ...systemRootsWithSubject(current.facts.x509.issuer)];
    const issuer = candidates.find((candidate) => !seen.has(candidate.facts.summary.sha256Fingerprint) && issued(current.facts, candidate.facts));
    if (!issuer) return { chain: chain.map(link), chainStatus: 'incomplete', missingIssuer: issuerName };
    seen.add(issuer.facts.summary.sha256Fingerprint);
    chain.push(issuer);
    current = issuer;
  }
  return { chain: chain.map(link), chainStatus: 'incomplete', missingIssuer: chain.at(-1)!.facts.summary.issuer };
}
