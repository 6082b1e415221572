// The TLS inspector: connect the way Courier's clients would for a profile, show what the server presents,
// and explain, link by link, why Courier would refuse it. `valid` is the TLS stack's own verdict under those
// options, and never true while any problem is listed.
import type { TlsTarget, TlsInspection, TlsProblem } from '../../../shared/ipc';
import { capturePeerChain, type HandshakeOutcome, type PeerCapture } from './capturePeerChain';
import { parseCertificateBundle } from './certificateBundle';
import { certificateFacts, type CertificateFacts } from './certificateFacts';
import { chainProblems } from './chainProblems';
import { tlsOptionsFor, type ProfileTrust } from './tlsOptions';
import { tlsProblem } from './tlsProblem';
import { TrustAnchors } from './trustAnchors';

export async function inspectChain(input: TlsTarget, profileTrust: ProfileTrust, now: () => Date = () => new Date()): Promise<TlsInspection> {
  const extraCas = input.extraCaPem === undefined ? [] : parseCertificateBundle(input.extraCaPem, 'The extra CA');
  const trust: ProfileTrust = { caPems: [...profileTrust.caPems, ...extraCas.map((ca) => ca.summary.pem)], pins: profileTrust.pins };
  const capture = await capturePeerChain(input, tlsOptionsFor(trust));
  const anchors = new TrustAnchors(trust.caPems);
  const { chain, unreadable } = readChain(capture);
  const problems = [
    ...unreadable,
    ...chainProblems({ chain, hostname: input.servername ?? input.host, anchors, pins: trust.pins, now: now() }),
    ...connectionProblems(capture.outcome),
  ];
  if (capture.outcome.kind === 'rejected' && problems.length === 0) {
    problems.push(tlsProblem(null, 'verification-failed', `The chain was refused: ${capture.outcome.message} (${capture.outcome.code}).`));
  }
  return {
    host: input.host,
    port: input.port,
    servername: input.servername ?? null,
    scope: input.scope ?? null,
    valid: capture.outcome.kind === 'authorized' && problems.length === 0,
    protocol: capture.protocol,
    cipher: capture.cipher,
    verdict: capture.outcome.kind === 'authorized' ? null : capture.outcome.code,
    chain: chain.map((link) => ({ ...link.summary, trustAnchor: anchors.has(link.summary.sha256Fingerprint) })),
    problems,
    inspectedAt: now().toISOString(),
  };
}

/** The TLS stack parsed these certificates; one our reader cannot is reported, not thrown. */
function readChain(capture: PeerCapture): { chain: CertificateFacts[]; unreadable: TlsProblem[] } {
  try {
    return { chain: capture.chain.map(certificateFacts), unreadable: [] };
  } catch {
    return { chain: [], unreadable: [tlsProblem(null, 'verification-failed', 'The server sent a certificate chain that Courier cannot read.')] };
  }
}

function connectionProblems(outcome: HandshakeOutcome): TlsProblem[] {
  if (outcome.kind === 'protocol-too-old' || outcome.kind === 'handshake-failed') return [tlsProblem(null, outcome.kind, outcome.message)];
  return [];
}
