// The check a file gets before it leaves the machine: encodings (BOMs, UTF-16, Windows-1252), delimiters, RFC 4180
// quoting, inconsistent column counts with their line numbers, binary data, empty files, bad names, XLSX packages,
// and FISCAL-safe file names.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentSource } from '../../../electron/core/documents/documentSource';
import { inspectDocument } from '../../../electron/core/documents/inspectDocument';
import { safeFileName } from '../../../electron/core/documents/safeFileName';

const AT = new Date('2026-04-15T10:15:30.123Z');
const inspect = async (content: string | Uint8Array, fileName = 'ledger.csv') =>
  inspectDocument(await documentSource({ fileName, contentBase64: Buffer.from(content).toString('base64') }), AT);
const codes = (inspection: Awaited<ReturnType<typeof inspect>>) => inspection.problems.map((p) => `${p.code}@${p.line ?? '-'}`);

describe('safe file names', () => {
  it('folds accents, replaces spaces and specials, timestamps in UTC and keeps the extension', () => {
    expect(safeFileName('Sales Ledger (März).CSV', AT)).toBe('Sales_Ledger_Marz_20260415T101530Z.csv');
    expect(safeFileName('???.xlsx', AT)).toBe('upload_20260415T101530Z.xlsx');
    expect(safeFileName('noext', AT)).toBe('noext_20260415T101530Z');
    expect(safeFileName(`${'a'.repeat(300)}.txt`, AT)).toMatch(/^a{80}_20260415T101530Z\.txt$/);
  });
});

describe('inspectDocument on delimited text', () => {
  it('reads a UTF-8 CSV: delimiter, rows, columns, first rows with quoted fields', async () => {
    const result = await inspect('Date,Supplier,Amount\r\n2026-04-01,"Acme, ""the"" Ltd",1.50\r\n2026-04-02,"Line\nbreak",2\r\n');
    expect(result).toMatchObject({ ok: true, format: 'csv', encoding: 'utf-8', delimiter: ',', rows: 3, columns: 3, problems: [] });
    expect(result.firstRows[1]).toEqual(['2026-04-01', 'Acme, "the" Ltd', '1.50']);
    expect(result.firstRows[2]).toEqual(['2026-04-02', 'Line\nbreak', '2']);
  });

  it('finds semicolons, tabs and pipes, and BOMs', async () => {
    expect((await inspect('a;b;c\n1;2,5;3\n')).delimiter).toBe(';');
    expect((await inspect('a\tb\n1\t2\n', 'x.txt')).delimiter).toBe('\t');
    expect((await inspect('a|b\n1|2\n', 'x.txt')).delimiter).toBe('|');
    expect(await inspect(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,2\n')]))).toMatchObject({ encoding: 'utf-8-bom', firstRows: [['a', 'b'], ['1', '2']] });
  });

  it('reads UTF-16LE with a BOM, and says when the text is Windows-1252 rather than UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name;Stadt\nJörg;Köln\n', 'utf16le')]);
    expect(await inspect(utf16)).toMatchObject({ ok: true, encoding: 'utf-16le', delimiter: ';', firstRows: [['Name', 'Stadt'], ['Jörg', 'Köln']] });
    const latin = Buffer.from('Name,City\nJ\xf6rg,K\xf6ln\n', 'latin1');
    const result = await inspect(latin);
    expect(result).toMatchObject({ ok: true, encoding: 'windows-1252' });
    expect(result.firstRows[1]).toEqual(['Jörg', 'Köln']);
    expect(codes(result)).toEqual(['legacy-encoding@-']);
  });

  it('names every line whose column count differs from the first line', async () => {
    const result = await inspect('a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n');
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['inconsistent-columns@3', 'inconsistent-columns@5']);
    expect(result.problems[0]!.message).toBe('Line 3 has 2 columns; the first line has 3.');
  });

  it('counts lines inside quoted fields, so the line number is the file\'s', async () => {
    expect(codes(await inspect('a,b\n"x\ny",1\n2\n'))).toEqual(['inconsistent-columns@4']);
  });

  it('lists ten column problems and counts the rest', async () => {
    const result = await inspect(`a,b\n${'1\n'.repeat(25)}`);
    expect(result.problems.filter((p) => p.line !== null)).toHaveLength(10);
    expect(result.problems.at(-1)!.message).toContain('15 more records');
  });

  it('refuses an empty file, blank lines only, binary data in a .csv, and an unterminated quote', async () => {
    expect(codes(await inspect(''))).toEqual(['empty@-']);
    expect(codes(await inspect('\n\r\n\n'))).toEqual(['empty@-']);
    const zip = zipSync({ 'a.txt': new Uint8Array(10) });
    expect(await inspect(zip)).toMatchObject({ ok: false, encoding: null, rows: null });
    expect(codes(await inspect(zip))[0]).toBe('binary@1');
    expect(codes(await inspect('a,b\n1,2\n3,\u0000\n'))).toEqual(['binary@3']);
    expect(codes(await inspect('a,b\n1,"open\n2,3\n'))).toEqual(['unterminated-quote@2']);
  });

  it('warns about a header without data, and about a name FISCAL would reject', async () => {
    expect(codes(await inspect('a,b,c\n'))).toEqual(['header-only@-']);
    const named = await inspect('a,b\n1,2\n', 'my file!.csv');
    expect(named.ok).toBe(true);
    expect(named.safeFileName).toBe('my_file_20260415T101530Z.csv');
    expect(codes(named)).toEqual(['bad-file-name@-']);
  });

  it('refuses an extension FISCAL does not take', async () => {
    const result = await inspect('a,b\n1,2\n', 'ledger.pdf');
    expect(result).toMatchObject({ ok: false, format: 'unknown' });
    expect(codes(result)).toEqual(['bad-extension@-']);
  });

  it('stops at a runaway record instead of reading the rest', async () => {
    const source = await documentSource({ fileName: 'x.csv', contentBase64: Buffer.from(`a\n"${'x'.repeat(3000)}`).toString('base64') });
    const result = await inspectDocument(source, AT, { maxRecordBytes: 1000, previewRows: 10, previewCellChars: 200, maxListedProblems: 10 });
    expect(codes(result)).toEqual(['line-too-long@2']);
  });
});

describe('inspectDocument on XLSX', () => {
  it('accepts a workbook package and counts the rows of its first sheet', async () => {
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1"/></row><row r="2"/></sheetData></worksheet>';
    const xlsx = zipSync({ '[Content_Types].xml': Buffer.from('<Types/>'), 'xl/workbook.xml': Buffer.from('<workbook/>'), 'xl/worksheets/sheet1.xml': Buffer.from(sheet) });
    expect(await inspect(xlsx, 'staff.xlsx')).toMatchObject({ ok: true, format: 'xlsx', rows: 2, problems: [] });
  });

  it('refuses a .xlsx that is CSV text, or a zip without a workbook', async () => {
    expect(codes(await inspect('a,b\n', 'staff.xlsx'))).toEqual(['not-xlsx@-']);
    expect(codes(await inspect(zipSync({ 'a.txt': new Uint8Array(1) }), 'staff.xlsx'))).toEqual(['not-xlsx@-']);
    expect(codes(await inspect(Buffer.from('PK\x03\x04garbage'), 'staff.xlsx'))).toEqual(['not-xlsx@-']);
  });
});
