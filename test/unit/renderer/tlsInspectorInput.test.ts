// What the TLS inspector page accepts before it calls tls.inspect: the server as people type or paste it,
// a certificate text (never a private key), and how a validity window is put into words.
import { describe, expect, it } from 'vitest';
import { extraCaProblem } from '../../../renderer/src/features/tls/extraCa';
import { parseHostAddress } from '../../../renderer/src/features/tls/hostAddress';
import { validityAt } from '../../../renderer/src/features/tls/validity';

describe('parseHostAddress', () => {
  it.each([
    ['api.example.com:443', 'api.example.com', 443],
    ['  api.example.com:8443 ', 'api.example.com', 8443],
    ['api.example.com', 'api.example.com', 443],
    ['127.0.0.1:4433', '127.0.0.1', 4433],
    ['[::1]:8443', '::1', 8443],
    ['[2001:db8::1]', '2001:db8::1', 443],
    ['2001:db8::1', '2001:db8::1', 443],
    ['https://api.example.com/as2/receive?x=1', 'api.example.com', 443],
    ['HTTPS://api.example.com:9443/', 'api.example.com', 9443],
  ])('%s → %s port %i', (text, host, port) => {
    expect(parseHostAddress(text)).toEqual({ ok: true, host, port });
  });

  it.each([
    ['', /Give the server/],
    ['   ', /Give the server/],
    ['api.example.com:0', /“0” is not a port number/],
    ['api.example.com:65536', /“65536” is not a port number/],
    ['api.example.com:', /“” is not a port number/],
    ['api.example.com:https', /“https” is not a port number/],
    ['[::1]:x', /“x” is not a port number/],
    ['http://api.example.com', /does not use TLS/],
    ['ftp://api.example.com', /does not use TLS/],
    ['a:b:c', /is not host:port/],
    ['[1:2:3]:443', /is not host:port/],
    ['1::2::3', /is not host:port/],
    ['api example.com:443', /is not a host name or IP address/],
    ['user@api.example.com:443', /is not a host name or IP address/],
    [`${'a'.repeat(300)}:443`, /is not a host name or IP address/],
  ])('refuses %j with a sentence to show', (text, message) => {
    const parsed = parseHostAddress(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('never echoes more than 100 characters of what was typed', () => {
    const parsed = parseHostAddress(`${'x'.repeat(5000)} y`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeLessThan(200);
  });
});

describe('extraCaProblem', () => {
  const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

  it('accepts certificate PEM', () => {
    expect(extraCaProblem(certificate)).toBeNull();
  });

  it.each([
    ['-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n', /private key/],
    [`${certificate}-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n`, /private key/],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----\n', /private key/],
    ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', /BEGIN CERTIFICATE/],
    [`${certificate}${'A'.repeat(1 << 20)}`, /larger than 1 MiB/],
  ])('refuses %#', (text, message) => {
    expect(extraCaProblem(text)).toMatch(message);
  });
});

describe('validityAt', () => {
  const at = new Date('2026-03-10T12:00:00Z');
  it.each([
    ['2026-01-01T00:00:00Z', '2026-03-07T11:00:00Z', 'expired', 'expired 3 days ago'],
    ['2026-01-01T00:00:00Z', '2026-03-10T09:00:00Z', 'expired', 'expired 3 hours ago'],
    ['2026-01-01T00:00:00Z', '2026-03-30T12:00:00Z', 'valid', 'expires in 20 days'],
    ['2026-01-01T00:00:00Z', '2026-03-11T12:00:00Z', 'valid', 'expires in 1 day'],
    ['2026-01-01T00:00:00Z', '2026-09-10T12:00:00Z', 'valid', 'expires in 6 months'],
    ['2026-01-01T00:00:00Z', '2036-03-10T12:00:00Z', 'valid', 'expires in 10 years'],
    ['2026-03-12T12:00:00Z', '2027-03-12T12:00:00Z', 'not-yet-valid', 'valid only in 2 days'],
  ])('%s → %s: %s, "%s"', (notBefore, notAfter, state, phrase) => {
    expect(validityAt(notBefore, notAfter, at)).toEqual({ state, phrase });
  });
});
