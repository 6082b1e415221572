// `courier stations` and `courier partners` exactly as scripts call them (issue 6): a PKCS#12 identity imported
// with `certs import --json` becomes a station by --key/--cert, another station comes straight from --p12, a
// partner is added from its certificate files with every profile flag, listed, shown, exported, deleted and
// imported back. Exit codes 0 ok / 2 bad input, one-line errors. Runs the built CLI (npm run build:node).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { As2Partner, As2PartnerExport, As2Station, OutputOf } from '../../shared/ipc';
import { forgePkcs12 } from '../support/certificateFiles';
import { courier } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';
import { issueCertificate, makeKey } from '../support/testPki';

const ERROR_LINE = /^error: [A-Z_]+: .+\n$/;

describe('courier stations and partners', () => {
  let dir: ReturnType<typeof tempDir>;
  let home: string;
  const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
  const run = (...args: string[]) => courier([...args, '--home', home], env);
  const json = <T>(...args: string[]): T => {
    const result = run(...args, '--json');
    if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  };
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir.path, name);
    writeFileSync(path, content);
    return path;
  };
  const identityFile = (name: string) => {
    const identity = issueCertificate({ commonName: name, key: makeKey('rsa-2048') });
    return write(`${name}.p12`, forgePkcs12({ keyPem: identity.keyPem, certPems: [identity.pem], password: 'p12 secret', algorithm: 'aes256' }));
  };
  let password: string;
  let partnerPem: string;
  let signaturePem: string;

  beforeAll(async () => {
    dir = tempDir();
    home = join(dir.path, 'home');
    (await openTestHome(home)).close();
    password = write('password', 'p12 secret\n');
    partnerPem = write('partner.pem', issueCertificate({ commonName: 'as2.acme.example', key: makeKey('rsa-2048') }).pem);
    signaturePem = write('partner-signing.pem', issueCertificate({ commonName: 'signing.acme.example', key: makeKey('rsa-2048') }).pem);
  });
  afterAll(() => dir.remove());

  it('stations add --key KEY_ID --cert CERT_ID with the ids that certs import --json printed', () => {
    const imported = json<OutputOf<'certs.import'>>('certs', 'import', identityFile('courier-test'), '--password-file', password);
    const keyId = imported.keys[0]!.key.id;
    const certId = imported.certificates[0]!.certificate.id;
    const station = json<As2Station>('stations', 'add', '--as2-id', 'COURIER-TEST', '--key', keyId, '--cert', certId, '--name', 'Courier test', '--url', 'https://courier.example/as2', '--decrypt', `${keyId}:${certId}`);
    expect(station).toMatchObject({ as2Id: 'COURIER-TEST', name: 'Courier test', environment: 'test', signing: { keyId, certificateId: certId }, decryption: [{ keyId, certificateId: certId }], publicUrl: 'https://courier.example/as2' });
  });

  it('stations add --p12 FILE --password-file F: the key lands in keys list and signs for the new station', () => {
    const station = json<As2Station>('stations', 'add', '--as2-id', 'COURIER-PROD', '--p12', identityFile('courier-prod'), '--password-file', password, '--environment', 'production');
    const keys = json<{ keys: Array<{ id: string; purpose: string }> }>('keys', 'list');
    expect(keys.keys).toContainEqual(expect.objectContaining({ id: station.signing.keyId, purpose: 'as2-signing' }));
    expect(station.environment).toBe('production');
    const listed = json<As2Station[]>('stations', 'list');
    expect(listed.map((s) => s.as2Id).sort()).toEqual(['COURIER-PROD', 'COURIER-TEST']);
    expect(run('stations', 'list').stdout).toMatch(/^COURIER-PROD\s+production\s+station-/m);
  });

  it('stations add refuses a half-given identity, an unknown key and a repeated AS2 ID with exit 2 and one line', () => {
    for (const args of [
      ['--as2-id', 'X'],
      ['--as2-id', 'X', '--key', 'key-0000000000000000'],
      ['--as2-id', 'X', '--p12', 'file.p12'],
      ['--as2-id', 'X', '--key', 'key-0000000000000000', '--cert', 'cert-0', '--decrypt', 'no-colon'],
    ]) {
      const result = run('stations', 'add', ...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(ERROR_LINE);
    }
    expect(run('stations', 'add', '--as2-id', 'X', '--key', 'key-0000000000000000', '--cert', 'cert-0').stderr).toMatch(/^error: NOT_FOUND: The signing key key-0000000000000000 is not in the keystore/);
    const again = run('stations', 'add', '--as2-id', 'COURIER-PROD', '--p12', join(dir.path, 'courier-prod.p12'), '--password-file', password, '--environment', 'production');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already has the AS2 ID "COURIER-PROD"/);
  });

  it('partners add with every profile flag; with two stations the partner must name its own', () => {
    const unnamed = run('partners', 'add', '--as2-id', 'ACME', '--url', 'https://as2.acme.example/as2', '--cert', partnerPem);
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toMatch(/^error: BAD_INPUT: There are 2 stations .*--station/);

    const partner = json<As2Partner>(
      'partners', 'add', '--as2-id', 'ACME', '--url', 'https://as2.acme.example/as2', '--cert', partnerPem, '--signature-cert', signaturePem,
      '--station', 'COURIER-TEST', '--name', 'Acme Corp', '--cipher', 'des-ede3-cbc', '--key-transport', 'rsa-oaep', '--sign', 'sha512',
      '--compression', 'after-signing', '--mdn', 'async', '--unsigned-mdn', '--mic-alg', 'sha384', '--async-url', 'https://courier.example/mdn',
      '--header', 'X-Route: EDI in', '--header', 'X-Tenant:42', '--timeout', '300', '--transfer-encoding', 'base64', '--micalg-spelling', 'rfc3851',
      '--fold-headers', '--chunked', '--omit-algorithm-protection', '--text-payloads', 'canonicalize', '--cast5-parameters', 'iv-only',
      '--pause-incoming', '--pause-outgoing',
    );
    expect(partner).toMatchObject({
      as2Id: 'ACME',
      name: 'Acme Corp',
      tlsScope: 'as2:ACME',
      security: { cipher: 'des-ede3-cbc', keyTransport: 'rsa-oaep', signDigest: 'sha512', compression: 'after-signing' },
      mdn: { mode: 'async', signed: false, micAlgorithm: 'sha384', asyncUrl: 'https://courier.example/mdn' },
      interop: { transferEncoding: 'base64', micalgSpelling: 'rfc3851', noHeaderFolding: false, noChunkedEncoding: false, omitAlgorithmProtection: true, textPayloads: 'canonicalize', cast5Parameters: 'iv-only' },
      headers: [{ name: 'X-Route', value: 'EDI in' }, { name: 'X-Tenant', value: '42' }],
      sendTimeoutSeconds: 300,
      pauseIncoming: true,
      pauseOutgoing: true,
    });
    expect(partner.encryptionCertificateId).not.toBe(partner.signatureCertificateId);
    const cert = json<{ subject: string }>('certs', 'show', partner.encryptionCertificateId!);
    expect(cert.subject).toBe('CN=as2.acme.example');

    const plain = json<As2Partner>('partners', 'add', '--as2-id', 'PLAIN', '--url', 'https://plain.example/as2', '--cert', partnerPem, '--station', 'COURIER-TEST');
    expect(plain.encryptionCertificateId).toBe(partner.encryptionCertificateId);
    expect(plain.signatureCertificateId).toBe(partner.encryptionCertificateId);
    expect(plain).toMatchObject({ security: { cipher: 'aes-256-cbc', signDigest: 'sha256' }, mdn: { mode: 'sync', signed: true }, interop: { noHeaderFolding: true, noChunkedEncoding: true }, sendTimeoutSeconds: 120 });
  });

  it('partners add refuses bad flag values with exit 2 and the usage or the field (the api checks the rest: unit tests)', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--timeout', 'soon'], /--timeout takes a number of seconds/],
      [['--header', 'no colon'], /--header takes 'Name: value'/],
      [['--cipher', 'rot13'], /at "security.cipher"/],
    ];
    for (const [flags, message] of cases) {
      const result = run('partners', 'add', '--as2-id', 'BAD', '--url', 'https://bad.example/as2', '--cert', partnerPem, '--station', 'COURIER-TEST', ...flags);
      expect(result.status, flags.join(' ')).toBe(2);
      expect(result.stderr).toMatch(ERROR_LINE);
      expect(result.stderr).toMatch(message);
    }
    expect(run('partners', 'add', '--as2-id', 'BAD', '--url', 'https://bad.example/as2').stderr).toMatch(/--cert FILE .* is required/);
  });

  it('partners list, show (human and --json) and export to stdout or --out', () => {
    expect(json<As2Partner[]>('partners', 'list').map((p) => p.as2Id)).toEqual(['ACME', 'PLAIN']);
    const shown = run('partners', 'show', 'ACME');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/^Acme Corp \(partner-[0-9a-f]{16}\)$/m);
    expect(shown.stdout).toMatch(/micalgSpelling\s+rfc3851\s+RFC 3851 spells digests/);
    expect(json<As2Partner>('partners', 'show', 'ACME').sendTimeoutSeconds).toBe(300);

    const printed = run('partners', 'export', 'ACME');
    const out = join(dir.path, 'acme.json');
    const written = json<{ out: string }>('partners', 'export', 'ACME', '--out', out);
    expect(written.out).toBe(out);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    const document = JSON.parse(printed.stdout) as As2PartnerExport;
    expect(document.format).toBe('courier.as2-partner/1');
    expect(document.encryptionCertificatePem).toBe(readFileSync(partnerPem, 'utf8'));
    expect(document.signatureCertificatePem).toBe(readFileSync(signaturePem, 'utf8'));
  });

  it('a station in use is not deleted; partners delete --yes, then import brings the same profile back with the same certificates', () => {
    const inUse = run('stations', 'delete', 'COURIER-TEST', '--yes');
    expect(inUse.status).toBe(2);
    expect(inUse.stderr).toBe('error: BAD_INPUT: Station Courier test is used by partners Acme Corp, PLAIN. (Delete those partners first (`courier partners delete ID --yes`).)\n');
    const before = json<As2Partner>('partners', 'show', 'ACME');

    expect(run('partners', 'delete', 'ACME').status).toBe(2);
    expect(json<{ deleted: string }>('partners', 'delete', 'ACME', '--yes')).toEqual({ deleted: before.id });
    const imported = json<As2Partner>('partners', 'import', join(dir.path, 'acme.json'), '--station', 'COURIER-TEST');
    const { id: _a, createdAt: _b, updatedAt: _c, ...profile } = before;
    expect(imported).toMatchObject(profile);

    const notJson = run('partners', 'import', write('broken.json', '{"format":'));
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/^error: BAD_INPUT: .*broken\.json is not JSON/);
    const twice = run('partners', 'import', join(dir.path, 'acme.json'), '--station', 'COURIER-TEST');
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/already has partner Acme Corp/);

    run('partners', 'delete', 'PLAIN', '--yes');
    run('partners', 'delete', 'ACME', '--yes');
    expect(json<{ deleted: string }>('stations', 'delete', 'COURIER-TEST', '--yes').deleted).toMatch(/^station-/);
    const audit = json<{ entries: Array<{ action: string; details: Record<string, unknown> }> }>('audit', 'list');
    const as2 = audit.entries.filter((entry) => entry.action.startsWith('as2.'));
    expect(as2.map((entry) => entry.action)).toEqual(expect.arrayContaining(['as2.station-saved', 'as2.partner-saved', 'as2.partner-deleted', 'as2.partner-imported', 'as2.station-deleted']));
    expect(JSON.stringify(as2)).not.toContain('p12 secret');
  });
});
