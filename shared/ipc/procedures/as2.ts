// AS2 (RFC 4130) as an EDI coordinator configures it: our stations (AS2 ID, signing and decryption keys) and the
// partners we exchange with (URL, certificates, security, MDN and the interop switches real partners need).
// Keys are referenced by keystore id and certificates by catalog id: nothing secret is in these shapes.
import { z } from 'zod';
import { defineProcedure } from '../contract';

export const as2Environments = ['test', 'production'] as const;
export const as2Ciphers = [
  'aes-128-cbc',
  'aes-192-cbc',
  'aes-256-cbc',
  'aes-128-gcm',
  'aes-192-gcm',
  'aes-256-gcm',
  'aes-128-ccm',
  'aes-192-ccm',
  'aes-256-ccm',
  'des-ede3-cbc',
  'rc2-40-cbc',
  'rc2-64-cbc',
  'rc2-128-cbc',
  'cast5-cbc',
  'idea-cbc',
] as const;
export type As2Cipher = (typeof as2Ciphers)[number];
export const as2Digests = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type As2Digest = (typeof as2Digests)[number];
export const as2KeyTransports = ['rsa-pkcs1v15', 'rsa-oaep'] as const;
export const as2Compressions = ['none', 'before-signing', 'after-signing'] as const;
export const as2MdnModes = ['none', 'sync', 'async'] as const;

/** RFC 4130 §6.2: 1–128 printable ASCII characters; quoted on the wire when it holds spaces. */
export const as2IdSchema = z
  .string()
  .min(1, 'An AS2 ID is needed.')
  .max(128, 'An AS2 ID has at most 128 characters (RFC 4130 §6.2).')
  .regex(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/, 'An AS2 ID is printable ASCII without leading or trailing spaces.');

const nameSchema = z.string().trim().min(1, 'A name is needed.').max(100);
/** An id or an AS2 ID: commands and pages refer to profiles by either. */
export const as2RefSchema = z.string().min(1).max(128);

const httpUrlSchema = z
  .string()
  .max(2048)
  .url('The URL is an http:// or https:// address, e.g. https://as2.partner.example/as2.')
  .refine((value) => /^https?:\/\//i.test(value), 'AS2 URLs are http:// or https://.');

const headerNameSchema = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/, 'A header name is a token (letters, digits, - …).');
/** Headers that Courier writes itself and a profile cannot override. */
export const RESERVED_AS2_HEADERS = [
  'as2-version',
  'as2-from',
  'as2-to',
  'message-id',
  'content-type',
  'content-length',
  'content-transfer-encoding',
  'transfer-encoding',
  'disposition-notification-to',
  'disposition-notification-options',
  'receipt-delivery-option',
  'host',
  'connection',
] as const;
export const customHeaderSchema = z
  .object({
    name: headerNameSchema.refine((name) => !(RESERVED_AS2_HEADERS as readonly string[]).includes(name.toLowerCase()), 'Courier sets this header itself.'),
    value: z.string().max(1000).regex(/^[\x20-\x7e\t]*$/, 'A header value is printable ASCII.'),
  })
  .strict();

// ── stations ────────────────────────────────────────────────────────────────────────────────────────────────

/** A key pair in the keystore with the certificate that certifies it. */
export const keyWithCertificateSchema = z.object({ keyId: z.string().min(1).max(100), certificateId: z.string().min(1).max(100) }).strict();

