// How `courier stations` and `courier partners` print profiles for a person (scripts take --json): one line per
// profile in lists, and a block that shows every setting, with the reason beside each interop switch.
import { interopSwitchReasons, type As2Partner, type As2Station, type PartnerInterop } from '../../../shared/ipc';

const pair = (p: As2Station['signing']) => `${p.keyId} / ${p.certificateId}`;

export function stationList(stations: As2Station[]): string {
  if (stations.length === 0) return 'No stations. Add ours with `courier stations add --as2-id ID --p12 FILE --password-file F`.';
  return stations.map((s) => `${s.as2Id.padEnd(24)} ${s.environment.padEnd(10)} ${s.id}  ${s.name === s.as2Id ? '' : s.name}`.trimEnd()).join('\n');
}

export function stationReport(station: As2Station): string {
  return [
    `${station.name} (${station.id})`,
    `  AS2 ID        ${station.as2Id}`,
    `  environment   ${station.environment}`,
    `  signing       ${pair(station.signing)}`,
    ...station.decryption.map((p, index) => `  ${index === 0 ? 'decryption   ' : '             '} ${pair(p)}`),
    `  public URL    ${station.publicUrl ?? '-'}`,
  ].join('\n');
}

export function partnerList(partners: As2Partner[]): string {
  if (partners.length === 0) return 'No partners. Add one with `courier partners add --as2-id ID --url URL --cert FILE`.';
  return partners
    .map((p) => `${p.as2Id.padEnd(24)} ${p.environment.padEnd(10)} ${p.url}  ${p.name === p.as2Id ? '' : p.name}${p.pauseOutgoing || p.pauseIncoming ? '  (paused)' : ''}`.trimEnd())
    .join('\n');
}

function interopLines(interop: PartnerInterop): string[] {
  return (Object.keys(interopSwitchReasons) as Array<keyof PartnerInterop>).map((name) => `    ${name.padEnd(24)} ${String(interop[name]).padEnd(12)} ${interopSwitchReasons[name]}`);
}

export function partnerReport(partner: As2Partner): string {
  const { security, mdn } = partner;
  return [
    `${partner.name} (${partner.id})`,
    `  AS2 ID          ${partner.as2Id}  (our station ${partner.stationId})`,
    `  URL             ${partner.url}  (TLS trust scope ${partner.tlsScope})`,
    `  environment     ${partner.environment}`,
    `  certificates    encryption ${partner.encryptionCertificateId ?? '-'}; signature ${partner.signatureCertificateId ?? '-'}`,
    `  security        cipher ${security.cipher} (${security.keyTransport}), sign ${security.signDigest}, compression ${security.compression}`,
    `  MDN             ${mdn.mode}${mdn.mode === 'none' ? '' : `, ${mdn.signed ? 'signed' : 'unsigned'}, MIC ${mdn.micAlgorithm}`}${mdn.mode === 'async' ? `, to ${mdn.asyncUrl ?? "the station's public URL"}` : ''}`,
    `  send timeout    ${partner.sendTimeoutSeconds} s`,
    `  paused          ${partner.pauseIncoming ? 'incoming ' : ''}${partner.pauseOutgoing ? 'outgoing' : ''}${partner.pauseIncoming || partner.pauseOutgoing ? '' : 'no'}`,
    `  headers         ${partner.headers.length === 0 ? '-' : partner.headers.map((h) => `${h.name}: ${h.value}`).join('; ')}`,
    '  interop',
    ...interopLines(partner.interop),
  ].join('\n');
}
