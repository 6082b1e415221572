// TLS as a user sees it: what a server presents, which link of its chain fails and why, and the extra CAs
// and key pins a profile adds to its trust. Trust is only ever extended this way; verification is never off.
import { z } from 'zod';
import { defineProcedure } from '../contract';

/** A profile's trust scope, e.g. `fiscal:default`; later profiles reference it by this name. */
export const trustScopeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]{0,99}$/i, 'a scope is 1–100 letters, digits and . _ : - (e.g. fiscal:default)');

/** A DNS name or an IP literal (IPv6 without brackets). */
const hostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?|[0-9A-Fa-f:.]+)$/, 'not a host name or IP address');

/** The name sent as SNI and checked against the certificate; never an IP address. */
const serverNameSchema = z
  .string()
  .max(253)
  .regex(/^(?=.*[A-Za-z_-])[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*$/, 'not a DNS name');

/** SPKI SHA-256 as 64 hex digits (colons allowed) or as base64 (RFC 7469 pin-sha256, curl's sha256//…). */
export const spkiPinSchema = z
  .string()
  .regex(/^(?:[A-Za-z0-9+/]{43}=|(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2})$/, 'an SPKI SHA-256 is 44 base64 characters or 64 hex digits');

/** PEM text of one or more certificates; 1 MiB is far above any real bundle. */
const certificatesPemSchema = z.string().min(1).max(1 << 20);

export const tlsTargetSchema = z
  .object({
    host: hostSchema,
    port: z.number().int().min(1).max(65535),
    servername: serverNameSchema.optional(),
    /** The profile whose extra CAs and pins apply. */
    scope: trustScopeSchema.optional(),
    /** CAs to try for this inspection only (not stored). */
    extraCaPem: certificatesPemSchema.optional(),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  })
  .strict();
export type TlsTarget = z.output<typeof tlsTargetSchema>;

export const certificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** 'rsa', 'ec', 'ed25519', … or the key algorithm's OID when Node cannot read it. */
  keyType: z.string(),
  keyBits: z.number().int().nullable(),
  curve: z.string().nullable(),
  signatureAlgorithm: z.string(),
  sans: z.array(z.string()),
  sha256Fingerprint: z.string(),
  /** SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex, as keys.* show it: what a pin matches. */
  spkiSha256: z.string(),
  pem: z.string(),
  isCa: z.boolean(),
  selfSigned: z.boolean(),
  /** One of the CAs this connection trusts (system roots, the profile's CAs, --ca). */
  trustAnchor: z.boolean(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

export const tlsProblemCodes = [
  'expired',
  'not-yet-valid',
  'self-signed',
  'unknown-issuer',
  'not-a-ca',
  'hostname-mismatch',
  'weak-key',
  'weak-signature',
  'pin-mismatch',
  'verification-failed',
  'protocol-too-old',
  'handshake-failed',
] as const;
export type TlsProblemCode = (typeof tlsProblemCodes)[number];

export const tlsProblemSchema = z.object({
  /** The chain link concerned (0 = the server's own certificate), or null for the connection as a whole. */
  index: z.number().int().nullable(),
  code: z.enum(tlsProblemCodes),
  message: z.string(),
  /** What to do about it. */
  hint: z.string(),
});
export type TlsProblem = z.infer<typeof tlsProblemSchema>;

export const tlsInspectionSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  servername: z.string().nullable(),
  scope: z.string().nullable(),
  /** True only when the handshake with Courier's own TLS options succeeded and nothing is wrong. */
  valid: z.boolean(),
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  /** The verdict code of the TLS stack (e.g. CERT_HAS_EXPIRED), null when it accepted the chain. */
  verdict: z.string().nullable(),
  /** Leaf first. */
  chain: z.array(certificateSummarySchema),
  problems: z.array(tlsProblemSchema),
  inspectedAt: z.string(),
});
export type TlsInspection = z.infer<typeof tlsInspectionSchema>;

export const trustEntrySchema = z.object({
  id: z.number().int(),
  scope: z.string(),
  kind: z.enum(['ca', 'pin']),
  /** For a CA its subject; for a pin the label given when pinning (often the certificate's subject). */
  label: z.string().nullable(),
  spkiSha256: z.string(),
  /** CA only. */
  sha256Fingerprint: z.string().nullable(),
  notAfter: z.string().nullable(),
  pem: z.string().nullable(),
  createdAt: z.string(),
});
export type TrustEntry = z.infer<typeof trustEntrySchema>;

export const tlsInspect = defineProcedure({
  name: 'tls.inspect',
  kind: 'query',
  summary: 'Connect with TLS 1.2+, show the presented chain, protocol and cipher, and why validation fails.',
  input: tlsTargetSchema,
  output: tlsInspectionSchema,
});

export const tlsExportChainPem = defineProcedure({
  name: 'tls.exportChainPem',
  kind: 'query',
  summary: 'The chain a server presents, as PEM (leaf first).',
  input: tlsTargetSchema,
  output: z.object({ pem: z.string(), certificates: z.number().int() }),
});

export const tlsTrustCa = defineProcedure({
  name: 'tls.trustCa',
  kind: 'mutation',
  summary: 'Trust the CA certificate(s) in a PEM text for one profile.',
  input: z.object({ scope: trustScopeSchema, pem: certificatesPemSchema }).strict(),
  output: z.object({ entries: z.array(trustEntrySchema) }),
});

export const tlsPin = defineProcedure({
  name: 'tls.pin',
  kind: 'mutation',
  summary: "Require a server's key (SPKI SHA-256) for one profile.",
  input: z.object({ scope: trustScopeSchema, spkiSha256: spkiPinSchema, label: z.string().max(500).optional() }).strict(),
  output: trustEntrySchema,
});

export const tlsListTrust = defineProcedure({
  name: 'tls.listTrust',
  kind: 'query',
  summary: 'The extra CAs and pins of one profile, or of all.',
  input: z.object({ scope: trustScopeSchema.optional() }).strict(),
  output: z.object({ entries: z.array(trustEntrySchema) }),
});

export const tlsRemoveTrust = defineProcedure({
  name: 'tls.removeTrust',
  kind: 'mutation',
  summary: 'Remove one extra CA or pin from a profile.',
  input: z.object({ scope: trustScopeSchema, id: z.number().int().positive() }).strict(),
  output: trustEntrySchema,
});
