// The streamed AS2 pipeline both ways (sign with SHA-256 → multipart/signed → EnvelopedData, and back): the payload
// and MIC survive any chunking, and every failure — not for us, altered in transit, cut off — ends the payload
// stream with a typed error before it ends normally.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openMessage } from '../../../electron/core/as2/openMessage';
import { composeMessage } from '../../../electron/core/as2/composeMessage';
import { partnerInteropSchema } from '../../../shared/ipc';
import { chunked, cmsFailure, fixtureRecipient, type RsaIdentity } from '../../support/cms';
import { issueCertificate, makeKey } from '../../support/testPki';

const alice = fixtureRecipient();
function generated(name: string): RsaIdentity {
  const key = makeKey('rsa-2048');
  return { certificate: new X509Certificate(issueCertificate({ commonName: name, key }).der), privateKey: key.privateKey };
}
const bob = generated('Bob');
const payload = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 131 + (i >> 9)) & 0xff));

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function seal(): Promise<{ message: Buffer; mic: Buffer }> {
  const sealed = composeMessage(chunked(payload, 8192), {
    payload: { contentType: 'application/octet-stream', fileName: 'x.bin' },
    sign: { signer: alice, digest: 'sha256' },
    encrypt: { certificate: bob.certificate, cipher: 'aes-256-cbc', keyTransport: 'rsa-pkcs1v15' },
    compression: 'none',
    interop: partnerInteropSchema.parse({}),
    micAlgorithm: 'sha256',
  });
  const message = await collect(sealed.body);
  return { message, mic: Buffer.from(sealed.mic().base64, 'base64') };
}

describe('composeMessage (streamed sign + encrypt) → openMessage', () => {
  it('the payload, its file name and the MIC come back, from any chunking', async () => {
    const { message, mic } = await seal();
    for (const chunk of [1000, 65_536, message.length]) {
      const opened = await openMessage(chunked(message, chunk), { identities: [bob], certificates: [alice.certificate] });
      expect(opened.envelope.contentCipher).toBe('aes-256-cbc');
      expect(opened.payloadHeaders.get('content-disposition')).toBe('attachment; filename=x.bin');
      expect((await collect(opened.payload)).equals(payload)).toBe(true);
      expect(opened.result().mic).toEqual({ digest: 'sha256', value: mic });
      expect(opened.result().signers[0]!.certificate).toBeDefined();
    }
  });

  it('a message for someone else fails before any payload', async () => {
    const { message } = await seal();
    expect((await cmsFailure(() => openMessage(chunked(message, 4096), { identities: [alice] }))).reason).toBe('no-matching-recipient');
  });

  it('ciphertext altered inside the payload: the payload stream fails its signature check at the end', async () => {
    const { message } = await seal();
    const altered = Buffer.from(message);
    altered[Math.floor(message.length / 2)]! ^= 0x40;
    const opened = await openMessage(chunked(altered, 4096), { identities: [bob] });
    expect((await cmsFailure(() => collect(opened.payload))).reason).toBe('digest-mismatch');
    expect(() => opened.result()).toThrow(/read to its end/);
  });

  it('a message cut off in transit fails at the end of the payload stream', async () => {
    const { message } = await seal();
    const opened = await openMessage(chunked(message.subarray(0, message.length - 700), 4096), { identities: [bob] });
    const failure = await cmsFailure(() => collect(opened.payload));
    expect(failure.reason).toBe('malformed');
    expect(failure.message).toBe('The encrypted message is truncated: it ends inside the encrypted content');
  });
});
