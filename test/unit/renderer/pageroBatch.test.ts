// The Pagero panel's zip batch, before anything is read or sent: which file is the business document, the zip's
// name and layout by the batched-attachments convention (README; the same names the core's batchZip writes), and
// the batches the core or the contract would refuse (too many attachments, two of one name, too large together).
import { describe, expect, it } from 'vitest';
import { MAX_CONTRACT_PAYLOAD_BYTES } from '../../../shared/ipc';
import { MAX_PAGERO_ATTACHMENTS, pageroBatchModes, pageroZipOf, zipAnswer } from '../../../renderer/src/features/compose/pageroBatch';
import { withFiles, type BatchFile } from '../../../renderer/src/features/compose/sendBatch';
import { batchLayout } from '../../../electron/core/transports/as2/batchZip';

const file = (name: string, content = 'x', lastModified = 1_700_000_000_000) => new File([content], name, { lastModified });
const batchOf = (...files: File[]): BatchFile[] => withFiles([], files);
/** A stand-in for a file of this size: only name and size are read before sending. */
const sized = (name: string, size: number): BatchFile => ({ key: `k:${name}`, file: { name, size } as File, transfer: { state: 'ready' } });

describe('pageroZipOf', () => {
  it('makes no zip of a single file, which goes as itself', () => {
    expect(pageroZipOf(batchOf(file('invoice-42.xml')), null)).toBeNull();
    expect(pageroZipOf([], null)).toBeNull();
  });

  it('takes the first file as the document until one is chosen, the rest as its attachments in batch order', () => {
    const batch = batchOf(file('invoice-42.xml'), file('scan.pdf'), file('terms.txt'));
    const zip = pageroZipOf(batch, null)!;
    expect(zip.document.file.name).toBe('invoice-42.xml');
    expect(zip.attachments.map((entry) => entry.file.name)).toEqual(['scan.pdf', 'terms.txt']);

    const chosen = pageroZipOf(batch, batch[2]!.key)!;
    expect(chosen.document.file.name).toBe('terms.txt');
    expect(chosen.attachments.map((entry) => entry.file.name)).toEqual(['invoice-42.xml', 'scan.pdf']);
    expect(chosen.zipName).toBe('terms.zip');
  });

  it('falls back to the first file when the chosen one has left the batch', () => {
    const batch = batchOf(file('invoice-42.xml'), file('scan.pdf'));
    expect(pageroZipOf(batch, 'gone:invoice-7.xml')!.document.file.name).toBe('invoice-42.xml');
  });

  it('names the zip and its entries as the core does, and says so in one line', () => {
    const zip = pageroZipOf(batchOf(file('invoice-42.xml'), file('scan.pdf')), null)!;
    expect(zip.zipName).toBe(batchLayout('invoice-42.xml', ['scan.pdf']).zipName);
    expect(zip.layout).toBe('Sent as invoice-42.zip: invoice-42.xml at its root, scan.pdf under attachments/invoice-42/.');
    expect(zip.layout).not.toMatch(/\n/);
    expect(zip.problem).toBeNull();

    const many = pageroZipOf(batchOf(file('order.v2.json'), file('a.pdf'), file('b.pdf')), null)!;
    expect(many.zipName).toBe(batchLayout('order.v2.json', ['a.pdf', 'b.pdf']).zipName);
    expect(many.layout).toBe('Sent as order.v2.zip: order.v2.json at its root, the other 2 files under attachments/order.v2/.');
  });

  it('keeps a name without an extension, or a dot-file, whole as the stem', () => {
    expect(pageroZipOf(batchOf(file('README'), file('a.pdf')), null)!.zipName).toBe(batchLayout('README', []).zipName);
    expect(pageroZipOf(batchOf(file('.invoice'), file('a.pdf')), null)!.zipName).toBe('.invoice.zip');
  });

  it(`refuses more than ${MAX_PAGERO_ATTACHMENTS} attachments, saying how many to remove`, () => {
    const files = Array.from({ length: MAX_PAGERO_ATTACHMENTS + 3 }, (_, index) => file(`part-${index}.pdf`));
    expect(pageroZipOf(batchOf(...files.slice(0, MAX_PAGERO_ATTACHMENTS + 1)), null)!.problem).toBeNull();
    expect(pageroZipOf(batchOf(...files), null)!.problem).toMatch(/up to 20 attachments[\s\S]*has 22\. Remove 2, or send each file as its own document/);
  });

  it('refuses two attachments of one name (a zip holds each name once), as the core would', () => {
    const zip = pageroZipOf(batchOf(file('invoice-42.xml'), file('scan.pdf', 'x'), file('scan.pdf', 'xy')), null)!;
    expect(zip.problem).toMatch(/Two attachments are named scan\.pdf/);
    expect(() => batchLayout('invoice-42.xml', ['scan.pdf', 'scan.pdf'])).toThrow(/Two attachments/);
  });

  it('lets an attachment share the document\'s name: they sit in different folders of the zip', () => {
    const zip = pageroZipOf(batchOf(file('invoice.xml', 'x'), file('invoice.xml', 'xy')), null)!;
    expect(zip.problem).toBeNull();
  });

  it('refuses files larger together than the contract carries, with the command line that streams them', () => {
    const half = MAX_CONTRACT_PAYLOAD_BYTES / 2;
    expect(pageroZipOf([sized('invoice.xml', half), sized('scan.pdf', half)], null)!.problem).toBeNull();
    const problem = pageroZipOf([sized('invoice.xml', half), sized('my scan.pdf', half + 1)], null)!.problem;
    expect(problem).toMatch(/Together these files are 32\.0 MiB; the Send page sends up to 32\.0 MiB at once/);
    expect(problem).toContain("`courier pagero send --profile NAME invoice.xml --attach 'my scan.pdf'`");
  });

  it("quotes a name with a quote in it so the command can be pasted", () => {
    const problem = pageroZipOf([sized("o'brien.xml", MAX_CONTRACT_PAYLOAD_BYTES), sized('a.pdf', 1)], null)!.problem;
    expect(problem).toContain(`--profile NAME 'o'\\''brien.xml' --attach a.pdf`);
  });
});

describe('the Pagero batch choice', () => {
  it('offers each file as its own document first (the default), then one zip', () => {
    expect(pageroBatchModes.map((mode) => mode.value)).toEqual(['each', 'zip']);
    expect(pageroBatchModes.map((mode) => mode.label)).toEqual(['Each file as its own document', 'One document with attachments (one zip)']);
  });

  it('words the shared answer of a sent zip with its interchange id, name and attachment count', () => {
    expect(zipAnswer('Delivered: Pagero accepted the document (200).', 'INV-1', 'invoice-42.zip', 1)).toBe(
      'Delivered: Pagero accepted the document (200). (interchange id INV-1; invoice-42.zip, the document and 1 attachment)',
    );
    expect(zipAnswer('OK', 'INV-2', 'order.zip', 3)).toMatch(/order\.zip, the document and 3 attachments\)$/);
  });
});
