// PACO round trips per second with RSA-4096 keys: through Courier's modules (sign + encrypt the request,
// HTTPS to the PACO simulator, decrypt + verify the answer) beside the same four client operations done
// with bare jose calls and no HTTP, in the same run; openssl's RSA-4096 private-operation rate is the floor.
import { execFile } from 'node:child_process';
import { generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { compactDecrypt, CompactEncrypt, compactVerify, CompactSign } from 'jose';
import { PACO_OPERATIONS, pacoPublicKey } from '../electron/core/transports/paco/pacoClient';
import { pacoExchange } from '../electron/core/transports/paco/pacoHttp';
import { buildRequestToken } from '../electron/core/transports/paco/requestToken';
import { openResponseToken } from '../electron/core/transports/paco/responseToken';
import { startPacoSimulator, type PacoSimulator } from '../simulators/paco/pacoSimulator';
import { median, series, type BenchResult } from './measure';

const RUNS = 5;
const ROUND_TRIPS = 20;
const SIGNING = 'PS256';
const ENCRYPTION = 'A128CBC-HS256';
const API_KEY = 'bench-api-key';
const REQUEST = { apiRequest: { officeId: 'BENCH' } };
const execFileAsync = promisify(execFile);
const generateRsa = promisify(generateKeyPair);
const utf8 = new TextEncoder();

interface Merchant {
  signing: { privateKey: KeyObject; publicKey: KeyObject };
  encryption: { privateKey: KeyObject; publicKey: KeyObject };
}

/** One POST of a request token to the simulator, as PACO's client sends it; the answer's body. */
async function exchange(sim: PacoSimulator, token: string): Promise<string> {
  const answer = await pacoExchange({
    url: new URL(PACO_OPERATIONS.transactionList, sim.url),
    method: 'POST',
    headers: { token: 'bench-token', authorization: `Basic ${Buffer.from('bench:bench').toString('base64')}`, accept: 'application/jose', 'content-type': 'application/jose' },
    body: token,
    scope: 'paco:bench',
    trust: { caPems: [sim.caPem], pins: [] },
    maxResponseBytes: 1 << 22,
    timeoutMs: 30_000,
  });
  if (answer.status !== 200) throw new Error(`the simulator answered HTTP ${answer.status}: ${answer.body}`);
  return answer.body;
}

/** Courier's client side of one round trip, with the time spent in the two token modules added to `clientMs`. */
async function ourRoundTrip(sim: PacoSimulator, merchant: Merchant, clientMs: { total: number }): Promise<void> {
  const pacoEncryptionKey = pacoPublicKey(sim.encryptionKey.pem);
  const verificationKeys = new Map([[sim.signingKey.kid, pacoPublicKey(sim.signingKey.pem)]]);
  let start = performance.now();
  const { token } = await buildRequestToken({
    apiKey: API_KEY,
    request: REQUEST,
    signingKey: merchant.signing.privateKey,
    signingKid: 'merchant-sig',
    signingAlgorithm: SIGNING,
    pacoEncryptionKey,
    pacoEncryptionKid: sim.encryptionKey.kid,
    contentEncryption: ENCRYPTION,
  });
  clientMs.total += performance.now() - start;
  const answer = await exchange(sim, token);
  start = performance.now();
  await openResponseToken(answer, { apiKey: API_KEY, decryptionKeys: [{ kid: 'merchant-enc', key: merchant.encryption.privateKey }], verificationKeys, contentEncryption: ENCRYPTION });
  clientMs.total += performance.now() - start;
}

/** Sign + encrypt a request on bare jose, the claims and headers buildRequestToken writes. */
async function bareRequest(merchant: Merchant, pacoEncryption: KeyObject): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { aud: 'PacoAudience', iss: API_KEY, request: REQUEST, iat: now, nbf: now, exp: now + 300, jti: randomUUID() };
  const jws = await new CompactSign(utf8.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: SIGNING, kid: 'merchant-sig', typ: 'JWT', exp: claims.exp, crit: ['exp'] })
    .sign(merchant.signing.privateKey, { crit: { exp: true } });
  return new CompactEncrypt(utf8.encode(jws)).setProtectedHeader({ alg: 'RSA-OAEP', enc: ENCRYPTION, cty: 'JWT' }).encrypt(pacoEncryption);
}

