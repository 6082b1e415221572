// The file name a document gets on the remote side: FISCAL shows it as the upload's description and wants no
// spaces or special characters, a timestamp, and the extension kept. Also says whether the user's own name was fit.
import { extname } from 'node:path';

/** Letters, digits, `_` and `-`, then one extension: what FISCAL takes without surprise. */
const FIT_NAME = /^[A-Za-z0-9_-]+\.[A-Za-z0-9]+$/;
const MAX_STEM = 80;

/** `20260415T101530Z`: UTC, letters and digits only. */
export function compactTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** The extension lower-cased with its dot ('.csv'), or '' when there is none. */
export function extensionOf(fileName: string): string {
  return extname(fileName).toLowerCase();
}

/** Whether FISCAL would take the name as it is. */
export function isFitFileName(fileName: string): boolean {
  return FIT_NAME.test(fileName);
}

/**
 * `Sales Ledger (März).csv` at 2026-04-15 10:15:30Z → `Sales_Ledger_Marz_20260415T101530Z.csv`: accents folded,
 * every run of other characters one `_`, the stem cut at 80 characters, a UTC timestamp, the extension kept.
 */
export function safeFileName(fileName: string, at: Date): string {
  const extension = extensionOf(fileName).replace(/[^a-z0-9.]/g, '');
  const stem = fileName
    .slice(0, fileName.length - extname(fileName).length)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/[_-]+$/, '');
  return `${stem || 'upload'}_${compactTimestamp(at)}${extension.length > 1 ? extension : ''}`;
}
