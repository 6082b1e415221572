// Pagero as a user sees it: send profiles for the Interchange API (where, which document type and send mode, how
// to log in), one send with the server's answer, and the push endpoints Pagero's HTTP client posts documents to.
// Passwords and client secrets go in only; outputs say whether one is stored, never what (see paco.ts).
import { z } from 'zod';
import { defineProcedure } from '../contract';
import { messageSummarySchema, uploadedFileSchema } from './messages';
import { transferIdSchema } from './transfers';

/** The production Interchange API host from the seed; profiles may point anywhere over https://. */
export const PAGERO_API_BASE_URL = 'https://api.pageroonline.com';
export const PAGERO_SSO_URL = 'https://sso.pageroonline.com/oauth/v2/oauth-token';

export const pageroAuthModes = ['basic', 'oauth2-password'] as const;
export const pageroPushAuthModes = ['none', 'basic', 'oauth2-client-credentials', 'mtls'] as const;
/** Raw bodies carry the payload's own content type; binary ones (and zip batches) application/octet-stream. */
export const pageroContentTypes = ['application/xml', 'application/json', 'text/plain', 'application/octet-stream'] as const;

const confirmation = (what: string) => z.literal(true, { error: `${what} needs an explicit confirmation (confirm: true).` });
const nameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'a name is 1–64 letters, digits and . _ - (e.g. invoices-test)');
const refSchema = z.string().min(1).max(100);
const httpsUrlSchema = z
  .string()
  .max(2048)
  .url()
  .refine((value) => value.startsWith('https://'), 'Pagero is only reached over https://');
/** A path segment of `/incoming/v1/{documentType}/{sendMode}`. */
const pathSegmentSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'one path segment: letters, digits, . _ -');
const userSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((value) => !value.includes(':') && !/\p{Cc}/u.test(value), 'a user name has no colon or control characters');
const secretInput = z.string().min(1).max(4096);
export const interchangeIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'an interchange id is 1–100 letters, digits and . _ : -');
/** An HTTP header name (RFC 9110 token). */
const headerNameSchema = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'an HTTP header name');

export const pageroProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  documentType: z.string(),
  sendMode: z.string(),
  /** The URL documents are posted to: `{baseUrl}/incoming/v1/{documentType}/{sendMode}`. */
  endpointUrl: z.string(),
  authMode: z.enum(pageroAuthModes),
  username: z.string(),
  /** OAuth2 only: the SSO token endpoint and the client id. */
  ssoUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  /** Whether the login password and (OAuth2) the client secret are stored (sealed); never their values. */
  sealed: z.object({ login: z.boolean(), client: z.boolean() }),
  /** `pagero:<name>`: the TLS trust scope whose CAs and pins this profile's connections use. */
  tlsScope: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PageroProfileSummary = z.infer<typeof pageroProfileSchema>;

export const pageroProfileInputSchema = z
  .object({
    name: nameSchema,
    baseUrl: httpsUrlSchema.default(PAGERO_API_BASE_URL),
    documentType: pathSegmentSchema.default('invoice'),
    sendMode: pathSegmentSchema.default('test'),
    authMode: z.enum(pageroAuthModes),
    username: userSchema,
    /** Write-only. Required for a new profile; omitted on an update keeps the stored one. */
    password: secretInput.optional(),
    ssoUrl: httpsUrlSchema.optional(),
    clientId: userSchema.optional(),
    /** Write-only, as `password`; OAuth2 only. */
    clientSecret: secretInput.optional(),
  })
  .strict();
export type PageroProfileInput = z.output<typeof pageroProfileInputSchema>;

export const pageroAnswerSchema = z.object({
  status: z.number().int(),
  contentType: z.string().nullable(),
  /** The server's answer as text (first 64 KiB). */
  body: z.string(),
  bodyTruncated: z.boolean(),
  /** The answer in words and, for a refusal, what to do. */
  meaning: z.string(),
});

export const pageroProfilesList = defineProcedure({
  name: 'pagero.profiles.list',
  kind: 'query',
  summary: 'Every Pagero send profile, by name.',
  input: z.object({}).strict(),
  output: z.object({ profiles: z.array(pageroProfileSchema) }),
});

export const pageroProfilesSave = defineProcedure({
  name: 'pagero.profiles.save',
  kind: 'mutation',
  summary: 'Create or update (by name) a Pagero send profile; password and client secret are sealed at rest (audited).',
  input: pageroProfileInputSchema,
  output: pageroProfileSchema,
});

