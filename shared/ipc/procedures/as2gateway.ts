// The hosted AS2 Gateway (REST API v1, seed as2gateway-rest-api) as an account beside own stations: accounts
// whose password goes in only (outputs say whether one is stored, never what), sending, the four message lists,
// one message, attachments and MDNs, queue control, partners, stations and the inbound sync. Deleting anything
// on the gateway needs `confirm: true`.
import { z } from 'zod';
import { defineProcedure } from '../contract';
import { messageSummarySchema, uploadedFileSchema } from './messages';

/** The seed's base path; a test or demo account points elsewhere (the simulator). */
export const AS2G_DEFAULT_BASE_URL = 'https://api.as2gateway.com/v1';
/** Seed §4.4: up to 10 files per message, 10 MB in all. */
export const AS2G_MAX_FILES = 10;
export const AS2G_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** Seed §7.3, §9.2: a batch download or a bulk delete names at most 100 messages. */
export const AS2G_MAX_BATCH_IDS = 100;

export const as2gCategories = ['received', 'sent', 'failed', 'queued'] as const;
export type As2gCategory = (typeof as2gCategories)[number];
/** Seed §9.1: where a message can be deleted from. */
export const as2gDeleteCategories = ['received', 'sent', 'queued', 'stopped', 'failed'] as const;
export const as2gDeliveryStatuses = ['Delivered', 'Not Delivered', 'No Status'] as const;
export const as2gMdnStatuses = ['Pending', 'Received', 'Not Requested', 'No MDN'] as const;
export const as2gPartnerTypes = ['production', 'test'] as const;
export const as2gSortColumns = ['persistedTimestamp', 'receiverId', 'senderId', 'subject'] as const;

const confirmation = (what: string) => z.literal(true, { error: `${what} needs an explicit confirmation (confirm: true).` });
const oneLine = (max: number) => z.string().min(1).max(max).regex(/^[^\p{Cc}]*$/u, 'one line, no control characters');

export const as2gAccountNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'an account name is 1–64 letters, digits and . _ - (e.g. acme-gateway)');
const accountRefSchema = z.string().min(1).max(100);
/** An AS2 message ID as the gateway names it (angle brackets optional). */
export const as2gMessageIdSchema = oneLine(998);
const as2IdSchema = oneLine(128);

const baseUrlSchema = z
  .string()
  .max(2048)
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'the base URL is http(s)://…; http is only followed to https by a 307');

export const as2gAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  username: z.string(),
  /** Whether the password is stored (sealed) and whether a still-valid session is kept (sealed). */
  sealed: z.object({ login: z.boolean(), session: z.boolean() }),
  sessionExpiresAt: z.string().nullable(),
  /** `as2g:<name>`: the TLS trust scope of this account's connections. */
  tlsScope: z.string(),
  lastSyncAt: z.string().nullable(),
  lastSyncOutcome: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type As2gAccountSummary = z.infer<typeof as2gAccountSchema>;

export const as2gAccountInputSchema = z
  .object({
    name: as2gAccountNameSchema,
    baseUrl: baseUrlSchema.optional(),
    username: oneLine(320),
    /** Write-only. Required for a new account; omitted on an update keeps the stored one. */
    password: z.string().min(1).max(1024).optional(),
  })
  .strict();
export type As2gAccountInput = z.output<typeof as2gAccountInputSchema>;

// The seed's data model (§3), as Courier shows it.
export const as2gAttachmentSchema = z.object({ name: z.string(), size: z.number().int() });
export const as2gMdnMessageSchema = z.object({ persistedTimestamp: z.number(), mdnError: z.boolean(), content: z.string() });
export const as2gMessageSchema = z.object({
  as2MessageId: z.string(),
  persistedTimestamp: z.number(),
  compressed: z.boolean(),
  encrypted: z.boolean(),
  signed: z.boolean(),
  subject: z.string().optional(),
  receiverId: z.string(),
  senderId: z.string(),
  transportStatusReceived: z.number().int().optional(),
  deliveryStatus: z.enum(as2gDeliveryStatuses).optional(),
  mdnStatus: z.enum(as2gMdnStatuses),
  partnerType: z.enum(['Production', 'Test']),
  mdnMessage: as2gMdnMessageSchema.optional(),
  /** Seed §6.4: the queued endpoints may leave attachments out. */
  attachments: z.array(as2gAttachmentSchema).default([]),
});
export type As2gMessage = z.infer<typeof as2gMessageSchema>;

