// A partner as a file: the name an export is saved under, and the checks an imported JSON document passes
// before it is offered for import (size, JSON, the contract's export format), each refusal in words.
import { partnerExportSchema, type As2PartnerExport } from '../../../../shared/ipc';

/** A partner export is a few KiB of JSON and two certificates; anything far larger is not one. */
export const MAX_PARTNER_FILE_BYTES = 512 * 1024;

export function partnerFileName(as2Id: string): string {
  const stem = as2Id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'partner';
  return `${stem}.as2-partner.json`;
}

export type PartnerDocumentCheck = { ok: true; document: As2PartnerExport } | { ok: false; error: string };

export function checkPartnerDocument(text: string): PartnerDocumentCheck {
  if (text.length > MAX_PARTNER_FILE_BYTES) return { ok: false, error: 'The file is too large to be a partner export (at most 512 KiB).' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not JSON. Choose a partner export (.as2-partner.json) from Courier.' };
  }
  const parsed = partnerExportSchema.safeParse(value);
  if (parsed.success) return { ok: true, document: parsed.data };
  const [issue] = parsed.error.issues;
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.map(String).join('.')})` : '';
  return { ok: false, error: `The file is not a Courier partner export (courier.as2-partner/1): ${issue?.message ?? 'unexpected content'}${where}.` };
}
