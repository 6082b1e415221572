// The AS2 Gateway simulator's account: stations, partners and messages in the seed's data model (§3), and the
// queue's life over time — an enqueued message waits, then is sent (Delivered, with an MDN when the partner asks
// for one) or fails and is retried up to 10 times with the same ID (a failed entry each time), then stops.
import { randomBytes } from 'node:crypto';
import type { As2gMessage, As2gPartner, As2gStation } from '../../shared/ipc';

export interface SimFile {
  name: string;
  contentType: string;
  content: Buffer;
}

export interface SimMessage {
  entity: As2gMessage;
  files: SimFile[];
  read: boolean;
}

export interface QueuedEntry {
  id: string;
  station: string;
  partner: string;
  partnerType: 'Production' | 'Test';
  subject: string | undefined;
  files: SimFile[];
  enqueuedAt: number;
  dueAt: number;
  attempts: number;
  stopped: boolean;
}

/** Seed §5.3: the gateway retries a queued message up to 10 times. */
export const MAX_ATTEMPTS = 10;

let counter = 90_766_548;
export function newMessageId(): string {
  counter++;
  return `<${counter}.${randomBytes(2).readUInt16BE()}.${Date.now()}@as2gateway.com>`;
}

export function samplePartner(as2Identifier: string, name: string, overrides: Partial<As2gPartner> = {}): As2gPartner {
  return {
    partnerId: Math.floor(Math.random() * 1000),
    as2Identifier,
    name,
    description: `${name} (simulated)`,
    uri: `https://as2.${as2Identifier.toLowerCase()}.example/as2`,
    messageSubject: `Message for ${name}`,
    encryptionAlgorithm: 'AES256_CBC',
    signDigestAlgorithm: 'SHA256',
    signEncryptAlgorithm: 'RSA',
    encryptCert: { id: 5 },
    signCert: { id: 7 },
    useDiffCertAsSignCert: true,
    httpsCert: { id: 8 },
    encryptMessages: true,
    signMessage: true,
    compressAfter: false,
    compressBefore: false,
    precompressInputFiles: false,
    requestAsyncMdn: false,
    requestMdn: true,
    requestSignedMdn: true,
    requestHttpsMdn: false,
    customHeaders: [{ headerKey: 'X-Route', headerValue: as2Identifier }],
    useAs2Restart: false,
    pauseIncoming: false,
    pauseOutgoing: false,
    sendTimeout: 60,
    flows: ['EDIG'],
    partnerType: 'Production',
    isGlobalPartner: false,
    pinned: false,
    ...overrides,
  };
}

export function sampleStation(as2Identifier: string, name: string, overrides: Partial<As2gStation> = {}): As2gStation {
  return {
    id: Math.floor(Math.random() * 1000),
    as2Identifier,
    name,
    comments: `${name} (simulated)`,
    email: `${as2Identifier.toLowerCase()}@example.com`,
    certificate: { id: 4 },
    sftpStructure: 0,
    emailNotifications: false,
    sendFailureEmails: true,
    sendMdnFailureEmails: true,
    pinned: false,
    ...overrides,
  };
}

export class GatewayMailbox {
  stations: As2gStation[] = [];
  partners: As2gPartner[] = [];
  received: SimMessage[] = [];
  sent: SimMessage[] = [];
  failed: SimMessage[] = [];
  queued: QueuedEntry[] = [];
  /** Partners whose endpoint "does not answer": every attempt to them fails. */
  readonly unreachable = new Set<string>();

  constructor(private readonly transitionMs: number) {}

  /** A message as if a partner had sent it to a station; unread until marked read through the API. */
  receive(input: { station: string; partner: string; subject?: string; files: SimFile[]; at?: number; mdnError?: boolean; partnerType?: 'Production' | 'Test' }): SimMessage {
    const at = input.at ?? Date.now();
    const message: SimMessage = {
      entity: {
        as2MessageId: newMessageId(),
        persistedTimestamp: at,
        compressed: false,
        encrypted: true,
        signed: true,
        ...(input.subject === undefined ? {} : { subject: input.subject }),
        receiverId: input.partner,
        senderId: input.station,
        mdnStatus: 'Received',
        partnerType: input.partnerType ?? 'Production',
        mdnMessage: { persistedTimestamp: at + 120, mdnError: input.mdnError ?? false, content: input.mdnError ? 'The AS2 message could not be processed: decryption-failed' : 'The AS2 message has been received and processed.' },
        attachments: input.files.map((file) => ({ name: file.name, size: file.content.length })),
      },
      files: input.files,
      read: false,
    };
    this.received.push(message);
    return message;
  }

  enqueue(input: Omit<QueuedEntry, 'id' | 'enqueuedAt' | 'dueAt' | 'attempts' | 'stopped'>): QueuedEntry {
    const now = Date.now();
    const entry: QueuedEntry = { ...input, id: newMessageId(), enqueuedAt: now, dueAt: now + this.transitionMs, attempts: 0, stopped: false };
    this.queued.push(entry);
    return entry;
  }

  /** Moves every due queue entry on: sent, or a failed attempt (stopping after the 10th). */
  tick(now = Date.now()): void {
    for (const entry of [...this.queued]) {
      if (entry.stopped || entry.dueAt > now) continue;
      entry.attempts++;
      const partner = this.partners.find((candidate) => candidate.as2Identifier === entry.partner);
      const base = {
        as2MessageId: entry.id,
        persistedTimestamp: now,
        compressed: partner?.compressBefore ?? false,
        encrypted: partner?.encryptMessages ?? true,
        signed: partner?.signMessage ?? true,
        ...(entry.subject === undefined ? {} : { subject: entry.subject }),
        receiverId: entry.partner,
        senderId: entry.station,
        partnerType: entry.partnerType,
        attachments: entry.files.map((file) => ({ name: file.name, size: file.content.length })),
      };
      if (this.unreachable.has(entry.partner)) {
        this.failed.push({ entity: { ...base, transportStatusReceived: 503, deliveryStatus: 'Not Delivered', mdnStatus: 'No MDN' }, files: entry.files, read: true });
        entry.dueAt = now + this.transitionMs;
        if (entry.attempts >= MAX_ATTEMPTS) entry.stopped = true;
        continue;
      }
      const mdn = partner?.requestMdn ?? true;
      this.sent.push({
        entity: {
          ...base,
          transportStatusReceived: 200,
          deliveryStatus: 'Delivered',
          mdnStatus: mdn ? 'Received' : 'Not Requested',
          ...(mdn ? { mdnMessage: { persistedTimestamp: now + 80, mdnError: false, content: `The AS2 message sent to ${entry.partner} has been received.` } } : {}),
        },
        files: entry.files,
        read: true,
      });
      this.queued.splice(this.queued.indexOf(entry), 1);
    }
  }

  list(category: 'received' | 'sent' | 'failed'): SimMessage[] {
    return this[category];
  }

  /** The queue as the queued endpoints show it: an entity without attachments (seed §6.4). */
  queuedEntity(entry: QueuedEntry): As2gMessage {
    const last = this.failed.filter((message) => message.entity.as2MessageId === entry.id).at(-1);
    return {
      as2MessageId: entry.id,
      persistedTimestamp: entry.enqueuedAt,
      compressed: false,
      encrypted: true,
      signed: true,
      ...(entry.subject === undefined ? {} : { subject: entry.subject }),
      receiverId: entry.partner,
      senderId: entry.station,
      ...(last ? { transportStatusReceived: last.entity.transportStatusReceived } : {}),
      mdnStatus: 'Pending',
      partnerType: entry.partnerType,
      attachments: [],
    };
  }
}
