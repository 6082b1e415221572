// Reads the server a user types into the inspector — `host:port`, `[IPv6]:port`, a bare host (port 443) or
// a pasted https:// address — into the host and port tls.inspect takes, with a sentence to show when it
// cannot. The host is checked with the contract's own schema, so the page refuses what Courier would.
import { tlsTargetSchema } from '../../../../shared/ipc';

export const DEFAULT_TLS_PORT = 443;

export type HostAddress = { ok: true; host: string; port: number } | { ok: false; message: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export function parseHostAddress(text: string): HostAddress {
  let value = text.trim();
  if (value === '') return { ok: false, message: 'Give the server, e.g. api.example.com:443.' };
  const scheme = SCHEME.exec(value);
  if (scheme) {
    if (scheme[1]!.toLowerCase() !== 'https') return { ok: false, message: `A ${scheme[1]}:// address does not use TLS; give the host and port of a TLS server.` };
    value = value.slice(scheme[0].length).replace(/[/?#].*$/s, '');
  }
  const parts = splitHostPort(value);
  if (!parts) return { ok: false, message: `“${value.slice(0, 100)}” is not host:port; write it as api.example.com:443 or [IPv6]:443.` };
  const port = parts.port === undefined ? DEFAULT_TLS_PORT : /^\d{1,5}$/.test(parts.port) ? Number(parts.port) : NaN;
  if (!(port >= 1 && port <= 65535)) return { ok: false, message: `“${(parts.port ?? '').slice(0, 20)}” is not a port number; a port is a number from 1 to 65535.` };
  if (!tlsTargetSchema.shape.host.safeParse(parts.host).success) {
    return { ok: false, message: `“${parts.host.slice(0, 100)}” is not a host name or IP address.` };
  }
  return { ok: true, host: parts.host, port };
}

function splitHostPort(value: string): { host: string; port?: string } | null {
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    if (!isIpv6(bracketed[1]!)) return null;
    return bracketed[2] === undefined ? { host: bracketed[1]! } : { host: bracketed[1]!, port: bracketed[2] };
  }
  // Two or more colons without brackets: an IPv6 literal, which leaves no room for a port.
  if ((value.match(/:/g) ?? []).length > 1) return isIpv6(value) ? { host: value } : null;
  const [host, port] = value.split(':');
  if (!host || /[[\]]/.test(host)) return null;
  return port === undefined ? { host } : { host, port };
}

/** The URL parser (the browser's, or Node's in tests) knows IPv6 literals exactly; a hex-and-colon regex does not. */
function isIpv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  try {
    new URL(`https://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}
