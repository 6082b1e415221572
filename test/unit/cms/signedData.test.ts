// SignedData (RFC 5652 §5): sign and verify round trips for every digest × RSA scheme × detached/attached, the
// switchable signed attributes, a 5 MB stream, and every verification failure as its typed reason.
import { createHash, X509Certificate } from 'node:crypto';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { describe, expect, it } from 'vitest';
import type { SigningDigest } from '../../../electron/core/cms/digests';
import { encryptEnvelopedData } from '../../../electron/core/cms/envelopedData';
import {
  oidCmsAlgorithmProtection,
  oidContentType,
  oidData,
  oidMessageDigest,
  oidRsaEncryption,
  oidSha256,
  oidSha256WithRsa,
  oidSignedData,
  oidSigningTime,
  oidSmimeCapabilities,
} from '../../../electron/core/cms/oids';
import type { SignatureScheme } from '../../../electron/core/cms/rsaSignature';
import { signData, type SignOptions } from '../../../electron/core/cms/signedData';
import { verifySignedData } from '../../../electron/core/cms/signedDataVerification';
import { CourierError } from '../../../shared/ipc/errors';
import { chunked, cmsFailure, fixtureRecipient, flipBit, oidBytes, replaceLast, toStreamingBer } from '../../support/cms';
import { issueCertificate, makeKey } from '../../support/testPki';

const alice = fixtureRecipient();
const content = Buffer.from('Content-Type: application/EDI-X12\r\n\r\nISA*00*          *00*~\r\n');
const digests: SigningDigest[] = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const schemes: SignatureScheme[] = [{ scheme: 'rsa-pkcs1v15' }, { scheme: 'rsa-pss' }];
const saltLengths: Record<SigningDigest, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

function sign(options: Partial<SignOptions> = {}, data: Uint8Array = content): Promise<Uint8Array> {
  return signData(data, { signer: alice, digest: 'sha256', detached: true, ...options });
}

/** The attribute OIDs our SignerInfo carries, read back with the typed schema. */
function signedAttributeTypes(message: Uint8Array): string[] {
  const signedData = AsnConvert.parse(AsnConvert.parse(message, ContentInfo).content, SignedData);
  return (signedData.signerInfos[0]!.signedAttrs ?? []).map((a) => a.attrType).sort();
}

function replaceAll(bytes: Uint8Array, find: Uint8Array, replacement: Uint8Array): Buffer {
  const hex = Buffer.from(bytes).toString('hex').split(Buffer.from(find).toString('hex')).join(Buffer.from(replacement).toString('hex'));
  return Buffer.from(hex, 'hex');
}

