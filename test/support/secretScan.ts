// Searches every byte of a folder for secrets in any clear form: PEM markers, a key's DER PrivateKeyInfo (raw and
// base64) and each private JWK member. Shared by the secrets-at-rest tests of generated and imported keys.
import type { JsonWebKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CLEAR_PEM_MARKERS = ['BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY', 'BEGIN EC PRIVATE KEY'];

export type Needle = [what: string, bytes: Buffer];

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The secret forms of one key: its DER PrivateKeyInfo (raw and base64) and each private JWK member. */
export function secretNeedles(pkcs8: Buffer, jwk: JsonWebKey): Needle[] {
  const members = (['d', 'p', 'q', 'dp', 'dq', 'qi'] as const).filter((m) => jwk[m] !== undefined);
  return [
    ['PrivateKeyInfo DER', pkcs8],
    ['PrivateKeyInfo base64', Buffer.from(pkcs8.toString('base64').slice(0, 64))],
    ...members.flatMap((m): Needle[] => [
      [`${m} bytes`, Buffer.from(jwk[m]!, 'base64url')],
      [`${m} base64url`, Buffer.from(jwk[m]!)],
    ]),
  ];
}

/** Each needle found, as "<what> in <file>". */
export function findings(files: string[], needles: Needle[]): string[] {
  return files.flatMap((file) => {
    const bytes = readFileSync(file);
    return needles.filter(([, needle]) => bytes.includes(needle)).map(([what]) => `${what} in ${file}`);
  });
}
