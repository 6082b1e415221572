// What the AS2 receiver tests share: the Mendelson captures as HTTP requests, a station "pyas2lib" (cert_test.p12)
// with its partners, a raw HTTP(S) client that keeps header order, and openssl checks of the MDNs we return.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { partnerInputSchema, stationInputSchema, type As2PartnerInput } from '../../shared/ipc';
import { createCourierApi } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';

import { mendelsonFile, PAYLOAD } from './mendelson';

export { MENDELSON_DIR, mendelsonFile, PAYLOAD } from './mendelson';

export type HeaderPairs = Array<[string, string]>;

export interface CapturedRequest {
  headers: HeaderPairs;
  body: Buffer;
}

/** Hop-by-hop and framing headers of the capture: the HTTP client sets its own. */
const HOP_BY_HOP = new Set(['host', 'connection', 'expect', 'content-length', 'transfer-encoding']);

export const SIGNED_MDN_OPTIONS = 'signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256';

/**
 * A capture as an HTTP request: its header lines (lower-case, LF) and its body. mecas2_signed.as2 lost its CRs in
 * capture (48 bytes short of its Content-Length): every line end outside payload.txt was CRLF, which restores it
 * byte-exact (the length is checked). The captures asked for an unsigned MDN; we add the signed-MDN request.
 */
export function mendelsonRequest(name: string): CapturedRequest {
  const capture = mendelsonFile(name);
  const crlfEnd = capture.indexOf('\n\r\n');
  const lfEnd = capture.indexOf('\n\n');
  const headerEnd = crlfEnd !== -1 && (lfEnd === -1 || crlfEnd < lfEnd) ? crlfEnd : lfEnd;
  const headerText = capture.subarray(0, headerEnd).toString('latin1');
  let body = capture.subarray(headerEnd + (headerEnd === crlfEnd ? 3 : 2));
  const all: HeaderPairs = headerText.split('\n').map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  const declared = Number(all.find(([n]) => n === 'content-length')?.[1]);
  if (!body.includes('\r')) {
    const at = body.indexOf(PAYLOAD);
    const crlf = (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    body = Buffer.concat([crlf(body.subarray(0, at)), PAYLOAD, crlf(body.subarray(at + PAYLOAD.length))]);
  }
  if (body.length !== declared) throw new Error(`${name}: body is ${body.length} bytes, Content-Length says ${declared}`);
  const headers = all.filter(([n]) => !HOP_BY_HOP.has(n));
  headers.push(['disposition-notification-options', SIGNED_MDN_OPTIONS]);
  return { headers, body };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** POSTs (or `method`) `body` with exactly `headers`; `ca` trusts an HTTPS listener's throwaway CA. */
export function post(url: string, headers: HeaderPairs, body: Buffer, options: { method?: string; ca?: string } = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(target, { method: options.method ?? 'POST', headers: ['host', target.host, ...headers.flat(), 'content-length', String(body.length)], ca: options.ca }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export const header = (answer: HttpAnswer, name: string): string => String(answer.headers[name.toLowerCase()] ?? '');

async function importCertificate(ctx: CourierContext, fileName: string, content: Buffer, password?: string): Promise<{ certificateId: string; keyId?: string }> {
  const reply = await createCourierApi(ctx).invoke('certs.import', { fileName, contentBase64: content.toString('base64'), password });
  if (!reply.ok) throw new Error(`certs.import ${fileName}: ${reply.error.message}`);
  const output = reply.output as { certificates: Array<{ certificate: { id: string } }>; keys: Array<{ key: { id: string } }> };
  return { certificateId: output.certificates[0]!.certificate.id, keyId: output.keys[0]?.key.id };
}

/** Station "pyas2lib" (cert_test.p12) and partner "mecas2" (cert_mecas2_public.pem), who may send unsigned and unencrypted. */
export async function addMendelsonStation(ctx: CourierContext): Promise<{ stationId: string; partnerId: string }> {
  const identity = await importCertificate(ctx, 'cert_test.p12', mendelsonFile('cert_test.p12'), 'test');
  const station = await ctx.as2Profiles.saveStation(stationInputSchema.parse({ as2Id: 'pyas2lib', signing: { keyId: identity.keyId, certificateId: identity.certificateId } }));
  const partner = await addPartner(ctx, 'mecas2', mendelsonFile('cert_mecas2_public.pem'), { security: { cipher: 'none', signDigest: 'none' } });
  return { stationId: station.id, partnerId: partner };
}

/** A partner of station pyas2lib whose certificate is `certificatePem`. */
export async function addPartner(ctx: CourierContext, as2Id: string, certificatePem: Buffer, input: Partial<As2PartnerInput> = {}): Promise<string> {
  const { certificateId } = await importCertificate(ctx, `${as2Id}.pem`, certificatePem);
  const partner = await ctx.as2Profiles.savePartner(
    partnerInputSchema.parse({ as2Id, url: 'http://127.0.0.1:9/as2', station: 'pyas2lib', encryptionCertificateId: certificateId, signatureCertificateId: certificateId, ...input }),
  );
  return partner.id;
}

/** openssl cms -verify of an MDN (HTTP Content-Type + body) against the signer's certificate; returns the signed content. */
export function opensslVerifyMdn(work: string, contentType: string, body: Buffer, signerCertFile: string): string {
  const file = join(work, `mdn-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.smime`);
  writeFileSync(file, Buffer.concat([Buffer.from(`Content-Type: ${contentType}\r\n\r\n`), body]));
  return execFileSync('openssl', ['cms', '-verify', '-inform', 'SMIME', '-in', file, '-CAfile', signerCertFile, '-purpose', 'any'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString('latin1');
}

/** Header fields may be folded (RFC 5322 §2.2.3). */
const unfold = (text: string): string => text.replace(/\r?\n[ \t]+/g, ' ');

/** Received-Content-MIC of a disposition notification, as written. */
export function receivedMic(report: string): string | undefined {
  return /^Received-Content-MIC:\s*([^\r\n]+)/im.exec(unfold(report))?.[1]?.trim();
}

/** Disposition of a disposition notification, as written. */
export function dispositionIn(report: string): string | undefined {
  return /^Disposition:\s*([^\r\n]+)/im.exec(unfold(report))?.[1]?.trim();
}

/** The first part of a multipart/signed entity, exactly as signed: between `--boundary CRLF` and `CRLF --boundary`. */
export function signedPart(entity: Buffer, boundary: string): Buffer {
  const open = Buffer.from(`--${boundary}\r\n`);
  const start = entity.indexOf(open) + open.length;
  return entity.subarray(start, entity.indexOf(`\r\n--${boundary}`, start));
}

export const boundaryOf = (contentType: string): string => /boundary\s*=\s*"?([^";]+)"?/i.exec(contentType)![1]!;

export const sha256Base64 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64');
