// Why this file exists: an AS2 MDN is a multipart/report (RFC 6522) with report-type=disposition-notification: a
// human-readable part, then the message/disposition-notification fields, then optionally the returned content.
import { boundaryFor } from './boundary';
import { builtEntity, type BuiltEntity } from './build';
import { toCrlf } from './canonicalize';
import {
  type DispositionNotification,
  type DispositionNotificationInit,
  formatDispositionNotification,
  parseDispositionNotification,
} from './dispositionNotification';
import { entityText, type MimeEntity } from './entity';
import { formatHeaderSection } from './headerFormat';
import { excerpt, MimeError } from './mimeError';
import { formatMediaType } from './parameters';
import { encodeQuotedPrintable } from './transferEncoding';

export interface DispositionReport {
  /** The first part, decoded to text. */
  readonly text: string;
  readonly notification: DispositionNotification;
  /** The third part (returned message or headers), when the sender included one. */
  readonly returned?: MimeEntity;
}

export function readDispositionReport(entity: MimeEntity): DispositionReport {
  const { contentType } = entity;
  if (contentType.mediaType !== 'multipart/report') {
    throw new MimeError('bad-report', `Expected multipart/report, got ${excerpt(contentType.mediaType, 32)}`, entity.offset);
  }
  const reportType = contentType.params.get('report-type');
  if (reportType?.toLowerCase() !== 'disposition-notification') {
    throw new MimeError('bad-report', `multipart/report has report-type ${excerpt(reportType ?? '(none)', 32)}, not disposition-notification`, entity.offset);
  }
  const [human, machine, returned, ...extra] = entity.parts;
  if (!human || !machine || extra.length > 0) {
    throw new MimeError('bad-report', `multipart/report has ${entity.parts.length} parts; an MDN has 2 or 3 (RFC 6522 §3)`, entity.offset);
  }
  if (machine.contentType.mediaType !== 'message/disposition-notification') {
    throw new MimeError('bad-report', `The second part is ${excerpt(machine.contentType.mediaType, 32)}, not message/disposition-notification`, machine.offset);
  }
  return {
    text: entityText(human),
    notification: parseDispositionNotification(machine.body),
    ...(returned && { returned }),
  };
}

export interface DispositionReportInit {
  /** The human-readable explanation; sent as 7bit when ASCII, else UTF-8 quoted-printable. */
  readonly text: string;
  readonly notification: DispositionNotificationInit;
  readonly boundary?: string;
}

function humanPart(text: string): Buffer {
  const canonical = toCrlf(Buffer.from(text, 'utf8'));
  const ascii = /^[\x00-\x7f]*$/.test(text);
  const fields = ascii
    ? ([['Content-Type', 'text/plain; charset=us-ascii'], ['Content-Transfer-Encoding', '7bit']] as const)
    : ([['Content-Type', 'text/plain; charset=utf-8'], ['Content-Transfer-Encoding', 'quoted-printable']] as const);
  return Buffer.concat([formatHeaderSection(fields), ascii ? canonical : encodeQuotedPrintable(canonical, 'text')]);
}

/** Builds the MDN entity (the part an AS2 receiver signs, or sends as is when no signature was asked for). */
export function buildDispositionReport(init: DispositionReportInit): BuiltEntity {
  const human = humanPart(init.text);
  const machine = Buffer.concat([
    formatHeaderSection([['Content-Type', 'message/disposition-notification'], ['Content-Transfer-Encoding', '7bit']]),
    formatDispositionNotification(init.notification),
  ]);
  const boundary = boundaryFor([human, machine], init.boundary);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\n`, 'latin1'),
    human,
    Buffer.from(`\r\n--${boundary}\r\n`, 'latin1'),
    machine,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'),
  ]);
  const contentType = formatMediaType('multipart/report', [['report-type', 'disposition-notification'], ['boundary', boundary]]);
  return builtEntity([['Content-Type', contentType]], body);
}
