// Certificates: partners' and CAs' certificates, and those of our own keys (imported with them from PKCS#12,
// self-signed, or issued by a CA from our CSR). A PKCS#12 password travels renderer → main only; nothing that
// comes back carries key material, only certificates, public facts and the id of the key a certificate certifies.
import { z } from 'zod';
import { defineProcedure } from '../contract';
import { keyIdSchema, keyPurposes, keySummarySchema, labelSchema } from './keys';

/** A certificate file (PEM, DER, PKCS#7, PKCS#12) is refused above this size, before any parsing. */
export const MAX_CERTIFICATE_FILE_BYTES = 1 << 20;

/** The expiry badges: within 30, 14 or 7 days, already expired, or none of these. */
export const expiryFlags = ['ok', '30', '14', '7', 'expired'] as const;
export type ExpiryFlag = (typeof expiryFlags)[number];

export const keyUsageNames = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof keyUsageNames)[number];

/** Extended key usages Courier can write into a certificate or CSR (any other is shown by its OID). */
export const extendedKeyUsageNames = ['serverAuth', 'clientAuth', 'codeSigning', 'emailProtection', 'timeStamping', 'OCSPSigning'] as const;
export type ExtendedKeyUsageName = (typeof extendedKeyUsageNames)[number];

const certificateIdSchema = z.string().regex(/^cert-[0-9a-f]{16}$/, 'A certificate id looks like cert-0123456789abcdef.');

/** base64 of at most MAX_CERTIFICATE_FILE_BYTES, checked by length before the string is decoded. */
const fileContentSchema = z
  .string()
  .min(1, 'The file is empty.')
  .max(Math.ceil(MAX_CERTIFICATE_FILE_BYTES / 3) * 4, `A certificate file has at most ${MAX_CERTIFICATE_FILE_BYTES} bytes (1 MiB).`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64 without line breaks.');

const fileNameSchema = z
  .string()
  .min(1, 'A file name is needed.')
  .max(255)
  .regex(/^[^\p{Cc}]*$/u, 'A file name cannot hold control characters.');

/** RFC 4514 ("CN=Courier, O=Example, C=DE") or OpenSSL ("/C=DE/O=Example/CN=Courier") form. */
const subjectSchema = z
  .string()
  .trim()
  .min(3, 'A subject is needed, e.g. "CN=as2.example.com, O=Example".')
  .max(1024)
  .regex(/^[^\p{Cc}]*$/u, 'A subject cannot hold control characters.');

/** DNS:name, IP:address, email:address or URI:uri. */
const subjectAltNameSchema = z.string().min(3).max(512);

export const certificateSchema = z.object({
  id: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** Whole days until notAfter (negative once expired). */
  daysUntilExpiry: z.number().int(),
  expiry: z.enum(expiryFlags),
  /** 'rsa', 'ec', 'ed25519', … or the key algorithm's OID. */
  keyType: z.string(),
  keyBits: z.number().int().nullable(),
  curve: z.string().nullable(),
  signatureAlgorithm: z.string(),
  sans: z.array(z.string()),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.string()),
  sha1Fingerprint: z.string(),
  sha256Fingerprint: z.string(),
  /** SHA-256 of the SubjectPublicKeyInfo, lower-case hex, as keys.* show it. */
  spkiSha256: z.string(),
  isCa: z.boolean(),
  selfSigned: z.boolean(),
  /** The Courier key pair this certificate certifies (same SPKI), if Courier holds it. */
  keyId: z.string().nullable(),
  source: z.enum(['imported', 'self-signed']),
  addedAt: z.string(),
});
export type CertificateEntry = z.infer<typeof certificateSchema>;

export const chainStatuses = ['complete', 'system-root', 'incomplete'] as const;

export const chainLinkSchema = z.object({
  /** The catalog's id, or null for a root from the system's trust store. */
  id: z.string().nullable(),
  subject: z.string(),
  sha256Fingerprint: z.string(),
  notAfter: z.string(),
  selfSigned: z.boolean(),
});

export const certificateDetailSchema = certificateSchema.extend({
  pem: z.string(),
  /** This certificate first, then each issuer whose signature verifies, as far as Courier can find them. */
  chain: z.array(chainLinkSchema),
  /** complete: ends in a self-signed certificate Courier holds; system-root: in one of the system's roots. */
  chainStatus: z.enum(chainStatuses),
  /** The issuer Courier could not find when the chain is incomplete. */
  missingIssuer: z.string().nullable(),
});
export type CertificateDetail = z.infer<typeof certificateDetailSchema>;

