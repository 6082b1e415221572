// FISCAL's answer to an upload, in words, per its documentation: 201 is receipt (not yet analysis); 400 is a
// file type FISCAL does not take, 415 a media type it does not take, 401 an access token it refused — each a
// FiscalRejection that says what to fix; 500 (and the gateway's 502–504) is temporary and may be retried.
import type { FiscalFileType, MessageProblem } from '../../../../shared/ipc';
import { fiscalFileTypes } from '../../../../shared/ipc';
import { CourierError } from '../../errors';

export type FiscalRefusal = 'file-type' | 'media-type' | 'token' | 'server' | 'other';

export class FiscalRejection extends CourierError {
  constructor(
    readonly status: number,
    readonly refusal: FiscalRefusal,
    message: string,
    hint: string,
  ) {
    super('REMOTE_REJECTED', message, hint);
  }

  get problem(): MessageProblem {
    return { code: `fiscal-${this.status}`, summary: this.message, whatToCheck: this.hint ?? '' };
  }
}

export interface FiscalBody {
  /** Parsed JSON when the body is JSON, else the text (cut at 2,000 characters), null when empty. */
  value: unknown;
  text: string;
}

export function readFiscalBody(body: Buffer): FiscalBody {
  const text = body.toString('utf8');
  if (text.trim() === '') return { value: null, text: '' };
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    return { value: text.slice(0, 2000), text };
  }
}

/** 500 and the gateway errors in front of it: temporary, worth another attempt. */
export function isRetryableStatus(status: number): boolean {
  return status === 500 || status === 502 || status === 503 || status === 504;
}

function said(body: FiscalBody): string {
  const line = body.text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return line ? ` FISCAL said: ${line}` : '';
}

/** The words for a 201. */
export function receiptSummary(remoteFileName: string, body: FiscalBody): string {
  const json = body.value !== null && typeof body.value === 'object' ? ` ${JSON.stringify(body.value).slice(0, 300)}` : '';
  return `FISCAL received ${remoteFileName} (201 Created); the analysis follows in FISCAL.${json}`;
}

/** Any answer other than 201, as the rejection to throw. `attempts` counts the tries a retried 500 took. */
export function fiscalRejection(status: number, body: FiscalBody, context: { fileType: FiscalFileType; tokenExpiresOn: string; attempts: number }): FiscalRejection {
  switch (status) {
    case 400:
      return new FiscalRejection(400, 'file-type', `FISCAL refused the file type "${context.fileType}" in the upload URL (400 Bad Request).${said(body)}`, `The file type must be one of ${fiscalFileTypes.join(', ')}, spelled exactly so; check the customer and unit shortnames of the profile too.`);
    case 415:
      return new FiscalRejection(415, 'media-type', `FISCAL refused the Content-Type of the upload (415 Unsupported Media Type).${said(body)}`, 'Courier sends text/csv, which FISCAL takes for transactions, suppliers and employees; check that the profile points at FISCAL\'s upload API.');
    case 401:
      return new FiscalRejection(401, 'token', `FISCAL refused the access token (401 Unauthorized).${said(body)}`, `Check the token was saved in its original form, with no character missing or added (invisible control characters too), and that it has not expired (Courier has it valid until ${context.tokenExpiresOn}); otherwise generate a new one in FISCAL (Customer Settings > Organisation Settings > Access Tokens).`);
    default:
      if (isRetryableStatus(status)) {
        return new FiscalRejection(status, 'server', `FISCAL had a temporary problem (HTTP ${status}) on ${context.attempts === 1 ? 'the only attempt' : `each of ${context.attempts} attempts`}.${said(body)}`, 'Try again later (resend it from History, or `courier messages resend ID`); if it persists, contact FISCAL support.');
      }
      return new FiscalRejection(status, 'other', `FISCAL answered HTTP ${status}; the upload was not accepted.${said(body)}`, 'Only 201 means FISCAL received the file; check the profile\'s region, customer and unit.');
  }
}
