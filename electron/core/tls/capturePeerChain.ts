// The inspector's handshake: one TLS connection made with exactly the options Courier's clients use, that
// records what the server presented (chain, protocol, cipher) and the TLS stack's verdict, sends no
// application data and is closed at once.
//
// Verification stays on (rejectUnauthorized: true). To see a chain that fails, the chain is read during
// the handshake, from the documented 'OCSPResponse' event: with requestOCSP set, Node emits it (with a
// null response when the server staples none) right after OpenSSL has received and checked the server's
// Certificate message and before Node acts on the verdict. A rejected chain then ends the connection
// exactly as it would for any Courier client; we only keep a copy of the certificates it was shown.
import { connect, type ConnectionOptions, type TLSSocket, type TLSSocketOptions } from 'node:tls';
import { CourierError } from '../errors';
import { peerChainDer } from './peerChain';
import type { TlsClientOptions } from './tlsOptions';

export interface CaptureTarget {
  host: string;
  port: number;
  servername?: string | undefined;
  timeoutMs: number;
}

export type HandshakeOutcome =
  | { kind: 'authorized' }
  /** The chain or the server's identity was refused (OpenSSL's verify code, Node's or Courier's). */
  | { kind: 'rejected'; code: string; message: string }
  | { kind: 'protocol-too-old'; code: string; message: string }
  | { kind: 'handshake-failed'; code: string; message: string };

export interface PeerCapture {
  /** DER, leaf first; empty when the handshake never got to the server's certificate. */
  chain: Buffer[];
  protocol: string | null;
  cipher: string | null;
  outcome: HandshakeOutcome;
}

/** OpenSSL's ways of saying that the server speaks no protocol version we offer (TLS 1.2, 1.3). */
const PROTOCOL_CODES = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_VERSION_TOO_LOW',
  'ERR_SSL_WRONG_SSL_VERSION',
]);

/** The same, when it surfaces as a system error (EPROTO) whose message carries OpenSSL's reason. */
const PROTOCOL_REASON = /alert protocol version|unsupported protocol|no protocols available|version too low/i;

interface NodeError extends Error {
  code?: string;
  syscall?: string;
  library?: string;
  reason?: string;
}

export function capturePeerChain(target: CaptureTarget, options: TlsClientOptions): Promise<PeerCapture> {
  const where = `${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    let chain: Buffer[] = [];
    let protocol: string | null = null;
    let cipher: string | null = null;
    let tcpConnected = false;
    let settled = false;

    const timer = setTimeout(
      () =>
        settle(
          new CourierError(
            'TIMEOUT',
            `No TLS handshake with ${where} within ${target.timeoutMs / 1000} s.`,
            tcpConnected ? 'The port answers but does not complete a TLS handshake; check that it is a TLS port.' : 'Check the host and port, and any firewall or proxy in between; or allow more time with --timeout.',
          ),
        ),
      target.timeoutMs,
    );

    // tls.connect hands requestOCSP to the TLSSocket it makes; @types/node lists it only on TLSSocketOptions.
    const connectOptions: ConnectionOptions & Pick<TLSSocketOptions, 'requestOCSP'> = {
      ...options,
      host: target.host,
      port: target.port,
      ...(target.servername === undefined ? {} : { servername: target.servername }),
      requestOCSP: true,
    };
    const socket: TLSSocket = connect(connectOptions);
    const settle = (result: PeerCapture | CourierError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (result instanceof CourierError) reject(result);
      else resolve(result);
    };
    const record = () => {
      const presented = peerChainDer(socket.getPeerCertificate(true));
      if (presented.length > 0) chain = presented;
      protocol = socket.getProtocol() ?? protocol;
      cipher = socket.getCipher()?.name ?? cipher;
    };

    socket.once('connect', () => (tcpConnected = true));
    socket.on('OCSPResponse', record);
    // Under TLS 1.2 the cipher is only known once keys are derived, after the certificate: 'keylog' marks
    // that moment. The key material it carries is ignored, never kept or logged.
    socket.on('keylog', () => (cipher = socket.getCipher()?.name ?? cipher));
    socket.once('secureConnect', () => {
      record();
      settle({ chain, protocol, cipher, outcome: { kind: 'authorized' } });
    });
    socket.on('error', (error: NodeError) => {
      const outcome = outcomeOf(error, tcpConnected);
      settle(outcome instanceof CourierError ? outcome : { chain, protocol, cipher, outcome });
    });
  });

  function outcomeOf(error: NodeError, tcpConnected: boolean): HandshakeOutcome | CourierError {
    const code = error.code ?? 'UNKNOWN';
    if (PROTOCOL_CODES.has(code) || PROTOCOL_REASON.test(error.message)) {
      return { kind: 'protocol-too-old', code, message: `${where} does not speak TLS 1.2 or 1.3 (${error.reason ?? code}); Courier refuses older protocols.` };
    }
    if (error.library !== undefined || code.startsWith('ERR_SSL_')) {
      return { kind: 'handshake-failed', code, message: `The TLS handshake with ${where} failed: ${error.reason ?? code}.` };
    }
    if (/^E[A-Z]+$/.test(code)) {
      if (tcpConnected) return { kind: 'handshake-failed', code, message: `${where} closed the connection during the TLS handshake (${code}).` };
      return connectionFailure(code, where);
    }
    return { kind: 'rejected', code, message: error.message };
  }
}

function connectionFailure(code: string, where: string): CourierError {
  const reasons: Record<string, [string, string]> = {
    ECONNREFUSED: [`${where} refused the connection.`, 'Check the port, and that the server is running.'],
    ENOTFOUND: [`The host of ${where} cannot be found.`, 'Check the spelling of the host name and your DNS.'],
    EAI_AGAIN: [`The host of ${where} cannot be looked up right now.`, 'Check your network connection and DNS, then try again.'],
    EHOSTUNREACH: [`${where} cannot be reached.`, 'Check your network connection, VPN or firewall.'],
    ENETUNREACH: [`The network of ${where} cannot be reached.`, 'Check your network connection, VPN or firewall.'],
  };
  const [message, hint] = reasons[code] ?? [`Cannot connect to ${where} (${code}).`, 'Check the host, the port and your network.'];
  return new CourierError('CONNECTION_FAILED', message, hint);
}
