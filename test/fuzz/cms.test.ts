// Hostile CMS: thousands of mutated EnvelopedData and SignedData messages (DER and Bouncy-Castle-style BER) — bytes
// overwritten, truncated, inserted, ranges duplicated. Every one must either be accepted or end in a CmsError; no
// TypeError, RangeError or library exception may escape, and nothing may hang.
import { describe, expect, it } from 'vitest';
import { CmsError } from '../../electron/core/cms/cmsError';
import { decryptEnvelopedData, encryptEnvelopedData } from '../../electron/core/cms/envelopedData';
import { signData } from '../../electron/core/cms/signedData';
import { verifySignedData } from '../../electron/core/cms/signedDataVerification';
import { fixtureRecipient, toStreamingBer } from '../support/cms';
import { below, prng, type Random } from '../support/prng';

const CASES = Number(process.env.COURIER_FUZZ_CASES ?? 1500);
const TIMEOUT = 30_000 + CASES * 2;
const alice = fixtureRecipient();
const content = Buffer.from('UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\r\n'.repeat(30));

function mutate(next: Random, input: Uint8Array): Buffer {
  const bytes = Buffer.from(input);
  const at = below(next, bytes.length);
  switch (below(next, 5)) {
    case 0:
      bytes[at] = below(next, 256);
      return bytes;
    case 1:
      return bytes.subarray(0, at);
    case 2:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([[below(next, 256), 0x80, 0x84, 0xff][below(next, 4)]!]), bytes.subarray(at)]);
    case 3: {
      const length = 1 + below(next, 40);
      return Buffer.concat([bytes.subarray(0, at + length), bytes.subarray(at, at + length), bytes.subarray(at + length)]);
    }
    default:
      for (let i = 0; i < 4; i++) bytes[below(next, bytes.length)] = below(next, 256);
      return bytes;
  }
}

async function survives(run: () => unknown): Promise<'accepted' | 'rejected'> {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    if (!(error instanceof CmsError)) throw error;
    return 'rejected';
  }
}

describe(`fuzz: ${CASES} mutated messages per CMS reader`, () => {
  it('EnvelopedData: decrypt never throws anything but CmsError', async () => {
    const der = encryptEnvelopedData(content, { cipher: 'des-ede3-cbc', recipients: [{ certificate: alice.certificate }] });
    const oaep = encryptEnvelopedData(content, { cipher: 'rc2-40-cbc', recipients: [{ certificate: alice.certificate, keyTransport: { scheme: 'rsa-oaep', hash: 'sha256' } }] });
    const seeds = [der, oaep, toStreamingBer(der, { chunkAbove: 200 })];
    const next = prng(5652);
    const outcomes = { accepted: 0, rejected: 0 };
    for (let i = 0; i < CASES; i++) {
      const input = mutate(next, seeds[i % seeds.length]!);
      outcomes[await survives(() => decryptEnvelopedData(input, [alice]))]++;
    }
    expect(outcomes.rejected).toBeGreaterThan(CASES / 2);
  }, TIMEOUT);

  it('SignedData: verify never throws anything but CmsError', async () => {
    const attached = await signData(content, { signer: alice, digest: 'sha256', detached: false });
    const pss = await signData(content, { signer: alice, digest: 'sha384', detached: false, signature: { scheme: 'rsa-pss' } });
    const seeds = [attached, pss, toStreamingBer(attached, { chunkAbove: 200 })];
    const next = prng(5653);
    const outcomes = { accepted: 0, rejected: 0 };
    for (let i = 0; i < CASES; i++) {
      const input = mutate(next, seeds[i % seeds.length]!);
      outcomes[await survives(() => verifySignedData(input))]++;
    }
    expect(outcomes.rejected).toBeGreaterThan(CASES / 2);
  }, TIMEOUT);
});
