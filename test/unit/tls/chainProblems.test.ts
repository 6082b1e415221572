// The link-by-link explanation, on chains built in memory: each case names the link and the reason, and a
// clean chain has none. The live handshakes are in test/integration/tlsInspector.test.ts.
import { describe, expect, it } from 'vitest';
import { certificateFacts } from '../../../electron/core/tls/certificateFacts';
import { chainProblems } from '../../../electron/core/tls/chainProblems';
import { strengthProblems } from '../../../electron/core/tls/chainStrength';
import { TrustAnchors } from '../../../electron/core/tls/trustAnchors';
import { issueCertificate, makeKey, type TestCertificate } from '../../support/testPki';

const DAY = 86_400_000;
const now = new Date();
const root = issueCertificate({ commonName: 'Unit Root', key: makeKey('ec-p256'), ca: true });
const intermediate = issueCertificate({ commonName: 'Unit Issuing CA', key: makeKey('ec-p256'), issuer: root, ca: true });
const leafKey = makeKey('ec-p256');
const leaf = issueCertificate({ commonName: 'partner.example', key: leafKey, issuer: intermediate, sans: ['partner.example', '10.0.0.7'] });

const review = (chain: TestCertificate[], options: { hostname?: string; anchors?: string[]; pins?: string[]; at?: Date } = {}) =>
  chainProblems({
    chain: chain.map((c) => certificateFacts(c.der)),
    hostname: options.hostname ?? 'partner.example',
    anchors: new TrustAnchors(options.anchors ?? [root.pem]),
    pins: options.pins ?? [],
    now: options.at ?? now,
  }).map((p) => `${p.index ?? '-'}:${p.code}`);

describe('chainProblems', () => {
  it('a complete chain to a trusted root, for the name it carries: no problem', () => {
    expect(review([leaf, intermediate, root])).toEqual([]);
    expect(review([leaf, intermediate, root], { hostname: '10.0.0.7' })).toEqual([]);
  });

  it('dates: not yet valid and expired, on the link concerned, judged at the time given', () => {
    const future = issueCertificate({ commonName: 'partner.example', key: leafKey, issuer: intermediate, sans: ['partner.example'], notBefore: new Date(now.getTime() + 2 * DAY), notAfter: new Date(now.getTime() + 90 * DAY) });
    expect(review([future, intermediate, root])).toEqual(['0:not-yet-valid']);
    expect(review([leaf, intermediate, root], { at: new Date(now.getTime() + 31 * DAY) })).toEqual(['0:expired', '1:expired', '2:expired']);
  });

  it('the top of the chain: an untrusted self-signed root, a self-signed leaf, a missing issuer', () => {
    expect(review([leaf, intermediate, root], { anchors: [] })).toEqual(['2:self-signed']);
    expect(review([leaf, intermediate], { anchors: [] })).toEqual(['1:unknown-issuer']);
    const selfSigned = issueCertificate({ commonName: 'partner.example', key: makeKey('ec-p256'), sans: ['partner.example'] });
    expect(review([selfSigned])).toEqual(['0:self-signed']);
    expect(review([selfSigned], { anchors: [selfSigned.pem] })).toEqual([]);
  });

  it('a link whose signature does not verify with the next link is reported on that link', () => {
    const impostor = issueCertificate({ commonName: 'Unit Issuing CA', key: makeKey('ec-p256'), issuer: root, ca: true });
    expect(review([leaf, impostor, root])).toEqual(['0:verification-failed']);
  });

  it('host names and IP addresses the certificate does not carry', () => {
    expect(review([leaf, intermediate, root], { hostname: 'other.example' })).toEqual(['0:hostname-mismatch']);
    expect(review([leaf, intermediate, root], { hostname: '10.0.0.8' })).toEqual(['0:hostname-mismatch']);
  });

  it('pins: the leaf key must be one of them', () => {
    const facts = certificateFacts(leaf.der);
    expect(review([leaf, intermediate, root], { pins: [facts.summary.spkiSha256] })).toEqual([]);
    expect(review([leaf, intermediate, root], { pins: [certificateFacts(intermediate.der).summary.spkiSha256] })).toEqual(['0:pin-mismatch']);
  });

  it('problems come out ordered by link', () => {
    const expiredWeak = issueCertificate({ commonName: 'partner.example', key: makeKey('rsa-1024'), issuer: intermediate, sans: ['partner.example'], notAfter: new Date(now.getTime() - DAY), notBefore: new Date(now.getTime() - 9 * DAY) });
    expect(review([expiredWeak, intermediate, root], { anchors: [], hostname: 'x.example' })).toEqual(['0:expired', '0:hostname-mismatch', '0:weak-key', '2:self-signed']);
  });
});

describe('strengthProblems (the floor tlsOptions enforces)', () => {
  const strength = (c: TestCertificate) => strengthProblems([certificateFacts(c.der)]).map((p) => p.code);

  it('RSA under 2048 bits is weak, RSA 2048 and EC P-256/P-384 are not', () => {
    expect(strength(issueCertificate({ commonName: 'a', key: makeKey('rsa-1024'), issuer: root }))).toEqual(['weak-key']);
    expect(strength(issueCertificate({ commonName: 'a', key: makeKey('rsa-2048'), issuer: root }))).toEqual([]);
    expect(strength(issueCertificate({ commonName: 'a', key: makeKey('ec-p384'), issuer: root }))).toEqual([]);
  });

  it('an EC key on a curve under 256 bits is weak', () => {
    const facts = certificateFacts(issueCertificate({ commonName: 'a', key: makeKey('ec-p224'), issuer: root }).der);
    expect(facts.summary).toMatchObject({ keyType: 'ec', keyBits: 224, curve: 'secp224r1' });
    expect(strengthProblems([facts]).map((p) => p.code)).toEqual(['weak-key']);
  });

  it('a SHA-1 signature is weak on an issued certificate, and ignored on a self-signed one (never relied on)', () => {
    expect(strength(issueCertificate({ commonName: 'a', key: makeKey('ec-p256'), issuer: root, hash: 'sha1' }))).toEqual(['weak-signature']);
    expect(strength(issueCertificate({ commonName: 'a', key: makeKey('ec-p256'), hash: 'sha1' }))).toEqual([]);
  });
});
