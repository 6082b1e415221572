// The chain as Node's TLS stack links it (leaf first, each certificate followed by its issuer: those the
// server sent, then the trusted root it was matched to), as DER. A server can send a loop; the walk ends.
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';

/** Longer than any real chain; a hostile server cannot make the walk run on. */
const MAX_CHAIN = 16;

export function peerChainDer(leaf: PeerCertificate | DetailedPeerCertificate | null | undefined): Buffer[] {
  const chain: Buffer[] = [];
  let link = leaf as DetailedPeerCertificate | undefined;
  while (link?.raw && chain.length < MAX_CHAIN) {
    const der = link.raw;
    if (chain.some((seen) => seen.equals(der))) break;
    chain.push(der);
    link = link.issuerCertificate;
  }
  return chain;
}
