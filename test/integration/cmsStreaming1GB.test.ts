// Issue 5's streaming bound: a large payload is signed+encrypted and decrypted+verified file → file by the AS2
// pipeline, each direction in a child process of its own so its peak RSS is its own, and the result is the same
// bytes. COURIER_STREAM_TEST_BYTES sets the size (default 64 MiB; the figure is 1 GiB = 1073741824).
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/home';

const BYTES = Number(process.env.COURIER_STREAM_TEST_BYTES ?? 64 * 1024 * 1024);
const RSS_LIMIT = 300 * 1024 * 1024;
const dir = tempDir('courier-stream-1gb-');
const path = (name: string): string => join(dir.path, name);
afterAll(() => dir.remove());

/** Deterministic incompressible bytes (an AES-CTR keystream), written in 1 MiB chunks; returns their SHA-256. */
async function writePayload(file: string, size: number): Promise<string> {
  const keystream = createCipheriv('aes-256-ctr', Buffer.alloc(32, 7), Buffer.alloc(16));
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += zeros.length) {
    const chunk = keystream.update(zeros.subarray(0, Math.min(zeros.length, size - written)));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve(undefined))));
  return hash.digest('hex');
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function identity(name: string): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-days', '2', '-keyout', path(`${name}.key`), '-out', path(`${name}.pem`)], { stdio: 'pipe' });
}

interface ChildFigures {
  ms: number;
  maxRssBytes: number;
}

function runChild(script: string, args: string[]): ChildFigures {
  return JSON.parse(execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' })) as ChildFigures;
}

describe(`a ${(BYTES / 2 ** 20).toFixed(0)} MiB payload through the streamed AS2 pipeline, each direction in its own process`, () => {
  it(`signs+encrypts and decrypts+verifies to the same bytes with peak RSS under ${RSS_LIMIT / 2 ** 20} MB`, { timeout: 60_000 + BYTES / 5000 }, async () => {
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
    identity('alice');
    identity('bob');
    const payloadHash = await writePayload(path('payload.bin'), BYTES);

    const seal = runChild(script, ['seal', path('payload.bin'), path('sealed.p7m'), path('alice.pem'), path('alice.key'), path('bob.pem')]);
    expect(statSync(path('sealed.p7m')).size).toBeGreaterThan(BYTES);
    const open = runChild(script, ['open', path('sealed.p7m'), path('opened.bin'), path('bob.pem'), path('bob.key'), path('alice.pem')]);
    expect(await sha256File(path('opened.bin'))).toBe(payloadHash);

    console.log(`${BYTES} bytes: seal ${seal.ms.toFixed(0)} ms, peak RSS ${(seal.maxRssBytes / 2 ** 20).toFixed(0)} MiB; open ${open.ms.toFixed(0)} ms, peak RSS ${(open.maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
    expect(seal.maxRssBytes).toBeLessThan(RSS_LIMIT);
    expect(open.maxRssBytes).toBeLessThan(RSS_LIMIT);
  });
});
