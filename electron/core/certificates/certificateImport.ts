// Bringing certificates in: a file of any supported format (certs.import), or the certificate a CA issued for
// one of our keys (certs.attach). Everything is read and checked before anything is written; a PKCS#12 key is
// encrypted into the vault first and its row committed in one transaction with the certificates and their
// audit entries, so a failure at any step leaves the catalog and the keys folder as they were.
import { MAX_LABEL_LENGTH, type KeyPurpose, type OutputOf } from '../../../shared/ipc';
import { CourierError } from '../errors';
import { KeyImport, type StagedKey } from '../keys/keyImport';
import { toSummary, type KeyCatalog } from '../keys/keyCatalog';
import type { KeyVault } from '../keys/keyVault';
import { spkiSha256 } from '../keys/publicKeyExports';
import type { AuditLog } from '../store/audit';
import type { CourierDatabase } from '../store/database';
import { toEntry, type CertificateCatalog, type CertificateSource } from './certificateCatalog';
import { certificateDetails, type CertificateDetails } from './certificateDetails';
import { readCertificateFile, type CertificateFileFormat } from './certificateFormats';
import { readPkcs12, type Pkcs12Key } from './pkcs12Import';

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  /** PKCS#12 only; never stored, logged or echoed. */
  password?: string | undefined;
  purpose: KeyPurpose;
  label?: string | undefined;
}

export interface AttachRequest {
  keyId: string;
  fileName: string;
  bytes: Uint8Array;
}

type ImportedCertificate = OutputOf<'certs.import'>['certificates'][number];

/** Labels from the file, cut to what a key label may hold (no control characters, MAX_LABEL_LENGTH). */
function keyLabel(candidates: Array<string | null | undefined>): string {
  for (const candidate of candidates) {
    const label = candidate?.replace(/\p{Cc}/gu, '').trim().slice(0, MAX_LABEL_LENGTH);
    if (label) return label;
  }
  return 'Imported key';
}

function commonName(details: CertificateDetails | undefined): string | undefined {
  return details && /(?:^|, )CN=([^,]+)/.exec(details.summary.subject)?.[1];
}

export class CertificateImport {
  private readonly keyImport: KeyImport;

  constructor(
    private readonly db: CourierDatabase,
    private readonly catalog: CertificateCatalog,
    private readonly keys: KeyCatalog,
    vault: KeyVault,
    private readonly audit: AuditLog,
  ) {
    this.keyImport = new KeyImport(keys, vault, audit);
  }

  async importFile(request: ImportRequest): Promise<OutputOf<'certs.import'>> {
    const file = readCertificateFile(request.bytes, request.fileName);
    if (file.format === 'pkcs12') return this.importIdentity(request);
    const details = this.readAll(file.certificates, request.fileName);
    const certificates = this.db.transaction(() => this.store(details, 'imported', request.fileName, file.format))();
    return { format: file.format, certificates, keys: [] };
  }

  async attach(request: AttachRequest): Promise<OutputOf<'certs.attach'>> {
    const key = toSummary(this.keys.get(request.keyId));
    const file = readCertificateFile(request.bytes, request.fileName);
    if (file.format === 'pkcs12') {
      throw new CourierError('BAD_INPUT', `${request.fileName} is a PKCS#12 file; attach takes the certificate the CA issued (PEM, DER or PKCS#7).`, 'Import a PKCS#12 identity with `courier certs import FILE`.');
    }
    const details = this.readAll(file.certificates, request.fileName);
    const own = details.find((d) => d.summary.spkiSha256 === key.spkiSha256);
    if (!own) {
      throw new CourierError(
        'BAD_INPUT',
        `${request.fileName} holds no certificate for key ${key.id} (SPKI SHA-256 ${key.spkiSha256}); its ${details.length === 1 ? 'certificate is' : `${details.length} certificates are`} for other keys.`,
        "Attach the certificate the CA issued from this key's CSR.",
      );
    }
    return this.db.transaction(() => {
      const [attached] = this.store([own], 'imported', request.fileName, file.format, (stored) => ({
        action: 'cert.attached',
        details: { keyId: key.id, subject: stored.summary.subject, issuer: stored.summary.issuer, sha256Fingerprint: stored.summary.sha256Fingerprint, notAfter: stored.summary.notAfter },
      }));
      const chain = this.store(details.filter((d) => d !== own), 'imported', request.fileName, file.format);
      return { certificate: attached!.certificate, alreadyPresent: attached!.alreadyPresent, chain };
    })();
  }

  private async importIdentity(request: ImportRequest): Promise<OutputOf<'certs.import'>> {
    const contents = await readPkcs12(request.bytes, request.password, request.fileName);
    const staged: StagedKey[] = [];
    let details: CertificateDetails[];
    try {
      details = this.readAll(contents.certificates, request.fileName);
      if (contents.keys.length === 0 && details.length === 0) {
        throw new CourierError('BAD_INPUT', `The PKCS#12 file ${request.fileName} holds neither a key nor a certificate.`, 'Export the identity again with its key and certificate.');
      }
      for (const key of contents.keys) staged.push(await this.keyImport.stage(this.keyRequest(key, details, request)));
    } catch (error) {
      await this.keyImport.discard(staged);
      throw error;
    } finally {
      for (const key of contents.keys) key.privateKeyInfo.fill(0);
    }
    try {
      return this.db.transaction(() => {
        const keys = staged.map((key) => this.keyImport.commit(key, { fileName: request.fileName, format: 'pkcs12' }));
        const certificates = this.store(details, 'imported', request.fileName, 'pkcs12');
        return { format: 'pkcs12' as const, certificates, keys };
      })();
    } catch (error) {
      await this.keyImport.discard(staged);
      throw error;
    }
  }

  private keyRequest(key: Pkcs12Key, details: CertificateDetails[], request: ImportRequest) {
    const hash = spkiSha256(key.spki);
    const certificate = details.find((d) => d.summary.spkiSha256 === hash);
    return { privateKeyInfo: key.privateKeyInfo, spki: key.spki, purpose: request.purpose, label: keyLabel([request.label, key.friendlyName, commonName(certificate), request.fileName]) };
  }

  /** Parses and checks every certificate of a file, each deduplicated, before anything is stored. */
  private readAll(ders: readonly Buffer[], fileName: string): CertificateDetails[] {
    const unique = new Map<string, CertificateDetails>();
    ders.forEach((der, index) => {
      const details = certificateDetails(der, ders.length === 1 ? `The certificate in ${fileName}` : `Certificate ${index + 1} in ${fileName}`);
      unique.set(details.summary.sha256Fingerprint, unique.get(details.summary.sha256Fingerprint) ?? details);
    });
    return [...unique.values()];
  }

  /** Inside a transaction: adds the new ones with their audit entries; those already held are reported as such. */
  private store(
    details: readonly CertificateDetails[],
    source: CertificateSource,
    fileName: string,
    format: CertificateFileFormat,
    auditFor: (d: CertificateDetails) => { action: string; details: Record<string, string> } = (d) => ({
      action: 'cert.imported',
      details: { subject: d.summary.subject, issuer: d.summary.issuer, sha256Fingerprint: d.summary.sha256Fingerprint, notAfter: d.summary.notAfter, fileName, format },
    }),
  ): ImportedCertificate[] {
    const now = new Date();
    return details.map((d) => {
      const { stored, added } = this.catalog.add(d, source);
      if (added) this.audit.append({ target: stored.id, ...auditFor(d) });
      return { certificate: toEntry(stored, now), alreadyPresent: !added };
    });
  }
}
