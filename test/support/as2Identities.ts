// AS2 station identities and partner certificates in a test home, brought in the way a user does: a PKCS#12
// file (node-forge) through the certificate import, or a partner's PEM certificate into the catalog.
import type { CourierContext } from '../../electron/core/home/openHome';
import { forgePkcs12 } from './certificateFiles';
import { issueCertificate, makeKey, type KeySpec, type TestCertificate } from './testPki';

export interface ImportedIdentity {
  keyId: string;
  certificateId: string;
  certificate: TestCertificate;
}

export async function importIdentity(ctx: CourierContext, commonName: string): Promise<ImportedIdentity> {
  const certificate = issueCertificate({ commonName, key: makeKey('rsa-2048') });
  const bytes = forgePkcs12({ keyPem: certificate.keyPem, certPems: [certificate.pem], password: 'p12 password', algorithm: 'aes256' });
  const result = await ctx.certificates.import({ fileName: `${commonName}.p12`, bytes, password: 'p12 password', purpose: 'as2-signing' });
  return { keyId: result.keys[0]!.key.id, certificateId: result.certificates[0]!.certificate.id, certificate };
}

export async function importPartnerCertificate(ctx: CourierContext, commonName: string, spec: KeySpec = 'rsa-2048'): Promise<{ id: string; certificate: TestCertificate }> {
  const certificate = issueCertificate({ commonName, key: makeKey(spec) });
  const result = await ctx.certificates.import({ fileName: `${commonName}.pem`, bytes: Buffer.from(certificate.pem), purpose: 'as2-encryption' });
  return { id: result.certificates[0]!.certificate.id, certificate };
}
