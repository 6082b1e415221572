// `courier certs …` exactly as scripts call it: import (PKCS#12 with --password-file, whose key then shows in
// `keys list`), list --expiring DAYS, show, self-sign, csr, attach, delete; exit codes 0 ok / 2 bad input,
// one-line errors, --json. Runs the built CLI (npm run build:node).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateEntry, OutputOf } from '../../shared/ipc';
import { forgePkcs12 } from '../support/certificateFiles';
import { courier } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';
import { issueCertificate, makeKey } from '../support/testPki';

const ERROR_LINE = /^error: [A-Z_]+: .+\n$/;
const DAY = 86_400_000;

describe('courier certs', () => {
  let dir: ReturnType<typeof tempDir>;
  let home: string;
  const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
  const run = (...args: string[]) => courier(['certs', ...args, '--home', home], env);
  const json = <T>(...args: string[]): T => {
    const result = run(...args, '--json');
    if (result.status !== 0) throw new Error(`certs ${args.join(' ')}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  };
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir.path, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    dir = tempDir();
    home = join(dir.path, 'home');
    (await openTestHome(home)).close();
  });
  afterAll(() => dir.remove());

  it('certs import FILE.p12 --password-file F --json: the new key id is in the output and in keys list; a wrong password exits 2 without echoing it', () => {
    const identity = issueCertificate({ commonName: 'cli.courier.example', key: makeKey('rsa-2048') });
    const p12 = write('identity.p12', forgePkcs12({ keyPem: identity.keyPem, certPems: [identity.pem], password: 'cli p12 password', algorithm: 'aes256', friendlyName: 'CLI identity' }));

    write('wrong', 'not the password\n');
    const wrong = run('import', p12, '--password-file', join(dir.path, 'wrong'));
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(ERROR_LINE);
    expect(wrong.stderr).toMatch(/^error: WRONG_PASSWORD: /);
    expect(wrong.stderr).not.toContain('not the password');
    const missing = run('import', p12);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: PASSWORD_REQUIRED: .*--password-file/);

    const password = write('password', 'cli p12 password\n');
    const result = json<OutputOf<'certs.import'>>('import', p12, '--password-file', password, '--purpose', 'tls-client');
    const keyId = result.keys[0]!.key.id;
    expect(result.keys[0]).toMatchObject({ alreadyPresent: false, key: { id: expect.stringMatching(/^key-[0-9a-f]{16}$/), label: 'CLI identity', purpose: 'tls-client', origin: 'imported' } });
    expect(result.certificates[0]!.certificate.keyId).toBe(keyId);
    const keys = JSON.parse(courier(['keys', 'list', '--json', '--home', home], env).stdout) as { keys: Array<{ id: string }> };
    expect(keys.keys.map((k) => k.id)).toContain(keyId);

    const human = run('import', p12, '--password-file', password);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^key  ${keyId}  tls-client  CLI identity  \\(already present\\)\\ncert-[0-9a-f]{16} .* CN=cli.courier.example  \\[key ${keyId}\\]  \\(already present\\)\\n$`));
  });

  it('certs list --expiring 30 --json returns exactly the certificates due within 30 days, flagged 7/14/30', () => {
    const key = makeKey('ec-p256');
    const pems = [5, 10, 20, 60].map((days) => issueCertificate({ commonName: `due in ${days}`, key, notAfter: new Date(Date.now() + days * DAY) }).pem);
    expect(run('import', write('due.pem', pems.join(''))).status).toBe(0);
    const due = json<{ certificates: CertificateEntry[] }>('list', '--expiring', '30').certificates;
    expect(due.filter((c) => c.subject.startsWith('CN=due in')).map((c) => [c.subject, c.expiry])).toEqual([
      ['CN=due in 5', '7'],
      ['CN=due in 10', '14'],
      ['CN=due in 20', '30'],
    ]);
    expect(due.every((c) => c.daysUntilExpiry <= 30)).toBe(true);
    const all = run('list');
    expect(all.stdout).toMatch(/^cert-[0-9a-f]{16} {2}≤7d {6}\d{4}-\d\d-\d\d {2}CN=due in 5$/m);
    expect(all.stdout).toMatch(/^cert-[0-9a-f]{16} {11}\d{4}-\d\d-\d\d {2}CN=due in 60$/m);
    expect(run('list', '--expiring', 'soon').status).toBe(2);
  });

  it('certs show ID prints the facts and the chain; --json the whole detail', () => {
    const id = json<{ certificates: CertificateEntry[] }>('list').certificates.find((c) => c.subject === 'CN=due in 60')!.id;
    const human = run('show', id);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain(`${id}  CN=due in 60`);
    expect(human.stdout).toMatch(/SHA-1 {8}([0-9A-F]{2}:){19}[0-9A-F]{2}/);
    expect(human.stdout).toContain('chain        complete: ends in a self-signed root Courier holds');
    expect(json<OutputOf<'certs.get'>>('show', id)).toMatchObject({ id, chainStatus: 'complete', expiry: 'ok' });
    const missing = run('show', 'cert-0000000000000000');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: NOT_FOUND: /);
  });

  it('certs self-sign, csr --out and attach for a key; delete --yes', () => {
    const key = JSON.parse(courier(['keys', 'generate', '--curve', 'P-256', '--purpose', 'as2-signing', '--label', 'own', '--json', '--home', home], env).stdout) as { id: string };
    const self = json<CertificateEntry>('self-sign', key.id, '--subject', 'CN=self.courier.example, O=Courier', '--san', 'DNS:self.courier.example,IP:192.0.2.1', '--days', '10');
    expect(self).toMatchObject({ keyId: key.id, subject: 'O=Courier, CN=self.courier.example', sans: ['DNS:self.courier.example', 'IP:192.0.2.1'], expiry: '14', selfSigned: true });

    const out = join(dir.path, 'request.csr');
    const csr = run('csr', key.id, '--subject', 'CN=csr.courier.example', '--san', 'DNS:csr.courier.example', '--out', out);
    expect(csr.status).toBe(0);
    expect(csr.stdout).toContain(`certs attach ${key.id} FILE`);
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    expect(run('csr', key.id, '--subject', 'CN=x').status).toBe(2);

    const ca = issueCertificate({ commonName: 'CLI CA', key: makeKey('ec-p256'), ca: true });
    const stranger = write('stranger.pem', issueCertificate({ commonName: 'stranger', key: makeKey('ec-p256'), issuer: ca }).pem);
    const refused = run('attach', key.id, stranger);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^error: BAD_INPUT: stranger.pem holds no certificate for key/);

    const unconfirmed = run('delete', self.id);
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(json<{ id: string; deleted: boolean }>('delete', self.id, '--yes')).toEqual({ id: self.id, deleted: true });
    expect(run('show', self.id).status).toBe(2);
  });

  it('a 10 MB file is refused by its size before it is read; a missing file, a bad command and garbage exit 2', () => {
    const huge = write('huge.pem', Buffer.alloc(10 * 1024 * 1024, 0x41));
    const result = run('import', huge);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: BAD_INPUT: ${huge} is 10485760 bytes; a certificate file has at most 1048576 (1 MiB). (Give the certificate, chain or PKCS#12 file itself.)\n`);
    expect(run('import', join(dir.path, 'absent.pem')).status).toBe(2);
    expect(run('frobnicate').status).toBe(2);
    const garbage = run('import', write('garbage.cer', 'garbage'));
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toMatch(ERROR_LINE);
  });
});
