// Hostile and random input for the pre-upload check of CSV/TXT/XLSX files: random well-formed CSV (quoted fields,
// embedded delimiters, quotes and line breaks) must read back cell for cell with its line numbers, whatever the
// chunking of the stream; mutated, truncated and binary input must end in a result (never a throw) within a time
// bound, with line numbers inside the file and a preview no larger than its limits.
// COURIER_FUZZ_CASES raises the count (default 2,000); COURIER_FUZZ_SEED replays another sequence.
import { describe, expect, it } from 'vitest';
import type { DocumentSource } from '../../electron/core/documents/documentSource';
import { inspectDocument } from '../../electron/core/documents/inspectDocument';
import { below, pick, prng, type Random } from '../support/prng';

const CASES = Number(process.env.COURIER_FUZZ_CASES ?? 2_000);
const SEED = Number(process.env.COURIER_FUZZ_SEED ?? 20_260_416);
const CASE_BUDGET_MS = 1000;
const AT = new Date('2026-04-15T00:00:00Z');

/** The bytes as a stream cut at random places (or in one piece). */
function source(bytes: Uint8Array, fileName: string, next: Random | null): DocumentSource {
  return {
    fileName,
    size: bytes.length,
    path: null,
    async *chunks() {
      if (!next) return yield bytes;
      for (let offset = 0; offset < bytes.length; ) {
        const size = 1 + below(next, 70_000);
        yield bytes.subarray(offset, offset + size);
        offset += size;
      }
    },
  };
}

const ALPHABET = ['a', 'Z', '0', ' ', 'é', '€', '"', ',', ';', '\n', '\r\n', '\t', '中'];

function cell(next: Random): string {
  let text = '';
  for (let i = below(next, 8); i > 0; i--) text += pick(next, ALPHABET);
  return text;
}

/** Quoted when it holds a quote, a line break or any delimiter candidate, so the delimiter is unambiguous. */
function quote(value: string): string {
  return /["\n\r,;\t|]/.test(value) || value === '' ? `"${value.replaceAll('"', '""')}"` : value;
}

describe('fuzzing the CSV inspector', () => {
  it(`reads ${CASES} random well-formed CSVs back cell for cell, however the stream is cut`, () => {
    const next = prng(SEED);
    return (async () => {
      for (let n = 0; n < CASES; n++) {
        const delimiter = pick(next, [',', ';', '\t', '|']);
        const columns = 2 + below(next, 5);
        const rows = Array.from({ length: 1 + below(next, 30) }, () => Array.from({ length: columns }, () => cell(next)));
        const text = rows.map((row) => row.map((value) => quote(value)).join(delimiter)).join(pick(next, ['\n', '\r\n'])) + pick(next, ['', '\n']);
        const bytes = Buffer.from(text);
        const whole = await inspectDocument(source(bytes, 'f.csv', null), AT);
        const cut = await inspectDocument(source(bytes, 'f.csv', next), AT);
        expect(cut, `case ${n}`).toEqual(whole);
        expect(whole.ok, `case ${n}: ${JSON.stringify(whole.problems)}`).toBe(true);
        expect(whole.rows).toBe(rows.length);
        expect(whole.columns).toBe(columns);
        expect(whole.firstRows, `case ${n}`).toEqual(rows.slice(0, 10));
      }
    })();
  }, 120_000);

  it(`survives ${CASES} mutated, truncated and binary inputs with sane line numbers and bounded previews`, async () => {
    const next = prng(SEED + 1);
    const base = Buffer.from('Date,Invoice,"Supplier, name",Amount\n2026-04-01,INV-1,"Acme ""X""",1.5\n2026-04-02,INV-2,"multi\nline",2\n');
    for (let n = 0; n < CASES; n++) {
      const bytes = Buffer.from(base.subarray(0, below(next, base.length + 1)));
      for (let i = below(next, 6); i > 0 && bytes.length > 0; i--) bytes[below(next, bytes.length)] = below(next, 256);
      const input = next() < 0.1 ? Buffer.concat([bytes, Buffer.alloc(below(next, 200_000), pick(next, [0x22, 0x2c, 0x0a, 0x41]))]) : bytes;
      const fileName = pick(next, ['a.csv', 'b.txt', 'c.xlsx', 'd', 'e e.CSV']);
      const start = performance.now();
      const result = await inspectDocument(source(input, fileName, next), AT);
      expect(performance.now() - start, `case ${n}`).toBeLessThan(CASE_BUDGET_MS);
      const lines = input.filter((byte) => byte === 0x0a).length + 1;
      for (const problem of result.problems) if (problem.line !== null) expect(problem.line, `case ${n}`).toBeLessThanOrEqual(lines);
      expect(result.firstRows.length).toBeLessThanOrEqual(10);
      for (const row of result.firstRows) {
        expect(row.length).toBeLessThanOrEqual(200);
        for (const value of row) expect(value.length).toBeLessThanOrEqual(200);
      }
      expect(result.ok).toBe(!result.problems.some((problem) => problem.severity === 'error'));
    }
  }, 120_000);
});
