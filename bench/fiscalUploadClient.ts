// Why this file exists: peak memory is per process, so a FISCAL upload is measured in a child of its own.
// `node fiscalUploadClient.js <home> <simulator url> <ca.pem> <token file> <file>` opens a fresh home, saves a
// profile for the simulator (its CA trusted for the profile's scope), uploads the file through uploadToFiscal
// (check, blob, streamed HTTPS POST) and prints {"totalMs", "sendMs", "maxRssBytes", "status", "bytes"}.
// Used by bench/fiscalUpload.ts and test/integration/fiscalStreamingLarge.test.ts.
import { readFileSync } from 'node:fs';
import { openHome } from '../electron/core/home/openHome';
import { documentSource } from '../electron/core/documents/documentSource';
import { fiscalProfilesOf, uploadToFiscal } from '../electron/core/transports/fiscal/fiscalUpload';
import { fiscalTlsScope } from '../electron/core/transports/fiscal/fiscalProfiles';
import { peakRssBytes } from './measure';

const [home, url, caFile, tokenFile, file] = process.argv.slice(2);
if (!home || !url || !caFile || !tokenFile || !file) {
  console.error('usage: fiscalUploadClient <home> <simulator url> <ca.pem> <token file> <file>');
  process.exit(2);
}
const ctx = await openHome({ home, host: 'cli', protector: { kind: 'passphrase', passphrase: async () => 'bench-passphrase', cost: { N: 2 ** 12, r: 8, p: 1 } } });
ctx.tlsTrust.trustCa(fiscalTlsScope('bench'), readFileSync(caFile, 'utf8'));
fiscalProfilesOf(ctx).save({ name: 'bench', region: 'uksouth', customer: 'bench', unit: 'bench', token: readFileSync(tokenFile, 'utf8').trim(), tokenExpiresOn: '2099-12-31', remindDaysBefore: 14, baseUrl: url });

let sendStart = 0;
let sendEnd = 0;
ctx.events.subscribe((event) => {
  if (event.type !== 'transfers.progress') return;
  if (event.transfer.state === 'sending' && sendStart === 0) sendStart = performance.now();
  if (event.transfer.state === 'done') sendEnd = performance.now();
});
const start = performance.now();
const result = await uploadToFiscal(ctx, { profile: 'bench', fileType: 'APT', source: await documentSource({ path: file }) });
const totalMs = performance.now() - start;
ctx.close();

console.log(JSON.stringify({ totalMs, sendMs: sendEnd - sendStart, maxRssBytes: peakRssBytes(), status: result.answer.status, bytes: result.message.payloadSize }));
process.exit(0);
