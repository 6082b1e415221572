// What the Certificates page says and checks before it calls Courier: a certificate's common name, its expiry in
// words, the expiry banner's sentence, an import's outcome, and a subject and SANs for a CSR or self-signed
// certificate checked with the contract's own schemas.
import { describe, expect, it } from 'vitest';
import type { CertificateEntry, KeySummary, OutputOf } from '../../../shared/ipc';
import { commonName, expiryPhrase, pemFileName } from '../../../renderer/src/features/certificates/certificateWords';
import { urgentSentence } from '../../../renderer/src/features/certificates/expiryFlags';
import { importOutcome } from '../../../renderer/src/features/certificates/importOutcome';
import { checkRequest, splitSans } from '../../../renderer/src/features/certificates/ownCertificateRequest';

function entry(subject: string, overrides: Partial<CertificateEntry> = {}): CertificateEntry {
  return {
    id: 'cert-0123456789abcdef',
    subject,
    issuer: 'CN=Issuer',
    serialNumber: '01',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    daysUntilExpiry: 100,
    expiry: 'ok',
    keyType: 'ec',
    keyBits: 256,
    curve: 'prime256v1',
    signatureAlgorithm: 'ecdsa-with-SHA256',
    sans: [],
    keyUsage: [],
    extendedKeyUsage: [],
    sha1Fingerprint: 'AA',
    sha256Fingerprint: 'BB',
    spkiSha256: 'cc',
    isCa: false,
    selfSigned: false,
    keyId: null,
    source: 'imported',
    addedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('commonName', () => {
  it.each([
    ['C=DE, O=Example Ltd, CN=as2.example.com', 'as2.example.com'],
    ['CN=Example\\, Inc., O=Example', 'Example, Inc.'],
    ['O=No Common Name Ltd, C=DE', 'O=No Common Name Ltd, C=DE'],
    // "CN=" inside another attribute's value is not the common name.
    ['O=XCN=fake, C=DE', 'O=XCN=fake, C=DE'],
  ])('%s → %s', (subject, name) => expect(commonName(subject)).toBe(name));

  it('makes a file name of letters, digits, dot, dash and underscore only', () => {
    expect(pemFileName('CN=../../etc/passwd')).toBe('etc-passwd.pem');
    expect(pemFileName('CN=as2.example.com')).toBe('as2.example.com.pem');
    expect(pemFileName('CN=…')).toBe('certificate.pem');
  });
});

describe('expiryPhrase', () => {
  it.each([
    [5, '7', 'expires in 5 days'],
    [1, '7', 'expires in 1 day'],
    [0, '7', 'expires within a day'],
    [-1, 'expired', 'expired yesterday or today'],
    [-12, 'expired', 'expired 12 days ago'],
  ] as const)('%i days, flag %s → %s', (daysUntilExpiry, expiry, phrase) => expect(expiryPhrase({ daysUntilExpiry, expiry })).toBe(phrase));
});

describe('urgentSentence (the banner)', () => {
  const counts = { expiring: 0, ownExpiring: 0, ownUrgent: 0 };
  it.each([
    [0, 0, null],
    [0, 1, '1 certificate expires within 7 days'],
    [0, 2, '2 certificates expire within 7 days'],
    [1, 0, '1 certificate has expired'],
    [3, 0, '3 certificates have expired'],
    [1, 2, '1 certificate has expired and 2 expire within 7 days'],
    [2, 1, '2 certificates have expired and 1 expires within 7 days'],
  ])('%i expired, %i within 7 days → %s', (expired, withinSevenDays, sentence) => expect(urgentSentence({ ...counts, expired, withinSevenDays })).toBe(sentence));
});

describe('importOutcome', () => {
  const key = { id: 'key-1', label: 'ACME signing', purpose: 'as2-signing' } as KeySummary;
  const imported = (certificates: Array<[CertificateEntry, boolean]>, keys: Array<[KeySummary, boolean]> = []): OutputOf<'certs.import'> => ({
    format: keys.length > 0 ? 'pkcs12' : 'pem',
    certificates: certificates.map(([certificate, alreadyPresent]) => ({ certificate, alreadyPresent })),
    keys: keys.map(([k, alreadyPresent]) => ({ key: k, alreadyPresent })),
  });

  it('counts what a file held and says how many were already present', () => {
    const outcome = importOutcome('chain.pem', imported([[entry('CN=leaf'), false], [entry('CN=Issuing CA'), true], [entry('CN=Root CA'), false]]));
    expect(outcome).toEqual({ tone: 'success', title: 'Imported 3 certificates (1 already present)', detail: 'From chain.pem: leaf, Issuing CA, Root CA.' });
  });

  it('says "nothing new" when every certificate was already held', () => {
    expect(importOutcome('a.cer', imported([[entry('CN=leaf'), true]]))).toMatchObject({ tone: 'neutral', title: 'Nothing new imported', detail: 'The certificate in a.cer was already present: leaf.' });
  });

  it('names the subject of the certificate that goes with a PKCS#12 key', () => {
    const outcome = importOutcome('id.p12', imported([[entry('CN=acme.example', { keyId: 'key-1' }), false], [entry('CN=ACME CA'), false]], [[key, false]]));
    expect(outcome.title).toBe('Imported key and certificate for CN=acme.example');
    expect(outcome.detail).toBe('The key is stored as “ACME signing” (AS2 signing); id.p12 held 2 certificates.');
  });
});

describe('a subject and SANs for a CSR or self-signed certificate', () => {
  it('splits SANs on lines and commas, dropping blanks', () => {
    expect(splitSans('DNS:a.example\n\n IP:192.0.2.1 ,email:edi@example.com\n')).toEqual(['DNS:a.example', 'IP:192.0.2.1', 'email:edi@example.com']);
  });

  it('sends only the usages chosen, so Courier picks those the key’s purpose needs otherwise', () => {
    expect(checkRequest({ subject: ' CN=as2.example.com ', sans: 'DNS:as2.example.com', keyUsage: [], extendedKeyUsage: [] })).toEqual({
      fields: { subject: 'CN=as2.example.com', sans: ['DNS:as2.example.com'] },
    });
    expect(checkRequest({ subject: 'CN=x1', sans: '', keyUsage: ['digitalSignature'], extendedKeyUsage: ['clientAuth'] }).fields).toEqual({
      subject: 'CN=x1',
      sans: [],
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['clientAuth'],
    });
  });

  it('refuses an empty subject, a control character, and a SAN too short to be one, with the contract’s messages', () => {
    expect(checkRequest({ subject: '', sans: '', keyUsage: [], extendedKeyUsage: [] })).toMatchObject({ fields: null, subjectError: expect.stringContaining('A subject is needed') });
    expect(checkRequest({ subject: 'CN=a\u0007b', sans: '', keyUsage: [], extendedKeyUsage: [] }).subjectError).toBe('A subject cannot hold control characters.');
    expect(checkRequest({ subject: 'CN=ok', sans: 'D:', keyUsage: [], extendedKeyUsage: [] })).toMatchObject({ fields: null, sansError: expect.any(String) });
  });
});
