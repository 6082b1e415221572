// CRLF canonicalisation (RFC 5751 §3.1.1), whole and streamed, and the header-only form a verifier may need.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CrlfCanonicalizer, crlfTransform, toCrlf, withCanonicalHeaders } from '../../../electron/core/mime/canonicalize';
import { parseEntity } from '../../../electron/core/mime/parseEntity';
import { collect } from '../../../electron/core/mime/chunks';

describe('CRLF canonicalisation', () => {
  it('turns bare LF into CRLF, keeps CRLF, and leaves a lone CR alone', () => {
    expect(toCrlf(Buffer.from('a\nb\r\nc\rd\n\n')).toString()).toBe('a\r\nb\r\nc\rd\r\n\r\n');
    expect(toCrlf(Buffer.alloc(0)).length).toBe(0);
  });

  it('gives the same bytes when a CR and its LF arrive in different chunks, at every split point', () => {
    const text = Buffer.from('line\r\nnext\nlast\r\n\rx\n');
    const whole = toCrlf(text);
    for (let split = 0; split <= text.length; split++) {
      const coder = new CrlfCanonicalizer();
      const out = Buffer.concat([coder.push(text.subarray(0, split)), coder.push(text.subarray(split)), coder.end()]);
      expect(out.equals(whole)).toBe(true);
    }
  });

  it('works as a Node Transform over one-byte chunks', async () => {
    const text = 'a\nb\r\nc\n';
    const out = await collect(Readable.from(Array.from(Buffer.from(text), (byte) => Buffer.from([byte]))).pipe(crlfTransform()));
    expect(out.toString()).toBe('a\r\nb\r\nc\r\n');
  });

  it('rebuilds CRLF headers around an untouched body (a capture whose CRLFs became LF)', () => {
    const entity = parseEntity(Buffer.from('Content-Type: application/edi-consent\nContent-Transfer-Encoding: binary\n\nUNB+1\nUNZ+1\n'));
    expect(withCanonicalHeaders(entity).toString()).toBe('Content-Type: application/edi-consent\r\nContent-Transfer-Encoding: binary\r\n\r\nUNB+1\nUNZ+1\n');
  });
});
