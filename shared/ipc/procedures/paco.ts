// 2C2P PACO as a user sees it: saved profiles (URLs, PACO's public keys, references to merchant keys in the
// keystore, algorithms) and calls whose answers come back decrypted, verified and with the checks shown.
// The company `token` and the Basic password go in only; outputs say whether they are stored, never what.
import { z } from 'zod';
import { defineProcedure } from '../contract';

export const pacoSigningAlgorithms = ['PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512'] as const;
export const pacoContentEncryptions = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'] as const;
export const pacoEnvironments = ['uat', 'production'] as const;
/** The UAT base URL from the seed; production URLs come from onboarding and are entered per profile. */
export const PACO_UAT_BASE_URL = 'https://core.demo-paco.2c2p.com';
/** The JOSE operations (POST, JWE(JWS)) and the plain-JSON GET `transactionStatus`. */
export const pacoOperations = ['payment', 'transactionStatus', 'transactionList', 'void', 'settlement', 'refund'] as const;
export type PacoOperationName = (typeof pacoOperations)[number];

const confirmation = (what: string) => z.literal(true, { error: `${what} needs an explicit confirmation (confirm: true).` });

export const pacoProfileNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'a profile name is 1–64 letters, digits and . _ - (e.g. uat-shop)');
/** A profile's id or its name. */
const profileRefSchema = z.string().min(1).max(100);

const kidSchema = z.string().min(1).max(200);
/** A PACO public key as PACO hands it out: PEM, base64 DER SubjectPublicKeyInfo, or a JWK object. */
export const pacoPublicKeySchema = z
  .object({ kid: kidSchema, key: z.union([z.string().min(1).max(16_384), z.record(z.string(), z.unknown())]) })
  .strict();

const httpsUrlSchema = z
  .string()
  .max(2048)
  .url()
  .refine((value) => value.startsWith('https://'), 'PACO is only reached over https://');

export const pacoProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: z.enum(pacoEnvironments),
  baseUrl: z.string(),
  /** The merchant's API key: `iss` of every request, `aud` of every response. */
  issuer: z.string(),
  basicUser: z.string(),
  /** Whether the company `token` header value and the Basic password are stored (sealed). */
  sealed: z.object({ companyHeader: z.boolean(), basicAuth: z.boolean() }),
  /** `paco:<name>`: the TLS trust scope whose CAs and pins this profile's connections use. */
  tlsScope: z.string(),
  pacoEncryptionKey: pacoPublicKeySchema,
  pacoSigningKeys: z.array(pacoPublicKeySchema),
  /** Keystore ids (purpose paco-signing / paco-encryption); the keys themselves never leave the keystore. */
  merchantSigningKeyId: z.string(),
  merchantEncryptionKeyId: z.string(),
  signingAlgorithm: z.enum(pacoSigningAlgorithms),
  contentEncryption: z.enum(pacoContentEncryptions),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PacoProfileSummary = z.infer<typeof pacoProfileSchema>;

export const pacoProfileInputSchema = z
  .object({
    name: pacoProfileNameSchema,
    environment: z.enum(pacoEnvironments).default('uat'),
    /** Defaults to the UAT URL for `uat`; required for `production`. */
    baseUrl: httpsUrlSchema.optional(),
    apiKey: z.string().min(1).max(200),
    /** Write-only. Required for a new profile; omitted on an update keeps the stored one. */
    token: z.string().min(1).max(4096).optional(),
    basicUser: z.string().min(1).max(200).refine((value) => !value.includes(':'), 'a Basic user name has no colon'),
    /** Write-only, as `token`. */
    basicPassword: z.string().min(1).max(4096).optional(),
    pacoEncryptionKey: pacoPublicKeySchema,
    pacoSigningKeys: z.array(pacoPublicKeySchema).min(1).max(10),
    merchantSigningKeyId: z.string().min(1).max(100),
    merchantEncryptionKeyId: z.string().min(1).max(100),
    signingAlgorithm: z.enum(pacoSigningAlgorithms).default('PS256'),
    contentEncryption: z.enum(pacoContentEncryptions).default('A128CBC-HS256'),
  })
  .strict();
export type PacoProfileInput = z.output<typeof pacoProfileInputSchema>;

export const pacoVerificationSchema = z.object({
  jwsAlg: z.string(),
  jweAlg: z.string(),
  jweEnc: z.string(),
  /** kid of the merchant signing key that signed the request. */
  requestKid: z.string(),
  /** kid of PACO's encryption key the request was encrypted to. */
  requestEncryptionKid: z.string(),
  /** kid of PACO's signing key that verified the answer. */
  responseSigningKid: z.string(),
  /** kid of the merchant encryption key that decrypted the answer. */
  responseEncryptionKid: z.string(),
  claims: z.object({
    iss: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    iat: z.number().nullable(),
    nbf: z.number().nullable(),
    exp: z.number(),
    jti: z.string().nullable(),
  }),
});
export type PacoVerification = z.infer<typeof pacoVerificationSchema>;

export const pacoProfilesList = defineProcedure({
  name: 'paco.profiles.list',
  kind: 'query',
  summary: 'Every PACO profile, by name.',
  input: z.object({}).strict(),
  output: z.object({ profiles: z.array(pacoProfileSchema) }),
});

export const pacoProfilesGet = defineProcedure({
  name: 'paco.profiles.get',
  kind: 'query',
  summary: 'One PACO profile by id or name.',
  input: z.object({ profile: profileRefSchema }).strict(),
  output: pacoProfileSchema,
});

export const pacoProfilesSave = defineProcedure({
  name: 'paco.profiles.save',
  kind: 'mutation',
  summary: 'Create or update (by name) a PACO profile; token and Basic password are sealed at rest (audited).',
  input: pacoProfileInputSchema,
  output: pacoProfileSchema,
});

export const pacoProfilesDelete = defineProcedure({
  name: 'paco.profiles.delete',
  kind: 'mutation',
  summary: 'Delete a PACO profile and its sealed values (audited); merchant keys stay in the keystore.',
  input: z.object({ profile: profileRefSchema, confirm: confirmation('Deleting a PACO profile') }).strict(),
  output: z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }),
});

export const pacoCall = defineProcedure({
  name: 'paco.call',
  kind: 'mutation',
  summary: 'Send one PACO request with a profile and return the verified answer (audited).',
  input: z
    .object({
      profile: profileRefSchema,
      operation: z.enum(pacoOperations),
      /** The request JSON; for `transactionStatus` an object of query parameters (strings). */
      request: z.unknown(),
    })
    .strict(),
  output: z.object({
    operation: z.enum(pacoOperations),
    /** The verified payload (the `response` claim), or for `transactionStatus` the JSON answer. */
    response: z.unknown(),
    /** Null for `transactionStatus`, which goes without JOSE. */
    verification: pacoVerificationSchema.nullable(),
  }),
});

export const pacoTemplates = defineProcedure({
  name: 'paco.templates',
  kind: 'query',
  summary: 'A request JSON template per PACO operation.',
  input: z.object({}).strict(),
  output: z.object({
    templates: z.array(
      z.object({ operation: z.enum(pacoOperations), method: z.enum(['GET', 'POST']), path: z.string(), jose: z.boolean(), request: z.unknown() }),
    ),
  }),
});
