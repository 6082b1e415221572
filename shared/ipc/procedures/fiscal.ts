// FISCAL HTTPS uploads as a user sees them: saved profiles (region, customer and unit shortnames, the access
// token's expiry and a reminder before it), a check of a file before it leaves the machine, and the upload itself.
// The access token goes in only; outputs say whether one is stored and when it expires, never what it is.
// For the renderer (engineer 8c): `fiscal.inspect` is the preview + validation procedure (encoding, delimiter,
// rows, first rows, problems with line numbers, the safe file name FISCAL will get); `fiscal.upload` runs the same
// checks again before sending, and takes a `transferId` so `transfers.cancel` and 'transfers.progress' events work.
import { z } from 'zod';
import { defineProcedure } from '../contract';
import { messageSummarySchema, uploadedFileSchema } from './messages';
import { transferIdSchema } from './transfers';

export const fiscalRegions = ['uksouth', 'euwest', 'uswest'] as const;
/** APT: transactions; Suppliers; Employees (the seed's file types, spelled as the URL wants them). */
export const fiscalFileTypes = ['APT', 'Suppliers', 'Employees'] as const;
export type FiscalFileType = (typeof fiscalFileTypes)[number];
/** The extensions FISCAL accepts in a file name. */
export const fiscalExtensions = ['.csv', '.txt', '.xlsx'] as const;

const confirmation = (what: string) => z.literal(true, { error: `${what} needs an explicit confirmation (confirm: true).` });

export const fiscalProfileNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'a profile name is 1–64 letters, digits and . _ - (e.g. acme-live)');
const shortnameSchema = z.string().regex(/^[a-z0-9]{1,64}$/, 'a FISCAL shortname is lowercase letters and digits only');
/** A profile's id or its name. */
const profileRefSchema = z.string().min(1).max(100);
const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date looks like 2026-12-31');

export const fiscalAccessSchema = z.object({
  /** Whether an access token is stored (sealed). */
  stored: z.boolean(),
  /** The last day the token is valid (UTC), as FISCAL showed it when it was made. */
  expiresOn: z.string(),
  /** Days left (negative once expired). */
  expiresInDays: z.number().int(),
  expired: z.boolean(),
  /** Days before the expiry from which the reminder shows. */
  remindDaysBefore: z.number().int(),
  /** "Access token expires in 5 days (on 2026-05-01): …" once inside the reminder window or expired; else null. */
  reminder: z.string().nullable(),
});

export const fiscalProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.enum(fiscalRegions),
  customer: z.string(),
  unit: z.string(),
  /** Where uploads go: https://api-<region>.apfnxg.com, or the test/demo override. */
  baseUrl: z.string(),
  /** True when baseUrl is the test/demo override rather than FISCAL's own host. */
  baseUrlOverridden: z.boolean(),
  access: fiscalAccessSchema,
  /** `fiscal:<name>`: the TLS trust scope whose CAs and pins this profile's connections use. */
  tlsScope: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FiscalProfileSummary = z.infer<typeof fiscalProfileSchema>;

export const fiscalProfileInputSchema = z
  .object({
    name: fiscalProfileNameSchema,
    region: z.enum(fiscalRegions),
    customer: shortnameSchema,
    /** Defaults to the customer shortname (a customer with one unit). */
    unit: shortnameSchema.optional(),
    /** Write-only. Required for a new profile; omitted on an update keeps the stored one. */
    token: z.string().min(1).max(16_384).regex(/^[\x21-\x7e]+$/, 'an access token is printable ASCII without spaces; paste it exactly as FISCAL showed it').optional(),
    /** The last valid day of the token. Required with a new token unless the token is a JWT carrying `exp`. */
    tokenExpiresOn: isoDateSchema.optional(),
    remindDaysBefore: z.number().int().min(1).max(365).default(14),
    /**
     * ONLY for tests and `courier demo`: send to this https:// origin (the FISCAL simulator) instead of
     * https://api-<region>.apfnxg.com. Real profiles leave it out.
     */
    baseUrl: z
      .string()
      .max(2048)
      .url()
      .refine((value) => value.startsWith('https://'), 'FISCAL is only reached over https://')
      .optional(),
  })
  .strict();
export type FiscalProfileInput = z.output<typeof fiscalProfileInputSchema>;

/** A file from the renderer (base64, up to 32 MiB) or a path on this machine (CLI; streamed, any size). */
export const fiscalDocumentSchema = z.union([uploadedFileSchema, z.object({ path: z.string().min(1).max(4096) }).strict()]);

