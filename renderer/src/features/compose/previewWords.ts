// A file's check before upload in words: the delimiter and encoding by name, one line for the batch table,
// and each problem with its line number, errors before warnings.
import type { DocumentInspection, DocumentProblem } from '../../../../shared/ipc';

const delimiterNames: Record<string, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)' };

export function delimiterLabel(delimiter: string | null): string {
  if (delimiter === null) return 'None (not delimited text)';
  return delimiterNames[delimiter] ?? `“${delimiter}”`;
}

const encodingNames: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with byte order mark',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};

export function encodingLabel(encoding: string | null, format: DocumentInspection['format']): string {
  if (encoding === null) return format === 'xlsx' ? 'Not text (Excel workbook)' : 'Not text';
  return encodingNames[encoding] ?? encoding;
}

/** "Line 4: …" when the problem has a line its message does not name already. */
export function problemLabel(problem: DocumentProblem): string {
  if (problem.line === null || new RegExp(`\\bline ${problem.line}\\b`, 'i').test(problem.message)) return problem.message;
  return `Line ${problem.line}: ${problem.message}`;
}

/** Errors first, then warnings, each in file order. */
export function orderedProblems(problems: readonly DocumentProblem[]): DocumentProblem[] {
  const rank = (problem: DocumentProblem) => (problem.severity === 'error' ? 0 : 1);
  return [...problems].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0));
}

/** The check column of the batch table: what is wrong first, else what was found. */
export function checkSummary(inspection: DocumentInspection): string {
  const errors = inspection.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) return `${errors.length === 1 ? '1 problem' : `${errors.length} problems`}: ${problemLabel(orderedProblems(errors)[0]!)}`;
  const found = [
    inspection.rows === null ? null : `${inspection.rows.toLocaleString('en')} ${inspection.rows === 1 ? 'row' : 'rows'}`,
    inspection.delimiter === null ? null : `${delimiterLabel(inspection.delimiter)} delimited`,
    inspection.encoding === null ? null : encodingLabel(inspection.encoding, inspection.format),
  ].filter((part) => part !== null);
  const warnings = inspection.problems.length;
  return `${found.join(', ')}${warnings > 0 ? ` (${warnings === 1 ? '1 warning' : `${warnings} warnings`})` : ''}`;
}