const certRef = z.object({ id: z.number() });
export const as2gPartnerSchema = z.object({
  partnerId: z.number().optional(),
  as2Identifier: z.string(),
  name: z.string(),
  description: z.string().optional(),
  uri: z.string(),
  messageSubject: z.string().optional(),
  encryptionAlgorithm: z.string(),
  signDigestAlgorithm: z.string(),
  signEncryptAlgorithm: z.string().optional(),
  encryptCert: certRef.nullable().optional(),
  signCert: certRef.nullable().optional(),
  useDiffCertAsSignCert: z.boolean(),
  httpsCert: certRef.nullable().optional(),
  encryptMessages: z.boolean(),
  signMessage: z.boolean(),
  compressAfter: z.boolean(),
  compressBefore: z.boolean(),
  precompressInputFiles: z.boolean().optional(),
  requestAsyncMdn: z.boolean(),
  requestMdn: z.boolean(),
  requestSignedMdn: z.boolean(),
  requestHttpsMdn: z.boolean(),
  customHeaders: z.array(z.object({ headerKey: z.string(), headerValue: z.string() })),
  useAs2Restart: z.boolean(),
  pauseIncoming: z.boolean(),
  pauseOutgoing: z.boolean(),
  sendTimeout: z.number(),
  flows: z.array(z.string()),
  partnerType: z.enum(['Production', 'Test']),
  isGlobalPartner: z.boolean(),
  pinned: z.boolean(),
});
export type As2gPartner = z.infer<typeof as2gPartnerSchema>;

export const as2gStationSchema = z.object({
  id: z.number().optional(),
  as2Identifier: z.string(),
  name: z.string(),
  comments: z.string().optional(),
  email: z.string(),
  certificate: certRef.nullable().optional(),
  sftpStructure: z.number().int(),
  emailNotifications: z.boolean(),
  sendFailureEmails: z.boolean(),
  sendMdnFailureEmails: z.boolean(),
  pinned: z.boolean(),
});
export type As2gStation = z.infer<typeof as2gStationSchema>;

/** The list filters of seed §5; `query` is the queued list's one filter, the four others are the rest's. */
export const as2gListFilterSchema = z
  .object({
    sortCol: z.enum(as2gSortColumns).optional(),
    sortDir: z.enum(['asc', 'desc']).optional(),
    partnerType: z.enum(as2gPartnerTypes).optional(),
    pageOffset: z.number().int().min(0).optional(),
    pageLength: z.number().int().min(1).max(100).optional(),
    partnerAS2Id: as2IdSchema.optional(),
    stationAS2Id: as2IdSchema.optional(),
    as2MessageId: as2gMessageIdSchema.optional(),
    subject: oneLine(998).optional(),
    query: oneLine(998).optional(),
    unreadOnly: z.boolean().optional(),
  })
  .strict();
export type As2gListFilter = z.infer<typeof as2gListFilterSchema>;

const accountOnly = z.object({ account: accountRefSchema }).strict();
const messageRef = z.object({ account: accountRefSchema, category: z.enum(as2gCategories), messageId: as2gMessageIdSchema }).strict();

export const as2gAccountsList = defineProcedure({
  name: 'as2g.accounts.list',
  kind: 'query',
  summary: 'Every AS2 Gateway account, by name.',
  input: z.object({}).strict(),
  output: z.object({ accounts: z.array(as2gAccountSchema) }),
});

export const as2gAccountsSave = defineProcedure({
  name: 'as2g.accounts.save',
  kind: 'mutation',
  summary: 'Create or update (by name) an AS2 Gateway account; the password is sealed at rest (audited).',
  input: as2gAccountInputSchema,
  output: as2gAccountSchema,
});

export const as2gAccountsDelete = defineProcedure({
  name: 'as2g.accounts.delete',
  kind: 'mutation',
  summary: 'Delete an AS2 Gateway account and its sealed values (audited); its messages stay in Inbox and Outbox.',
  input: z.object({ account: accountRefSchema, confirm: confirmation('Deleting an AS2 Gateway account') }).strict(),
  output: z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }),
});

export const as2gLogin = defineProcedure({
  name: 'as2g.login',
  kind: 'mutation',
  summary: 'Authorize with the gateway now (POST /authorize) and keep the session sealed until shortly before it expires.',
  input: accountOnly,
  output: as2gAccountSchema,
});

export const as2gSend = defineProcedure({
  name: 'as2g.send',
  kind: 'mutation',
  summary: 'Send (enqueue) one file, or up to 10 files / 10 MB, through the gateway; the message appears in Outbox.',
  input: z
    .object({
      account: accountRefSchema,
      station: as2IdSchema,
      partner: as2IdSchema,
      files: z
        .array(z.union([uploadedFileSchema.extend({ contentType: z.string().max(200).optional() }), z.object({ path: z.string().min(1).max(4096), contentType: z.string().max(200).optional() }).strict()]))
        .min(1)
        .max(AS2G_MAX_FILES, `The gateway takes at most ${AS2G_MAX_FILES} files per message.`),
      partnerType: z.enum(as2gPartnerTypes).optional(),
      subject: oneLine(998).optional(),
      profile: oneLine(200).optional(),
    })
    .strict(),
  output: z.object({ messageId: z.string(), link: z.string(), message: messageSummarySchema }),
});

export const as2gList = defineProcedure({
  name: 'as2g.list',
  kind: 'query',
  summary: 'One page of received, sent, failed or queued messages (seed §5), or every page with `all`.',
  input: z.object({ account: accountRefSchema, category: z.enum(as2gCategories), filter: as2gListFilterSchema.default({}), all: z.boolean().default(false) }).strict(),
  output: z.object({ totalRecords: z.number().int(), records: z.array(as2gMessageSchema) }),
});

