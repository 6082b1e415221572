// Time to a stored RSA-4096 key pair through Courier's whole path (worker thread, PBES2 encryption, durable
// file, catalog row, audit entry) beside `openssl genpkey` making one in the same run. Runs alternate, so
// both see the same machine load; RSA prime search varies a lot from key to key, hence the median.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openHome } from '../electron/core/home/openHome';
import { AT_REST_PBKDF2_ITERATIONS } from '../electron/core/keys/keyVault';
import { benchProtector } from './durableWrites';
import { series, type BenchResult } from './measure';

const RUNS = 7;
const execFileAsync = promisify(execFile);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function rsaKeygen(): Promise<BenchResult> {
  const home = mkdtempSync(join(tmpdir(), 'courier-bench-'));
  const ours: number[] = [];
  const openssl: number[] = [];
  try {
    const ctx = await openHome({ home, host: 'cli', protector: benchProtector });
    for (let run = 0; run < RUNS; run++) {
      ours.push(await timed(() => ctx.keys.generate({ jobId: `bench-${run}`, label: `bench ${run}`, purpose: 'paco-signing', algorithm: { type: 'rsa', bits: 4096 } })));
      openssl.push(await timed(() => execFileAsync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096'], { maxBuffer: 1 << 20 })));
    }
    ctx.close();
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return {
    ...series('RSA-4096 key pair, generated and stored', ours),
    unit: 'ms',
    better: 'lower',
    reference: series('openssl genpkey rsa_keygen_bits:4096', openssl),
    notes: `${RUNS} keys each, alternating; ours includes the worker start, encryption (PBKDF2, ${AT_REST_PBKDF2_ITERATIONS} iterations), fsyncs and the row; openssl's includes its process start`,
  };
}
