// What Courier tells a user about a file before it leaves the machine (FISCAL's CSV, TXT and XLSX extracts):
// size, encoding, delimiter, records, the first rows, and every reason FISCAL would refuse it or the user should
// look first — an empty file, binary data in a .csv, inconsistent column counts with their line numbers, a bad
// name. Delimited text is read once, streamed, in constant memory, so a 2 GB extract is inspected like a small one.
import type { DocumentInspection, DocumentProblem } from '../../../shared/ipc';
import { fiscalExtensions } from '../../../shared/ipc';
import { DEFAULT_DELIMITED_LIMITS, DelimitedScanner, detectDelimiter, type DelimitedLimits } from './delimitedText';
import type { DocumentSource } from './documentSource';
import { extensionOf, isFitFileName, safeFileName } from './safeFileName';
import { byteOrderMark, decodeCell, EncodingTracker } from './textEncoding';
import { checkXlsx, MAX_XLSX_INSPECT_BYTES } from './xlsxWorkbook';

/** Bytes read before the delimiter is chosen. */
const SNIFF_BYTES = 64 * 1024;

function formatOf(extension: string): DocumentInspection['format'] {
  if (extension === '.csv') return 'csv';
  if (extension === '.txt') return 'txt';
  if (extension === '.xlsx') return 'xlsx';
  return 'unknown';
}

function nameProblems(fileName: string, extension: string, safeName: string): DocumentProblem[] {
  if (!(fiscalExtensions as readonly string[]).includes(extension)) {
    return [{ code: 'bad-extension', severity: 'error', line: null, message: `FISCAL takes .csv, .txt or .xlsx files; "${fileName}" ends in "${extension || '(no extension)'}".` }];
  }
  if (!isFitFileName(fileName)) {
    return [{ code: 'bad-file-name', severity: 'warning', line: null, message: `FISCAL rejects spaces and special characters in names; Courier sends it as ${safeName}.` }];
  }
  return [];
}

async function readAll(source: DocumentSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source.chunks()) parts.push(chunk);
  return Buffer.concat(parts);
}

async function inspectXlsx(source: DocumentSource): Promise<Pick<DocumentInspection, 'rows' | 'problems'>> {
  if (source.size > MAX_XLSX_INSPECT_BYTES) {
    return { rows: null, problems: [{ code: 'not-xlsx', severity: 'warning', line: null, message: `The workbook is larger than ${MAX_XLSX_INSPECT_BYTES / 2 ** 20} MiB and was not opened for a preview.` }] };
  }
  return checkXlsx(await readAll(source));
}

interface TextFacts {
  encoding: string;
  delimiter: string | null;
  rows: number;
  columns: number | null;
  firstRows: string[][];
  problems: DocumentProblem[];
}

interface TextScan {
  tracker: EncodingTracker;
  scanner: DelimitedScanner;
}

/** Starts the scan on the sniffed head: byte order mark, encoding, delimiter. */
function startScan(head: Uint8Array, limits: DelimitedLimits): TextScan {
  const bom = byteOrderMark(head);
  const tracker = new EncodingTracker(bom?.encoding ?? null);
  const text = tracker.transcode(head.subarray(bom?.length ?? 0));
  const scanner = new DelimitedScanner(detectDelimiter(text.subarray(0, SNIFF_BYTES)), limits);
  scanner.push(text);
  return { tracker, scanner };
}

async function inspectText(source: DocumentSource, limits: DelimitedLimits): Promise<TextFacts> {
  let scan: TextScan | null = null;
  const head: Uint8Array[] = [];
  let headBytes = 0;
  for await (const chunk of source.chunks()) {
    if (scan === null) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= SNIFF_BYTES) scan = startScan(Buffer.concat(head), limits);
    } else {
      scan.scanner.push(scan.tracker.transcode(chunk));
      if (!scan.scanner.reading) break;
    }
  }
  scan ??= startScan(Buffer.concat(head), limits);
  const { encoding, tail } = scan.tracker.finish();
  scan.scanner.push(tail);
  const result = scan.scanner.finish();
  const problems = [...result.problems];
  if (encoding === 'windows-1252' && !problems.some((problem) => problem.code === 'binary')) {
    problems.push({ code: 'legacy-encoding', severity: 'warning', line: null, message: 'The file is not UTF-8 (read as Windows-1252); accented letters may show wrongly in FISCAL unless it expects that code page.' });
  }
  return {
    encoding,
    delimiter: result.delimiter,
    rows: result.records,
    columns: result.columns,
    firstRows: result.firstRows.map((row) => row.map((cell) => decodeCell(cell, encoding, limits.previewCellChars))),
    problems,
  };
}

export async function inspectDocument(source: DocumentSource, at = new Date(), limits: DelimitedLimits = DEFAULT_DELIMITED_LIMITS): Promise<DocumentInspection> {
  const extension = extensionOf(source.fileName);
  const format = formatOf(extension);
  const safeName = safeFileName(source.fileName, at);
  const base = { fileName: source.fileName, safeFileName: safeName, size: source.size, format };
  const problems = nameProblems(source.fileName, extension, safeName);
  if (source.size === 0) {
    problems.push({ code: 'empty', severity: 'error', line: null, message: 'The file is empty.' });
    return { ...base, encoding: null, delimiter: null, rows: 0, columns: null, firstRows: [], problems, ok: false };
  }
  if (format === 'xlsx') {
    const xlsx = await inspectXlsx(source);
    problems.push(...xlsx.problems);
    return { ...base, encoding: null, delimiter: null, rows: xlsx.rows, columns: null, firstRows: [], problems, ok: !problems.some((p) => p.severity === 'error') };
  }
  const text = await inspectText(source, limits);
  problems.push(...text.problems);
  if (text.rows === 0 && !problems.some((p) => p.severity === 'error')) problems.push({ code: 'empty', severity: 'error', line: null, message: 'The file holds no records (blank lines only).' });
  const binary = problems.some((p) => p.code === 'binary');
  return {
    ...base,
    encoding: binary ? null : text.encoding,
    delimiter: binary ? null : text.delimiter,
    rows: binary ? null : text.rows,
    columns: binary ? null : text.columns,
    firstRows: binary ? [] : text.firstRows,
    problems,
    ok: !problems.some((p) => p.severity === 'error'),
  };
}
