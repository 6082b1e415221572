// Reliability of the AS2 receiver (DESIGN §3: blobs, then rows, then the answer): `courier serve --as2-port` is
// killed with SIGKILL while a burst of messages arrives. After a restart, every message whose MDN the partner got is
// stored intact, none is stored twice, and the partner's retries of the unanswered ones are answered and stored.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierContext } from '../../electron/core/home/openHome';
import { readBlob } from '../../electron/core/transports/as2/receiveBody';
import { addMendelsonStation, MENDELSON_DIR, post, SIGNED_MDN_OPTIONS, type HttpAnswer } from '../support/as2Exchange';
import { startCourier, stopCourier } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';

const MESSAGES = 40;
const CONCURRENCY = 4;
/** SIGKILL once this many MDNs have come back. */
const KILL_AFTER = 12;

const dir = tempDir('courier-as2-crash-');
const work = tempDir('courier-as2-crash-work-');
const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };

interface Outgoing {
  messageId: string;
  payload: Buffer;
  body: Buffer;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} never opened`);
}

/** Encrypted to our station with openssl (3DES-free: AES-128), each with its own payload. */
function message(index: number): Outgoing {
  const payload = Buffer.concat([Buffer.from(`UNB+UNOA:2+crash-test:${index}'\n`), randomBytes(4096).toString('base64').match(/.{1,76}/g)!.map((line) => Buffer.from(`${line}\n`)).reduce((a, b) => Buffer.concat([a, b]))]);
  const entity = join(work.path, `m${index}.entity`);
  writeFileSync(entity, Buffer.concat([Buffer.from(`Content-Type: application/edifact\r\nContent-Disposition: attachment; filename="m${index}.edi"\r\n\r\n`), payload]));
  const der = join(work.path, `m${index}.p7m`);
  execFileSync('openssl', ['cms', '-encrypt', '-binary', '-aes128', '-in', entity, '-outform', 'DER', '-out', der, join(MENDELSON_DIR, 'cert_test_public.pem')]);
  return { messageId: `crash-${index}-${randomBytes(4).toString('hex')}@mecas2`, payload, body: readFileSync(der) };
}

function send(port: number, outgoing: Outgoing): Promise<HttpAnswer> {
  return post(
    `http://127.0.0.1:${port}/as2`,
    [
      ['AS2-Version', '1.2'],
      ['AS2-From', 'mecas2'],
      ['AS2-To', 'pyas2lib'],
      ['Message-ID', `<${outgoing.messageId}>`],
      ['Content-Type', 'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m'],
      ['Disposition-Notification-To', 'mailto:as2@mecas2.example'],
      ['Disposition-Notification-Options', SIGNED_MDN_OPTIONS],
    ],
    outgoing.body,
  );
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

let messages: Outgoing[];

beforeAll(async () => {
  const ctx = await openTestHome(dir.path);
  await addMendelsonStation(ctx);
  ctx.close();
  messages = Array.from({ length: MESSAGES }, (_, i) => message(i));
});

afterAll(() => {
  dir.remove();
  work.remove();
});

describe('AS2 receiver killed mid-burst (SIGKILL)', () => {
  it('keeps every acknowledged message intact, stores none twice, and accepts the retries of the rest', async () => {
    const port = await freePort();
    const serve = () => startCourier(['serve', '--home', dir.path, '--port', '0', '--as2-port', String(port)], env);
    const first = await serve();
    await waitForPort(port);

    // The burst: CONCURRENCY senders; the receiver is killed once KILL_AFTER MDNs are back.
    const answered = new Map<string, Buffer>();
    let next = 0;
    let killed = false;
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    const sender = async () => {
      while (next < messages.length && !killed) {
        const outgoing = messages[next++]!;
        try {
          const answer = await send(port, outgoing);
          if (answer.status === 200 && answer.body.length > 0) answered.set(outgoing.messageId, answer.body);
          if (answered.size >= KILL_AFTER && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          // The connection died with the receiver: this message is unanswered, the partner will retry it.
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    await exited;
    expect(killed).toBe(true);
    expect(answered.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(answered.size).toBeLessThan(MESSAGES);

    // Before any restart: every message whose MDN came back is already on record, with that very MDN.
    const afterKill = await openTestHome(dir.path);
    try {
      const partnerId = afterKill.as2Profiles.getPartner('mecas2').id;
      for (const [messageId, mdn] of answered) {
        const id = afterKill.messages.findInbound('as2', partnerId, messageId);
        expect(id, messageId).toBeDefined();
        expect(afterKill.messages.mdnOf(id!)!.wire!.sha256).toBe(sha256(mdn));
      }
    } finally {
      afterKill.close();
    }

    // Restart; the partner retries everything it has no MDN for (and, to check duplicates, two it has).
    const second = await serve();
    await waitForPort(port);
    const unanswered = messages.filter((m) => !answered.has(m.messageId));
    const resent = messages.filter((m) => answered.has(m.messageId)).slice(0, 2);
    const retries = await Promise.all([...unanswered, ...resent].map((m) => send(port, m).then((answer) => ({ m, answer }))));
    for (const { m, answer } of retries) {
      expect(answer.status).toBe(200);
      expect(answer.body.length).toBeGreaterThan(0);
      if (answered.has(m.messageId)) expect(answer.body.equals(answered.get(m.messageId)!)).toBe(true);
      else answered.set(m.messageId, answer.body);
    }
    expect(await stopCourier(second.child)).toBe(0);

    const ctx: CourierContext = await openTestHome(dir.path);
    try {
      const rows = ctx.db
        .prepare<[], { id: number; message_id: string }>(`SELECT id, message_id FROM messages WHERE direction = 'inbound'`)
        .all();
      expect(rows).toHaveLength(MESSAGES);
      expect(new Set(rows.map((row) => row.message_id)).size).toBe(MESSAGES);
      for (const outgoing of messages) {
        const id = ctx.messages.findInbound('as2', ctx.as2Profiles.getPartner('mecas2').id, outgoing.messageId)!;
        const facts = ctx.messages.facts(id);
        expect(facts.status).toBe('received');
        expect((await readBlob(ctx.blobs, facts.payload!)).equals(outgoing.payload)).toBe(true);
        expect((await readBlob(ctx.blobs, facts.wire)).equals(outgoing.body)).toBe(true);
        // The MDN the partner holds is the one on record.
        expect(ctx.messages.mdnOf(id)!.wire!.sha256).toBe(sha256(answered.get(outgoing.messageId)!));
      }
    } finally {
      ctx.close();
    }
  }, 120_000);
});
