// MDNs (RFC 4130 §7.4, RFC 8098): what buildMdn writes reads back through readMdn with the disposition, modifier
// and MIC it was given, signed or not; the signature status tells verified from unsigned, invalid and unknown-signer.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMdn, readMdn, type MdnInit } from '../../../electron/core/as2/mdn';
import { CourierError } from '../../../electron/core/errors';
import { fixtureRecipient, type RsaIdentity } from '../../support/cms';
import { issueCertificate, makeKey } from '../../support/testPki';

const alice = fixtureRecipient();
function generated(name: string): RsaIdentity {
  const key = makeKey('rsa-2048');
  return { certificate: new X509Certificate(issueCertificate({ commonName: name, key }).der), privateKey: key.privateKey };
}
const mallory = generated('Mallory');
const mic = { digest: 'sha256' as const, base64: Buffer.alloc(32, 7).toString('base64') };

const init: MdnInit = {
  reportingUa: 'Courier AS2',
  finalRecipient: 'COURIER',
  originalRecipient: 'COURIER',
  originalMessageId: 'm1@partner.example',
  outcome: { kind: 'processed' },
  mic,
  text: 'The message was received and processed.',
  sign: { signer: alice, digest: 'sha256', micalgSpelling: 'rfc5751' },
};

const contentTypeOf = (headers: [string, string][]): string => headers.find(([n]) => n === 'Content-Type')![1];

describe('buildMdn → readMdn', () => {
  it('signed, processed: verified against the partner certificate, MIC and Message-ID back', async () => {
    const built = buildMdn(init);
    expect(contentTypeOf(built.headers)).toMatch(/^multipart\/signed; protocol="?application\/pkcs7-signature"?; micalg=sha-256/);
    const mdn = await readMdn(contentTypeOf(built.headers), built.body, [alice.certificate]);
    expect(mdn).toMatchObject({
      originalMessageId: 'm1@partner.example',
      disposition: 'automatic-action/MDN-sent-automatically; processed',
      dispositionType: 'processed',
      modifier: null,
      mic: { digest: 'sha256', base64: mic.base64, algorithmName: 'sha-256' },
      text: expect.stringContaining('received and processed'),
      signature: { status: 'verified', digest: 'sha256' },
    });
  });

  it('error and warning outcomes, RFC 3851 spelling, no MIC', async () => {
    const error = buildMdn({ ...init, mic: null, outcome: { kind: 'error', modifier: 'decryption-failed' }, sign: { ...init.sign!, digest: 'sha1', micalgSpelling: 'rfc3851' } });
    expect(contentTypeOf(error.headers)).toContain('micalg=sha1');
    const read = await readMdn(contentTypeOf(error.headers), error.body, [alice.certificate]);
    expect(read.disposition).toBe('automatic-action/MDN-sent-automatically; processed/error: decryption-failed');
    expect(read.modifier).toEqual({ kind: 'error', text: 'decryption-failed' });
    expect(read.mic).toBeNull();
    expect(read.signature).toMatchObject({ status: 'verified', digest: 'sha1' });
    const warning = buildMdn({ ...init, outcome: { kind: 'warning', text: 'duplicate-document' } });
    expect((await readMdn(contentTypeOf(warning.headers), warning.body, [alice.certificate])).modifier).toEqual({ kind: 'warning', text: 'duplicate-document' });
  });

  it('unsigned MDNs read as unsigned', async () => {
    const built = buildMdn({ ...init, sign: null });
    expect(contentTypeOf(built.headers)).toMatch(/^multipart\/report; report-type=disposition-notification/);
    const mdn = await readMdn(contentTypeOf(built.headers), built.body, [alice.certificate]);
    expect(mdn.signature).toEqual({ status: 'unsigned' });
    expect(mdn.mic?.base64).toBe(mic.base64);
  });

  it('signed by another key than the partner on file: unknown-signer; altered: invalid', async () => {
    const built = buildMdn(init);
    const other = await readMdn(contentTypeOf(built.headers), built.body, [mallory.certificate]);
    expect(other.signature).toMatchObject({ status: 'unknown-signer' });
    const altered = Buffer.from(built.body);
    altered[altered.indexOf('processed')] = 0x50;
    const invalid = await readMdn(contentTypeOf(built.headers), altered, [alice.certificate]);
    expect(invalid.signature.status).toBe('invalid');
    expect((invalid.signature as { reason: string }).reason).toMatch(/digest/);
  });

  it('a Received-Content-MIC with an algorithm we do not know keeps its text, digest null', async () => {
    const body = Buffer.from(
      [
        '--b',
        'Content-Type: text/plain',
        '',
        'ok',
        '--b',
        'Content-Type: message/disposition-notification',
        '',
        'Final-Recipient: rfc822; COURIER',
        'Disposition: automatic-action/MDN-sent-automatically; processed',
        'Received-Content-MIC: AAAA, sha3-256',
        '',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const mdn = await readMdn('multipart/report; report-type=disposition-notification; boundary=b', body, []);
    expect(mdn.mic).toEqual({ digest: null, base64: 'AAAA', algorithmName: 'sha3-256' });
    expect(mdn.originalMessageId).toBeNull();
  });

  it('anything that is not an MDN is a BAD_MESSAGE', async () => {
    await expect(readMdn('text/plain', Buffer.from('hello'), [])).rejects.toMatchObject({ code: 'BAD_MESSAGE' });
    await expect(readMdn('multipart/report; boundary=b', Buffer.from('garbage'), [])).rejects.toBeInstanceOf(CourierError);
  });
});
