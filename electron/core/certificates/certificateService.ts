// What a user does with certificates (issue 4): import partner and CA certificates and PKCS#12 identities, list
// them with their expiry, look at one and the chain it builds to, make a self-signed certificate or a CSR for
// one of our keys and attach the CA's answer, delete. Every change is audited; no audit entry, result or error
// carries a password or key material.
import type { OutputOf, ParsedInputOf } from '../../../shared/ipc';
import { KeyCatalog } from '../keys/keyCatalog';
import { KeyVault } from '../keys/keyVault';
import type { MasterKey } from '../secrets/masterKey';
import type { AuditLog } from '../store/audit';
import type { CourierDatabase } from '../store/database';
import { buildChain, type ChainCandidate } from './chainBuilder';
import { CertificateCatalog, toEntry, type StoredCertificate } from './certificateCatalog';
import { certificateDetails } from './certificateDetails';
import { usageFor } from './certificateProfile';
import { CertificateImport, type AttachRequest, type ImportRequest } from './certificateImport';
import { createCsr, csrPem } from './csr';
import { parseDistinguishedName } from './distinguishedName';
import { createSelfSigned } from './selfSigned';
import { parseSubjectAltNames } from './subjectAltNames';

export interface CertificateServiceDeps {
  db: CourierDatabase;
  audit: AuditLog;
  /** The home's keys folder and master key: certificates of our own keys are signed with them. */
  keysDir: string;
  masterKey: MasterKey;
  /** The clock expiry is computed against; tests move it. */
  now?: () => Date;
}

function candidate(stored: StoredCertificate): ChainCandidate {
  return { id: stored.id, facts: stored.details.facts, selfSigned: stored.details.summary.selfSigned };
}

export class CertificateService {
  readonly catalog: CertificateCatalog;
  private readonly imports: CertificateImport;
  private readonly db: CourierDatabase;
  private readonly audit: AuditLog;
  private readonly keyCatalog: KeyCatalog;
  private readonly keyVault: KeyVault;
  private readonly now: () => Date;

  constructor(deps: CertificateServiceDeps) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.keyCatalog = new KeyCatalog(deps.db);
    this.keyVault = new KeyVault(deps.keysDir, deps.masterKey);
    this.now = deps.now ?? (() => new Date());
    this.catalog = new CertificateCatalog(deps.db);
    this.imports = new CertificateImport(deps.db, this.catalog, this.keyCatalog, this.keyVault, deps.audit);
  }

  import(request: ImportRequest): Promise<OutputOf<'certs.import'>> {
    return this.imports.importFile(request);
  }

  attach(request: AttachRequest): Promise<OutputOf<'certs.attach'>> {
    return this.imports.attach(request);
  }

  list(query: ParsedInputOf<'certs.list'>): OutputOf<'certs.list'> {
    const now = this.now();
    return { certificates: this.catalog.list({ ...query, now }).map((stored) => toEntry(stored, now)) };
  }

  get(id: string): OutputOf<'certs.get'> {
    const stored = this.catalog.get(id);
    const chain = buildChain(candidate(stored), (subject) => this.catalog.withSubject(subject).map(candidate));
    return { ...toEntry(stored, this.now()), pem: stored.details.facts.x509.toString(), ...chain };
  }

  async selfSign(request: ParsedInputOf<'certs.selfSign'>): Promise<OutputOf<'certs.selfSign'>> {
    const key = this.keyCatalog.get(request.keyId);
    const subject = parseDistinguishedName(request.subject);
    const sans = parseSubjectAltNames(request.sans);
    const usage = usageFor(key.purpose, key.algorithm, request);
    const privateKey = await this.keyVault.open(key.id);
    const der = createSelfSigned({ subject, sans, usage, days: request.days, algorithm: key.algorithm, spki: key.spki, privateKey, now: this.now() });
    const details = certificateDetails(der, 'The new certificate');
    return this.db.transaction(() => {
      const { stored } = this.catalog.add(details, 'self-signed');
      this.audit.append({
        action: 'cert.self-signed',
        target: stored.id,
        details: { keyId: key.id, subject: details.summary.subject, sha256Fingerprint: details.summary.sha256Fingerprint, notAfter: details.summary.notAfter },
      });
      return toEntry(stored, this.now());
    })();
  }

  async createCsr(request: ParsedInputOf<'certs.createCsr'>): Promise<OutputOf<'certs.createCsr'>> {
    const key = this.keyCatalog.get(request.keyId);
    const subject = parseDistinguishedName(request.subject);
    const sans = parseSubjectAltNames(request.sans);
    const usage = usageFor(key.purpose, key.algorithm, request);
    const privateKey = await this.keyVault.open(key.id);
    const pem = csrPem(createCsr({ subject, sans, usage, algorithm: key.algorithm, spki: key.spki, privateKey }));
    this.audit.append({ action: 'cert.csr-created', target: key.id, details: { subject: request.subject, sans: request.sans.join(', '), keyUsage: usage.keyUsage.join(', ') } });
    return { keyId: key.id, subject: request.subject, sans: request.sans, pem };
  }

  delete(id: string): OutputOf<'certs.delete'> {
    return this.db.transaction(() => {
      const stored = this.catalog.get(id);
      this.catalog.remove(stored.id);
      const { summary } = stored.details;
      this.audit.append({
        action: 'cert.deleted',
        target: stored.id,
        details: { subject: summary.subject, issuer: summary.issuer, sha256Fingerprint: summary.sha256Fingerprint, keyId: stored.keyId },
      });
      return { id: stored.id, deleted: true as const };
    })();
  }
}
