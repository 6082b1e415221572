// FISCAL upload throughput: a 200 MB CSV to the FISCAL simulator over loopback HTTPS, Courier's streamed POST (in a
// child process: bench/fiscalUploadClient.ts, its HTTPS send timed from the transfer's start to its end) beside
// `curl --data-binary @file` to the same endpoint with the same headers, in the same run. Peak RSS of the Courier
// child and its whole time (check + durable blob + send) go in the notes.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { startFiscalSimulator } from '../simulators/fiscal/fiscalSimulator';
import { writeCsv } from './csvExtract';
import { median, series, type BenchResult } from './measure';

const BYTES = 200 * 1024 * 1024;
const RUNS = 3;
const TOKEN = 'bench-fiscal-token';
const execFileAsync = promisify(execFile);
const mbPerSecond = (ms: number) => BYTES / 1e6 / (ms / 1000);

export async function fiscalUpload(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'courier-bench-fiscal-'));
  const script = new URL('../../node_modules/.cache/courier-bench/fiscalUploadClient.mjs', import.meta.url).pathname;
  await build({ entryPoints: [new URL('../../bench/fiscalUploadClient.ts', import.meta.url).pathname], outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const file = join(dir, 'extract.csv');
  await writeCsv(file, BYTES);
  const sim = await startFiscalSimulator({ customer: 'bench', token: TOKEN, tokenExpiresAt: new Date(Date.now() + 86_400_000) });
  writeFileSync(join(dir, 'ca.pem'), sim.caPem);
  writeFileSync(join(dir, 'token'), TOKEN);
  const ours: number[] = [];
  const curl: number[] = [];
  const totals: number[] = [];
  const rss: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const { stdout } = await execFileAsync(process.execPath, [script, join(dir, `home-${run}`), sim.url, join(dir, 'ca.pem'), join(dir, 'token'), file], { maxBuffer: 1 << 20 });
      const figures = JSON.parse(stdout) as { totalMs: number; sendMs: number; maxRssBytes: number; status: number };
      if (figures.status !== 201) throw new Error(`the simulator answered ${figures.status}`);
      ours.push(mbPerSecond(figures.sendMs));
      totals.push(mbPerSecond(figures.totalMs));
      rss.push(figures.maxRssBytes / 2 ** 20);
      const url = `${sim.url}/customers/bench/units/bench/Uploads/upload/APT/bench_${run}.csv`;
      const start = performance.now();
      await execFileAsync('curl', ['-sS', '-o', '/dev/null', '--fail', '--cacert', join(dir, 'ca.pem'), '-H', 'Content-Type: text/csv', '-H', `Authorization: Bearer ${TOKEN}`, '--data-binary', `@${file}`, url]);
      curl.push(mbPerSecond(performance.now() - start));
    }
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    ...series('FISCAL upload 200 MB CSV (HTTPS send)', ours),
    unit: 'MB/s',
    reference: series('curl --data-binary @file', curl),
    notes: `whole upload incl. check + durable blob: ${median(totals).toFixed(0)} MB/s; peak RSS of the uploading process ${median(rss).toFixed(0)} MiB`,
  };
}
