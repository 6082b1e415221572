import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MASTER_KEY_FILE, MasterKey } from '../../../electron/core/secrets/masterKey';
import { SecretBox } from '../../../electron/core/secrets/secretBox';
import { tempDir, testProtector } from '../../support/home';

describe('master key: random, wrapped by a passphrase through scrypt', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('unlocks with the right passphrase to the same key', async () => {
    const key = MasterKey.random();
    await key.saveTo(dir.path, testProtector('first passphrase'));
    const loaded = await MasterKey.loadFrom(dir.path, testProtector('first passphrase'));
    expect(loaded.subkey('x').equals(key.subkey('x'))).toBe(true);
  });

  it('refuses a wrong passphrase with WRONG_PASSPHRASE and changes nothing', async () => {
    await MasterKey.random().saveTo(dir.path, testProtector('first passphrase'));
    const before = readFileSync(join(dir.path, MASTER_KEY_FILE));
    await expect(MasterKey.loadFrom(dir.path, testProtector('second passphrase'))).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(readFileSync(join(dir.path, MASTER_KEY_FILE))).toEqual(before);
  });

  it('never writes the key itself: the file holds only a wrapped form', async () => {
    const key = MasterKey.random();
    await key.saveTo(dir.path, testProtector());
    const file = JSON.parse(readFileSync(join(dir.path, MASTER_KEY_FILE), 'utf8'));
    expect(file).toMatchObject({ protection: 'passphrase', kdf: { name: 'scrypt' }, cipher: { name: 'aes-256-gcm' } });
    expect(Buffer.from(file.wrappedKey, 'base64')).toHaveLength(32);
    // Opening the wrapped bytes with a subkey-derived check proves they differ from the key.
    const box = new SecretBox(key);
    expect(() => box.open(Buffer.from(file.wrappedKey, 'base64'), 'x')).toThrow();
  });

  it('refuses a short new passphrase', async () => {
    await expect(MasterKey.random().saveTo(dir.path, testProtector('short'))).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('exports under its own passphrase and imports back to the same key', async () => {
    const key = MasterKey.random();
    const exported = await key.exportWithPassphrase('export passphrase', { N: 2 ** 12, r: 8, p: 1 });
    const imported = await MasterKey.importWithPassphrase(exported, 'export passphrase');
    expect(imported.subkey('secretbox/v1').equals(key.subkey('secretbox/v1'))).toBe(true);
    await expect(MasterKey.importWithPassphrase(exported, 'wrong export pass')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('reports a damaged key file as HOME_UNUSABLE', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir.path, MASTER_KEY_FILE), '{"format":"something else"}');
    await expect(MasterKey.loadFrom(dir.path, testProtector())).rejects.toMatchObject({ code: 'HOME_UNUSABLE' });
    writeFileSync(join(dir.path, MASTER_KEY_FILE), 'not json');
    await expect(MasterKey.loadFrom(dir.path, testProtector())).rejects.toMatchObject({ code: 'HOME_UNUSABLE' });
  });

  it('unseals with the OS keystore when the host protects it that way', async () => {
    const key = MasterKey.random();
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    await key.saveTo(dir.path, { kind: 'os-keystore', seal: xor, unseal: xor });
    const loaded = await MasterKey.loadFrom(dir.path, { kind: 'os-keystore', seal: xor, unseal: xor });
    expect(loaded.subkey('a').equals(key.subkey('a'))).toBe(true);
    await expect(MasterKey.loadFrom(dir.path, testProtector())).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
    const broken = { kind: 'os-keystore' as const, seal: xor, unseal: () => { throw new Error('keyring changed'); } };
    await expect(MasterKey.loadFrom(dir.path, broken)).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
  });
});

describe('SecretBox: secrets at rest under AES-256-GCM', () => {
  const box = new SecretBox(MasterKey.random());

  it('opens what it sealed, for the same context only', () => {
    const sealed = box.seal('s3cr3t-token', 'profile:fiscal:1:token');
    expect(sealed.includes(Buffer.from('s3cr3t-token'))).toBe(false);
    expect(box.openText(sealed, 'profile:fiscal:1:token')).toBe('s3cr3t-token');
    expect(() => box.open(sealed, 'profile:fiscal:2:token')).toThrow(expect.objectContaining({ code: 'MASTER_KEY_MISMATCH' }));
  });

  it('seals the same value differently each time', () => {
    expect(box.seal('same', 'c').equals(box.seal('same', 'c'))).toBe(false);
  });

  it('detects any flipped bit, truncation, or a different master key', () => {
    const sealed = box.seal('value', 'c');
    for (const index of [0, 1, 13, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index]! ^= 1;
      expect(() => box.open(tampered, 'c')).toThrow(expect.objectContaining({ code: 'MASTER_KEY_MISMATCH' }));
    }
    expect(() => box.open(sealed.subarray(0, 10), 'c')).toThrow(expect.objectContaining({ code: 'MASTER_KEY_MISMATCH' }));
    expect(() => new SecretBox(MasterKey.random()).open(sealed, 'c')).toThrow(expect.objectContaining({ code: 'MASTER_KEY_MISMATCH' }));
  });
});