describe('SignedData round trips', () => {
  for (const digest of digests) {
    for (const signature of schemes) {
      for (const detached of [true, false]) {
        it(`${digest} with ${signature.scheme}, ${detached ? 'detached' : 'attached'}`, async () => {
          const signingTime = new Date('2031-05-06T07:08:09.999Z');
          const message = await sign({ digest, signature, detached, signedAttributes: { signingTime } });
          const verified = await verifySignedData(message, detached ? { content: chunked(content, 7) } : {});
          expect(verified.contentType).toBe(oidData);
          expect(verified.content).toEqual(detached ? undefined : content);
          expect(verified.signers).toHaveLength(1);
          const [signer] = verified.signers;
          expect(signer!.certificate.fingerprint256).toBe(alice.certificate.fingerprint256);
          expect(signer!.digestAlgorithm).toBe(digest);
          expect(signer!.weakDigest).toBe(false);
          expect(signer!.signatureAlgorithm).toEqual(
            signature.scheme === 'rsa-pss'
              ? { scheme: 'rsa-pss', oid: '1.2.840.113549.1.1.10', saltLength: saltLengths[digest] }
              : { scheme: 'rsa-pkcs1v15', oid: expect.stringMatching(/^1\.2\.840\.113549\.1\.1\.(5|11|12|13|14)$/) },
          );
          expect(signer!.signingTime).toEqual(new Date('2031-05-06T07:08:09Z'));
          expect(signer!.signedAttributes).toBe(true);
          expect(signer!.algorithmProtection).toBe(true);
        });
      }
    }
  }

  it('identifies the signer by subject key identifier (SignerInfo v3)', async () => {
    const message = await sign({ identifier: 'subjectKeyIdentifier' });
    expect((await verifySignedData(message, { content })).signers[0]!.certificate.fingerprint256).toBe(alice.certificate.fingerprint256);
  });

  it('signing times from 2050 on are GeneralizedTime and read back', async () => {
    const signingTime = new Date('2051-01-02T03:04:05Z');
    const message = await sign({ signedAttributes: { signingTime } });
    expect((await verifySignedData(message, { content })).signers[0]!.signingTime).toEqual(signingTime);
  });

  it('each optional signed attribute can be switched off (IBM Sterling rejects CMSAlgorithmProtection)', async () => {
    const all = [oidCmsAlgorithmProtection, oidContentType, oidMessageDigest, oidSigningTime, oidSmimeCapabilities].sort();
    expect(signedAttributeTypes(await sign())).toEqual(all);
    expect(signedAttributeTypes(await sign({ signedAttributes: { algorithmProtection: false } }))).toEqual(all.filter((o) => o !== oidCmsAlgorithmProtection));
    expect(signedAttributeTypes(await sign({ signedAttributes: { signingTime: false } }))).toEqual(all.filter((o) => o !== oidSigningTime));
    expect(signedAttributeTypes(await sign({ signedAttributes: { smimeCapabilities: false } }))).toEqual(all.filter((o) => o !== oidSmimeCapabilities));
    const minimal = await sign({ signedAttributes: { algorithmProtection: false, signingTime: false, smimeCapabilities: false } });
    expect(signedAttributeTypes(minimal)).toEqual([oidContentType, oidMessageDigest].sort());
    const verdict = (await verifySignedData(minimal, { content })).signers[0]!;
    expect(verdict.signingTime).toBeUndefined();
    expect(verdict.algorithmProtection).toBe(false);
  });

  it('without signed attributes the signature covers the content itself (streamed both ways)', async () => {
    for (const signature of schemes) {
      const message = await signData(chunked(content, 5), { signer: alice, digest: 'sha384', detached: true, signature, signedAttributes: false });
      expect(signedAttributeTypes(message)).toEqual([]);
      const verdict = (await verifySignedData(message, { content: chunked(content, 3) })).signers[0]!;
      expect(verdict.signedAttributes).toBe(false);
      const failure = await cmsFailure(() => verifySignedData(message, { content: flipBit(content, 10) }));
      expect(failure.reason).toBe('bad-signature');
    }
  });

  it('includes the signer certificate and the chain', async () => {
    const ca = issueCertificate({ commonName: 'Chain CA', key: makeKey('rsa-2048'), ca: true });
    const message = await sign({ signer: { ...alice, chain: [new X509Certificate(ca.der)] } });
    const signedData = AsnConvert.parse(AsnConvert.parse(message, ContentInfo).content, SignedData);
    expect(signedData.certificates).toHaveLength(2);
    expect(Buffer.from(AsnConvert.serialize(signedData.certificates![1]!.certificate!))).toEqual(ca.der);
  });

  it('signed attributes sent out of DER order verify against their DER (sorted) encoding, as OpenSSL and BC verify', async () => {
    const message = await sign();
    const signedData = AsnConvert.parse(AsnConvert.parse(message, ContentInfo).content, SignedData);
    const info = signedData.signerInfos[0]!;
    info.signedAttrs = [...info.signedAttrs!].reverse();
    const reordered = new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: oidSignedData, content: AsnConvert.serialize(signedData) })));
    expect(signedAttributeTypes(reordered)).toEqual(signedAttributeTypes(message));
    expect(Buffer.from(reordered).equals(Buffer.from(message))).toBe(false);
    expect((await verifySignedData(reordered, { content })).signers).toHaveLength(1);
  });

  it('reads BER with indefinite lengths and chunked eContent (as Bouncy Castle writes)', async () => {
    const big = Buffer.alloc(3000, 0x41);
    const ber = toStreamingBer(await sign({ detached: false }, big));
    expect(ber[1]).toBe(0x80);
    expect((await verifySignedData(ber)).content).toEqual(big);
  });

  it('reads BER whose eContent comes in more chunks than asn1js allows nodes by default (10 000)', async () => {
    const large = Buffer.alloc(1_200_000, 0x44);
    const ber = toStreamingBer(await sign({ detached: false }, large), { chunk: 100 });
    expect((await verifySignedData(ber)).content?.equals(large)).toBe(true);
  });
});

describe('a 5 MB detached payload is signed and verified as a stream', () => {
  const CHUNKS = 80;
  const CHUNK = 64 * 1024;
  /** 5 MiB generated chunk by chunk: the test never holds the payload whole either. */
  async function* payload(flipAt?: number): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < CHUNKS; i++) {
      const chunk = Buffer.alloc(CHUNK, createHash('sha256').update(`chunk ${i}`).digest());
      if (flipAt !== undefined && flipAt >= i * CHUNK && flipAt < (i + 1) * CHUNK) chunk[flipAt - i * CHUNK] = chunk[flipAt - i * CHUNK]! ^ 1;
      yield chunk;
    }
  }

  it('verifies, and one flipped byte is a digest mismatch', async () => {
    const message = await signData(payload(), { signer: alice, digest: 'sha256', detached: true });
    expect(message.length).toBeLessThan(4096);
    expect((await verifySignedData(message, { content: payload() })).signers[0]!.digestAlgorithm).toBe('sha256');
    const failure = await cmsFailure(() => verifySignedData(message, { content: payload(3 * 1024 * 1024 + 17) }));
    expect(failure.reason).toBe('digest-mismatch');
    expect(failure.code).toBe('CRYPTO_FAILED');
  });
});