export const documentProblemCodes = [
  'empty',
  'binary',
  'bad-extension',
  'bad-file-name',
  'inconsistent-columns',
  'unterminated-quote',
  'line-too-long',
  'not-xlsx',
  'header-only',
  'legacy-encoding',
] as const;

export const documentProblemSchema = z.object({
  code: z.enum(documentProblemCodes),
  /** error: FISCAL would reject it or it cannot be read; warning: it can go, but look first. */
  severity: z.enum(['error', 'warning']),
  /** 1-based line of the file where the problem starts, when there is one. */
  line: z.number().int().nullable(),
  message: z.string(),
});
export type DocumentProblem = z.infer<typeof documentProblemSchema>;

export const documentInspectionSchema = z.object({
  fileName: z.string(),
  /** The name FISCAL will get: no spaces or special characters, timestamped, extension kept. */
  safeFileName: z.string(),
  size: z.number().int(),
  format: z.enum(['csv', 'txt', 'xlsx', 'unknown']),
  /** utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252; null for xlsx or binary data. */
  encoding: z.string().nullable(),
  /** ',', ';', '\t' or '|'; null when not delimited text. */
  delimiter: z.string().nullable(),
  /** Records (the header row included); for xlsx the rows of the first sheet. Null when not counted. */
  rows: z.number().int().nullable(),
  /** Columns of the first record. */
  columns: z.number().int().nullable(),
  /** The first records as cells (cells cut at 200 characters). */
  firstRows: z.array(z.array(z.string())),
  problems: z.array(documentProblemSchema),
  /** No problem of severity error: the file can be uploaded. */
  ok: z.boolean(),
});
export type DocumentInspection = z.infer<typeof documentInspectionSchema>;

export const fiscalUploadResultSchema = z.object({
  /** The stored outbound message (History/Outbox), status delivered. */
  message: messageSummarySchema,
  /** The file name as FISCAL received it. */
  remoteFileName: z.string(),
  /** The upload URL (no secret in it). */
  url: z.string(),
  attempts: z.number().int(),
  answer: z.object({
    status: z.number().int(),
    /** The server's answer in words. */
    summary: z.string(),
    /** The JSON FISCAL returned on 201 (or the raw text when it was not JSON). */
    body: z.unknown(),
  }),
});

export const fiscalProfilesList = defineProcedure({
  name: 'fiscal.profiles.list',
  kind: 'query',
  summary: 'Every FISCAL profile, by name, with its access token expiry.',
  input: z.object({}).strict(),
  output: z.object({ profiles: z.array(fiscalProfileSchema) }),
});

export const fiscalProfilesGet = defineProcedure({
  name: 'fiscal.profiles.get',
  kind: 'query',
  summary: 'One FISCAL profile by id or name.',
  input: z.object({ profile: profileRefSchema }).strict(),
  output: fiscalProfileSchema,
});

export const fiscalProfilesSave = defineProcedure({
  name: 'fiscal.profiles.save',
  kind: 'mutation',
  summary: 'Create or update (by name) a FISCAL profile; the access token is sealed at rest (audited).',
  input: fiscalProfileInputSchema,
  output: fiscalProfileSchema,
});

export const fiscalProfilesDelete = defineProcedure({
  name: 'fiscal.profiles.delete',
  kind: 'mutation',
  summary: 'Delete a FISCAL profile and its sealed access token (audited); its uploads stay in History.',
  input: z.object({ profile: profileRefSchema, confirm: confirmation('Deleting a FISCAL profile') }).strict(),
  output: z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }),
});

export const fiscalInspect = defineProcedure({
  name: 'fiscal.inspect',
  kind: 'query',
  summary: 'Preview and validate a CSV, TXT or XLSX file before upload: encoding, delimiter, rows, problems with line numbers.',
  input: z.object({ document: fiscalDocumentSchema }).strict(),
  output: documentInspectionSchema,
});

export const fiscalUpload = defineProcedure({
  name: 'fiscal.upload',
  kind: 'mutation',
  summary: 'Validate a file and upload it to FISCAL (retrying a 500); stored in History with the answer (audited).',
  input: z
    .object({
      profile: profileRefSchema,
      fileType: z.enum(fiscalFileTypes),
      document: fiscalDocumentSchema,
      /** Picked by the caller to follow progress ('transfers.progress') and cancel (`transfers.cancel`). */
      transferId: transferIdSchema.optional(),
    })
    .strict(),
  output: fiscalUploadResultSchema,
});
