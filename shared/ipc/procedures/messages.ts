// The message archive as users see it: Inbox and Outbox rows (any protocol), one message with its security,
// payload and MDN, and what a user does from there (send, resend, stop, resume, export for an audit).
import { z } from 'zod';
import { defineProcedure } from '../contract';
import { as2RefSchema } from './as2';

export const messageDirections = ['inbound', 'outbound'] as const;
/** as2: own station; as2gateway: the hosted AS2 Gateway; fiscal, pagero: HTTPS uploads; pagero-push: Pagero posting to us. */
export const messageProtocols = ['as2', 'as2gateway', 'fiscal', 'pagero', 'pagero-push'] as const;
/** inbound: received | received-with-error; outbound: the queue's states and the MDN's verdict. */
export const messageStatuses = [
  'received',
  'received-with-error',
  'queued',
  'sending',
  'retrying',
  'awaiting-mdn',
  'delivered',
  'delivered-with-warning',
  'failed',
  'stopped',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** The largest payload the renderer uploads or downloads through the contract; the CLI streams files of any size. */
export const MAX_CONTRACT_PAYLOAD_BYTES = 32 * 1024 * 1024;

export const messageSummarySchema = z.object({
  id: z.number().int(),
  direction: z.enum(messageDirections),
  protocol: z.string(),
  /** The AS2 Message-ID (without angle brackets). */
  messageId: z.string().nullable(),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  stationId: z.string().nullable(),
  subject: z.string().nullable(),
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  payloadSize: z.number().int().nullable(),
  status: z.enum(messageStatuses),
  /** One line for the list: the disposition, the last error, the next retry. */
  statusText: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MessageSummary = z.infer<typeof messageSummarySchema>;

export const signatureStatuses = ['verified', 'unsigned', 'invalid', 'unknown-signer'] as const;

export const signatureCheckSchema = z.object({
  status: z.enum(signatureStatuses),
  digest: z.string().nullable(),
  signer: z.string().nullable(),
  /** Why it did not verify, in words. */
  reason: z.string().nullable(),
});

export const securitySchema = z.object({
  encryption: z.object({ cipher: z.string(), keyTransport: z.string(), recipient: z.string().nullable() }).nullable(),
  signature: signatureCheckSchema,
  compressed: z.boolean(),
  transport: z.enum(['http', 'https']).nullable(),
});

/** A failure in words: what happened, and what to check. */
export const problemSchema = z.object({
  code: z.string(),
  summary: z.string(),
  whatToCheck: z.string(),
});
export type MessageProblem = z.infer<typeof problemSchema>;

export const mdnViewSchema = z.object({
  direction: z.enum(['received', 'sent']),
  delivery: z.enum(['sync', 'async']),
  /** 'pending' until it arrives (async) or while an async MDN of ours is still being delivered. */
  state: z.enum(['pending', 'complete', 'failed']),
  disposition: z.string().nullable(),
  /** processed | processed/error: <modifier> | processed/warning: … */
  dispositionType: z.string().nullable(),
  modifier: z.string().nullable(),
  micAlgorithm: z.string().nullable(),
  micReturned: z.string().nullable(),
  micExpected: z.string().nullable(),
  micMatches: z.boolean().nullable(),
  signature: signatureCheckSchema,
  /** The human-readable first part of the report, as the partner wrote it. */
  text: z.string().nullable(),
  /** The MDN as it came over the wire (headers and body; truncated at 64 KiB). */
  raw: z.string().nullable(),
  at: z.string().nullable(),
  explanation: problemSchema.nullable(),
});
export type MdnView = z.infer<typeof mdnViewSchema>;

export const deliveryAttemptSchema = z.object({
  at: z.string(),
  outcome: z.string(),
  detail: z.string().nullable(),
});

export const messageDetailSchema = messageSummarySchema.extend({
  /** HTTP/AS2 header fields as they were sent or received. */
  headers: z.array(z.tuple([z.string(), z.string()])),
  security: securitySchema.nullable(),
  payload: z
    .object({
      sha256: z.string(),
      size: z.number().int(),
      /** The first 16 KiB as text when the payload is text, else null. */
      preview: z.string().nullable(),
      previewTruncated: z.boolean(),
    })
    .nullable(),
  wireSize: z.number().int(),
  mdn: mdnViewSchema.nullable(),
  problem: problemSchema.nullable(),
  attempts: z.array(deliveryAttemptSchema),
  nextAttemptAt: z.string().nullable(),
  canResend: z.boolean(),
  canStop: z.boolean(),
  canResume: z.boolean(),
});
export type MessageDetail = z.infer<typeof messageDetailSchema>;

const messageIdRef = z.number().int().positive();

export const messagesList = defineProcedure({
  name: 'messages.list',
  kind: 'query',
  summary: 'Inbox or Outbox rows, newest first, filtered and paged.',
  input: z
    .object({
      direction: z.enum(messageDirections),
      partnerId: z.string().max(100).optional(),
      protocols: z.array(z.enum(messageProtocols)).max(messageProtocols.length).optional(),
      statuses: z.array(z.enum(messageStatuses)).max(messageStatuses.length).optional(),
      /** ISO dates (inclusive from, exclusive to). */
      from: z.string().datetime({ offset: true }).optional(),
      to: z.string().datetime({ offset: true }).optional(),
      subject: z.string().max(200).optional(),
      messageId: z.string().max(300).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  output: z.object({ rows: z.array(messageSummarySchema), total: z.number().int() }),
});

export const messagesGet = defineProcedure({
  name: 'messages.get',
  kind: 'query',
  summary: 'One message: headers, security, payload preview, MDN and what went wrong.',
  input: z.object({ id: messageIdRef }).strict(),
  output: messageDetailSchema,
});

export const messagesPayload = defineProcedure({
  name: 'messages.payload',
  kind: 'query',
  summary: 'A message payload for download (up to 32 MiB; the CLI exports larger ones).',
  input: z.object({ id: messageIdRef }).strict(),
  output: z.object({ fileName: z.string(), contentType: z.string(), contentBase64: z.string() }),
});

export const messagesExport = defineProcedure({
  name: 'messages.export',
  kind: 'query',
  summary: 'A zip for an audit: the wire message, payload, MDN, certificates and a summary.',
  input: z.object({ id: messageIdRef }).strict(),
  output: z.object({ fileName: z.string(), contentBase64: z.string() }),
});

export const messagesResend = defineProcedure({
  name: 'messages.resend',
  kind: 'mutation',
  summary: 'Send an outbound message\'s document again as a new message (new Message-ID).',
  input: z.object({ id: messageIdRef }).strict(),
  output: messageSummarySchema,
});

export const messagesStop = defineProcedure({
  name: 'messages.stop',
  kind: 'mutation',
  summary: 'Stop retrying a queued outbound message.',
  input: z.object({ id: messageIdRef }).strict(),
  output: messageSummarySchema,
});

export const messagesResume = defineProcedure({
  name: 'messages.resume',
  kind: 'mutation',
  summary: 'Put a stopped or failed outbound message back in the queue (same Message-ID).',
  input: z.object({ id: messageIdRef }).strict(),
  output: messageSummarySchema,
});

const fileNameSchema = z
  .string()
  .min(1, 'A file name is needed.')
  .max(255)
  .regex(/^[^\p{Cc}/\\]*$/u, 'A file name cannot hold control characters or slashes.');

export const uploadedFileSchema = z
  .object({
    fileName: fileNameSchema,
    contentBase64: z.string().max(Math.ceil((MAX_CONTRACT_PAYLOAD_BYTES * 4) / 3) + 4, 'The file is larger than 32 MiB; send it from the command line (`courier as2 send`, `courier fiscal upload`, `courier pagero send`), which streams files of any size.'),
  })
  .strict();

export const as2Send = defineProcedure({
  name: 'as2.send',
  kind: 'mutation',
  summary: 'Queue a document (and optional attachments, batched in one zip) for an AS2 partner; returns the queued message.',
  input: z
    .object({
      partner: as2RefSchema,
      /** An uploaded file (renderer) or a path on this machine (CLI; streamed, any size). */
      document: z.union([uploadedFileSchema, z.object({ path: z.string().min(1).max(4096) }).strict()]),
      attachments: z.array(uploadedFileSchema).max(20).default([]),
      subject: z.string().max(200).regex(/^[^\p{Cc}]*$/u, 'A subject is one line.').optional(),
      contentType: z.string().max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'A content type looks like application/edi-x12.').optional(),
    })
    .strict(),
  output: messageSummarySchema,
});