export const as2gGet = defineProcedure({
  name: 'as2g.get',
  kind: 'query',
  summary: 'One message of a category; received ones may be marked read on the way.',
  input: messageRef.extend({ markAsRead: z.boolean().default(false) }).strict(),
  output: as2gMessageSchema,
});

export const as2gMarkUnread = defineProcedure({
  name: 'as2g.markUnread',
  kind: 'mutation',
  summary: 'Mark a received message unread again (API scope), so sync and unreadOnly lists see it.',
  input: z.object({ account: accountRefSchema, messageId: as2gMessageIdSchema }).strict(),
  output: z.object({ message: z.string() }),
});

export const as2gDownload = defineProcedure({
  name: 'as2g.download',
  kind: 'query',
  summary: 'An attachment by index, all attachments (a zip), or the MDN of a received or sent message.',
  input: z
    .object({
      account: accountRefSchema,
      category: z.enum(['received', 'sent']),
      messageId: as2gMessageIdSchema,
      what: z.union([z.object({ attachment: z.number().int().min(0).max(AS2G_MAX_FILES - 1) }).strict(), z.literal('all'), z.literal('mdn')]),
      markAsRead: z.boolean().default(false),
    })
    .strict(),
  output: z.object({ fileName: z.string(), contentBase64: z.string(), size: z.number().int() }),
});

export const as2gBatchDownload = defineProcedure({
  name: 'as2g.batchDownload',
  kind: 'query',
  summary: 'Attachments of up to 100 received messages; a 10 MB truncation (206) is continued until every message is complete.',
  input: z
    .object({ account: accountRefSchema, messageIds: z.array(as2gMessageIdSchema).min(1).max(AS2G_MAX_BATCH_IDS), markAsRead: z.boolean().default(false) })
    .strict(),
  output: z.object({
    requests: z.number().int(),
    messages: z.array(
      z.object({
        messageId: z.string(),
        files: z.array(z.object({ name: z.string(), size: z.number().int(), contentBase64: z.string() })),
        /** The `.error` file's text when the gateway found no attachments for this ID. */
        error: z.string().nullable(),
      }),
    ),
  }),
});

export const as2gQueueControl = defineProcedure({
  name: 'as2g.queueControl',
  kind: 'mutation',
  summary: 'Stop or resume retrying of a queued message.',
  input: z.object({ account: accountRefSchema, messageId: as2gMessageIdSchema, action: z.enum(['stop', 'retry']) }).strict(),
  output: z.object({ message: z.string() }),
});

export const as2gDelete = defineProcedure({
  name: 'as2g.delete',
  kind: 'mutation',
  summary: 'Delete one or up to 100 messages of a category on the gateway (audited).',
  input: z
    .object({
      account: accountRefSchema,
      category: z.enum(as2gDeleteCategories),
      messageIds: z.array(as2gMessageIdSchema).min(1).max(AS2G_MAX_BATCH_IDS),
      confirm: confirmation('Deleting messages on the AS2 Gateway'),
    })
    .strict(),
  output: z.object({ message: z.string() }),
});

export const as2gPartners = defineProcedure({
  name: 'as2g.partners',
  kind: 'query',
  summary: 'The gateway partners of an account, optionally filtered by name or AS2 ID.',
  input: accountOnly.extend({ query: oneLine(200).optional() }).strict(),
  output: z.object({ partners: z.array(as2gPartnerSchema) }),
});

export const as2gStations = defineProcedure({
  name: 'as2g.stations',
  kind: 'query',
  summary: 'The gateway stations of an account, optionally filtered by name or AS2 ID.',
  input: accountOnly.extend({ query: oneLine(200).optional() }).strict(),
  output: z.object({ stations: z.array(as2gStationSchema) }),
});

export const as2gSyncResultSchema = z.object({
  account: z.string(),
  at: z.string(),
  /** Received messages stored in Inbox by this run; already stored ones only marked read. */
  stored: z.number().int(),
  alreadyStored: z.number().int(),
  markedRead: z.number().int(),
  /** Outbox rows whose gateway status was refreshed. */
  outboundUpdated: z.number().int(),
  requests: z.number().int(),
});

export const as2gSyncNow = defineProcedure({
  name: 'as2g.sync',
  kind: 'mutation',
  summary: 'Pull unread received messages into Inbox (stored, then marked read) and refresh Outbox gateway statuses.',
  input: accountOnly,
  output: as2gSyncResultSchema,
});

export const as2gSyncStatus = defineProcedure({
  name: 'as2g.syncStatus',
  kind: 'query',
  summary: 'When each account last synced and how it went.',
  input: z.object({}).strict(),
  output: z.object({ accounts: z.array(z.object({ account: z.string(), lastSyncAt: z.string().nullable(), lastSyncOutcome: z.string().nullable() })) }),
});
