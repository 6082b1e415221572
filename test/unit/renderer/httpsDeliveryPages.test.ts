// The Send page's and the Connections forms' pure parts for HTTPS delivery (FISCAL, Pagero): which dropped files
// open the Send page, the batch's bookkeeping, progress and check summaries in words, interchange ids per file,
// and the profile forms' translation into their save inputs (checked by the contract's own schemas).
import { describe, expect, it } from 'vitest';
import {
  fiscalProfileInputSchema,
  pageroEndpointInputSchema,
  pageroProfileInputSchema,
  type DocumentInspection,
  type FiscalProfileSummary,
  type PageroEndpointSummary,
  type PageroProfileSummary,
  transferIdSchema,
} from '../../../shared/ipc';
import { interchangeIdFor } from '../../../renderer/src/features/compose/interchangeIds';
import { checkSummary, delimiterLabel, orderedProblems, problemLabel } from '../../../renderer/src/features/compose/previewWords';
import { isSendableByDrop, MAX_BATCH_FILES, unsentFiles, withFiles, type BatchFile } from '../../../renderer/src/features/compose/sendBatch';
import { newTransferId, progressLabel, progressPercent, runOutcome, transferLabel } from '../../../renderer/src/features/compose/transferWords';
import {
  endpointDraftOf,
  fiscalDraftOf,
  pageroDraftOf,
  toEndpointInput,
  toFiscalInput,
  toPageroInput,
} from '../../../renderer/src/features/connections/connectionDrafts';

const file = (name: string, content = 'a;b\n1;2\n', lastModified = 1_700_000_000_000) => new File([content], name, { lastModified });

describe('isSendableByDrop', () => {
  it('routes CSV, TXT and XLSX files dropped anywhere to the Send page, whatever the case of the extension', () => {
    for (const name of ['ledger.csv', 'SUPPLIERS.CSV', 'staff.txt', 'apt 2026-05.xlsx']) expect(isSendableByDrop(name)).toBe(true);
  });

  it('leaves other files alone, including look-alikes', () => {
    for (const name of ['invoice.xml', 'cert.pem', 'ledger.csv.exe', 'xlsx', 'report.xls', 'notes.txt.gz']) expect(isSendableByDrop(name)).toBe(false);
  });
});

describe('withFiles', () => {
  it('adds new files as ready, each with its own key', () => {
    const batch = withFiles([], [file('a.csv'), file('b.csv')]);
    expect(batch.map((entry) => [entry.file.name, entry.transfer.state])).toEqual([
      ['a.csv', 'ready'],
      ['b.csv', 'ready'],
    ]);
    expect(new Set(batch.map((entry) => entry.key)).size).toBe(2);
  });

  it('holds the same file dropped twice once', () => {
    const same = file('a.csv');
    expect(withFiles(withFiles([], [same]), [same, file('a.csv')])).toHaveLength(1);
  });

  it('keeps two files of one name that differ in size or date', () => {
    expect(withFiles([], [file('a.csv', 'x'), file('a.csv', 'xy'), file('a.csv', 'x', 1)])).toHaveLength(3);
  });

  it('makes a sent file ready again when it is dropped again, but never touches one uploading', () => {
    const a = file('a.csv');
    const b = file('b.csv');
    const [first, second] = withFiles([], [a, b]) as [BatchFile, BatchFile];
    const batch: BatchFile[] = [
      { ...first, transfer: { state: 'failed', title: 'refused' } },
      { ...second, transfer: { state: 'uploading', transferId: 't-123456789', sentBytes: 1, totalBytes: 8 } },
    ];
    const again = withFiles(batch, [a, b]);
    expect(again.map((entry) => entry.transfer.state)).toEqual(['ready', 'uploading']);
    expect(again.map((entry) => entry.key)).toEqual([first.key, second.key]);
  });

  it('stops at the batch limit', () => {
    const many = Array.from({ length: MAX_BATCH_FILES + 5 }, (_, index) => file(`f${index}.csv`));
    expect(withFiles([], many)).toHaveLength(MAX_BATCH_FILES);
  });
});