describe('SignedData verification failures are typed', () => {
  it('digest mismatch: detached content changed, attached content changed', async () => {
    const detached = await sign();
    const failure = await cmsFailure(() => verifySignedData(detached, { content: flipBit(content, 0) }));
    expect(failure.reason).toBe('digest-mismatch');
    expect(failure.message).toBe('Signature verification failed: the sha256 digest of the content does not match the signed message-digest');

    const attached = Buffer.from(await sign({ detached: false }));
    const at = attached.indexOf(content) + 5;
    expect((await cmsFailure(() => verifySignedData(flipBit(attached, at)))).reason).toBe('digest-mismatch');
  });

  it('bad signature: the signature value altered', async () => {
    const message = await sign();
    const failure = await cmsFailure(() => verifySignedData(flipBit(message, -20), { content }));
    expect(failure.reason).toBe('bad-signature');
  });

  it('bad signature: a valid signature by another key under our certificate', async () => {
    const mallory = makeKey('rsa-2048');
    const forged = await sign({ signer: { certificate: alice.certificate, privateKey: mallory.privateKey } });
    expect((await cmsFailure(() => verifySignedData(forged, { content }))).reason).toBe('bad-signature');
  });

  it('no signer certificate: neither in the message nor on file', async () => {
    const stranger = makeKey('rsa-2048');
    const strangerCert = new X509Certificate(issueCertificate({ commonName: 'Stranger', key: stranger }).der);
    const message = await sign();
    const withoutCerts = AsnConvert.parse(AsnConvert.parse(message, ContentInfo).content, SignedData);
    withoutCerts.certificates = undefined;
    const stripped = AsnConvert.serialize(new ContentInfo({ contentType: oidSignedData, content: AsnConvert.serialize(withoutCerts) }));
    const failure = await cmsFailure(() => verifySignedData(new Uint8Array(stripped), { content, certificates: [strangerCert] }));
    expect(failure.reason).toBe('no-signer-certificate');
    expect(failure.message).toMatch(/no certificate for the signer \(issuer "CN=Courier CMS test recipient, O=Courier tests", serial [0-9A-F]+\)/);
    // The partner's certificate on file is enough.
    expect((await verifySignedData(new Uint8Array(stripped), { content, certificates: [alice.certificate] })).signers).toHaveLength(1);
  });

  it('CMSAlgorithmProtection catches a swapped signature algorithm identifier (RFC 6211)', async () => {
    const swap = (message: Uint8Array): Buffer => replaceLast(message, oidBytes(oidSha256WithRsa), oidBytes(oidRsaEncryption));
    const failure = await cmsFailure(async () => verifySignedData(swap(await sign()), { content }));
    expect(failure.reason).toBe('algorithm-protection-mismatch');
    // Without the attribute the same swap goes unnoticed (a v1.5 signature does not depend on which OID names it).
    const unprotected = swap(await sign({ signedAttributes: { algorithmProtection: false } }));
    expect((await verifySignedData(unprotected, { content })).signers[0]!.signatureAlgorithm.oid).toBe(oidRsaEncryption);
  });

  it('signed attributes without message-digest, or with a content-type that differs', async () => {
    const noDigest = replaceAll(await sign(), oidBytes(oidMessageDigest), oidBytes('1.2.840.113549.1.9.7'));
    const missing = await cmsFailure(() => verifySignedData(noDigest, { content }));
    expect(missing.reason).toBe('bad-signed-attributes');
    expect(missing.message).toMatch(/no message-digest attribute/);

    const signed = Buffer.from(await sign({ detached: false }));
    const eContentType = signed.indexOf(oidBytes(oidData));
    const otherType = Buffer.from(signed);
    oidBytes('1.2.840.113549.1.7.5').copy(otherType, eContentType);
    expect((await cmsFailure(() => verifySignedData(otherType))).reason).toBe('bad-signed-attributes');
  });

  it('an unknown digest algorithm', async () => {
    const unknown = replaceAll(await sign(), oidBytes(oidSha256), oidBytes('2.16.840.1.101.3.4.2.99'));
    const failure = await cmsFailure(() => verifySignedData(unknown, { content }));
    expect(failure.reason).toBe('unsupported-algorithm');
    expect(failure.code).toBe('BAD_MESSAGE');
  });

  it('truncated, garbage and wrong-type input', async () => {
    const message = await sign();
    for (let length = 0; length < message.length; length += 25) {
      expect((await cmsFailure(() => verifySignedData(message.subarray(0, length), { content }))).reason).toBe('malformed');
    }
    expect((await cmsFailure(() => verifySignedData(Buffer.from('MIAGCSqGSIb3DQEHAqCAMIACAQEx'), { content }))).reason).toBe('malformed');
    const enveloped = encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate }] });
    expect((await cmsFailure(() => verifySignedData(enveloped, { content }))).reason).toBe('unexpected-content-type');
  });

  it('caller mistakes are BAD_INPUT: detached without content, attached with content, MD5 or EC signing', async () => {
    const ec = makeKey('ec-p256');
    const attempts: (() => Promise<unknown>)[] = [
      async () => verifySignedData(await sign()),
      async () => verifySignedData(await sign({ detached: false }), { content }),
      () => sign({ digest: 'md5' as SigningDigest }),
      () => sign({ signer: { certificate: alice.certificate, privateKey: ec.privateKey } }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(CourierError);
      expect((error as CourierError).code).toBe('BAD_INPUT');
    }
  });
});
