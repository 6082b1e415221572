// Received AS2 messages per second: 10 KB payloads, signed and encrypted, each answered with a signed sync MDN
// after the wire message, payload and MDN are durable — 16 concurrent senders over loopback HTTPS to a real
// `courier serve --as2-tls-port` process (the senders run in this process, as partners would). Each message
// costs the receiver two RSA-2048 private operations (decrypt the content key, sign the MDN), so the reference is
// the RSA limit measured in the same run: `openssl speed -seconds 3 rsa2048` signs/s ÷ 2.
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { makeServerIdentity } from '../electron/core/tls/throwawayCa';
import { partnerInputSchema, stationInputSchema } from '../shared/ipc';
import { buildAs2Headers, newMessageId } from '../electron/core/as2/as2Headers';
import { composeMessage } from '../electron/core/as2/composeMessage';
import { openHome } from '../electron/core/home/openHome';
import { collect } from '../electron/core/mime/chunks';
import { importIdentity, importPartnerCertificate } from '../test/support/as2Identities';
import { TEST_PASSPHRASE, testProtector } from '../test/support/home';
import { median, series, type BenchResult } from './measure';
import { createPrivateKey, X509Certificate } from 'node:crypto';

const RUNS = Number(process.env.COURIER_BENCH_RUNS ?? 5);
const MESSAGES = 300;
const SENDERS = 16;
const PAYLOAD_BYTES = 10 * 1024;

interface PreparedMessage {
  headers: Record<string, string>;
  body: Buffer;
}

/** openssl's RSA-2048 private operations per second (one core), from `openssl speed`'s summary line. */
function opensslRsaSignsPerSecond(): number {
  const out = execFileSync('openssl', ['speed', '-seconds', '3', 'rsa2048'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const line = /^rsa 2048 bits\s+\S+s\s+\S+s\s+([\d.]+)/m.exec(out);
  if (!line) throw new Error(`cannot read openssl speed output:\n${out}`);
  return Number(line[1]);
}

const COURIER_BIN = fileURLToPath(new URL('../cli/courier.js', import.meta.url));

/** `courier serve` on the prepared home, receiving AS2 over HTTPS; resolves with its AS2 URL. */
function startReceiver(home: string, tls: { certPem: string; keyPem: string }): Promise<{ child: ChildProcess; url: string }> {
  writeFileSync(join(home, 'as2-tls.crt'), tls.certPem);
  writeFileSync(join(home, 'as2-tls.key'), tls.keyPem);
  const args = ['serve', '--home', home, '--port', '0', '--as2-tls-port', '0', '--as2-tls-cert', join(home, 'as2-tls.crt'), '--as2-tls-key', join(home, 'as2-tls.key')];
  const child = spawn(process.execPath, [COURIER_BIN, ...args], { env: { ...process.env, COURIER_PASSPHRASE: TEST_PASSPHRASE }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /^AS2: (https:\S+)$/m.exec(out);
      if (url) resolve({ child, url: url[1]! });
    });
    child.once('exit', (code) => reject(new Error(`courier serve exited with ${code}`)));
  });
}

async function oneRun(): Promise<{ perSecond: number; p99Ms: number }> {
  const home = mkdtempSync(join(tmpdir(), 'courier-bench-as2-'));
  const ctx = await openHome({ home, host: 'cli', protector: testProtector() });
  const tls = makeServerIdentity('bench-as2');
  const dispatcher = new Agent({ connect: { ca: tls.caPem }, connections: SENDERS });
  let receiver: { child: ChildProcess; url: string } | undefined;
  try {
    const station = await importIdentity(ctx, 'BENCHSTATION');
    const partner = await importPartnerCertificate(ctx, 'BENCHPARTNER');
    await ctx.as2Profiles.saveStation(stationInputSchema.parse({ as2Id: 'BENCHSTATION', signing: { keyId: station.keyId, certificateId: station.certificateId } }));
    await ctx.as2Profiles.savePartner(
      partnerInputSchema.parse({ as2Id: 'BENCHPARTNER', url: 'https://127.0.0.1:9/as2', encryptionCertificateId: partner.id, signatureCertificateId: partner.id }),
    );
    const signer = { certificate: new X509Certificate(partner.certificate.pem), privateKey: createPrivateKey(partner.certificate.keyPem) };
    const stationCertificate = new X509Certificate(station.certificate.pem);
    const interop = partnerInputSchema.parse({ as2Id: 'x', url: 'https://x/' }).interop;
    // Sealed before the clock starts: the sender's work is not what is measured.
    const messages: PreparedMessage[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const composed = composeMessage(randomBytes(PAYLOAD_BYTES), {
        payload: { fileName: `bench-${i}.bin`, contentType: 'application/octet-stream' },
        sign: { signer, digest: 'sha256' },
        encrypt: { certificate: stationCertificate, cipher: 'aes-256-cbc', keyTransport: 'rsa-pkcs1v15' },
        compression: 'none',
        interop,
        micAlgorithm: 'sha256',
      });
      const body = await collect(composed.body);
      const headers = buildAs2Headers({
        as2From: 'BENCHPARTNER',
        as2To: 'BENCHSTATION',
        messageId: newMessageId('bench.partner'),
        subject: 'bench',
        contentType: composed.contentType,
        mdn: { signed: true, micAlgorithms: ['sha256'], asyncUrl: null, returnAddress: 'bench@partner' },
        micalgSpelling: 'rfc5751',
        custom: [],
      });
      messages.push({ headers: Object.fromEntries(headers), body });
    }
    ctx.close();
    receiver = await startReceiver(home, tls);
    const latencies: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let i = next++; i < messages.length; i = next++) {
          const sent = performance.now();
          const answer = await request(receiver!.url, { method: 'POST', headers: messages[i]!.headers, body: messages[i]!.body, dispatcher });
          const text = await answer.body.text();
          if (answer.statusCode !== 200 || !/processed/.test(text) || /processed\/error/.test(text)) throw new Error(`message ${i}: HTTP ${answer.statusCode}: ${text.slice(0, 300)}`);
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: MESSAGES / seconds, p99Ms: latencies[Math.ceil(latencies.length * 0.99) - 1]! };
  } finally {
    await dispatcher.close();
    if (receiver) await new Promise((resolve) => receiver!.child.once('exit', resolve).kill('SIGTERM'));
    ctx.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function as2Receive(): Promise<BenchResult> {
  const ours: number[] = [];
  const p99: number[] = [];
  const limit: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await oneRun();
    ours.push(result.perSecond);
    p99.push(result.p99Ms);
    limit.push(opensslRsaSignsPerSecond() / 2);
  }
  return {
    ...series('AS2 receive 10 KB signed+encrypted, signed sync MDN, durable, 16 senders (HTTPS)', ours),
    unit: 'msg/s',
    reference: series('RSA-2048 limit: openssl speed rsa2048 signs/s ÷ 2', limit),
    notes: `p99 latency ${median(p99).toFixed(0)} ms (median of ${RUNS} runs); target ≥ 0.5 of the RSA limit`,
  };
}