describe('unsentFiles', () => {
  it('takes the files neither sent nor uploading', () => {
    const [a, b, c, d] = withFiles([], [file('a.csv'), file('b.csv'), file('c.csv'), file('d.csv')]) as [BatchFile, BatchFile, BatchFile, BatchFile];
    const batch: BatchFile[] = [
      a,
      { ...b, transfer: { state: 'uploading', transferId: 't-123456789', sentBytes: 0, totalBytes: 8 } },
      { ...c, transfer: { state: 'cancelled' } },
      { ...d, transfer: { state: 'sent', answer: 'ok', message: {} as never } },
    ];
    expect(unsentFiles(batch).map((entry) => entry.file.name)).toEqual(['a.csv', 'c.csv']);
  });
});

describe('progress in words', () => {
  it('says bytes sent of the whole with a percentage', () => {
    expect(progressLabel(512, 2048)).toBe('512 bytes of 2.0 KiB sent (25%)');
    expect(progressPercent(3 * 1024 * 1024, 4 * 1024 * 1024)).toBe(75);
  });

  it('says bytes sent alone when the whole is not known, and never passes 100%', () => {
    expect(progressLabel(1536, null)).toBe('1.5 KiB sent');
    expect(progressPercent(10, 5)).toBe(100);
    expect(progressPercent(10, 0)).toBe(0);
  });

  it('names each state of an upload', () => {
    expect(transferLabel({ state: 'uploading', transferId: 't-1', sentBytes: 1024, totalBytes: 4096 })).toBe('Uploading: 1.0 KiB of 4.0 KiB sent (25%)');
    expect(transferLabel({ state: 'failed', title: 'FISCAL refused the access token.' })).toBe('Not sent: FISCAL refused the access token.');
    expect(transferLabel({ state: 'cancelled' })).toMatch(/^Cancelled/);
  });

  it('makes transfer ids the contract accepts, a new one each time', () => {
    const ids = new Set(Array.from({ length: 50 }, newTransferId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(transferIdSchema.safeParse(id).success).toBe(true);
  });
});

const inspection = (change: Partial<DocumentInspection>): DocumentInspection => ({
  fileName: 'ledger.csv',
  safeFileName: 'ledger_20260501T120000Z.csv',
  size: 42,
  format: 'csv',
  encoding: 'utf-8',
  delimiter: ';',
  rows: 3,
  columns: 2,
  firstRows: [['a', 'b']],
  problems: [],
  ok: true,
  ...change,
});

describe('checkSummary and problems', () => {
  it('sums up a good file by rows, delimiter and encoding', () => {
    expect(checkSummary(inspection({}))).toBe('3 rows, semicolon (;) delimited, UTF-8');
    expect(checkSummary(inspection({ delimiter: '\t', rows: 1, encoding: 'windows-1252' }))).toBe('1 row, tab delimited, Windows-1252 (Western European)');
  });

  it('puts the first error with its line first', () => {
    const summary = checkSummary(
      inspection({
        ok: false,
        problems: [
          { code: 'legacy-encoding', severity: 'warning', line: null, message: 'Not UTF-8.' },
          { code: 'inconsistent-columns', severity: 'error', line: 7, message: 'Row has 3 columns; the header has 2.' },
          { code: 'inconsistent-columns', severity: 'error', line: 4, message: 'Row has 1 column; the header has 2.' },
        ],
      }),
    );
    expect(summary).toBe('2 problems: Line 4: Row has 1 column; the header has 2.');
  });

  it('counts warnings of a file that can go', () => {
    expect(checkSummary(inspection({ problems: [{ code: 'header-only', severity: 'warning', line: 1, message: 'Only a header.' }] }))).toMatch(/\(1 warning\)$/);
  });

  it('orders errors before warnings, each by line, and words a problem without a line plainly', () => {
    const ordered = orderedProblems([
      { code: 'legacy-encoding', severity: 'warning', line: 2, message: 'w' },
      { code: 'binary', severity: 'error', line: 9, message: 'e9' },
      { code: 'empty', severity: 'error', line: null, message: 'e' },
    ]);
    expect(ordered.map((problem) => problem.message)).toEqual(['e', 'e9', 'w']);
    expect(problemLabel(ordered[0]!)).toBe('e');
    expect(problemLabel(ordered[1]!)).toBe('Line 9: e9');
    expect(problemLabel({ code: 'inconsistent-columns', severity: 'error', line: 3, message: 'Line 3 has 2 columns; the first line has 3.' })).toBe('Line 3 has 2 columns; the first line has 3.');
    expect(problemLabel({ code: 'inconsistent-columns', severity: 'error', line: 3, message: 'See line 30.' })).toBe('Line 3: See line 30.');
    expect(delimiterLabel(null)).toMatch(/None/);
  });
});

describe('interchangeIdFor', () => {
  it('leaves the id to Courier when none was typed', () => {
    expect(interchangeIdFor('  ', 0, 3)).toBeUndefined();
  });

  it('uses the typed id for one file and numbers it per file in a batch', () => {
    expect(interchangeIdFor('Invoice-1234', 0, 1)).toBe('Invoice-1234');
    expect([0, 1, 2].map((index) => interchangeIdFor('batch-7', index, 3))).toEqual(['batch-7-1', 'batch-7-2', 'batch-7-3']);
  });

  it('refuses ids the contract would refuse', () => {
    expect(interchangeIdFor('has space', 0, 1)).toBeNull();
    expect(interchangeIdFor('x'.repeat(100), 0, 2)).toBeNull();
  });
});

const fiscalProfile = (stored: boolean): FiscalProfileSummary => ({
  id: 'f1',
  name: 'acme-live',
  region: 'euwest',
  customer: 'acme',
  unit: 'acme',
  baseUrl: 'https://api-euwest.apfnxg.com',
  baseUrlOverridden: false,
  access: { stored, expiresOn: '2026-12-31', expiresInDays: 30, expired: false, remindDaysBefore: 14, reminder: null },
  tlsScope: 'fiscal:acme-live',
  createdAt: '',
  updatedAt: '',
});

describe('FISCAL profile form', () => {
  it('needs a token for a new profile and sends one the contract accepts', () => {
    const draft = { ...fiscalDraftOf(null), name: 'acme-live', customer: 'acme', tokenExpiresOn: '2026-12-31' };
    expect(toFiscalInput(draft, null).errors.token).toMatch(/access token/);
    const { input } = toFiscalInput({ ...draft, token: 'eyJ.abc.def' }, null);
    expect(fiscalProfileInputSchema.parse(input)).toMatchObject({ name: 'acme-live', customer: 'acme', token: 'eyJ.abc.def', tokenExpiresOn: '2026-12-31' });
    expect(input).not.toHaveProperty('unit');
  });

  it('keeps a stored token when the field is left empty, and never pre-fills it', () => {
    const draft = fiscalDraftOf(fiscalProfile(true));
    expect(draft.token).toBe('');
    expect(draft.unit).toBe('');
    const { input } = toFiscalInput(draft, fiscalProfile(true));
    expect(input).not.toHaveProperty('token');
    expect(fiscalProfileInputSchema.safeParse(input).success).toBe(true);
  });

  it('refuses shortnames with capitals and tokens with spaces, as FISCAL would', () => {
    const { input, errors } = toFiscalInput({ ...fiscalDraftOf(null), name: 'x', customer: 'Acme', unit: 'unit 1', token: 'abc def' }, null);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['customer', 'token', 'unit']);
  });
});

const pageroProfile: PageroProfileSummary = {
  id: 'p1',
  name: 'invoices-test',
  baseUrl: 'https://api.pageroonline.com',
  documentType: 'invoice',
  sendMode: 'test',
  endpointUrl: 'https://api.pageroonline.com/incoming/v1/invoice/test',
  authMode: 'oauth2-password',
  username: 'erp',
  ssoUrl: 'https://sso.pageroonline.com/oauth/v2/oauth-token',
  clientId: 'client',
  sealed: { login: true, client: true },
  tlsScope: 'pagero:invoices-test',
  createdAt: '',
  updatedAt: '',
};

describe('Pagero profile form', () => {
  it('asks for the client id and secret only with OAuth2', () => {
    const basic = { ...pageroDraftOf(null), name: 'p', authMode: 'basic' as const, username: 'erp', password: 'pw' };
    const { input } = toPageroInput(basic, null);
    expect(pageroProfileInputSchema.parse(input)).toMatchObject({ authMode: 'basic', password: 'pw' });
    expect(input).not.toHaveProperty('clientSecret');
    const oauth = toPageroInput({ ...basic, authMode: 'oauth2-password' }, null);
    expect(Object.keys(oauth.errors).sort()).toEqual(['clientId', 'clientSecret']);
  });

  it('keeps stored secrets of an existing profile when left empty', () => {
    const { input } = toPageroInput(pageroDraftOf(pageroProfile), pageroProfile);
    expect(pageroProfileInputSchema.parse(input)).toMatchObject({ authMode: 'oauth2-password', clientId: 'client' });
    expect(input).not.toHaveProperty('password');
    expect(input).not.toHaveProperty('clientSecret');
  });

  it('refuses an address that is not https:// and a document type that is not one path segment', () => {
    const { errors } = toPageroInput({ ...pageroDraftOf(pageroProfile), baseUrl: 'http://api.pageroonline.com', documentType: 'in/voice' }, pageroProfile);
    expect(Object.keys(errors).sort()).toEqual(['baseUrl', 'documentType']);
  });
});

describe('push endpoint form', () => {
  const existing: PageroEndpointSummary = {
    id: 'e1',
    name: 'inbound',
    authMode: 'mtls',
    basicUser: null,
    clientId: null,
    sealed: { basic: false, client: false },
    accessLifetimeSeconds: 3600,
    clientCas: [{ subject: 'CN=Pagero CA', sha256Fingerprint: 'AB' }],
    recordHeaders: ['x-pagero-id'],
    urls: { documents: [], oauth: [] },
    createdAt: '',
    updatedAt: '',
  };

  it('sends the header names as a list and only the fields of the chosen login', () => {
    const { input } = toEndpointInput({ ...endpointDraftOf(null), name: 'inbound', basicUser: 'pagero', basicPassword: 's3cret', recordHeaders: 'x-one,\n x-two ' }, null);
    expect(pageroEndpointInputSchema.parse(input)).toMatchObject({ authMode: 'basic', basicUser: 'pagero', recordHeaders: ['x-one', 'x-two'] });
    expect(input).not.toHaveProperty('clientId');
  });

  it('needs a CA for a new client-certificate endpoint, not for one that has it', () => {
    expect(toEndpointInput({ ...endpointDraftOf(null), name: 'm', authMode: 'mtls' }, null).errors.clientCaPem).toBeDefined();
    const { input } = toEndpointInput(endpointDraftOf(existing), existing);
    expect(pageroEndpointInputSchema.parse(input)).toMatchObject({ authMode: 'mtls', recordHeaders: ['x-pagero-id'] });
  });

  it('refuses a header name with a space and a token lifetime out of range', () => {
    const { errors } = toEndpointInput({ ...endpointDraftOf(null), name: 'o', authMode: 'oauth2-client-credentials', clientId: 'c', clientSecret: 's', accessLifetimeSeconds: 10, recordHeaders: 'x ok' }, null);
    expect(Object.keys(errors).sort()).toEqual(['accessLifetimeSeconds', 'recordHeaders']);
  });
});

describe('runOutcome', () => {
  it('counts how a batch ended, naming files never started after a cancel', () => {
    expect(runOutcome({ sent: 3, failed: 0, cancelled: 0 }, 3)).toBe('3 sent.');
    expect(runOutcome({ sent: 1, failed: 1, cancelled: 1 }, 5)).toBe('1 sent, 1 not sent, 1 cancelled; 2 not started.');
  });
});
