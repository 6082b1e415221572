// Durable message writes per second (blob tmp→fsync→rename→fsync dir, then a synchronous=FULL row),
// beside the floor: a raw fs write + fsync of the same bytes to a new file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHome } from '../electron/core/home/openHome';
import type { MessageFacts } from '../electron/core/messages/messageRecords';
import type { StoredBlob } from '../electron/core/store/blobs';
import type { MasterKeyProtector } from '../electron/core/secrets/masterKey';
import { series, type BenchResult } from './measure';

const RUNS = 5;
const MESSAGES = 200;
const PAYLOAD_BYTES = 10 * 1024;

export const benchProtector: MasterKeyProtector = {
  kind: 'passphrase',
  passphrase: async () => 'bench-passphrase',
  cost: { N: 2 ** 14, r: 8, p: 1 },
};

/** A received message with no partner: blob durable first, then its row (what every receive does). */
function benchMessage(wire: StoredBlob): MessageFacts {
  return {
    direction: 'inbound',
    protocol: 'bench',
    messageId: null,
    partnerId: null,
    stationId: null,
    subject: null,
    fileName: null,
    contentType: null,
    headers: [],
    wire,
    payload: wire,
    security: null,
    problem: null,
    status: 'received',
    statusText: null,
  };
}

export async function durableWrites(): Promise<BenchResult> {
  const payloads = Array.from({ length: MESSAGES }, () => randomBytes(PAYLOAD_BYTES));
  const ours: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const home = mkdtempSync(join(tmpdir(), 'courier-bench-'));
    try {
      const ctx = await openHome({ home, host: 'cli', protector: benchProtector });
      let start = performance.now();
      for (const bytes of payloads) ctx.messages.insert(benchMessage(await ctx.blobs.put(bytes)));
      ours.push(MESSAGES / ((performance.now() - start) / 1000));
      ctx.close();

      const rawDir = mkdtempSync(join(home, 'raw-'));
      start = performance.now();
      for (const [i, bytes] of payloads.entries()) {
        const handle = await open(join(rawDir, String(i)), 'wx');
        await handle.writeFile(bytes);
        await handle.sync();
        await handle.close();
      }
      raw.push(MESSAGES / ((performance.now() - start) / 1000));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  return {
    ...series(`durable message write (${PAYLOAD_BYTES / 1024} KiB, blob + row)`, ours),
    unit: 'msg/s',
    reference: series('fs write + fsync, same bytes', raw),
    notes: `${MESSAGES} messages per run, ${RUNS} runs; ours adds a directory fsync and a WAL commit per message`,
  };
}
