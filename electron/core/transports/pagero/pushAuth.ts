// Who is posting to a push endpoint, checked before a byte of the body is read: HTTP Basic against the stored hash,
// a bearer token Courier issued (and that has not expired), or a client certificate that chains to the endpoint's
// CA (the TLS handshake already proved the client holds its key), or nothing for an endpoint open to all.
import { X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { secretMatches, type PushEndpoint } from './pushEndpoints';
import type { PushTokens } from './pushTokens';

export type PushAuthResult = { ok: true; who: string } | { ok: false; status: 401 | 403; reason: string; challenge?: string };

const MAX_CHAIN = 8;

async function basic(endpoint: PushEndpoint, authorization: string | undefined): Promise<PushAuthResult> {
  const refused: PushAuthResult = { ok: false, status: 401, reason: 'Wrong or missing Basic credentials.', challenge: 'Basic realm="Courier", charset="UTF-8"' };
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(authorization?.trim() ?? '');
  if (!match) return refused;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return refused;
  const passwordOk = await secretMatches(decoded.slice(colon + 1), endpoint.basicPasswordHash);
  return passwordOk && decoded.slice(0, colon) === endpoint.basicUser ? { ok: true, who: `basic:${endpoint.basicUser}` } : refused;
}

function bearer(endpoint: PushEndpoint, authorization: string | undefined, tokens: PushTokens): PushAuthResult {
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization?.trim() ?? '');
  if (!match) return { ok: false, status: 401, reason: 'A bearer token from the endpoint\'s token URL is needed.', challenge: 'Bearer realm="Courier"' };
  if (!tokens.valid(endpoint, match[1]!)) return { ok: false, status: 401, reason: 'The access token is unknown or has expired.', challenge: 'Bearer realm="Courier", error="invalid_token"' };
  return { ok: true, who: `oauth2:${endpoint.clientId}` };
}

function validNow(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
}

/** The client's chain as it sent it, leaf first (Node links each certificate to its issuer; a root links to itself). */
function presentedChain(peer: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let node: DetailedPeerCertificate | undefined = peer;
  while (node?.raw && chain.length < MAX_CHAIN) {
    chain.push(new X509Certificate(node.raw));
    if (node.issuerCertificate === node) break;
    node = node.issuerCertificate;
  }
  return chain;
}

/** The client certificate chains, link by link, to one of the endpoint's CAs, and every link is in date. */
export function clientCertificateAccepted(endpoint: PushEndpoint, peer: DetailedPeerCertificate | null, now = new Date()): PushAuthResult {
  if (!peer?.raw) return { ok: false, status: 401, reason: 'This endpoint needs a client certificate (mutual TLS).' };
  let chain: X509Certificate[];
  try {
    chain = presentedChain(peer);
  } catch {
    return { ok: false, status: 403, reason: 'The client certificate cannot be read.' };
  }
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i]!;
    if (!validNow(cert, now)) return { ok: false, status: 403, reason: `The client certificate ${cert.subject.replace(/\n/g, ', ')} is out of date.` };
    const anchor = endpoint.clientCas.find((ca) => validNow(ca, now) && cert.checkIssued(ca) && cert.verify(ca.publicKey));
    if (anchor) return { ok: true, who: `mtls:${chain[0]!.subject.replace(/\n/g, ', ')}` };
    const issuer = chain[i + 1];
    if (!issuer || !issuer.ca || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) break;
  }
  return { ok: false, status: 403, reason: 'The client certificate is not issued by the CA configured for this endpoint.' };
}

export async function authenticatePush(endpoint: PushEndpoint, request: IncomingMessage, tokens: PushTokens): Promise<PushAuthResult> {
  switch (endpoint.authMode) {
    case 'none':
      return { ok: true, who: 'anonymous' };
    case 'basic':
      return basic(endpoint, request.headers.authorization);
    case 'oauth2-client-credentials':
      return bearer(endpoint, request.headers.authorization, tokens);
    case 'mtls': {
      const socket = request.socket as TLSSocket;
      return clientCertificateAccepted(endpoint, typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(true) : null);
    }
  }
}
