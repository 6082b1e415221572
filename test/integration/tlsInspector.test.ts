// The TLS inspector against real `openssl s_server` instances, each serving one real-world case: a valid
// three-level chain under a private CA, an expired leaf, a wrong host name, a self-signed leaf, a server
// that only speaks TLS 1.1, a 1024-bit key, a SHA-1 signature, a non-CA intermediate. Pins are proven on a
// real HTTPS request with the options every Courier client uses (tlsOptionsFor).
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { get } from 'node:https';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../electron/api';
import { CourierError } from '../../electron/core/errors';
import type { CourierContext } from '../../electron/core/home/openHome';
import { inspectChain } from '../../electron/core/tls/inspectChain';
import { NO_EXTRA_TRUST, tlsOptionsFor, type ProfileTrust } from '../../electron/core/tls/tlsOptions';
import type { CallName, InputOf, OutputOf, TlsTarget } from '../../shared/ipc';
import { openTestHome, tempDir } from '../support/home';
import { startOpenSslServer, type OpenSslServer } from '../support/opensslServer';
import { issueCertificate, makeKey, type TestCertificate } from '../support/testPki';

const DAY = 86_400_000;
const LOCAL = ['localhost', '127.0.0.1'];

interface Pki {
  root: TestCertificate;
  intermediate: TestCertificate;
  leaf: TestCertificate;
  expired: TestCertificate;
  selfSigned: TestCertificate;
  weak: TestCertificate;
  sha1: TestCertificate;
  notCa: TestCertificate;
  underNotCa: TestCertificate;
}

function buildPki(): Pki {
  const root = issueCertificate({ commonName: 'Courier Test Root CA', key: makeKey('ec-p384'), ca: true });
  const intermediate = issueCertificate({ commonName: 'Courier Test Issuing CA', key: makeKey('ec-p256'), issuer: root, ca: true });
  const leafKey = makeKey('ec-p256');
  const notCa = issueCertificate({ commonName: 'Not A CA', key: makeKey('ec-p256'), issuer: intermediate, sans: ['not-a-ca.test'] });
  return {
    root,
    intermediate,
    notCa,
    leaf: issueCertificate({ commonName: 'localhost', key: leafKey, issuer: intermediate, sans: LOCAL }),
    expired: issueCertificate({
      commonName: 'expired.localhost',
      key: leafKey,
      issuer: intermediate,
      sans: LOCAL,
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - 35 * DAY),
    }),
    selfSigned: issueCertificate({ commonName: 'self-signed.localhost', key: makeKey('ec-p256'), sans: LOCAL }),
    weak: issueCertificate({ commonName: 'weak.localhost', key: makeKey('rsa-1024'), issuer: intermediate, sans: LOCAL }),
    sha1: issueCertificate({ commonName: 'sha1.localhost', key: leafKey, issuer: intermediate, sans: LOCAL, hash: 'sha1' }),
    underNotCa: issueCertificate({ commonName: 'localhost', key: leafKey, issuer: notCa, sans: LOCAL }),
  };
}

const LEGACY = ['-cipher', 'DEFAULT@SECLEVEL=0'];

