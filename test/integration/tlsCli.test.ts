// `courier tls …` as a script uses it, against a real openssl s_server: --json shape, exit codes 0 (valid) /
// 1 (invalid or unreachable) / 2 (bad input), the profile trust commands, and the PEM export openssl reads.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courier } from '../support/cli';
import { TEST_PASSPHRASE, tempDir } from '../support/home';
import { startOpenSslServer, type OpenSslServer } from '../support/opensslServer';
import { issueCertificate, makeKey } from '../support/testPki';

const ERROR_LINE = /^error: [A-Z_]+: .+( \(.+\))?\n$/;

describe('courier tls', () => {
  const dir = tempDir('courier-tls-cli-');
  const home = join(dir.path, 'home');
  const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
  let server: OpenSslServer | undefined;
  let where: string;
  const rootFile = join(dir.path, 'root.pem');

  beforeAll(async () => {
    const root = issueCertificate({ commonName: 'CLI Root CA', key: makeKey('ec-p256'), ca: true });
    const intermediate = issueCertificate({ commonName: 'CLI Issuing CA', key: makeKey('ec-p256'), issuer: root, ca: true });
    const leaf = issueCertificate({ commonName: 'localhost', key: makeKey('ec-p256'), issuer: intermediate, sans: ['localhost'] });
    writeFileSync(rootFile, root.pem);
    server = await startOpenSslServer(dir.path, 'cli', [leaf, intermediate]);
    where = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  const inspect = (...args: string[]) => courier(['tls', 'inspect', where, '--servername', 'localhost', '--home', home, ...args], env);

  it('inspect --json with the CA: exit 0 and { valid, chain: [{ subject, issuer, notBefore, notAfter, … }], problems }', () => {
    const result = inspect('--ca', rootFile, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ valid: true, problems: [], protocol: 'TLSv1.3' });
    expect(json.chain).toHaveLength(3);
    for (const link of json.chain) {
      expect(Object.keys(link)).toEqual(expect.arrayContaining(['subject', 'issuer', 'notBefore', 'notAfter', 'keyType', 'signatureAlgorithm', 'sans', 'spkiSha256', 'pem']));
    }
  });

  it('inspect without the CA: exit 1, the problem names the link and what to do (JSON and human form)', () => {
    const json = inspect('--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, verdict: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', problems: [{ index: 1, code: 'unknown-issuer' }] });
    const human = inspect();
    expect(human.status).toBe(1);
    expect(human.stdout).toContain('[0] CN=localhost');
    expect(human.stdout).toContain('[1] CN=CLI Issuing CA');
    expect(human.stdout).toMatch(/NOT VALID \(TLS verdict UNABLE_TO_GET_ISSUER_CERT_LOCALLY\)/);
    expect(human.stdout).toMatch(/\[1\] unknown-issuer: .*\n\s+what to do: /);
  });

  it('bad HOST:PORT is exit 2 with a typed one-line error, before any home is opened', () => {
    for (const [target, expected] of [
      ['localhost', /add the port, e\.g\. localhost:443/],
      ['127.0.0.1:0', /not a port number/],
      ['127.0.0.1:99999', /not a port number/],
      ['127.0.0.1:', /not a port number/],
      ['[::1]:https', /not a port number/],
      ['a:b:c', /is not HOST:PORT/],
    ] as const) {
      const result = courier(['tls', 'inspect', target, '--home', home]);
      expect(result.status, target).toBe(2);
      expect(result.stderr, target).toMatch(ERROR_LINE);
      expect(result.stderr, target).toMatch(expected);
    }
    const timeout = courier(['tls', 'inspect', where, '--timeout', '0', '--home', home]);
    expect(timeout.status).toBe(2);
    expect(timeout.stderr).toMatch(/not a timeout in seconds/);
  });

  it('a garbage, oversized or missing --ca file is exit 2, BAD_INPUT', () => {
    const garbage = join(dir.path, 'garbage.pem');
    writeFileSync(garbage, 'this is not a certificate\n'.repeat(10));
    const oversized = join(dir.path, 'big.pem');
    writeFileSync(oversized, Buffer.alloc((1 << 20) + 1, 0x41));
    for (const [file, expected] of [
      [garbage, /cannot be read as an X\.509 certificate|holds no certificate/],
      [oversized, /more than the 1048576/],
      [join(dir.path, 'missing.pem'), /Cannot read the CA file/],
    ] as const) {
      const result = courier(['tls', 'inspect', where, '--ca', file, '--home', home]);
      expect(result.status, file).toBe(2);
      expect(result.stderr, file).toMatch(/^error: BAD_INPUT: /);
      expect(result.stderr, file).toMatch(expected);
    }
  });

  it('nobody listening: exit 1, CONNECTION_FAILED with a hint', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const result = courier(['tls', 'inspect', `127.0.0.1:${closedPort}`, '--home', home], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: CONNECTION_FAILED: 127\.0\.0\.1:\d+ refused the connection\. \(.+\)\n$/);
  });

  it('trust-ca, pin, trust-list and trust-remove change what inspect --scope says', () => {
    const scope = ['--scope', 'fiscal:default'];
    expect(courier(['tls', 'trust-ca', ...scope, rootFile, '--home', home], env).status).toBe(0);
    expect(inspect(...scope).status).toBe(0);
    expect(inspect('--scope', 'pagero:default').status).toBe(1);

    const pinned = courier(['tls', 'pin', ...scope, Buffer.alloc(32, 3).toString('base64'), '--home', home, '--json'], env);
    expect(pinned.status).toBe(0);
    const mismatch = inspect(...scope, '--json');
    expect(mismatch.status).toBe(1);
    expect(JSON.parse(mismatch.stdout).problems.map((p: { code: string }) => p.code)).toEqual(['pin-mismatch']);

    const list = JSON.parse(courier(['tls', 'trust-list', ...scope, '--home', home, '--json'], env).stdout);
    expect(list.entries.map((e: { kind: string }) => e.kind)).toEqual(['ca', 'pin']);
    const human = courier(['tls', 'trust-list', '--home', home], env);
    expect(human.stdout).toContain('CN=CLI Root CA');
    expect(courier(['tls', 'trust-remove', ...scope, String(JSON.parse(pinned.stdout).id), '--home', home], env).status).toBe(0);
    expect(inspect(...scope).status).toBe(0);
    expect(courier(['tls', 'trust-remove', ...scope, '999', '--home', home], env).status).toBe(2);
    expect(courier(['tls', 'pin', ...scope, 'not-a-pin', '--home', home], env).status).toBe(2);
  });

  it('export-chain --out writes the PEM chain, which openssl reads back', () => {
    const out = join(dir.path, 'chain.pem');
    const result = courier(['tls', 'export-chain', where, '--servername', 'localhost', '--ca', rootFile, '--out', out, '--home', home], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('3 certificate(s)');
    const printed = execFileSync('sh', ['-c', `openssl crl2pkcs7 -nocrl -certfile '${out}' | openssl pkcs7 -print_certs -noout`], { encoding: 'utf8' });
    expect(printed.match(/^subject=.*$/gm)).toEqual(['subject=CN = localhost', 'subject=CN = CLI Issuing CA', 'subject=CN = CLI Root CA']);
    expect(readFileSync(out, 'utf8').startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
  });
});
