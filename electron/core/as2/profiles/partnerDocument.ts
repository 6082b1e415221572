// A partner as a portable JSON document (`courier.as2-partner/1`): the profile without anything bound to this
// home (ids, station), and its certificates as PEM. Importing reads each PEM before anything is stored, then adds
// it to the catalog (a certificate already held is reused) so the profile can name it by id.
import { X509Certificate } from 'node:crypto';
import type { As2Partner, As2PartnerExport } from '../../../../shared/ipc';
import { readCertificateFile } from '../../certificates/certificateFormats';
import type { CertificateService } from '../../certificates/certificateService';
import { CourierError } from '../../errors';
import { catalogCertificate } from './stationKeyPairs';

export const PARTNER_DOCUMENT_FORMAT = 'courier.as2-partner/1';

type Role = 'encryption' | 'signature';

function certificatePem(certificates: CertificateService, partner: As2Partner, id: string | null, role: Role): string | null {
  return id === null ? null : catalogCertificate(certificates, id, `${role} (of partner ${partner.name})`).details.facts.x509.toString();
}

export function partnerDocument(partner: As2Partner, certificates: CertificateService): As2PartnerExport {
  return {
    format: PARTNER_DOCUMENT_FORMAT,
    partner: {
      as2Id: partner.as2Id,
      name: partner.name,
      url: partner.url,
      environment: partner.environment,
      security: partner.security,
      mdn: partner.mdn,
      interop: partner.interop,
      headers: partner.headers,
      sendTimeoutSeconds: partner.sendTimeoutSeconds,
      pauseIncoming: partner.pauseIncoming,
      pauseOutgoing: partner.pauseOutgoing,
    },
    encryptionCertificatePem: certificatePem(certificates, partner, partner.encryptionCertificateId, 'encryption'),
    signatureCertificatePem: certificatePem(certificates, partner, partner.signatureCertificateId, 'signature'),
  };
}

/** Checks that a document's PEM is exactly one certificate; nothing is stored. */
export function checkCertificatePem(pem: string | null, role: Role): void {
  if (pem === null) return;
  const file = readCertificateFile(Buffer.from(pem, 'utf8'), `the ${role} certificate of the document`);
  const count = file.format === 'pkcs12' ? 0 : file.certificates.length;
  if (file.format !== 'pem' || count !== 1) {
    throw new CourierError('BAD_INPUT', `The ${role} certificate of the partner document is not one PEM certificate (${file.format}, ${count} certificates).`, 'Export the partner again with `courier partners export`.');
  }
  if (new X509Certificate(file.certificates[0]!).publicKey.asymmetricKeyType !== 'rsa') {
    throw new CourierError('BAD_INPUT', `The ${role} certificate of the partner document holds no RSA key; AS2 encrypts to and verifies RSA keys only.`, "Ask the partner for their RSA certificate.");
  }
}

/** Adds a document's certificate to the catalog (or finds it there) and returns its catalog id. */
export async function importCertificatePem(certificates: CertificateService, pem: string | null, role: Role, as2Id: string): Promise<string | null> {
  if (pem === null) return null;
  const fileName = `${as2Id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64)}-${role}.pem`;
  const result = await certificates.import({ fileName, bytes: Buffer.from(pem, 'utf8'), purpose: 'as2-encryption' });
  return result.certificates[0]!.certificate.id;
}
