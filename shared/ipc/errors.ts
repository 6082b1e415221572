// The one error type that crosses every boundary (IPC, WebSocket, CLI): a stable code to branch on,
// a message a person can read, and a hint that says what to do. Never a stack, never a secret.
import { z } from 'zod';

export const errorCodes = [
  'BAD_INPUT',
  'UNKNOWN_PROCEDURE',
  'BAD_FRAME',
  'FRAME_TOO_LARGE',
  'UNAUTHORIZED',
  'NOT_FOUND',
  /** A key rotation is not in the state the step needs (already switched, still generating, cancelled…). */
  'ROTATION_CONFLICT',
  'PASSPHRASE_REQUIRED',
  'WRONG_PASSPHRASE',
  'PASSWORD_REQUIRED',
  'WRONG_PASSWORD',
  'KEYSTORE_UNAVAILABLE',
  'MASTER_KEY_MISMATCH',
  'HOME_UNUSABLE',
  'STORE_MISSING',
  'STORE_CORRUPT',
  'STORE_LOCKED',
  'STORE_TOO_NEW',
  'DISCONNECTED',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'CANCELLED',
  'BAD_MESSAGE',
  'CRYPTO_FAILED',
  /** A JOSE token (PACO) failed a check: size, algorithm, decryption, signature, kid or a claim; the message names which. */
  'JOSE_REJECTED',
  /** Already stored (an inbound AS2 Message-ID seen before from the same partner). */
  'DUPLICATE',
  /** A profile or message is in a state that forbids the step (partner paused, message already delivered…). */
  'CONFLICT',
  /** The remote side answered with a refusal (HTTP 4xx/5xx, a negative MDN); the message says what it said. */
  'REMOTE_REJECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const courierErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  hint: z.string().optional(),
});

export type CourierErrorData = z.infer<typeof courierErrorSchema>;

/** Codes that mean "the caller asked for something wrong" (CLI exit code 2); all others exit 1. */
const inputErrorCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_INPUT',
  'UNKNOWN_PROCEDURE',
  'BAD_FRAME',
  'FRAME_TOO_LARGE',
  'NOT_FOUND',
  'ROTATION_CONFLICT',
  'PASSPHRASE_REQUIRED',
  'WRONG_PASSPHRASE',
  'PASSWORD_REQUIRED',
  'WRONG_PASSWORD',
]);

export class CourierError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'CourierError';
    this.code = code;
    this.hint = hint;
  }

  static fromData(data: CourierErrorData): CourierError {
    return new CourierError(data.code, data.message, data.hint);
  }

  toData(): CourierErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }

  get isInputError(): boolean {
    return inputErrorCodes.has(this.code);
  }

  /** The one-line form the CLI prints: `error: <code>: <message> (<hint>)`. */
  toLine(): string {
    return `error: ${this.code}: ${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }
}
