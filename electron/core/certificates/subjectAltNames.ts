// Subject alternative names for our own certificates and CSRs, written the way OpenSSL and the inspector show
// them (DNS:as2.example.com, IP:192.0.2.10, email:edi@example.com, URI:https://as2.example.com/as2). Each is
// checked for the form its GeneralName requires (RFC 5280 §4.2.1.6), so a CA never refuses our CSR for it.
import { isIP } from 'node:net';
import { GeneralName } from '@peculiar/asn1-x509';
import { CourierError } from '../errors';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DNS_NAME = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*$`);
const EMAIL = /^[\x21-\x3f\x41-\x7e]+@[A-Za-z0-9.-]+$/;

function bad(entry: string, why: string): CourierError {
  return new CourierError('BAD_INPUT', `"${entry.slice(0, 100)}" is not a subject alternative name: ${why}.`, 'Write each as DNS:name, IP:address, email:address or URI:uri (e.g. --san DNS:as2.example.com,IP:192.0.2.10).');
}

export function parseSubjectAltName(entry: string): GeneralName {
  const colon = entry.indexOf(':');
  const kind = colon < 0 ? '' : entry.slice(0, colon).trim().toLowerCase();
  const value = colon < 0 ? '' : entry.slice(colon + 1).trim();
  switch (kind) {
    case 'dns':
      if (value.length > 253 || !DNS_NAME.test(value)) throw bad(entry, 'a DNS name is letters, digits and hyphens in dot-separated labels (a leading "*." is allowed)');
      return new GeneralName({ dNSName: value.toLowerCase() });
    case 'ip':
      if (isIP(value) === 0) throw bad(entry, 'not an IPv4 or IPv6 address');
      return new GeneralName({ iPAddress: value });
    case 'email':
      if (value.length > 254 || !EMAIL.test(value)) throw bad(entry, 'not an e-mail address in ASCII');
      return new GeneralName({ rfc822Name: value });
    case 'uri': {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        url = undefined;
      }
      if (!url || !/^[\x21-\x7e]+$/.test(value)) throw bad(entry, 'not an absolute URI in ASCII');
      return new GeneralName({ uniformResourceIdentifier: value });
    }
    default:
      throw bad(entry, 'it must start with DNS:, IP:, email: or URI:');
  }
}

/** Parsed names, duplicates refused (a CA would refuse them too). */
export function parseSubjectAltNames(entries: readonly string[]): GeneralName[] {
  const seen = new Set<string>();
  return entries.map((entry) => {
    const name = parseSubjectAltName(entry);
    const key = JSON.stringify(name);
    if (seen.has(key)) throw bad(entry, 'it is listed twice');
    seen.add(key);
    return name;
  });
}