describe('TLS inspector against openssl s_server', () => {
  const dir = tempDir('courier-tls-');
  let pki: Pki;
  const servers: Record<string, OpenSslServer> = {};
  const onlyRoot = (): ProfileTrust => ({ caPems: [pki.root.pem], pins: [] });

  beforeAll(async () => {
    pki = buildPki();
    const plan: [string, TestCertificate[], string[]][] = [
      ['valid', [pki.leaf, pki.intermediate], []],
      ['expired', [pki.expired, pki.intermediate], []],
      ['selfSigned', [pki.selfSigned], []],
      ['weak', [pki.weak, pki.intermediate], LEGACY],
      ['sha1', [pki.sha1, pki.intermediate], LEGACY],
      ['notCa', [pki.underNotCa, pki.notCa, pki.intermediate], []],
      ['tls11', [pki.leaf, pki.intermediate], ['-tls1_1', ...LEGACY]],
    ];
    // Each server is recorded as soon as it runs, so afterAll stops it even when another fails to start.
    const started = await Promise.allSettled(
      plan.map(async ([name, chain, args]) => (servers[name] = await startOpenSslServer(dir.path, name, chain, args))),
    );
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  });

  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    dir.remove();
  });

  const target = (server: string, servername = 'localhost'): TlsTarget => ({ host: '127.0.0.1', port: servers[server]!.port, servername, timeoutMs: 10_000 });
  const codes = (problems: { index: number | null; code: string }[]) => problems.map((p) => `${p.index ?? '-'}:${p.code}`);

  it('a valid root → intermediate → leaf chain, trusted through the extra CA: valid, three links, TLS 1.3 and its cipher', async () => {
    const result = await inspectChain({ ...target('valid'), extraCaPem: pki.root.pem }, NO_EXTRA_TRUST);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.verdict).toBeNull();
    expect(result.protocol).toBe('TLSv1.3');
    expect(result.cipher).toMatch(/^TLS_(AES_\d+_GCM_SHA\d+|CHACHA20_POLY1305_SHA256)$/);
    expect(result.chain.map((c) => c.subject)).toEqual(['CN=localhost', 'CN=Courier Test Issuing CA', 'CN=Courier Test Root CA']);
    expect(result.chain.map((c) => c.issuer)).toEqual(['CN=Courier Test Issuing CA', 'CN=Courier Test Root CA', 'CN=Courier Test Root CA']);
    expect(result.chain.map((c) => [c.isCa, c.selfSigned, c.trustAnchor])).toEqual([
      [false, false, false],
      [true, false, false],
      [true, true, true],
    ]);
    const [leaf, , root] = result.chain;
    expect(leaf).toMatchObject({ keyType: 'ec', keyBits: 256, curve: 'prime256v1', signatureAlgorithm: 'ecdsa-with-SHA256', sans: ['DNS:localhost', 'IP:127.0.0.1'] });
    expect(root).toMatchObject({ keyType: 'ec', keyBits: 384, curve: 'secp384r1' });
    expect(leaf!.pem).toBe(pki.leaf.pem);
  });

  it('the same chain over TLS 1.2 shows the protocol and the negotiated cipher, also when the chain is refused', async () => {
    const server = await startOpenSslServer(dir.path, 'tls12', [pki.leaf, pki.intermediate], ['-tls1_2']);
    try {
      const result = await inspectChain({ ...target('valid'), port: server.port, extraCaPem: pki.root.pem }, NO_EXTRA_TRUST);
      expect(result.valid).toBe(true);
      expect(result.protocol).toBe('TLSv1.2');
      expect(result.cipher).toMatch(/^ECDHE-ECDSA-AES\d+-GCM-SHA\d+$/);
      const refused = await inspectChain({ ...target('valid'), port: server.port }, NO_EXTRA_TRUST);
      expect(refused.valid).toBe(false);
      expect(refused.chain).toHaveLength(2);
      expect([refused.protocol, refused.cipher]).toEqual([result.protocol, result.cipher]);
    } finally {
      await server.stop();
    }
  });

  it('without the private root: unknown issuer on the last link the server sent, and OpenSSL says why', async () => {
    const result = await inspectChain(target('valid'), NO_EXTRA_TRUST);
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    expect(result.chain).toHaveLength(2);
    expect(codes(result.problems)).toEqual(['1:unknown-issuer']);
    expect(result.problems[0]!.message).toContain('CN=Courier Test Root CA');
    expect(result.problems[0]!.hint).toContain('trust-ca');
  });

  it("the profile's stored trust is applied the same way as an extra CA", async () => {
    expect((await inspectChain(target('valid'), onlyRoot())).valid).toBe(true);
  });

  it('an expired leaf: expired on link 0', async () => {
    const result = await inspectChain(target('expired'), onlyRoot());
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe('CERT_HAS_EXPIRED');
    expect(codes(result.problems)).toEqual(['0:expired']);
    expect(result.problems[0]!.message).toMatch(/CN=expired\.localhost expired on .* \(35 days ago\)/);
  });

  it('a name the certificate does not carry: hostname mismatch on link 0, listing the names it does carry', async () => {
    const result = await inspectChain(target('valid', 'wrong.example'), onlyRoot());
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(codes(result.problems)).toEqual(['0:hostname-mismatch']);
    expect(result.problems[0]!.message).toContain('wrong.example');
    expect(result.problems[0]!.message).toContain('DNS:localhost');
  });

  it('a self-signed leaf: self-signed on link 0; trusting that very certificate makes it valid', async () => {
    const result = await inspectChain(target('selfSigned'), onlyRoot());
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(codes(result.problems)).toEqual(['0:self-signed']);
    expect(result.problems[0]!.message).toContain(result.chain[0]!.sha256Fingerprint);
    const trusted = await inspectChain({ ...target('selfSigned'), extraCaPem: pki.selfSigned.pem }, NO_EXTRA_TRUST);
    expect(trusted.valid).toBe(true);
  });

  it('a server that only speaks TLS 1.1 is refused: protocol too old, nothing negotiated', async () => {
    // The oracle: this s_server really completes a TLS 1.1 handshake with a client that allows it.
    const legacy = execFileSync('openssl', ['s_client', '-connect', `127.0.0.1:${servers.tls11!.port}`, '-tls1_1', ...LEGACY], { input: '', encoding: 'utf8', stdio: 'pipe' });
    expect(legacy).toMatch(/Protocol\s*:\s*TLSv1\.1/);
    const result = await inspectChain(target('tls11'), onlyRoot());
    expect(result.valid).toBe(false);
    expect(result.protocol).toBeNull();
    expect(result.chain).toEqual([]);
    expect(codes(result.problems)).toEqual(['-:protocol-too-old']);
    expect(result.verdict).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  });

  it('a 1024-bit RSA leaf that OpenSSL accepts at its default level is refused by Courier: weak key on link 0', async () => {
    const result = await inspectChain(target('weak'), onlyRoot());
    expect(result.valid).toBe(false);
    expect(result.chain[0]).toMatchObject({ keyType: 'rsa', keyBits: 1024 });
    expect(codes(result.problems)).toEqual(['0:weak-key']);
    expect(result.verdict).toBe('COURIER_WEAK_CHAIN');
  });

  it('a leaf signed with SHA-1: weak signature on link 0', async () => {
    const result = await inspectChain(target('sha1'), onlyRoot());
    expect(result.valid).toBe(false);
    expect(result.chain[0]!.signatureAlgorithm).toBe('ecdsa-with-SHA1');
    expect(codes(result.problems)).toEqual(['0:weak-signature']);
  });

  it('an intermediate that is not a CA: not-a-ca on that link', async () => {
    const result = await inspectChain(target('notCa'), onlyRoot());
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe('INVALID_PURPOSE');
    expect(codes(result.problems)).toEqual(['1:not-a-ca']);
  });

  it('a pinned key: the inspector reports a pin mismatch on link 0, and accepts the right pin', async () => {
    const otherPin = Buffer.alloc(32, 7).toString('hex');
    const mismatch = await inspectChain(target('valid'), { caPems: [pki.root.pem], pins: [otherPin] });
    expect(mismatch.valid).toBe(false);
    expect(mismatch.verdict).toBe('COURIER_PIN_MISMATCH');
    expect(codes(mismatch.problems)).toEqual(['0:pin-mismatch']);
    const leafPin = mismatch.chain[0]!.spkiSha256;
    expect((await inspectChain(target('valid'), { caPems: [pki.root.pem], pins: [otherPin, leafPin] })).valid).toBe(true);
  });

  it("our SPKI SHA-256 and fingerprint are openssl's (x509 -pubkey | pkey -pubin -outform DER | dgst -sha256), for EC and RSA keys", async () => {
    const ec = (await inspectChain(target('valid'), onlyRoot())).chain;
    const rsa = (await inspectChain(target('weak'), onlyRoot())).chain;
    for (const [index, link] of [ec[0]!, ec[2]!, rsa[0]!].entries()) {
      const file = join(dir.path, `spki-${index}.pem`);
      writeFileSync(file, link.pem);
      const spki = execFileSync('sh', ['-c', `openssl x509 -in '${file}' -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r`], { encoding: 'utf8' }).split(' ')[0];
      expect(link.spkiSha256, link.subject).toBe(spki);
      const fingerprint = execFileSync('openssl', ['x509', '-in', file, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim();
      expect(fingerprint.toUpperCase()).toBe(`SHA256 FINGERPRINT=${link.sha256Fingerprint}`);
    }
  });

  it('trusting only the intermediate is not enough: Courier needs the root, and says so on that link', async () => {
    const result = await inspectChain({ ...target('valid'), extraCaPem: pki.intermediate.pem }, NO_EXTRA_TRUST);
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe('UNABLE_TO_GET_ISSUER_CERT');
    expect(codes(result.problems)).toEqual(['1:unknown-issuer']);
    expect(result.problems[0]!.message).toMatch(/is trusted, but the root that issued it/);
  });

  describe('through the Api, with trust stored for a profile', () => {
    let home: ReturnType<typeof tempDir>;
    let ctx: CourierContext;
    let api: Api;
    const call = async <N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> => {
      const reply = await api.invoke(name, input);
      if (!reply.ok) throw CourierError.fromData(reply.error);
      return reply.output as OutputOf<N>;
    };
    beforeAll(async () => {
      home = tempDir();
      ctx = await openTestHome(home.path);
      api = createCourierApi(ctx);
    });
    afterAll(() => {
      ctx.close();
      home.remove();
    });

    it('trust a CA for one profile: that profile validates, another does not; every change is audited', async () => {
      const { entries } = await call('tls.trustCa', { scope: 'fiscal:default', pem: pki.root.pem });
      expect(entries).toMatchObject([{ scope: 'fiscal:default', kind: 'ca', label: 'CN=Courier Test Root CA' }]);
      const port = servers.valid!.port;
      expect((await call('tls.inspect', { host: '127.0.0.1', port, servername: 'localhost', scope: 'fiscal:default' })).valid).toBe(true);
      expect((await call('tls.inspect', { host: '127.0.0.1', port, servername: 'localhost', scope: 'pagero:default' })).valid).toBe(false);

      const leaf = (await call('tls.inspect', { host: '127.0.0.1', port, servername: 'localhost', scope: 'fiscal:default' })).chain[0]!;
      // Pinned as curl and RFC 7469 write it (base64); kept and shown as hex, like a Courier key's SPKI SHA-256.
      const pinned = await call('tls.pin', { scope: 'fiscal:default', spkiSha256: Buffer.from(leaf.spkiSha256, 'hex').toString('base64'), label: leaf.subject });
      expect(pinned.spkiSha256).toBe(leaf.spkiSha256);
      expect((await call('tls.inspect', { host: '127.0.0.1', port, servername: 'localhost', scope: 'fiscal:default' })).valid).toBe(true);
      const other = await call('tls.pin', { scope: 'fiscal:default', spkiSha256: Buffer.alloc(32, 1).toString('hex') });
      await call('tls.removeTrust', { scope: 'fiscal:default', id: pinned.id });
      const mismatch = await call('tls.inspect', { host: '127.0.0.1', port, servername: 'localhost', scope: 'fiscal:default' });
      expect(codes(mismatch.problems)).toEqual(['0:pin-mismatch']);
      await call('tls.removeTrust', { scope: 'fiscal:default', id: other.id });

      expect((await call('tls.listTrust', {})).entries.map((e) => `${e.scope}/${e.kind}`)).toEqual(['fiscal:default/ca']);
      const audit = await call('audit.list', { action: undefined });
      expect(audit.entries.filter((e) => e.action.startsWith('tls.')).map((e) => e.action).reverse()).toEqual([
        'tls.ca-trusted',
        'tls.pin-added',
        'tls.pin-added',
        'tls.trust-removed',
        'tls.trust-removed',
      ]);
    });

    it('exports the chain as PEM that openssl reads back, certificate by certificate', async () => {
      const exported = await call('tls.exportChainPem', { host: '127.0.0.1', port: servers.valid!.port, servername: 'localhost', scope: 'fiscal:default' });
      expect(exported.certificates).toBe(3);
      const file = join(dir.path, 'exported-chain.pem');
      writeFileSync(file, exported.pem);
      const printed = execFileSync('sh', ['-c', `openssl crl2pkcs7 -nocrl -certfile '${file}' | openssl pkcs7 -print_certs -noout`], { encoding: 'utf8' });
      expect(printed.match(/^subject=.*$/gm)).toEqual(['subject=CN = localhost', 'subject=CN = Courier Test Issuing CA', 'subject=CN = Courier Test Root CA']);
      const leafOnly = execFileSync('openssl', ['x509', '-in', file, '-noout', '-subject', '-ext', 'subjectAltName'], { encoding: 'utf8' });
      expect(leafOnly).toMatch(/DNS:localhost, IP Address:127\.0\.0\.1/);
    });
  });

  describe('tlsOptionsFor on a real HTTPS request', () => {
    const request = (port: number, trust: ProfileTrust) =>
      new Promise<{ status: number | undefined; error: string | undefined }>((resolve) => {
        const req = get({ host: '127.0.0.1', port, path: '/', servername: 'localhost', agent: false, ...tlsOptionsFor(trust) }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, error: undefined }));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: undefined, error: `${error.code}: ${error.message}` }));
      });

    it('with the right pin the request goes through; with another pin it is refused before any byte is sent', async () => {
      const leafPin = (await inspectChain(target('valid'), onlyRoot())).chain[0]!.spkiSha256;
      expect(await request(servers.valid!.port, { caPems: [pki.root.pem], pins: [leafPin] })).toEqual({ status: 200, error: undefined });
      const refused = await request(servers.valid!.port, { caPems: [pki.root.pem], pins: [Buffer.alloc(32).toString('hex')] });
      expect(refused.status).toBeUndefined();
      expect(refused.error).toMatch(/^COURIER_PIN_MISMATCH: /);
    });

    it('verification stays on: no CA, an expired leaf, a weak key or TLS 1.1 all fail the request', async () => {
      expect((await request(servers.valid!.port, NO_EXTRA_TRUST)).error).toMatch(/^UNABLE_TO_GET_ISSUER_CERT_LOCALLY: /);
      expect((await request(servers.expired!.port, onlyRoot())).error).toMatch(/^CERT_HAS_EXPIRED: /);
      expect((await request(servers.weak!.port, onlyRoot())).error).toMatch(/^COURIER_WEAK_CHAIN: .*1024 bits/);
      expect((await request(servers.tls11!.port, onlyRoot())).error).toMatch(/alert protocol version/);
    });
  });

  describe('when there is no TLS server to inspect', () => {
    let silent: Server;
    let silentPort: number;
    beforeAll(async () => {
      // It reads what it is sent (so it sees the client hang up) and never answers.
      silent = createServer((socket) => socket.resume());
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      silentPort = (silent.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

    it('a refused connection is a typed CONNECTION_FAILED error with a hint', async () => {
      const closedPort = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => resolve(port));
        });
      });
      const error = await inspectChain({ ...target('valid'), port: closedPort }, NO_EXTRA_TRUST).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CourierError);
      expect(error).toMatchObject({ code: 'CONNECTION_FAILED', message: expect.stringContaining('refused') });
      expect((error as CourierError).hint).toBeTruthy();
    });

    it('a port that accepts but never answers is a typed TIMEOUT after the given time', async () => {
      const started = Date.now();
      const error = await inspectChain({ ...target('valid'), port: silentPort, timeoutMs: 300 }, NO_EXTRA_TRUST).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'TIMEOUT', hint: expect.stringContaining('TLS port') });
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });
});
