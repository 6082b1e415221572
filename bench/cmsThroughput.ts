// Issue 5's CMS bench: sign+encrypt (SHA-256, AES-256-CBC, RSA-2048) and decrypt+verify through Courier's streamed
// AS2 pipeline, file → file, beside `openssl cms -sign -nodetach | openssl cms -encrypt` and `openssl cms -decrypt |
// openssl cms -verify` on the same files in the same run, alternating. Ours runs in a child process per run
// (bench/as2Pipeline.ts) so its peak RSS is its own; its time is the pipeline's, without Node's start-up.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCipheriv } from 'node:crypto';
import { build } from 'esbuild';
import { median, series, type BenchResult } from './measure';

const RUNS = 5;
const SIZES = [1_000_000, 100_000_000];
const execFileAsync = promisify(execFile);

interface Setup {
  dir: string;
  script: string;
  path: (name: string) => string;
}

let setup: Promise<Setup> | undefined;
let users = 0;

async function prepare(): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'courier-bench-cms-'));
  const path = (name: string): string => join(dir, name);
  const script = path('as2Pipeline.mjs');
  await build({
    entryPoints: [new URL('../../bench/as2Pipeline.ts', import.meta.url).pathname],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  for (const name of ['alice', 'bob']) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-days', '2', '-keyout', path(`${name}.key`), '-out', path(`${name}.pem`)], { stdio: 'pipe' });
  }
  const keystream = createCipheriv('aes-256-ctr', Buffer.alloc(32, 3), Buffer.alloc(16));
  for (const size of SIZES) writeFileSync(path(`payload-${size}`), keystream.update(Buffer.alloc(size)));
  return { dir, script, path };
}

async function ours(s: Setup, args: string[]): Promise<{ ms: number; maxRssBytes: number }> {
  const { stdout } = await execFileAsync(process.execPath, [s.script, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { ms: number; maxRssBytes: number };
}

async function opensslMs(command: string): Promise<number> {
  const start = performance.now();
  await execFileAsync('sh', ['-c', command], { maxBuffer: 1 << 20 });
  return performance.now() - start;
}

const mbPerSecond = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

function bench(direction: 'seal' | 'open', size: number): () => Promise<BenchResult> {
  return async () => {
    users++;
    setup ??= prepare();
    const s = await setup;
    const p = s.path;
    const payload = p(`payload-${size}`);
    // Inputs for the decrypt direction: each side opens what it wrote itself.
    if (direction === 'open') {
      await ours(s, ['seal', payload, p(`ours-${size}.p7m`), p('alice.pem'), p('alice.key'), p('bob.pem')]);
    }
    const opensslSeal = `openssl cms -sign -nodetach -binary -md sha256 -signer ${p('alice.pem')} -inkey ${p('alice.key')} -in ${payload} -outform DER | openssl cms -encrypt -aes256 -binary -outform DER -out ${p(`openssl-${size}.p7m`)} ${p('bob.pem')}`;
    if (direction === 'open') await opensslMs(opensslSeal);
    const opensslOpen = `openssl cms -decrypt -binary -inform DER -in ${p(`openssl-${size}.p7m`)} -inkey ${p('bob.key')} -recip ${p('bob.pem')} | openssl cms -verify -binary -noverify -inform DER -out ${p(`openssl-${size}.out`)}`;
    const ourRuns: number[] = [];
    const rss: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const figures =
        direction === 'seal'
          ? await ours(s, ['seal', payload, p(`ours-${size}.p7m`), p('alice.pem'), p('alice.key'), p('bob.pem')])
          : await ours(s, ['open', p(`ours-${size}.p7m`), p(`ours-${size}.out`), p('bob.pem'), p('bob.key'), p('alice.pem')]);
      ourRuns.push(mbPerSecond(size, figures.ms));
      rss.push(figures.maxRssBytes / 2 ** 20);
      theirs.push(mbPerSecond(size, await opensslMs(direction === 'seal' ? opensslSeal : opensslOpen)));
    }
    if (--users === 0 && direction === 'open' && size === SIZES.at(-1)) rmSync(s.dir, { recursive: true, force: true });
    const label = direction === 'seal' ? 'sign+encrypt' : 'decrypt+verify';
    return {
      ...series(`CMS ${label} ${size / 1e6} MB (SHA-256, AES-256-CBC, RSA-2048)`, ourRuns),
      unit: 'MB/s',
      better: 'higher',
      reference: series(direction === 'seal' ? 'openssl cms -sign -nodetach | openssl cms -encrypt' : 'openssl cms -decrypt | openssl cms -verify', theirs),
      notes: `peak RSS of ours ${median(rss).toFixed(0)} MiB (median of ${RUNS} child processes); ours: streamed AS2 shape (MIME entity, multipart/signed, BER EnvelopedData) timed inside the child; openssl: attached SignedData, wall time of the two processes`,
    };
  };
}

export const cmsThroughput: Array<() => Promise<BenchResult>> = [bench('seal', SIZES[0]!), bench('seal', SIZES[1]!), bench('open', SIZES[0]!), bench('open', SIZES[1]!)];
