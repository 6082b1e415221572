// Where the desktop app receives AS2: the COURIER_AS2_* variables, read the way `courier serve`'s flags are.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { as2ListenerFromEnvironment, as2TlsIdentity } from '../../../electron/hosts/as2Hosting';

describe('the AS2 listener of a host', () => {
  it('starts none unless a port is set, HTTP on COURIER_AS2_PORT, HTTPS with a throwaway certificate on COURIER_AS2_TLS_PORT', () => {
    expect(as2ListenerFromEnvironment({})).toBeUndefined();
    expect(as2ListenerFromEnvironment({ COURIER_AS2_PORT: '4080' })).toEqual({ httpPort: 4080, httpsPort: undefined, tls: undefined, host: undefined });
    const https = as2ListenerFromEnvironment({ COURIER_AS2_TLS_PORT: '0', COURIER_AS2_HOST: '0.0.0.0' })!;
    expect(https.httpsPort).toBe(0);
    expect(https.host).toBe('0.0.0.0');
    expect(https.tls?.certPem).toMatch(/BEGIN CERTIFICATE/);
    expect((https.tls as { caPem?: string }).caPem).toMatch(/BEGIN CERTIFICATE/);
  });

  it('uses the PEM files given, and refuses a bad port, half a pair or unreadable files with BAD_INPUT', () => {
    const dir = mkdtempSync(join(tmpdir(), 'courier-as2tls-'));
    writeFileSync(join(dir, 'c.pem'), 'CERT');
    writeFileSync(join(dir, 'k.pem'), 'KEY');
    expect(as2TlsIdentity(join(dir, 'c.pem'), join(dir, 'k.pem'))).toEqual({ certPem: 'CERT', keyPem: 'KEY' });
    expect(() => as2TlsIdentity(join(dir, 'c.pem'), undefined)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => as2TlsIdentity(join(dir, 'missing.pem'), join(dir, 'k.pem'))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => as2ListenerFromEnvironment({ COURIER_AS2_PORT: '70000' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining('COURIER_AS2_PORT') }));
  });
});
