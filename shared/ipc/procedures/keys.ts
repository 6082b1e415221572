// Key pairs Courier holds for its partners (PACO, AS2, TLS client auth). Only public halves and
// fingerprints come back; a private key leaves the main process only as an encrypted file the user asked for.
import { z } from 'zod';
import { defineProcedure } from '../contract';
import { courierErrorSchema } from '../errors';

export const keyPurposes = ['paco-signing', 'paco-encryption', 'as2-signing', 'as2-encryption', 'tls-client'] as const;
export type KeyPurpose = (typeof keyPurposes)[number];

export const rsaKeySizes = [2048, 3072, 4096] as const;
export const ecCurves = ['P-256', 'P-384'] as const;
export type EcCurve = (typeof ecCurves)[number];

export const MAX_LABEL_LENGTH = 100;

const purposeSchema = z.enum(keyPurposes, { error: `The purpose is one of ${keyPurposes.join(', ')}.` });
const curveSchema = z.enum(ecCurves, { error: `EC keys use the curve ${ecCurves.join(' or ')}.` });
const rsaBitsSchema = z.literal(rsaKeySizes, { error: `RSA keys are ${rsaKeySizes.join(', ')} bits.` });

export const keyAlgorithmSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rsa'), bits: rsaBitsSchema }),
  z.object({ type: z.literal('ec'), curve: curveSchema }),
]);
export type KeyAlgorithm = z.infer<typeof keyAlgorithmSchema>;

/** What a caller asks for: RSA-4096 unless it says otherwise. */
const keyAlgorithmRequestSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('rsa'), bits: rsaBitsSchema.default(4096) }).strict(),
    z.object({ type: z.literal('ec'), curve: curveSchema }).strict(),
  ])
  .default({ type: 'rsa', bits: 4096 });

export const keyIdSchema = z.string().min(1, 'A key id is needed.').max(100);

export const labelSchema = z
  .string()
  .trim()
  .min(1, 'A key needs a label.')
  .max(MAX_LABEL_LENGTH, `A label has at most ${MAX_LABEL_LENGTH} characters.`)
  .regex(/^[^\p{Cc}]*$/u, 'A label cannot hold control characters.');

/** A job id the client picks before it starts, so it can cancel before the reply arrives. */
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A job id is 1 to 64 letters, digits, "-" or "_".');

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A key's part in rotation: `active` sends and receives; `incoming` is a successor before its switch
 * (receives only); `receiving-only` is a predecessor inside its overlap window; `retired` is neither
 * (its file is kept).
 */
export const keyRoles = ['active', 'incoming', 'receiving-only', 'retired'] as const;
export type KeyRole = (typeof keyRoles)[number];

export const keySummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  purpose: z.enum(keyPurposes),
  algorithm: keyAlgorithmSchema,
  origin: z.enum(['generated', 'imported']),
  createdAt: z.string(),
  /** SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex: what a certificate or a TLS pin is matched by. */
  spkiSha256: sha256Hex,
  /** RFC 7638 JWK thumbprint (SHA-256, base64url): the key's `kid`. */
  jwkThumbprint: z.string(),
  /** The key that replaced this one (rotation), if any. */
  successorId: z.string().nullable(),
  role: z.enum(keyRoles),
});
export type KeySummary = z.infer<typeof keySummarySchema>;

const jwkMembers = { kid: z.string(), use: z.enum(['sig', 'enc']) };
export const publicJwkSchema = z.discriminatedUnion('kty', [
  z.object({ kty: z.literal('RSA'), ...jwkMembers, n: z.string(), e: z.string() }),
  z.object({ kty: z.literal('EC'), ...jwkMembers, crv: z.enum(ecCurves), x: z.string(), y: z.string() }),
]);
export type PublicJwk = z.infer<typeof publicJwkSchema>;

export const keyGenerationStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;

/** One generation job as the `events` subscription reports it (`keys.generation`). */
export const keyGenerationJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(keyGenerationStates),
  label: z.string(),
  purpose: z.enum(keyPurposes),
  algorithm: keyAlgorithmSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** The stored key, once the job succeeded. */
  key: keySummarySchema.nullable(),
  error: courierErrorSchema.nullable(),
});
export type KeyGenerationJob = z.infer<typeof keyGenerationJobSchema>;

const confirmation = (what: string) => z.literal(true, { error: `${what} needs an explicit confirmation (confirm: true).` });

export const keysList = defineProcedure({
  name: 'keys.list',
  kind: 'query',
  summary: 'Every key pair, newest first, optionally of one purpose.',
  input: z.object({ purpose: purposeSchema.optional() }).strict(),
  output: z.object({ keys: z.array(keySummarySchema) }),
});

export const keysGet = defineProcedure({
  name: 'keys.get',
  kind: 'query',
  summary: 'One key pair by id.',
  input: z.object({ id: keyIdSchema }).strict(),
  output: keySummarySchema,
});

export const keysGenerate = defineProcedure({
  name: 'keys.generate',
  kind: 'mutation',
  summary: 'Generate a key pair off the main thread (RSA-4096 unless asked otherwise); replies once it is stored.',
  input: z
    .object({
      jobId: jobIdSchema,
      label: labelSchema,
      purpose: purposeSchema,
      algorithm: keyAlgorithmRequestSchema,
    })
    .strict(),
  output: keySummarySchema,
});

export const keysCancelGeneration = defineProcedure({
  name: 'keys.cancelGeneration',
  kind: 'mutation',
  summary: 'Cancel a running generation; `cancelled` is false when the job had already ended or never ran.',
  input: z.object({ jobId: jobIdSchema }).strict(),
  output: z.object({ jobId: z.string(), cancelled: z.boolean() }),
});

export const keysExportPublic = defineProcedure({
  name: 'keys.exportPublic',
  kind: 'query',
  summary: 'The public key as X.509 SubjectPublicKeyInfo PEM or as a JWK whose kid is its RFC 7638 thumbprint.',
  input: z.object({ id: keyIdSchema, format: z.enum(['pem', 'jwk']).default('pem') }).strict(),
  output: z.discriminatedUnion('format', [
    z.object({ id: z.string(), format: z.literal('pem'), spkiSha256: sha256Hex, pem: z.string() }),
    z.object({ id: z.string(), format: z.literal('jwk'), spkiSha256: sha256Hex, jwk: publicJwkSchema }),
  ]),
});

export const keysExportPrivate = defineProcedure({
  name: 'keys.exportPrivate',
  kind: 'mutation',
  summary: 'Write the key pair to a file as encrypted PKCS#8 under a passphrase the user gives (audited).',
  input: z
    .object({
      id: keyIdSchema,
      /** Absolute path of the file to write, chosen by the user. */
      path: z.string().min(1, 'A file path is needed.').max(4096),
      passphrase: z.string().min(8, 'The passphrase needs at least 8 characters.').max(1024, 'The passphrase has at most 1024 characters.'),
      confirm: confirmation('Exporting a private key'),
      overwrite: z.boolean().default(false),
    })
    .strict(),
  output: z.object({
    id: z.string(),
    path: z.string(),
    format: z.literal('pkcs8-pbes2'),
    kdf: z.literal('pbkdf2-hmac-sha256'),
    iterations: z.number().int(),
    cipher: z.literal('aes-256-cbc'),
  }),
});

export const keysDelete = defineProcedure({
  name: 'keys.delete',
  kind: 'mutation',
  summary: 'Delete a key pair and its encrypted file (audited).',
  input: z.object({ id: keyIdSchema, confirm: confirmation('Deleting a key') }).strict(),
  output: z.object({ id: z.string(), deleted: z.literal(true) }),
});
