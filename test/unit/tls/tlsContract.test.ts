// The tls.* input schemas are the first gate for what the renderer and the CLI send: names, ports, scopes
// and pins outside their forms never reach the core.
import { describe, expect, it } from 'vitest';
import { spkiPinSchema, tlsTargetSchema, trustScopeSchema } from '../../../shared/ipc';

describe('tls contract inputs', () => {
  const target = (fields: Record<string, unknown>) => tlsTargetSchema.safeParse({ host: 'partner.example', port: 443, ...fields }).success;

  it('hosts are DNS names or IP literals; ports 1–65535; the timeout defaults to 10 s', () => {
    expect(tlsTargetSchema.parse({ host: 'partner.example', port: 443 }).timeoutMs).toBe(10_000);
    for (const host of ['127.0.0.1', '::1', 'a-b.example.', 'xn--bcher-kva.example']) expect(target({ host }), host).toBe(true);
    for (const host of ['', 'a b', 'host/path', 'user@host', '-x..y', 'a'.repeat(254)]) expect(target({ host }), host).toBe(false);
    for (const port of [0, 65536, 1.5, -1]) expect(target({ port }), String(port)).toBe(false);
    expect(target({ timeoutMs: 50 })).toBe(false);
    expect(target({ unknown: true })).toBe(false);
  });

  it('the server name (SNI) is a DNS name, never an IP address', () => {
    expect(target({ servername: 'as2.partner.example' })).toBe(true);
    for (const servername of ['127.0.0.1', '::1', '*.example', 'a..b', '']) expect(target({ servername }), servername).toBe(false);
  });

  it('scopes and pins have one form each', () => {
    for (const scope of ['fiscal:default', 'as2.acme-1', 'x']) expect(trustScopeSchema.safeParse(scope).success, scope).toBe(true);
    for (const scope of ['', ':x', 'has space', 'a/b', 'x'.repeat(101)]) expect(trustScopeSchema.safeParse(scope).success, scope).toBe(false);
    expect(spkiPinSchema.safeParse(Buffer.alloc(32).toString('base64')).success).toBe(true);
    expect(spkiPinSchema.safeParse('ab'.repeat(32)).success).toBe(true);
    expect(spkiPinSchema.safeParse('AB:'.repeat(31) + 'AB').success).toBe(true);
    expect(spkiPinSchema.safeParse(Buffer.alloc(31).toString('base64')).success).toBe(false);
  });
});
