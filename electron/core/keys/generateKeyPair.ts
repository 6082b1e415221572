// Key pair generation on a worker thread of its own: RSA-4096 is seconds of prime search, which must
// neither stall the event loop (the UI, the AS2 listener) nor be impossible to abandon. Cancelling
// terminates the worker; its result, if OpenSSL was mid-search, is never read.
import { Worker } from 'node:worker_threads';
import type { KeyAlgorithm } from '../../../shared/ipc';
import { CourierError } from '../errors';

export interface GeneratedKeyPair {
  /** DER SubjectPublicKeyInfo. */
  spki: Buffer;
  /** DER PKCS#8 PrivateKeyInfo, unencrypted: the caller encrypts it and then zeroes this buffer. */
  privateKeyInfo: Buffer;
}

/**
 * The worker's whole program, run as CommonJS source so that it needs no file of its own beside the
 * bundled CLI or the Electron main script. It zeroes its copy once the message is cloned.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { generateKeyPairSync } = require('node:crypto');
const pair = generateKeyPairSync(workerData.type, {
  ...workerData.options,
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'der' },
});
parentPort.postMessage({ spki: pair.publicKey, privateKeyInfo: pair.privateKey });
pair.privateKey.fill(0);
`;

function workerData(algorithm: KeyAlgorithm) {
  return algorithm.type === 'rsa'
    ? { type: 'rsa', options: { modulusLength: algorithm.bits, publicExponent: 0x10001 } }
    : { type: 'ec', options: { namedCurve: algorithm.curve } };
}

export function cancelledError(): CourierError {
  return new CourierError('CANCELLED', 'Key generation was cancelled; nothing was stored.');
}

/** Resolves with the new pair, or rejects with CANCELLED as soon as `signal` aborts. */
export function generateKeyPair(algorithm: KeyAlgorithm, signal: AbortSignal): Promise<GeneratedKeyPair> {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: workerData(algorithm) });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      settle(() => reject(cancelledError()));
      void worker.terminate();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: { spki: Uint8Array; privateKeyInfo: Uint8Array }) => {
      if (settled) return void message.privateKeyInfo.fill(0);
      const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      settle(() => resolve({ spki: view(message.spki), privateKeyInfo: view(message.privateKeyInfo) }));
    });
    worker.once('error', () => settle(() => reject(new CourierError('INTERNAL', 'Key generation failed inside its worker thread.', 'Try again.'))));
    worker.once('exit', () => settle(() => reject(new CourierError('INTERNAL', 'Key generation stopped before it produced a key.', 'Try again.'))));
  });
}
