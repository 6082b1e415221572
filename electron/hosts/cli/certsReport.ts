// The human form of certificates: one line per certificate in a list (expiry badge first, so a glance finds
// what needs renewing), and a block per certificate for `certs show`, with the chain it builds to.
import type { CertificateDetail, CertificateEntry, OutputOf } from '../../../shared/ipc';

const BADGES: Record<CertificateEntry['expiry'], string> = { ok: '', '30': '≤30d', '14': '≤14d', '7': '≤7d', expired: 'EXPIRED' };

function keyText(c: CertificateEntry): string {
  return `${c.keyType.toUpperCase()}${c.keyBits === null ? '' : ` ${c.keyBits} bits`}${c.curve ? ` (${c.curve})` : ''}`;
}

export function certificateLine(c: CertificateEntry): string {
  const key = c.keyId ? `  [key ${c.keyId}]` : '';
  return `${c.id}  ${BADGES[c.expiry].padEnd(7)}  ${c.notAfter.slice(0, 10)}  ${c.subject}${key}`;
}

export function certificateList(certificates: readonly CertificateEntry[]): string {
  return certificates.length === 0 ? 'No certificates.' : certificates.map(certificateLine).join('\n');
}

export function certificateBlock(c: CertificateEntry): string[] {
  const days = c.daysUntilExpiry < 0 ? `expired ${-c.daysUntilExpiry} day(s) ago` : `${c.daysUntilExpiry} day(s) left`;
  const roles = [c.isCa ? 'CA' : 'not a CA', c.selfSigned ? 'self-signed' : null, c.source === 'self-signed' ? 'made by Courier' : null].filter(Boolean).join(', ');
  return [
    `${c.id}  ${c.subject}`,
    `    issuer       ${c.issuer}`,
    `    serial       ${c.serialNumber}`,
    `    valid        ${c.notBefore} → ${c.notAfter} (${days})`,
    `    key          ${keyText(c)}${c.keyId ? `, Courier key ${c.keyId}` : ''}`,
    `    signature    ${c.signatureAlgorithm}`,
    `    SANs         ${c.sans.length > 0 ? c.sans.join(', ') : '(none)'}`,
    `    key usage    ${c.keyUsage.length > 0 ? c.keyUsage.join(', ') : '(any)'}`,
    `    ext. usage   ${c.extendedKeyUsage.length > 0 ? c.extendedKeyUsage.join(', ') : '(any)'}`,
    `    SHA-1        ${c.sha1Fingerprint}`,
    `    SHA-256      ${c.sha256Fingerprint}`,
    `    SPKI SHA-256 ${c.spkiSha256}`,
    `    role         ${roles}`,
  ];
}

export function certificateReport(c: CertificateDetail): string {
  const status = {
    complete: 'complete: ends in a self-signed root Courier holds',
    'system-root': "complete: ends in one of this system's root CAs",
    incomplete: `incomplete: the issuer ${c.missingIssuer ?? ''} is not among Courier's certificates (import it)`,
  }[c.chainStatus];
  const chain = c.chain.map((link, index) => `    [${index}] ${link.subject}${link.id ? ` (${link.id})` : ' (system root)'}`);
  return [...certificateBlock(c), `    chain        ${status}`, ...chain].join('\n');
}

export function importReport(result: OutputOf<'certs.import'>): string {
  const keys = result.keys.map(({ key, alreadyPresent }) => `key  ${key.id}  ${key.purpose}  ${key.label}${alreadyPresent ? '  (already present)' : '  (imported)'}`);
  const certificates = result.certificates.map(({ certificate, alreadyPresent }) => `${certificateLine(certificate)}${alreadyPresent ? '  (already present)' : '  (imported)'}`);
  return [...keys, ...certificates].join('\n');
}
