// Why this file exists: peak memory is per process, so the streaming AS2 pipeline is measured in a child of its
// own. `node as2Pipeline.js seal|open <in> <out> <our cert> <our key> <partner cert>` runs one direction file → file
// and prints {"ms":…, "maxRssBytes":…}. Used by bench/cmsThroughput.ts and test/integration/cmsStreaming1GB.test.ts.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openMessage } from '../electron/core/as2/openMessage';
import { composeMessage } from '../electron/core/as2/composeMessage';
import { partnerInteropSchema } from '../shared/ipc';
import { peakRssBytes } from './measure';

/** Large reads: fewer, bigger cipher and hash calls; memory stays a few chunks. */
const CHUNK = 1024 * 1024;

const [direction, input, output, ourCert, ourKey, partnerCert] = process.argv.slice(2);
if (!direction || !input || !output || !ourCert || !ourKey || !partnerCert || !['seal', 'open'].includes(direction)) {
  console.error('usage: as2Pipeline seal|open <in> <out> <our cert> <our key> <partner cert>');
  process.exit(2);
}
const us = { certificate: new X509Certificate(readFileSync(ourCert)), privateKey: createPrivateKey(readFileSync(ourKey)) };
const partner = new X509Certificate(readFileSync(partnerCert));
const source = createReadStream(input, { highWaterMark: CHUNK });
const start = performance.now();

if (direction === 'seal') {
  const sealed = composeMessage(source, {
    payload: { contentType: 'application/octet-stream', fileName: 'payload.bin' },
    sign: { signer: us, digest: 'sha256' },
    encrypt: { certificate: partner, cipher: 'aes-256-cbc', keyTransport: 'rsa-pkcs1v15' },
    compression: 'none',
    interop: partnerInteropSchema.parse({}),
    micAlgorithm: 'sha256',
  });
  await pipeline(Readable.from(sealed.body), createWriteStream(output));
} else {
  const opened = await openMessage(source, { identities: [us], certificates: [partner] });
  await pipeline(Readable.from(opened.payload), createWriteStream(output));
  opened.result();
}
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, maxRssBytes: peakRssBytes() }));