/** The same four operations on bare jose: sign + encrypt a request, decrypt + verify a (recorded) answer. */
async function bareRoundTrip(merchant: Merchant, pacoEncryption: KeyObject, pacoSigning: KeyObject, answer: string): Promise<void> {
  await bareRequest(merchant, pacoEncryption);
  const { plaintext } = await compactDecrypt(answer, merchant.encryption.privateKey);
  await compactVerify(new TextDecoder().decode(plaintext), pacoSigning, { crit: { exp: true } });
}

/** `openssl speed -seconds 3 rsa4096`: the "sign/s" column of its result table. */
async function opensslRsa4096SignsPerSecond(): Promise<number> {
  const { stdout } = await execFileAsync('openssl', ['speed', '-seconds', '3', 'rsa4096'], { maxBuffer: 1 << 20 });
  const lines = stdout.split('\n');
  const header = lines.find((line) => line.includes('sign/s'));
  const row = lines.find((line) => /^rsa\s+4096\s+bits/.test(line));
  if (!header || !row) throw new Error(`cannot read openssl speed output: ${stdout}`);
  const column = header.trim().split(/\s+/).indexOf('sign/s');
  const value = Number(row.replace(/^rsa\s+4096\s+bits\s+/, '').trim().split(/\s+/)[column]);
  if (!Number.isFinite(value)) throw new Error(`cannot read openssl speed output: ${row}`);
  return value;
}

async function perSecond(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ROUND_TRIPS; i++) await work();
  return ROUND_TRIPS / ((performance.now() - start) / 1000);
}

export async function pacoRoundTrip(): Promise<BenchResult> {
  const rsa4096 = () => generateRsa('rsa', { modulusLength: 4096 });
  const [signing, encryption] = await Promise.all([rsa4096(), rsa4096()]);
  const merchant: Merchant = { signing, encryption };
  const sim = await startPacoSimulator({
    apiKey: API_KEY,
    token: 'bench-token',
    basicUser: 'bench',
    basicPassword: 'bench',
    merchantSigningKeys: [{ kid: 'merchant-sig', key: signing.publicKey }],
    merchantEncryptionKey: { kid: 'merchant-enc', key: encryption.publicKey },
    rsaBits: 4096,
  });
  const ours: number[] = [];
  const bare: number[] = [];
  const clientMsPerRoundTrip: number[] = [];
  try {
    await ourRoundTrip(sim, merchant, { total: 0 });
    const recorded = await exchange(sim, await bareRequest(merchant, pacoPublicKey(sim.encryptionKey.pem)));
    const pacoEncryption = pacoPublicKey(sim.encryptionKey.pem);
    const pacoSigning = pacoPublicKey(sim.signingKey.pem);
    for (let run = 0; run < RUNS; run++) {
      const clientMs = { total: 0 };
      ours.push(await perSecond(() => ourRoundTrip(sim, merchant, clientMs)));
      clientMsPerRoundTrip.push(clientMs.total / ROUND_TRIPS);
      bare.push(await perSecond(() => bareRoundTrip(merchant, pacoEncryption, pacoSigning, recorded)));
    }
  } finally {
    await sim.close();
  }
  const signsPerSecond = await opensslRsa4096SignsPerSecond();
  const oursClientMs = median(clientMsPerRoundTrip);
  const reference = series('bare jose: the same 4 client operations, no HTTP', bare);
  const bareMs = 1000 / reference.median;
  return {
    ...series('PACO round trip, RSA-4096 (sign+encrypt, HTTPS to simulator, decrypt+verify)', ours),
    unit: 'round trips/s',
    reference,
    notes:
      `${RUNS} runs of ${ROUND_TRIPS} round trips each, ${SIGNING} / RSA-OAEP + ${ENCRYPTION}, alternating. ` +
      `Ours also waits for the simulator's own RSA-4096 decrypt + verify + sign + encrypt and TLS, so it holds 4 private operations to bare jose's 2. ` +
      `Client side alone (our token modules, median of runs): ${oursClientMs.toFixed(1)} ms per round trip vs bare jose ${bareMs.toFixed(1)} ms, overhead ${((oursClientMs / bareMs - 1) * 100).toFixed(1)} % (target <= 15 %). ` +
      `Physical limit: openssl speed rsa4096 ${signsPerSecond.toFixed(1)} sign/s on one core = ${(signsPerSecond / 2).toFixed(1)} client round trips/s (2 private ops), ${(signsPerSecond / 4).toFixed(1)} with PACO's side on the same core.`,
  };
}
