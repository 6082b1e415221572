// `npm run bench`: every benchmark, each beside a reference measured in the same run; prints a table
// and writes bench/results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { as2Receive } from './as2Receive';
import { cmsThroughput } from './cmsThroughput';
import { durableWrites } from './durableWrites';
import { fiscalUpload } from './fiscalUpload';
import { speedRatio, type BenchResult } from './measure';
import { pacoRoundTrip } from './pacoRoundTrip';
import { rsaKeygen } from './rsaKeygen';

const benches: Array<() => Promise<BenchResult>> = [durableWrites, rsaKeygen, ...cmsThroughput, pacoRoundTrip, as2Receive, fiscalUpload];

// `npm run bench -- as2Receive` runs only the benchmarks whose function names contain an argument.
const only = process.argv.slice(2);
const chosen = only.length === 0 ? benches : benches.filter((bench) => only.some((name) => bench.name.includes(name)));
const results: BenchResult[] = [];
for (const bench of chosen) results.push(await bench());

const rows = results.map((r) => [r.name, `${r.median.toFixed(1)} ${r.unit}`, `${r.reference.median.toFixed(1)} ${r.unit}`, r.reference.name, speedRatio(r).toFixed(2)]);
// The ratio is always speed, ours over the reference's: above 1 means Courier is faster, for ms as for msg/s.
const header = ['benchmark', 'courier (median)', 'reference (median)', 'reference', 'speed ratio (ours/ref)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));

// A partial run replaces its own rows in results.json and keeps the others.
const resultsFile = new URL('../../bench/results.json', import.meta.url);
const earlier: BenchResult[] = only.length > 0 && existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: BenchResult[] }).results : [];
const merged = [...earlier.filter((old) => !results.some((fresh) => fresh.name === old.name)), ...results];
writeFileSync(resultsFile, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results: merged }, null, 2)}\n`);
