// The subject a user types for our own certificates and CSRs, in either form people copy from elsewhere:
// RFC 4514 / keytool ("CN=as2.example.com, O=Example, C=DE", most specific first) or OpenSSL's -subj
// ("/C=DE/O=Example/CN=as2.example.com", in encoding order). Values are checked against RFC 5280's bounds,
// which CAs enforce, so a CSR is not refused later for a name that was wrong from the start.
import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';
import { CourierError } from '../errors';

interface AttributeSpec {
  oid: string;
  /** RFC 5280 App. A upper bound, in characters. */
  max: number;
  encoding: 'utf8' | 'printable' | 'ia5';
}

const ATTRIBUTES: Record<string, AttributeSpec> = {
  cn: { oid: '2.5.4.3', max: 64, encoding: 'utf8' },
  sn: { oid: '2.5.4.4', max: 64, encoding: 'utf8' },
  serialnumber: { oid: '2.5.4.5', max: 64, encoding: 'printable' },
  c: { oid: '2.5.4.6', max: 2, encoding: 'printable' },
  l: { oid: '2.5.4.7', max: 128, encoding: 'utf8' },
  st: { oid: '2.5.4.8', max: 128, encoding: 'utf8' },
  street: { oid: '2.5.4.9', max: 128, encoding: 'utf8' },
  o: { oid: '2.5.4.10', max: 64, encoding: 'utf8' },
  ou: { oid: '2.5.4.11', max: 64, encoding: 'utf8' },
  title: { oid: '2.5.4.12', max: 64, encoding: 'utf8' },
  gn: { oid: '2.5.4.42', max: 64, encoding: 'utf8' },
  organizationidentifier: { oid: '2.5.4.97', max: 64, encoding: 'utf8' },
  uid: { oid: '0.9.2342.19200300.100.1.1', max: 64, encoding: 'utf8' },
  dc: { oid: '0.9.2342.19200300.100.1.25', max: 63, encoding: 'ia5' },
  emailaddress: { oid: '1.2.840.113549.1.9.1', max: 255, encoding: 'ia5' },
  e: { oid: '1.2.840.113549.1.9.1', max: 255, encoding: 'ia5' },
};

const KNOWN = 'CN, O, OU, C, L, ST, STREET, serialNumber, SN, GN, title, UID, DC, organizationIdentifier, emailAddress';
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const ASCII = /^[\x20-\x7e]*$/;

function bad(message: string): CourierError {
  return new CourierError('BAD_INPUT', message, 'Write the subject as "CN=name, O=organisation, C=DE" (or OpenSSL\'s "/C=DE/O=organisation/CN=name"); escape a literal comma as "\\,".');
}

/** Splits on `separator` where it is not escaped with a backslash; escapes are resolved in the parts. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      current += `\\${text[++i]}`;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function attribute(part: string): AttributeTypeAndValue {
  const equals = part.indexOf('=');
  if (equals < 1) throw bad(`"${part.trim().slice(0, 80)}" is not TYPE=value.`);
  const type = part.slice(0, equals).trim();
  const raw = part.slice(equals + 1).trim();
  if (/(^|[^\\])\+/.test(raw)) throw bad(`The value of ${type} holds "+", which would start a multi-valued name; escape it as "\\+".`);
  const value = raw.replace(/\\(.)/g, '$1');
  const spec = ATTRIBUTES[type.toLowerCase()];
  if (!spec) throw bad(`"${type.slice(0, 40)}" is not an attribute Courier writes (${KNOWN}).`);
  if (value === '') throw bad(`${type} has an empty value.`);
  if (spec.oid === '2.5.4.6' && !/^[A-Z]{2}$/.test(value)) throw bad(`C must be a two-letter country code in capitals (ISO 3166), not "${value.slice(0, 20)}".`);
  if (value.length > spec.max) throw bad(`${type} has ${value.length} characters; RFC 5280 allows at most ${spec.max}.`);
  if (spec.encoding === 'printable' && !PRINTABLE.test(value)) throw bad(`${type} may only hold letters, digits, spaces and '()+,-./:=?.`);
  if (spec.encoding === 'ia5' && !ASCII.test(value)) throw bad(`${type} may only hold ASCII characters.`);
  const encoded =
    spec.encoding === 'printable' ? { printableString: value } : spec.encoding === 'ia5' ? { ia5String: value } : { utf8String: value };
  return new AttributeTypeAndValue({ type: spec.oid, value: new AttributeValue(encoded) });
}

/** The X.501 Name for `subject`, one attribute per RDN, in encoding order (the country first, the CN last). */
export function parseDistinguishedName(subject: string): Name {
  const text = subject.trim();
  const openssl = text.startsWith('/');
  const parts = openssl ? splitUnescaped(text.slice(1), '/') : splitUnescaped(text, ',');
  if (parts.some((part) => part.trim() === '')) throw bad('The subject has an empty part (two separators in a row, or one at the end).');
  const attributes = parts.map(attribute);
  if (!attributes.some((a) => a.type === '2.5.4.3')) throw bad('The subject needs a CN (common name).');
  return new Name((openssl ? attributes : attributes.reverse()).map((a) => new RelativeDistinguishedName([a])));
}