const importedCertificateSchema = z.object({ certificate: certificateSchema, alreadyPresent: z.boolean() });

export const certsImport = defineProcedure({
  name: 'certs.import',
  kind: 'mutation',
  summary: 'Import certificates from PEM, DER or PKCS#7, or an identity (key and certificates) from PKCS#12; duplicates are reported, not added.',
  input: z
    .object({
      fileName: fileNameSchema,
      contentBase64: fileContentSchema,
      /** PKCS#12 only; used to open the file and then forgotten. */
      password: z.string().max(1024, 'A password has at most 1024 characters.').optional(),
      /** PKCS#12 only: what the imported key is for. */
      purpose: z.enum(keyPurposes, { error: `The purpose is one of ${keyPurposes.join(', ')}.` }).default('as2-signing'),
      /** PKCS#12 only: the key's label (default: the file's friendly name or the certificate's CN). */
      label: labelSchema.optional(),
    })
    .strict(),
  output: z.object({
    format: z.enum(['pem', 'der', 'pkcs7', 'pkcs12']),
    certificates: z.array(importedCertificateSchema),
    keys: z.array(z.object({ key: keySummarySchema, alreadyPresent: z.boolean() })),
  }),
});

export const certsList = defineProcedure({
  name: 'certs.list',
  kind: 'query',
  summary: 'Every certificate, soonest expiry first; optionally only those expiring within N days (expired ones included) or those of one key.',
  input: z
    .object({
      expiringWithinDays: z.number().int().min(0).max(36_500).optional(),
      keyId: keyIdSchema.optional(),
    })
    .strict(),
  output: z.object({ certificates: z.array(certificateSchema) }),
});

export const certsGet = defineProcedure({
  name: 'certs.get',
  kind: 'query',
  summary: 'One certificate with its PEM and the chain it builds to.',
  input: z.object({ id: certificateIdSchema }).strict(),
  output: certificateDetailSchema,
});

const ownCertificateFields = {
  keyId: keyIdSchema,
  subject: subjectSchema,
  sans: z.array(subjectAltNameSchema).max(100, 'At most 100 subject alternative names.').default([]),
  /** Default: what the key's purpose needs (signing, encryption or TLS client authentication). */
  keyUsage: z.array(z.enum(keyUsageNames)).min(1).max(keyUsageNames.length).optional(),
  extendedKeyUsage: z.array(z.enum(extendedKeyUsageNames)).max(extendedKeyUsageNames.length).optional(),
};

export const certsSelfSign = defineProcedure({
  name: 'certs.selfSign',
  kind: 'mutation',
  summary: 'Make a self-signed certificate for one of our keys and attach it (audited).',
  input: z.object({ ...ownCertificateFields, days: z.number().int().min(1).max(3650, 'At most 3650 days (10 years).').default(365) }).strict(),
  output: certificateSchema,
});

export const certsCreateCsr = defineProcedure({
  name: 'certs.createCsr',
  kind: 'mutation',
  summary: 'Make a PKCS#10 certificate signing request for one of our keys (audited); the CA signs it, `certs.attach` takes the result back.',
  input: z.object(ownCertificateFields).strict(),
  output: z.object({ keyId: z.string(), subject: z.string(), sans: z.array(z.string()), pem: z.string() }),
});

export const certsAttach = defineProcedure({
  name: 'certs.attach',
  kind: 'mutation',
  summary: "Attach a CA-issued certificate to its key: the file must hold a certificate for that key's public key; its chain is imported too.",
  input: z.object({ keyId: keyIdSchema, fileName: fileNameSchema, contentBase64: fileContentSchema }).strict(),
  output: z.object({ certificate: certificateSchema, alreadyPresent: z.boolean(), chain: z.array(importedCertificateSchema) }),
});

export const certsDelete = defineProcedure({
  name: 'certs.delete',
  kind: 'mutation',
  summary: 'Remove a certificate (audited); the key it certifies, if any, stays.',
  input: z.object({ id: certificateIdSchema, confirm: z.literal(true, { error: 'Deleting a certificate needs an explicit confirmation (confirm: true).' }) }).strict(),
  output: z.object({ id: z.string(), deleted: z.literal(true) }),
});