export const stationSchema = z.object({
  id: z.string(),
  as2Id: z.string(),
  name: z.string(),
  environment: z.enum(as2Environments),
  signing: keyWithCertificateSchema,
  /** Tried in order when a message arrives: more than one during a key rotation. */
  decryption: z.array(keyWithCertificateSchema),
  /** Where partners reach this station (shown to them; the async MDN receipt URL). */
  publicUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type As2Station = z.infer<typeof stationSchema>;

export const stationInputSchema = z
  .object({
    /** Present to update an existing station. */
    id: z.string().max(100).optional(),
    as2Id: as2IdSchema,
    name: nameSchema.optional(),
    environment: z.enum(as2Environments).default('test'),
    signing: keyWithCertificateSchema,
    /** Default: the signing pair. */
    decryption: z.array(keyWithCertificateSchema).min(1).max(8).optional(),
    publicUrl: httpUrlSchema.nullable().optional(),
  })
  .strict();

// ── partners ────────────────────────────────────────────────────────────────────────────────────────────────

export const partnerSecuritySchema = z
  .object({
    /** 'none' sends unencrypted (Pagero: encryption highly recommended). */
    cipher: z.enum([...as2Ciphers, 'none']).default('aes-256-cbc'),
    keyTransport: z.enum(as2KeyTransports).default('rsa-pkcs1v15'),
    /** 'none' sends unsigned. */
    signDigest: z.enum([...as2Digests, 'none']).default('sha256'),
    compression: z.enum(as2Compressions).default('none'),
  })
  .strict();

export const partnerMdnSchema = z
  .object({
    mode: z.enum(as2MdnModes).default('sync'),
    signed: z.boolean().default(true),
    /** The MIC algorithm asked for in Disposition-Notification-Options. */
    micAlgorithm: z.enum(as2Digests).default('sha256'),
    /** Async only: where the partner posts the MDN (default: our station's public URL). */
    asyncUrl: httpUrlSchema.nullable().default(null),
  })
  .strict();

/** What real partners need, each with the reason the UI shows beside it (`interopSwitchReasons`). */
export const partnerInteropSchema = z
  .object({
    transferEncoding: z.enum(['binary', 'base64']).default('binary'),
    micalgSpelling: z.enum(['rfc5751', 'rfc3851']).default('rfc5751'),
    noHeaderFolding: z.boolean().default(true),
    noChunkedEncoding: z.boolean().default(true),
    omitAlgorithmProtection: z.boolean().default(false),
    textPayloads: z.enum(['binary', 'canonicalize']).default('binary'),
    cast5Parameters: z.enum(['rfc2984', 'iv-only']).default('rfc2984'),
  })
  .strict();
export type PartnerInterop = z.infer<typeof partnerInteropSchema>;

export const interopSwitchReasons: Record<keyof PartnerInterop, string> = {
  transferEncoding: 'Some receivers (older Sterling, some Java stacks) only read base64 parts; binary is RFC 4130 §5.2.1 and smaller.',
  micalgSpelling: 'RFC 3851 spells digests sha1/sha256, RFC 5751 sha-1/sha-256; older stations reject the spelling they do not know.',
  noHeaderFolding: 'Many HTTP stacks reject folded (multi-line) headers, which RFC 7230 deprecated; long values stay on one line.',
  noChunkedEncoding: 'Some AS2 servers need Content-Length and refuse chunked transfer encoding; the message is sealed first, then sent.',
  omitAlgorithmProtection: 'Older Bouncy Castle and OpenSSL 1.0 verifiers fail on the CMSAlgorithmProtection attribute (RFC 6211).',
  textPayloads: 'Canonicalise text payloads to CRLF before the MIC when the partner does; binary keeps the bytes exactly as sent.',
  cast5Parameters: 'Bouncy Castle reads CAST5 parameters as RFC 2984 (IV and key length); OpenSSL reads only a bare IV.',
};

const certificateRefSchema = z.string().min(1).max(100).nullable();

export const partnerSchema = z.object({
  id: z.string(),
  as2Id: z.string(),
  name: z.string(),
  stationId: z.string(),
  url: z.string(),
  environment: z.enum(as2Environments),
  /** Catalog ids; null until a certificate is set. They may differ (RFC 4130 allows separate certificates). */
  encryptionCertificateId: z.string().nullable(),
  signatureCertificateId: z.string().nullable(),
  /** `as2:<as2Id>`: the TLS trust scope (extra CAs, pins) for this partner's https URL. */
  tlsScope: z.string(),
  security: partnerSecuritySchema,
  mdn: partnerMdnSchema,
  interop: partnerInteropSchema,
  headers: z.array(customHeaderSchema),
  sendTimeoutSeconds: z.number().int(),
  pauseIncoming: z.boolean(),
  pauseOutgoing: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type As2Partner = z.infer<typeof partnerSchema>;

export const partnerInputSchema = z
  .object({
    id: z.string().max(100).optional(),
    as2Id: as2IdSchema,
    name: nameSchema.optional(),
    /** Id or AS2 ID of our station; default: the only station. */
    station: as2RefSchema.optional(),
    url: httpUrlSchema,
    environment: z.enum(as2Environments).default('test'),
    encryptionCertificateId: certificateRefSchema.default(null),
    signatureCertificateId: certificateRefSchema.default(null),
    security: partnerSecuritySchema.default(partnerSecuritySchema.parse({})),
    mdn: partnerMdnSchema.default(partnerMdnSchema.parse({})),
    interop: partnerInteropSchema.default(partnerInteropSchema.parse({})),
    headers: z.array(customHeaderSchema).max(32).default([]),
    sendTimeoutSeconds: z.number().int().min(5).max(3600).default(120),
    pauseIncoming: z.boolean().default(false),
    pauseOutgoing: z.boolean().default(false),
  })
  .strict();
export type As2PartnerInput = z.input<typeof partnerInputSchema>;

/** A partner as a portable JSON document: the profile plus its certificates as PEM (public material only). */
export const partnerExportSchema = z
  .object({
    format: z.literal('courier.as2-partner/1'),
    partner: partnerInputSchema.omit({ id: true, station: true, encryptionCertificateId: true, signatureCertificateId: true }),
    encryptionCertificatePem: z.string().max(65_536).nullable(),
    signatureCertificatePem: z.string().max(65_536).nullable(),
  })
  .strict();
export type As2PartnerExport = z.infer<typeof partnerExportSchema>;

const confirmation = (what: string) => z.literal(true, { error: `${what} needs an explicit confirmation (confirm: true).` });

export const as2StationsList = defineProcedure({
  name: 'as2.stations.list',
  kind: 'query',
  summary: 'Our AS2 stations.',
  input: z.object({}).strict(),
  output: z.array(stationSchema),
});

export const as2StationsSave = defineProcedure({
  name: 'as2.stations.save',
  kind: 'mutation',
  summary: 'Create or update an AS2 station (keys and certificates are checked to match).',
  input: stationInputSchema,
  output: stationSchema,
});

export const as2StationsDelete = defineProcedure({
  name: 'as2.stations.delete',
  kind: 'mutation',
  summary: 'Delete a station that no partner uses; its keys stay in the keystore.',
  input: z.object({ station: as2RefSchema, confirm: confirmation('Deleting a station') }).strict(),
  output: z.object({ deleted: z.string() }),
});

export const as2PartnersList = defineProcedure({
  name: 'as2.partners.list',
  kind: 'query',
  summary: 'Our AS2 partners.',
  input: z.object({}).strict(),
  output: z.array(partnerSchema),
});

export const as2PartnersGet = defineProcedure({
  name: 'as2.partners.get',
  kind: 'query',
  summary: 'One partner by id or AS2 ID.',
  input: z.object({ partner: as2RefSchema }).strict(),
  output: partnerSchema,
});

export const as2PartnersSave = defineProcedure({
  name: 'as2.partners.save',
  kind: 'mutation',
  summary: 'Create or update an AS2 partner.',
  input: partnerInputSchema,
  output: partnerSchema,
});

export const as2PartnersDelete = defineProcedure({
  name: 'as2.partners.delete',
  kind: 'mutation',
  summary: 'Delete a partner profile; its messages stay in the archive.',
  input: z.object({ partner: as2RefSchema, confirm: confirmation('Deleting a partner') }).strict(),
  output: z.object({ deleted: z.string() }),
});

export const as2PartnersExport = defineProcedure({
  name: 'as2.partners.export',
  kind: 'query',
  summary: 'A partner as JSON with its certificates (public material only).',
  input: z.object({ partner: as2RefSchema }).strict(),
  output: partnerExportSchema,
});

export const as2PartnersImport = defineProcedure({
  name: 'as2.partners.import',
  kind: 'mutation',
  summary: 'Add a partner from its JSON export; its certificates land in the catalog.',
  input: z.object({ document: partnerExportSchema, station: as2RefSchema.optional() }).strict(),
  output: partnerSchema,
});

export const as2ListenerStatus = defineProcedure({
  name: 'as2.listener',
  kind: 'query',
  summary: 'Where this host receives AS2 (URLs), or that it does not.',
  input: z.object({}).strict(),
  output: z.object({ listening: z.boolean(), urls: z.array(z.string()) }),
});