export const pageroProfilesDelete = defineProcedure({
  name: 'pagero.profiles.delete',
  kind: 'mutation',
  summary: 'Delete a Pagero send profile and its sealed values (audited); sent messages stay in the Outbox.',
  input: z.object({ profile: refSchema, confirm: confirmation('Deleting a Pagero profile') }).strict(),
  output: z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }),
});

const attachmentSchema = z.union([uploadedFileSchema, z.object({ path: z.string().min(1).max(4096) }).strict()]);

export const pageroSend = defineProcedure({
  name: 'pagero.send',
  kind: 'mutation',
  summary: 'Post one document (with attachments: one zip batch) to the Pagero Interchange API; returns the stored message and the answer.',
  input: z
    .object({
      profile: refSchema,
      /** An uploaded file (renderer) or a path on this machine (CLI; streamed, any size). */
      document: attachmentSchema,
      attachments: z.array(attachmentSchema).max(20).default([]),
      /** Unique per send; generated from the file name when omitted. */
      interchangeId: interchangeIdSchema.optional(),
      /** Overrides the content type guessed from the extension (a batch is always application/octet-stream). */
      contentType: z.enum(pageroContentTypes).optional(),
      /** Follow progress ('transfers.progress') and cancel (`transfers.cancel`) by this id. */
      transferId: transferIdSchema.optional(),
    })
    .strict(),
  output: z.object({
    interchangeId: z.string(),
    message: messageSummarySchema,
    answer: pageroAnswerSchema,
  }),
});

export const pageroEndpointSchema = z.object({
  id: z.string(),
  name: z.string(),
  authMode: z.enum(pageroPushAuthModes),
  /** basic: the user name Pagero logs in with; oauth2-client-credentials: the client id it is given. */
  basicUser: z.string().nullable(),
  clientId: z.string().nullable(),
  /** Whether the Basic password / the client secret is stored (sealed or hashed). */
  sealed: z.object({ basic: z.boolean(), client: z.boolean() }),
  /** oauth2-client-credentials: how long the access tokens Courier issues live. */
  accessLifetimeSeconds: z.number().int(),
  /** mtls: the CA certificates a client certificate must chain to (subjects and SHA-256 fingerprints). */
  clientCas: z.array(z.object({ subject: z.string(), sha256Fingerprint: z.string() })),
  /** Static headers Pagero is configured to send; their values are recorded with each document. */
  recordHeaders: z.array(z.string()),
  /** Where this endpoint is listening in this process (empty when the push server is not running here). */
  urls: z.object({ documents: z.array(z.string()), oauth: z.array(z.string()) }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PageroEndpointSummary = z.infer<typeof pageroEndpointSchema>;

export const pageroEndpointInputSchema = z
  .object({
    name: nameSchema,
    authMode: z.enum(pageroPushAuthModes),
    basicUser: userSchema.optional(),
    /** Write-only. Basic: required for a new endpoint; omitted on an update keeps the stored one. */
    basicPassword: secretInput.optional(),
    clientId: userSchema.optional(),
    /** Write-only, as `basicPassword`; for oauth2-client-credentials. */
    clientSecret: secretInput.optional(),
    accessLifetimeSeconds: z.number().int().min(60).max(86_400).default(3600),
    /** mtls: PEM text of the CA (or CAs) that issue Pagero's client certificates. */
    clientCaPem: z.string().min(1).max(256 * 1024).optional(),
    recordHeaders: z.array(headerNameSchema).max(50).default([]),
  })
  .strict();
export type PageroEndpointInput = z.output<typeof pageroEndpointInputSchema>;

export const pageroEndpointsList = defineProcedure({
  name: 'pagero.endpoints.list',
  kind: 'query',
  summary: 'Every push endpoint Pagero posts documents to, and where the push server listens.',
  input: z.object({}).strict(),
  output: z.object({ endpoints: z.array(pageroEndpointSchema), listening: z.array(z.string()) }),
});

export const pageroEndpointsSave = defineProcedure({
  name: 'pagero.endpoints.save',
  kind: 'mutation',
  summary: 'Create or update (by name) a push endpoint and its auth (audited).',
  input: pageroEndpointInputSchema,
  output: pageroEndpointSchema,
});

export const pageroEndpointsDelete = defineProcedure({
  name: 'pagero.endpoints.delete',
  kind: 'mutation',
  summary: 'Delete a push endpoint (audited); documents received stay in the Inbox.',
  input: z.object({ endpoint: refSchema, confirm: confirmation('Deleting a push endpoint') }).strict(),
  output: z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }),
});
