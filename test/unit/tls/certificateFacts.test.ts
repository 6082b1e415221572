// What the inspector shows for one certificate, checked against openssl's reading of the same bytes, and
// the signature algorithm names for the cases a server can send (PSS parameters included).
import { execFileSync } from 'node:child_process';
import { AsnConvert } from '@peculiar/asn1-schema';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { certificateFacts } from '../../../electron/core/tls/certificateFacts';
import { signatureAlgorithmOf } from '../../../electron/core/tls/signatureAlgorithms';
import { issueCertificate, makeKey } from '../../support/testPki';

function openssl(args: string[], pem: string): string {
  return execFileSync('openssl', args, { input: pem, encoding: 'utf8' });
}

describe('certificateFacts', () => {
  const root = issueCertificate({ commonName: 'Facts Root', key: makeKey('rsa-2048'), ca: true });
  const leaf = issueCertificate({
    commonName: 'facts.example',
    key: makeKey('ec-p384'),
    issuer: root,
    sans: ['facts.example', 'www.facts.example', '192.0.2.1', '2001:db8::1'],
    notBefore: new Date('2024-01-02T03:04:05Z'),
    notAfter: new Date('2049-12-31T23:59:59Z'),
  });

  it('reads subject, issuer, serial, dates, key, signature and SANs as openssl does', () => {
    const { summary } = certificateFacts(leaf.der);
    expect(summary).toMatchObject({
      subject: 'CN=facts.example',
      issuer: 'CN=Facts Root',
      notBefore: '2024-01-02T03:04:05.000Z',
      notAfter: '2049-12-31T23:59:59.000Z',
      keyType: 'ec',
      keyBits: 384,
      curve: 'secp384r1',
      signatureAlgorithm: 'sha256WithRSAEncryption',
      sans: ['DNS:facts.example', 'DNS:www.facts.example', 'IP:192.0.2.1', 'IP:2001:db8::1'],
      isCa: false,
      selfSigned: false,
    });
    const text = openssl(['x509', '-noout', '-serial', '-text'], leaf.pem);
    expect(text).toContain(`serial=${summary.serialNumber}`);
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toContain('NIST CURVE: P-384');
    expect(text).toMatch(/DNS:facts\.example, DNS:www\.facts\.example, IP Address:192\.0\.2\.1, IP Address:2001:DB8:0:0:0:0:0:1/);
    expect(certificateFacts(root.der).summary).toMatchObject({ keyType: 'rsa', keyBits: 2048, curve: null, isCa: true, selfSigned: true });
  });

  it('throws on bytes that are not a certificate (callers turn that into a typed error)', () => {
    expect(() => certificateFacts(Buffer.from('not a certificate'))).toThrow();
    expect(() => certificateFacts(leaf.der.subarray(0, leaf.der.length - 10))).toThrow();
  });
});

describe('signatureAlgorithmOf', () => {
  const pss = (hashOid?: string) =>
    signatureAlgorithmOf(
      new AlgorithmIdentifier({
        algorithm: '1.2.840.113549.1.1.10',
        parameters: hashOid === undefined ? null : AsnConvert.serialize(new RsaSaPssParams({ hashAlgorithm: new AlgorithmIdentifier({ algorithm: hashOid }) })),
      }),
    );

  it('names RSASSA-PSS by the hash in its parameters; absent parameters mean SHA-1 (RFC 4055), which is weak', () => {
    expect(pss('2.16.840.1.101.3.4.2.1')).toEqual({ name: 'rsassaPss (SHA-256)', weakHash: false });
    expect(pss()).toEqual({ name: 'rsassaPss (SHA-1)', weakHash: true });
  });

  it('marks MD5 and SHA-1 signatures weak and shows an unknown algorithm by its OID', () => {
    expect(signatureAlgorithmOf(new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.4' }))).toEqual({ name: 'md5WithRSAEncryption', weakHash: true });
    expect(signatureAlgorithmOf(new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.1' })).weakHash).toBe(true);
    expect(signatureAlgorithmOf(new AlgorithmIdentifier({ algorithm: '1.2.3.4' }))).toEqual({ name: '1.2.3.4', weakHash: false });
  });
});
