// Every algorithm of the S/MIME engine through an actual AS2 exchange over HTTPS: each content cipher (and none)
// × each signing digest (and none), with the key transports and compression orders cycling through them, sent
// by the queue and opened by a receiving station that answers a signed sync MDN — all must end delivered with
// a matching MIC and the payload intact.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as2Ciphers, as2Compressions, as2Digests, as2KeyTransports, type As2Partner, type MessageSummary } from '../../shared/ipc';
import type { CourierContext } from '../../electron/core/home/openHome';
import { queueStoredPayload } from '../../electron/core/transports/as2/as2Sender';
import { startOutboundQueue, type OutboundQueue } from '../../electron/core/transports/as2/outboundQueue';
import { addMendelsonStation, addPartner, MENDELSON_DIR } from '../support/as2Exchange';
import { startTestReceiver, type TestReceiver } from '../support/as2TestReceiver';
import { openTestHome, tempDir } from '../support/home';

const dir = tempDir('courier-as2-matrix-');
const work = tempDir('courier-as2-matrix-work-');

let ctx: CourierContext;
let receiver: TestReceiver;
let partner: As2Partner;
let queue: OutboundQueue;

const ciphers = [...as2Ciphers, 'none'] as const;
const digests = [...as2Digests, 'none'] as const;
const combinations = ciphers.flatMap((cipher, c) =>
  digests.map((signDigest, d) => {
    const i = c * digests.length + d;
    return { cipher, signDigest, keyTransport: as2KeyTransports[i % 2]!, compression: as2Compressions[i % 3]! };
  }),
);

function settled(id: number): Promise<MessageSummary> {
  return new Promise((resolve) => {
    const current = ctx.messages.summary(id);
    if (['delivered', 'delivered-with-warning', 'failed'].includes(current.status)) return resolve(current);
    const unsubscribe = ctx.events.subscribe((event) => {
      if (event.type === 'messages.changed' && event.message.id === id && ['delivered', 'delivered-with-warning', 'failed'].includes(event.message.status)) {
        unsubscribe();
        resolve(event.message);
      }
    });
  });
}

beforeAll(async () => {
  ctx = await openTestHome(dir.path);
  await addMendelsonStation(ctx);
  const key = join(work.path, 'receiver.key');
  const cert = join(work.path, 'receiver.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=matrixreceiver'], { stdio: 'ignore' });
  receiver = await startTestReceiver({ as2Id: 'matrixreceiver', keyPem: readFileSync(key, 'utf8'), certPem: readFileSync(cert, 'utf8'), senderCertPem: readFileSync(join(MENDELSON_DIR, 'cert_test_public.pem'), 'utf8') });
  partner = ctx.as2Profiles.getPartner(await addPartner(ctx, 'matrixreceiver', readFileSync(cert), { url: receiver.url }));
  ctx.tlsTrust.trustCa(partner.tlsScope, receiver.caPem);
  queue = startOutboundQueue(ctx, { concurrency: 4 });
});

afterAll(async () => {
  await queue?.close();
  await receiver?.close();
  ctx?.close();
  dir.remove();
  work.remove();
});

describe(`AS2 send: ${combinations.length} algorithm combinations over HTTPS`, () => {
  it('every cipher × digest (with both key transports and all compression orders) is delivered with a matching MIC', async () => {
    const sent = await Promise.all(
      combinations.map(async (security, index) => {
        const text = `combination ${index}: ${JSON.stringify(security)}\r\nline two\n`;
        const blob = await ctx.blobs.put(Buffer.from(text));
        const summary = await queueStoredPayload(ctx, { ...partner, security }, { blob, fileName: `m${index}.txt`, contentType: 'text/plain', subject: null });
        return { security, text, summary };
      }),
    );
    const finals = await Promise.all(sent.map(({ summary }) => settled(summary.id)));
    const outcomes = sent.map(({ security }, index) => `${security.cipher}/${security.signDigest}/${security.keyTransport}/${security.compression}: ${finals[index]!.status}${finals[index]!.status === 'delivered' ? '' : ` (${finals[index]!.statusText})`}`);
    expect(outcomes.filter((line) => !line.endsWith(': delivered'))).toEqual([]);
    for (const [index, { text, summary }] of sent.entries()) {
      expect(receiver.received.get(summary.messageId!)!.payload.toString()).toBe(text);
      const detail = await ctx.messageQueries.detail(summary.id);
      expect(detail.mdn?.micMatches, outcomes[index]).toBe(true);
    }
  }, 120_000);
});
