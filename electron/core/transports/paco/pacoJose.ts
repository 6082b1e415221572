// What PACO's JOSE profile allows (seed paco-2c2p-jose): the algorithm lists, the fixed audience and issuer,
// the 5-minute token lifetime, and the one error every token check throws, naming the check that failed.
import { CourierError } from '../../errors';

export const PACO_SIGNING_ALGORITHMS = ['PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512'] as const;
export type PacoSigningAlgorithm = (typeof PACO_SIGNING_ALGORITHMS)[number];

export const PACO_KEY_MANAGEMENT_ALGORITHM = 'RSA-OAEP';

export const PACO_CONTENT_ENCRYPTIONS = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'] as const;
export type PacoContentEncryption = (typeof PACO_CONTENT_ENCRYPTIONS)[number];

/** `aud` of every request; `iss` of every request is the merchant's API key. */
export const PACO_AUDIENCE = 'PacoAudience';
/** `iss` of every response; `aud` of every response is the merchant's API key. */
export const PACO_ISSUER = 'PacoIssuer';

/** "Signatures will expire 5 minutes after generation." */
export const TOKEN_LIFETIME_SECONDS = 300;
/** How far apart our clock and PACO's may be before `exp` / `nbf` refuse a token. */
export const CLOCK_SKEW_SECONDS = 60;
/** No PACO answer comes near this; a bigger token is refused before any crypto runs. */
export const MAX_TOKEN_CHARS = 1024 * 1024;

/** The steps of opening a response, as the error message names them. */
export type JoseCheck = 'size' | 'form' | 'encryption algorithm' | 'decryption' | 'content type' | 'signature algorithm' | 'kid' | 'signature' | 'payload' | 'iss' | 'aud' | 'exp' | 'nbf';

export function joseRejected(check: JoseCheck, detail: string): CourierError {
  return new CourierError('JOSE_REJECTED', `PACO response refused at the ${check} check: ${detail}`, 'Check the PACO keys and kids on the profile and the clock of this computer; a response that fails a check is never used.');
}

export function isSigningAlgorithm(value: unknown): value is PacoSigningAlgorithm {
  return (PACO_SIGNING_ALGORITHMS as readonly unknown[]).includes(value);
}

export function isContentEncryption(value: unknown): value is PacoContentEncryption {
  return (PACO_CONTENT_ENCRYPTIONS as readonly unknown[]).includes(value);
}
