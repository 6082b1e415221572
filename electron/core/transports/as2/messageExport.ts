// An auditor asks "what exactly did we send, and what did they answer?": this packs one message as a zip with
// the wire bytes and headers as they crossed the network, the payload, the MDN, the certificates involved (public
// PEM only) and a summary.json. Layout:
//   summary.json                 the message view (status, security, MDN verdict, attempts), without previews
//   message/headers.txt          HTTP/AS2 headers as sent or received
//   message/body.bin             the HTTP body as it went over the wire
//   payload/<file name>          the payload (document or batch zip)
//   mdn/headers.txt, mdn/body.bin   the MDN as it came over the wire (when there is one)
//   certificates/*.pem           partner encryption / signature certificates and our station's signing certificate
import type { X509Certificate } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { HeaderList } from '../../as2/as2Headers';
import type { CourierContext } from '../../home/openHome';

async function blobBytes(ctx: CourierContext, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.blobs.open(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const headerText = (headers: HeaderList): Uint8Array => strToU8(headers.map(([name, value]) => `${name}: ${value}\r\n`).join(''));

/** A name safe as one zip entry (no folders, no control characters). */
const entryName = (name: string): string => name.replace(/[\p{Cc}/\\]/gu, '_').replace(/^\.+$/, '_') || 'payload.bin';

/** Certificates the message involved, by role; a profile that changed since shows today's certificates. */
function certificatesOf(ctx: CourierContext, partnerId: string | null, stationId: string | null): Record<string, X509Certificate> {
  const found: Record<string, X509Certificate> = {};
  if (partnerId) {
    try {
      const certificates = ctx.as2Profiles.partnerCertificates(ctx.as2Profiles.getPartner(partnerId));
      if (certificates.encryption) found['partner-encryption'] = certificates.encryption;
      if (certificates.signature) found['partner-signature'] = certificates.signature;
    } catch {
      // a deleted partner: the archive keeps its messages, the export has no partner certificates
    }
  }
  if (stationId) {
    try {
      const station = ctx.as2Profiles.getStation(stationId);
      found['our-signing'] = ctx.certificates.catalog.get(station.signing.certificateId).details.facts.x509;
    } catch {
      // a deleted station or certificate: nothing to add
    }
  }
  return found;
}

export async function exportMessage(ctx: CourierContext, id: number): Promise<{ fileName: string; bytes: Uint8Array }> {
  const detail = await ctx.messageQueries.detail(id);
  const facts = ctx.messages.facts(id);
  const mdn = ctx.messages.mdnOf(id);
  const files: Zippable = {
    'summary.json': strToU8(
      JSON.stringify(
        {
          ...detail,
          payload: detail.payload ? { sha256: detail.payload.sha256, size: detail.payload.size } : null,
          mdn: detail.mdn ? { ...detail.mdn, raw: undefined } : null,
          wire: facts.wire,
          exportedAt: new Date().toISOString(),
        },
        null,
        2,
      ),
    ),
    'message/headers.txt': headerText(facts.headers),
    'message/body.bin': await blobBytes(ctx, facts.wire.sha256),
  };
  if (facts.payload) files[`payload/${entryName(facts.fileName ?? `message-${id}.bin`)}`] = await blobBytes(ctx, facts.payload.sha256);
  if (mdn?.wire) {
    files['mdn/headers.txt'] = headerText(mdn.headers ?? []);
    files['mdn/body.bin'] = await blobBytes(ctx, mdn.wire.sha256);
  }
  for (const [role, certificate] of Object.entries(certificatesOf(ctx, facts.partnerId, facts.stationId))) {
    files[`certificates/${role}.pem`] = strToU8(certificate.toString());
  }
  return { fileName: `courier-message-${id}.zip`, bytes: zipSync(files, { level: 6 }) };
}
