// Reads delimited text (CSV, TXT extracts) as a stream of UTF-8 bytes, once, in constant memory: the delimiter,
// the records (RFC 4180 quoting: fields in "…", "" for a quote, line breaks inside quotes), each record's column
// count against the first, binary garbage, runaway lines, and the first records for a preview. Structural bytes
// (quote, delimiter, CR, LF) are ASCII, so the scan never has to decode; only the preview cells are decoded.
import type { DocumentProblem } from '../../../shared/ipc';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
const DELIMITER_BYTES = DELIMITERS.map((delimiter) => delimiter.charCodeAt(0));
const QUOTE = 0x22;
const LF = 0x0a;
/** A preview row shows at most this many cells (the column count is still counted in full). */
const MAX_PREVIEW_COLUMNS = 200;
const CR = 0x0d;

export interface DelimitedLimits {
  /** A record longer than this is not a line of an extract: the scan stops there. */
  maxRecordBytes: number;
  /** Records kept for the preview. */
  previewRows: number;
  /** Cells of the preview are cut at this many characters. */
  previewCellChars: number;
  /** Column-count problems reported one by one; the rest are counted. */
  maxListedProblems: number;
}

export const DEFAULT_DELIMITED_LIMITS: DelimitedLimits = { maxRecordBytes: 1024 * 1024, previewRows: 10, previewCellChars: 200, maxListedProblems: 10 };

export interface DelimitedScan {
  delimiter: string | null;
  records: number;
  columns: number | null;
  /** Preview cells as raw bytes; the caller decodes them with the detected encoding. */
  firstRows: Uint8Array[][];
  problems: DocumentProblem[];
}

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** Counts each candidate per line, outside quotes, over the first lines of a sample; the steadiest non-zero wins. */
export function detectDelimiter(sample: Uint8Array): string | null {
  const lines: number[][] = [];
  let counts = DELIMITERS.map(() => 0);
  let quoted = false;
  for (let i = 0; i < sample.length && lines.length < 50; i++) {
    const byte = sample[i]!;
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === LF && !quoted) {
      lines.push(counts);
      counts = DELIMITERS.map(() => 0);
    } else if (!quoted) {
      const index = DELIMITER_BYTES.indexOf(byte);
      if (index >= 0) counts[index]!++;
    }
  }
  if (lines.length === 0 || counts.some((count) => count > 0)) lines.push(counts);
  let best: { delimiter: string; score: number } | null = null;
  DELIMITERS.forEach((delimiter, index) => {
    const first = lines[0]![index]!;
    if (first === 0) return;
    const steady = lines.filter((line) => line[index] === first).length;
    const score = steady * 1000 + first;
    if (!best || score > best.score) best = { delimiter, score };
  });
  return (best as { delimiter: string } | null)?.delimiter ?? null;
}

function isBinaryByte(byte: number): boolean {
  return byte < 0x20 && byte !== 0x09 && byte !== LF && byte !== 0x0b && byte !== 0x0c && byte !== CR;
}

/** A push scanner: feed chunks in order, then `finish()`. */
export class DelimitedScanner {
  private state = State.FieldStart;
  private line = 1;
  private recordLine = 1;
  private recordBytes = 0;
  private fields = 0;
  private records = 0;
  private columns: number | null = null;
  private extraProblems = 0;
  private stopped = false;
  private readonly firstRows: Uint8Array[][] = [];
  private cells: Uint8Array[] = [];
  private cell: number[] = [];
  private readonly problems: DocumentProblem[] = [];
  private readonly delimiterByte: number;

  constructor(
    readonly delimiter: string | null,
    private readonly limits: DelimitedLimits = DEFAULT_DELIMITED_LIMITS,
  ) {
    this.delimiterByte = delimiter === null ? -1 : delimiter.charCodeAt(0);
  }

