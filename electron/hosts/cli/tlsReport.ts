// The human form of a TLS inspection: like `openssl s_client -showcerts`, but one readable block per
// certificate, then the verdict and each problem with the link it concerns and what to do.
import type { CertificateSummary, TlsInspection, TrustEntry } from '../../../shared/ipc';

export function inspectionReport(inspection: TlsInspection): string {
  const name = inspection.servername ? ` (name checked: ${inspection.servername})` : '';
  const lines = [
    `${inspection.host}:${inspection.port}${name}${inspection.scope ? `, trust of profile ${inspection.scope}` : ''}`,
    `protocol   ${inspection.protocol ?? '(none negotiated)'}`,
    `cipher     ${inspection.cipher ?? '(not known)'}`,
    `chain      ${inspection.chain.length === 0 ? 'none received' : `${inspection.chain.length} certificate${inspection.chain.length === 1 ? '' : 's'}, the server's own first`}`,
    ...inspection.chain.flatMap((certificate, index) => ['', ...certificateBlock(certificate, index)]),
    '',
    verdictLine(inspection),
    ...inspection.problems.flatMap((problem) => [
      `  ${problem.index === null ? '[connection]' : `[${problem.index}]`} ${problem.code}: ${problem.message}`,
      `      what to do: ${problem.hint}`,
    ]),
  ];
  return lines.join('\n');
}

function certificateBlock(c: CertificateSummary, index: number): string[] {
  const key = `${c.keyType.toUpperCase()}${c.keyBits === null ? '' : ` ${c.keyBits} bits`}${c.curve ? ` (${c.curve})` : ''}`;
  const roles = [c.isCa ? 'CA' : 'not a CA', c.selfSigned ? 'self-signed' : null, c.trustAnchor ? 'trusted anchor' : null].filter(Boolean).join(', ');
  return [
    `[${index}] ${c.subject}`,
    `    issuer     ${c.issuer}`,
    `    key        ${key}`,
    `    signature  ${c.signatureAlgorithm}`,
    `    valid      ${c.notBefore} → ${c.notAfter}`,
    `    SANs       ${c.sans.length > 0 ? c.sans.join(', ') : '(none)'}`,
    `    serial     ${c.serialNumber}`,
    `    SHA-256    ${c.sha256Fingerprint}`,
    `    SPKI       ${c.spkiSha256}`,
    `    role       ${roles}`,
  ];
}

function verdictLine(inspection: TlsInspection): string {
  if (inspection.valid) return 'VALID: Courier connects to this server with this trust.';
  return `NOT VALID${inspection.verdict ? ` (TLS verdict ${inspection.verdict})` : ''}: Courier refuses this server.`;
}

export function trustReport(entries: readonly TrustEntry[]): string {
  if (entries.length === 0) return 'No extra CAs or pins.';
  return entries
    .map((entry) =>
      entry.kind === 'ca'
        ? `${String(entry.id).padStart(4)}  ${entry.scope}  CA   ${entry.label ?? ''}  (until ${entry.notAfter ?? '?'}, SHA-256 ${entry.sha256Fingerprint ?? '?'})`
        : `${String(entry.id).padStart(4)}  ${entry.scope}  pin  ${entry.spkiSha256}${entry.label ? `  ${entry.label}` : ''}`,
    )
    .join('\n');
}
