// Our key files and exports read by implementations we did not write: the openssl CLI opens every public
// PEM, every exported and at-rest encrypted PKCS#8 (given its passphrase), and computes the same SPKI
// fingerprint; jose computes the same RFC 7638 thumbprint as our kid.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import { AT_REST_PBKDF2_ITERATIONS } from '../../electron/core/keys/keyVault';
import { EXPORT_PBKDF2_ITERATIONS } from '../../electron/core/keys/keyService';
import type { KeySummary, OutputOf } from '../../shared/ipc';
import { openTestHome, tempDir } from '../support/home';

function openssl(args: string[], input?: string | Buffer): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

const hexInteger = (n: number) => n.toString(16).toUpperCase().padStart(2, '0').replace(/^(.(..)*)$/, '0$1');

const cases = [
  { name: 'RSA-2048', purpose: 'paco-signing', algorithm: { type: 'rsa', bits: 2048 }, text: /Public-Key: \(2048 bit\)/ },
  { name: 'EC P-256', purpose: 'as2-signing', algorithm: { type: 'ec', curve: 'P-256' }, text: /NIST CURVE: P-256/ },
  { name: 'EC P-384', purpose: 'paco-encryption', algorithm: { type: 'ec', curve: 'P-384' }, text: /NIST CURVE: P-384/ },
] as const;

describe('keys vs openssl and jose', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;
  const keys = new Map<string, KeySummary>();

  beforeAll(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
    api = createCourierApi(ctx);
    for (const c of cases) {
      const reply = await api.invoke('keys.generate', { jobId: c.name.replace(/\W/g, '-'), label: c.name, purpose: c.purpose, algorithm: c.algorithm });
      if (!reply.ok) throw new Error(reply.error.message);
      keys.set(c.name, reply.output as KeySummary);
    }
  });
  afterAll(() => {
    ctx.close();
    dir.remove();
  });

  async function exported<F extends 'pem' | 'jwk'>(id: string, format: F) {
    const reply = await api.invoke('keys.exportPublic', { id, format });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.output as Extract<OutputOf<'keys.exportPublic'>, { format: F }>;
  }

  for (const c of cases) {
    describe(c.name, () => {
      it('openssl pkey -pubin reads the exported public PEM, and its DER hashes to our SPKI SHA-256', async () => {
        const key = keys.get(c.name)!;
        const file = join(dir.path, `${key.id}.pub.pem`);
        writeFileSync(file, (await exported(key.id, 'pem')).pem);
        openssl(['pkey', '-pubin', '-in', file, '-noout']);
        expect(openssl(['pkey', '-pubin', '-in', file, '-noout', '-text']).toString()).toMatch(c.text);
        const der = openssl(['pkey', '-pubin', '-in', file, '-outform', 'DER']);
        const digest = openssl(['dgst', '-sha256', '-r'], der).toString().split(' ')[0];
        expect(digest).toBe(key.spkiSha256);
      });

      it("the JWK's kid equals jose's RFC 7638 thumbprint", async () => {
        const key = keys.get(c.name)!;
        const { jwk } = await exported(key.id, 'jwk');
        expect(jwk.kid).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
        expect(jwk.kid).toBe(key.jwkThumbprint);
      });

      it('openssl pkcs8 -passin file: opens the exported private key, whose public half is the exported public key', async () => {
        const key = keys.get(c.name)!;
        const passFile = join(dir.path, `${key.id}.pass`);
        writeFileSync(passFile, 'a passphrase with spaces and ümlauts\n');
        const out = join(dir.path, `${key.id}.p8`);
        const reply = await api.invoke('keys.exportPrivate', { id: key.id, path: out, passphrase: 'a passphrase with spaces and ümlauts', confirm: true });
        expect(reply.ok).toBe(true);
        const clear = openssl(['pkcs8', '-in', out, '-passin', `file:${passFile}`]).toString();
        expect(clear).toMatch(/^-----BEGIN PRIVATE KEY-----/);
        expect(openssl(['pkey', '-pubout'], clear).toString()).toBe((await exported(key.id, 'pem')).pem);

        writeFileSync(passFile, 'not the passphrase\n');
        expect(() => openssl(['pkcs8', '-in', out, '-passin', `file:${passFile}`])).toThrow();

        const structure = openssl(['asn1parse', '-in', out]).toString();
        for (const name of [':PBES2', ':PBKDF2', ':hmacWithSHA256', ':aes-256-cbc']) expect(structure).toContain(name);
        expect(structure).toMatch(new RegExp(`INTEGER +:${hexInteger(EXPORT_PBKDF2_ITERATIONS)}\\b`));
      });

      it('openssl pkcs8 opens the at-rest key file with the passphrase derived from the master key', async () => {
        const key = keys.get(c.name)!;
        const file = join(ctx.paths.keys, `${key.id}.p8`);
        const passphrase = ctx.keys.vault.filePassphrase(key.id);
        expect(passphrase).toMatch(/^[0-9a-f]{64}$/);
        const clear = openssl(['pkcs8', '-in', file, '-passin', `pass:${passphrase}`]).toString();
        expect(openssl(['pkey', '-pubout'], clear).toString()).toBe((await exported(key.id, 'pem')).pem);
        expect(openssl(['asn1parse', '-in', file]).toString()).toMatch(new RegExp(`INTEGER +:${hexInteger(AT_REST_PBKDF2_ITERATIONS)}\\b`));
        expect(readFileSync(file, 'utf8')).not.toContain(passphrase);
      });
    });
  }
});