  /** False once the scan has seen enough to stop (binary data, a runaway line): the caller may stop reading. */
  get reading(): boolean {
    return !this.stopped;
  }

  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    const delimiter = this.delimiterByte;
    const maxRecordBytes = this.limits.maxRecordBytes;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (isBinaryByte(byte)) return this.stop('binary', `Byte 0x${byte.toString(16).padStart(2, '0')} is not text: this looks like binary data, not a CSV or TXT extract.`, this.line);
      if (++this.recordBytes > maxRecordBytes) {
        return this.stop('line-too-long', `The record starting on line ${this.recordLine} is longer than ${maxRecordBytes} bytes${this.state === State.Quoted ? ' (a quote may be missing its closing quote)' : ''}.`, this.recordLine);
      }
      const capturing = this.records < this.limits.previewRows;
      const room = capturing && this.cell.length < this.limits.previewCellChars * 4;
      switch (this.state) {
        case State.FieldStart:
          if (byte === QUOTE) this.state = State.Quoted;
          else if (byte === delimiter) this.endField(capturing);
          else if (byte === LF) this.endRecord(capturing);
          else if (byte !== CR) {
            this.state = State.Unquoted;
            if (room) this.cell.push(byte);
          }
          break;
        case State.Unquoted:
          if (byte === delimiter) this.endField(capturing);
          else if (byte === LF) this.endRecord(capturing);
          else if (room && byte !== CR) this.cell.push(byte);
          break;
        case State.Quoted:
          if (byte === QUOTE) this.state = State.QuoteInQuoted;
          else {
            if (byte === LF) this.line++;
            if (room) this.cell.push(byte);
          }
          break;
        case State.QuoteInQuoted:
          if (byte === QUOTE) {
            this.state = State.Quoted;
            if (room) this.cell.push(byte);
          } else if (byte === delimiter) this.endField(capturing);
          else if (byte === LF) this.endRecord(capturing);
          else if (byte !== CR) {
            this.state = State.Unquoted;
            if (room) this.cell.push(byte);
          }
          break;
      }
    }
  }

  finish(): DelimitedScan {
    if (!this.stopped) {
      if (this.state === State.Quoted) {
        this.problems.push({ code: 'unterminated-quote', severity: 'error', line: this.recordLine, message: `The quoted field opened on line ${this.recordLine} is never closed.` });
      } else if (this.state !== State.FieldStart || this.fields > 0) {
        this.endRecord(this.records < this.limits.previewRows);
      }
    }
    if (this.extraProblems > 0) {
      this.problems.push({ code: 'inconsistent-columns', severity: 'error', line: null, message: `${this.extraProblems} more records have a column count other than ${this.columns}.` });
    }
    if (this.records === 1 && this.problems.length === 0) {
      this.problems.push({ code: 'header-only', severity: 'warning', line: null, message: 'The file has one line only (a header without data?).' });
    }
    return { delimiter: this.delimiter, records: this.records, columns: this.columns, firstRows: this.firstRows, problems: this.problems };
  }

  private stop(code: DocumentProblem['code'], message: string, line: number): void {
    this.problems.push({ code, severity: 'error', line, message });
    this.stopped = true;
  }

  private endField(capturing: boolean): void {
    this.fields++;
    this.state = State.FieldStart;
    if (capturing && this.cells.length < MAX_PREVIEW_COLUMNS) {
      this.cells.push(Uint8Array.from(this.cell));
      this.cell = [];
    }
  }

  private endRecord(capturing: boolean): void {
    const line = this.recordLine;
    const blank = this.fields === 0 && this.state === State.FieldStart;
    this.line++;
    this.recordLine = this.line;
    this.recordBytes = 0;
    this.state = State.FieldStart;
    if (blank) return;
    const count = this.fields + 1;
    this.fields = 0;
    this.records++;
    if (capturing) {
      if (this.cells.length < MAX_PREVIEW_COLUMNS) this.cells.push(Uint8Array.from(this.cell));
      this.firstRows.push(this.cells);
      this.cells = [];
      this.cell = [];
    }
    if (this.columns === null) this.columns = count;
    else if (count !== this.columns) {
      const listed = this.problems.filter((problem) => problem.code === 'inconsistent-columns').length;
      if (listed < this.limits.maxListedProblems) {
        this.problems.push({ code: 'inconsistent-columns', severity: 'error', line, message: `Line ${line} has ${count} columns; the first line has ${this.columns}.` });
      } else this.extraProblems++;
    }
  }
}
