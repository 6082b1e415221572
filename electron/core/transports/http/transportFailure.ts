// Every way an HTTP exchange with a remote service can fail, said once: a typed CourierError (CONNECTION_FAILED,
// TIMEOUT, BAD_MESSAGE) with what the user can do, and whether a retry can help. Transports branch on `kind` and
// `retryable` instead of reading library error codes themselves.
import type { ErrorCode, TlsProblemCode } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import { tlsProblem } from '../../tls/tlsProblem';

export type TransportFailureKind = 'refused' | 'reset' | 'timeout' | 'unreachable' | 'tls' | 'too-large' | 'other';

export class TransportFailure extends CourierError {
  constructor(
    code: ErrorCode,
    message: string,
    hint: string,
    readonly kind: TransportFailureKind,
  ) {
    super(code, message, hint);
  }

  /** A connection that was refused, broke off or timed out may work next time; a TLS refusal will not by itself. */
  get retryable(): boolean {
    return this.kind === 'refused' || this.kind === 'reset' || this.kind === 'timeout' || this.kind === 'unreachable';
  }
}

export interface FailureContext {
  /** Who we talked to, for messages: "PACO", "partner ACME". */
  service: string;
  origin: string;
  /** The TLS trust scope, for the hint that tells how to extend trust. */
  scope: string;
  timeoutMs: number;
}

/** OpenSSL's and Node's certificate refusals, and Courier's own (tls/tlsOptions), as the inspector names them. */
const TLS_CODES: Record<string, TlsProblemCode> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown-issuer',
  INVALID_CA: 'not-a-ca',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname-mismatch',
  COURIER_PIN_MISMATCH: 'pin-mismatch',
  COURIER_WEAK_CHAIN: 'verification-failed',
};

const REFUSED = new Set(['ECONNREFUSED']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED', 'ABORT_ERR']);
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}

function tlsCodeOf(code: string): TlsProblemCode | undefined {
  if (TLS_CODES[code]) return TLS_CODES[code];
  if (/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|WRONG_VERSION_NUMBER/.test(code)) return code.includes('WRONG_VERSION') ? 'handshake-failed' : 'protocol-too-old';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return 'handshake-failed';
  return undefined;
}

/** Maps whatever the HTTP stack threw to a TransportFailure; an existing CourierError passes unchanged. */
export function transportFailure(error: unknown, context: FailureContext): CourierError {
  if (error instanceof CourierError) return error;
  const code = errorCode(error);
  const where = `${context.service} at ${context.origin}`;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError' || TIMEOUT.has(code))) {
    return new TransportFailure('TIMEOUT', `${where} did not answer within ${Math.round(context.timeoutMs / 1000)} s.`, 'Try again later, or raise the send timeout if the partner is known to be slow.', 'timeout');
  }
  if (REFUSED.has(code)) {
    return new TransportFailure('CONNECTION_FAILED', `${where} refused the connection.`, 'Check the URL and port; the server may be down.', 'refused');
  }
  if (RESET.has(code)) {
    return new TransportFailure('CONNECTION_FAILED', `The connection to ${where} broke off before the answer was complete.`, 'This is usually temporary; Courier retries where the service allows it.', 'reset');
  }
  if (UNREACHABLE.has(code)) {
    return new TransportFailure('CONNECTION_FAILED', `Cannot reach ${where} (${code}).`, 'Check the host name in the URL and this computer\'s network.', 'unreachable');
  }
  const tls = tlsCodeOf(code);
  if (tls) {
    const detail = error instanceof Error ? error.message.slice(0, 300) : code;
    const problem = tlsProblem(null, tls, detail);
    return new TransportFailure('CONNECTION_FAILED', `TLS with ${where} was refused (${tls}): ${detail}`, problem.hint.replaceAll('SCOPE', context.scope), 'tls');
  }
  const detail = error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
  return new TransportFailure('CONNECTION_FAILED', `Cannot reach ${where}: ${detail}`, `Check the URL, and the TLS trust of ${context.scope} (\`courier tls inspect HOST:PORT\`).`, 'other');
}
