// The streamed AS2 pipeline against implementations we did not write: openssl opens what composeMessage writes and
// checks its detached signature; openMessage opens what `openssl cms -sign | openssl cms -encrypt -stream` writes;
// and the streaming multipart/signed splitter cuts Mendelson's captured message where the buffer parser does, with
// Mendelson's signature verifying through the precomputed-digest path.
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMessage } from '../../electron/core/as2/openMessage';
import { composeMessage } from '../../electron/core/as2/composeMessage';
import { partnerInteropSchema } from '../../shared/ipc';
import { verifySignedData } from '../../electron/core/cms/signedDataVerification';
import { withCanonicalHeaders } from '../../electron/core/mime/canonicalize';
import { readMultipartSigned } from '../../electron/core/mime/multipartSigned';
import { splitMultipartSigned } from '../../electron/core/mime/multipartSignedSplitter';
import { parseEntity } from '../../electron/core/mime/parseEntity';
import { chunked, type RsaIdentity } from '../support/cms';
import { tempDir } from '../support/home';

const dir = tempDir('courier-as2-stream-');
const path = (name: string): string => join(dir.path, name);
const openssl = (args: string[], input?: Uint8Array): Buffer => execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function identity(name: string): RsaIdentity {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-days', '2', '-keyout', path(`${name}.key`), '-out', path(`${name}.pem`)]);
  return { certificate: new X509Certificate(readFileSync(path(`${name}.pem`))), privateKey: createPrivateKey(readFileSync(path(`${name}.key`))) };
}

/** 300 KB of binary: CR, LF, NUL and high bytes. */
const payload = Buffer.concat(Array.from({ length: 10_000 }, (_, i) => createHash('sha256').update(`chunk ${i}\r\n\x00`).digest()));
let alice: RsaIdentity;
let bob: RsaIdentity;
beforeAll(() => {
  alice = identity('alice');
  bob = identity('bob');
});
afterAll(() => dir.remove());

describe('Courier → openssl: composeMessage (SHA-256, AES-256-CBC, RSA v1.5), streamed BER', () => {
  it('openssl decrypts it, and verifies the detached signature over the first part', async () => {
    const sealed = composeMessage(chunked(payload, 65_536), {
      payload: { contentType: 'application/octet-stream', fileName: 'po.x12' },
      sign: { signer: alice, digest: 'sha256' },
      encrypt: { certificate: bob.certificate, cipher: 'aes-256-cbc', keyTransport: 'rsa-pkcs1v15' },
      compression: 'none',
      interop: partnerInteropSchema.parse({}),
      micAlgorithm: 'sha256',
    });
    const message = await collect(sealed.body);
    expect(message.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x80]));
    const mime = openssl(['cms', '-decrypt', '-binary', '-inform', 'DER', '-inkey', path('bob.key'), '-recip', path('bob.pem')], message);
    const signed = readMultipartSigned(parseEntity(mime));
    expect(signed.micalg).toEqual(['sha256']);
    expect(signed.content.body.equals(payload)).toBe(true);
    writeFileSync(path('content'), signed.content.rawBytes);
    writeFileSync(path('signature.der'), signed.signature.body);
    openssl(['cms', '-verify', '-binary', '-noverify', '-inform', 'DER', '-in', path('signature.der'), '-content', path('content'), '-certfile', path('alice.pem'), '-out', '/dev/null']);
    expect(sealed.mic().base64).toBe(createHash('sha256').update(signed.content.rawBytes).digest('base64'));
  });
});

describe('openssl → Courier: cms -sign (multipart/signed) | cms -encrypt -stream, opened as a stream', () => {
  it('decrypts, splits, verifies and yields the payload', async () => {
    const text = Buffer.from(Array.from({ length: 3000 }, (_, i) => `ISA*00*line ${i}~\r\n`).join(''));
    writeFileSync(path('text.txt'), text);
    const smime = openssl(['cms', '-sign', '-text', '-md', 'sha256', '-in', path('text.txt'), '-signer', path('alice.pem'), '-inkey', path('alice.key')]);
    const message = openssl(['cms', '-encrypt', '-stream', '-binary', '-aes-256-cbc', '-outform', 'DER', path('bob.pem')], smime);
    expect(message[1]).toBe(0x80);
    const opened = await openMessage(chunked(message, 4096), { identities: [bob], certificates: [alice.certificate] });
    expect(opened.envelope.contentCipher).toBe('aes-256-cbc');
    expect(opened.payloadType.mediaType).toBe('text/plain');
    expect((await collect(opened.payload)).equals(text)).toBe(true);
    const result = opened.result();
    expect(result.signers[0]!.certificate.fingerprint256).toBe(alice.certificate.fingerprint256);
    expect(result.mic.digest).toBe('sha256');
  });
});

describe('Mendelson AS2 → Courier: mecas2_signed.as2 through the streaming splitter', () => {
  const DIR = new URL('../../../shared/interop/mendelson-as2/', import.meta.url);
  const capture = readFileSync(new URL('mecas2_signed.as2', DIR));
  const partner = new X509Certificate(readFileSync(new URL('cert_mecas2_public.pem', DIR)));

  it('cuts the parts where the buffer parser does, and the signature verifies from digests taken as the part passed', async () => {
    const buffered = readMultipartSigned(parseEntity(capture));
    for (const chunk of [1, 100, 65_536]) {
      const parts = await splitMultipartSigned(chunked(capture, chunk));
      expect(parts.micalg).toEqual(['sha256']);
      expect(parts.headers.get('AS2-From')).toBe('mecas2');
      expect((await collect(parts.content)).equals(buffered.content.rawBytes)).toBe(true);
      expect(parts.signature().body.equals(buffered.signature.body)).toBe(true);
    }
    // The capture lost its CRs; what Mendelson signed is the CRLF-header form (see mendelson-mime.test.ts).
    const digest = createHash('sha256').update(withCanonicalHeaders(buffered.content)).digest();
    const verified = await verifySignedData(buffered.signature.body, { contentDigests: new Map([['sha256', digest]]), certificates: [partner] });
    expect(verified.signers[0]!.digestAlgorithm).toBe('sha256');
    const wrong = await verifySignedData(buffered.signature.body, { contentDigests: new Map([['sha256', createHash('sha256').update(buffered.content.rawBytes).digest()]]), certificates: [partner] }).then(
      () => 'verified',
      (e: { reason?: string }) => e.reason,
    );
    expect(wrong).toBe('digest-mismatch');
  });
});
