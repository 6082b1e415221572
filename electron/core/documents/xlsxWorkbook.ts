// An XLSX upload is checked for what it must be: a zip (OOXML package) holding a workbook and at least one
// worksheet. Rows of the first sheet are counted when its XML is of a sane size; cell values are not previewed
// (shared strings and styles would make this a spreadsheet reader, which the upload does not need).
import { unzipSync } from 'fflate';
import type { DocumentProblem } from '../../../shared/ipc';

/** Beyond this an XLSX is not read into memory for inspection (uploads of any size still stream). */
export const MAX_XLSX_INSPECT_BYTES = 64 * 1024 * 1024;
const MAX_SHEET_XML_BYTES = 64 * 1024 * 1024;

export interface XlsxCheck {
  rows: number | null;
  problems: DocumentProblem[];
}

const notXlsx = (message: string): XlsxCheck => ({ rows: null, problems: [{ code: 'not-xlsx', severity: 'error', line: null, message }] });

export function checkXlsx(bytes: Uint8Array): XlsxCheck {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    return notXlsx('This is not an XLSX workbook (it is not a zip package); save it from Excel as .xlsx, or export CSV.');
  }
  const names: string[] = [];
  let firstSheet: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        if (/^xl\/worksheets\/sheet\d+\.xml$/.test(file.name) && (firstSheet === null || file.name < firstSheet)) firstSheet = file.name;
        return file.name === 'xl/worksheets/sheet1.xml' && file.originalSize <= MAX_SHEET_XML_BYTES;
      },
    });
  } catch (error) {
    return notXlsx(`The XLSX package is damaged: ${error instanceof Error ? error.message.slice(0, 120) : 'unreadable zip'}.`);
  }
  if (!names.includes('[Content_Types].xml') || !names.includes('xl/workbook.xml')) return notXlsx('The zip holds no Excel workbook (xl/workbook.xml is missing).');
  if (firstSheet === null) return notXlsx('The workbook has no worksheet.');
  const sheet = files['xl/worksheets/sheet1.xml'];
  if (!sheet) return { rows: null, problems: [] };
  const xml = Buffer.from(sheet.buffer, sheet.byteOffset, sheet.byteLength).toString('utf8');
  const rows = xml.match(/<row[\s>]/g)?.length ?? 0;
  const problems: DocumentProblem[] = rows === 0 ? [{ code: 'empty', severity: 'error', line: null, message: 'The first worksheet has no rows.' }] : [];
  return { rows, problems };
}
