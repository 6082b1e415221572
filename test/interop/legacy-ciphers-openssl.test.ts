// Our pure-TypeScript RC2 and CAST5 in CBC/PKCS#7 against the openssl CLI's legacy provider, in both directions.
// IDEA is not built into this OpenSSL, so it is covered by published vectors in test/unit/cms/ciphers only.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCbcDecryptor, createCbcEncryptor, type BlockCipher } from '../../electron/core/cms/ciphers/blockCipher';
import { Cast5 } from '../../electron/core/cms/ciphers/cast5';
import { Rc2 } from '../../electron/core/cms/ciphers/rc2';

const PROVIDERS = ['-provider', 'legacy', '-provider', 'default'];

function openssl(args: string[], input: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}


/** Deterministic bytes (SHA-256 in counter mode), so a failure reproduces with the same key, IV and data. */
function bytes(len: number, label: string): Buffer {
  const out = Buffer.alloc(len);
  for (let i = 0, p = 0; p < len; i++, p += 32) {
    createHash('sha256').update(`${label}/${i}`).digest().copy(out, p);
  }
  return out;
}

interface Case {
  /** openssl enc cipher name */
  name: string;
  /** Key length the openssl cipher takes (it truncates or zero-pads -K to this). */
  keyBytes: number;
  make(key: Uint8Array): BlockCipher;
}

// openssl's rc2-40-cbc and rc2-64-cbc are RC2 with a 5-byte / 8-byte key whose effective size equals its length;
// rc2-cbc is a 16-byte key with 128 effective bits (`openssl enc -rc2-40-cbc -K <32 hex> -P` prints a 5-byte key).
const cases: Case[] = [
  { name: 'rc2-40-cbc', keyBytes: 5, make: (k) => new Rc2(k, 40) },
  { name: 'rc2-64-cbc', keyBytes: 8, make: (k) => new Rc2(k, 64) },
  { name: 'rc2-cbc', keyBytes: 16, make: (k) => new Rc2(k, 128) },
  { name: 'cast5-cbc', keyBytes: 16, make: (k) => new Cast5(k) },
];

const sizes = [0, 1, 7, 8, 9, 63, 64, 1000, 70_001];

describe('legacy ciphers vs openssl enc (legacy provider)', () => {
  it('this openssl offers RC2 and CAST5 through its legacy provider (the oracle for the cases below)', () => {
    const available = execFileSync('openssl', ['list', '-cipher-algorithms', ...PROVIDERS], { encoding: 'utf8' });
    expect(available).toMatch(/RC2-40-CBC/i);
    expect(available).toMatch(/CAST5-CBC/i);
  });

  it('uses the key lengths we assume for each openssl cipher', () => {
    for (const c of cases) {
      const printed = execFileSync(
        'openssl',
        ['enc', `-${c.name}`, '-K', '00'.repeat(c.keyBytes), '-iv', '00'.repeat(8), '-P', ...PROVIDERS],
        { encoding: 'utf8', stdio: 'pipe' },
      );
      expect(printed, c.name).toMatch(new RegExp(`^key=(00){${c.keyBytes}}$`, 'm'));
    }
  });

  for (const c of cases) {
    describe(c.name, () => {
      for (const size of sizes) {
        it(`${size} bytes: we encrypt, openssl decrypts`, () => {
          const key = bytes(c.keyBytes, `${c.name}/key/${size}`);
          const iv = bytes(8, `${c.name}/iv/${size}`);
          const plain = bytes(size, `${c.name}/plain/${size}`);
          const enc = createCbcEncryptor(c.make(key), iv);
          const ct = Buffer.concat([enc.update(plain), enc.final()]);
          const args = ['enc', '-d', `-${c.name}`, '-K', key.toString('hex'), '-iv', iv.toString('hex'), ...PROVIDERS];
          expect(openssl(args, ct).equals(plain)).toBe(true);
        });

        it(`${size} bytes: openssl encrypts, we decrypt`, () => {
          const key = bytes(c.keyBytes, `${c.name}/key2/${size}`);
          const iv = bytes(8, `${c.name}/iv2/${size}`);
          const plain = bytes(size, `${c.name}/plain2/${size}`);
          const args = ['enc', '-e', `-${c.name}`, '-K', key.toString('hex'), '-iv', iv.toString('hex'), ...PROVIDERS];
          const ct = openssl(args, plain);
          expect(ct.length).toBe((Math.floor(size / 8) + 1) * 8);
          const dec = createCbcDecryptor(c.make(key), iv);
          // Feed it in uneven pieces to exercise the streaming path too.
          const parts = [dec.update(ct.subarray(0, 13)), dec.update(ct.subarray(13)), dec.final()];
          expect(Buffer.concat(parts).equals(plain)).toBe(true);
        });
      }
    });
  }
});
