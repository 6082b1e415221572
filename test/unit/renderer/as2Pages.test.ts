// The AS2 pages' pure parts: the message list's paging and keyboard arithmetic, the filters' translation into
// `messages.list`, the partner and station forms' translation into their save inputs (checked by the contract's
// own schemas), a partner file's checks, and the Send page's content types and size limit.
import { describe, expect, it } from 'vitest';
import { MAX_CONTRACT_PAYLOAD_BYTES, messagesList, partnerInputSchema, stationInputSchema, type As2Partner } from '../../../shared/ipc';
import { contentTypeFor, isContentType, sizeProblem } from '../../../renderer/src/features/compose/sendDraft';
import { noFilters, statusesFor, toListFilter } from '../../../renderer/src/features/messages/messageFilters';
import { moveSelection, pagesCovering } from '../../../renderer/src/features/messages/messageWindow';
import { explanationsOf, sizeLabel } from '../../../renderer/src/features/messages/messageWords';
import { emptyPartnerDraft, partnerDraftOf, searchPartners, toPartnerInput } from '../../../renderer/src/features/partners/partnerDraft';
import { checkPartnerDocument, partnerFileName } from '../../../renderer/src/features/partners/partnerFile';
import { emptyStationDraft, stationDraftOf, toStationInput } from '../../../renderer/src/features/partners/stationDraft';

describe('pagesCovering', () => {
  it('asks for the first page before the total is known', () => {
    expect(pagesCovering(0, 0, null)).toEqual([0]);
  });

  it('covers the rows on screen with the pages of 200 that hold them, and no more', () => {
    expect(pagesCovering(0, 30, 100_000)).toEqual([0]);
    expect(pagesCovering(190, 230, 100_000)).toEqual([0, 1]);
    expect(pagesCovering(99_980, 100_020, 100_000)).toEqual([499]);
  });

  it('asks for nothing in an empty list', () => {
    expect(pagesCovering(0, 0, 0)).toEqual([]);
  });
});

describe('moveSelection', () => {
  it('moves by one, by a screen, and to either end, never past them', () => {
    expect(moveSelection(5, 'ArrowDown', 100_000, 20)).toBe(6);
    expect(moveSelection(0, 'ArrowUp', 100_000, 20)).toBe(0);
    expect(moveSelection(5, 'PageDown', 100_000, 20)).toBe(24);
    expect(moveSelection(5, 'PageUp', 100_000, 20)).toBe(0);
    expect(moveSelection(5, 'End', 100_000, 20)).toBe(99_999);
    expect(moveSelection(99_999, 'ArrowDown', 100_000, 20)).toBe(99_999);
    expect(moveSelection(7, 'Home', 100_000, 20)).toBe(0);
  });
});

describe('toListFilter', () => {
  it('sends nothing for empty filters', () => {
    expect(toListFilter(noFilters)).toEqual({});
  });

  it('turns a day range into local midnights, the end exclusive, and the contract accepts them', () => {
    const filter = toListFilter({ ...noFilters, fromDate: '2024-03-01', toDate: '2024-03-31' });
    expect(filter.from).toBe(new Date(2024, 2, 1).toISOString());
    expect(filter.to).toBe(new Date(2024, 3, 1).toISOString());
    expect(messagesList.input.safeParse({ direction: 'inbound', ...filter }).success).toBe(true);
  });

  it('drops days that do not exist rather than sending a wrong instant', () => {
    expect(toListFilter({ ...noFilters, fromDate: '2024-02-30', toDate: '2024-13-01' })).toEqual({});
  });

  it('trims text, strips the angle brackets people paste with a Message-ID, and keeps the statuses chosen', () => {
    const filter = toListFilter({ ...noFilters, subject: '  PO 4711 ', messageId: ' <abc@courier> ', statuses: ['failed'], partnerId: 'p-1' });
    expect(filter).toEqual({ subject: 'PO 4711', messageId: 'abc@courier', statuses: ['failed'], partnerId: 'p-1' });
    expect(messagesList.input.safeParse({ direction: 'outbound', ...filter }).success).toBe(true);
  });

  it('offers each list only the statuses its messages can have', () => {
    expect(statusesFor('inbound')).toEqual(['received', 'received-with-error']);
    expect(statusesFor('outbound')).not.toContain('received');
    expect(statusesFor('outbound')).toContain('delivered-with-warning');
  });
});

describe('message words', () => {
  it('names sizes in bytes, KiB and MiB', () => {
    expect(sizeLabel(1)).toBe('1 byte');
    expect(sizeLabel(512)).toBe('512 bytes');
    expect(sizeLabel(10 * 1024)).toBe('10.0 KiB');
    expect(sizeLabel(3.5 * 1024 * 1024)).toBe('3.5 MiB');
  });

  it("explains each problem once: the message's own, then the MDN's when it differs", () => {
    const mic = { code: 'MIC_MISMATCH', summary: 'The MIC differs.', whatToCheck: 'Check compression order and line endings.' };
    const signature = { code: 'MDN_SIGNATURE_INVALID', summary: 'The MDN signature does not verify.', whatToCheck: "Check the partner's signature certificate." };
    expect(explanationsOf({ problem: mic, mdn: null })).toEqual([mic]);
    expect(explanationsOf({ problem: mic, mdn: { explanation: mic } as never })).toEqual([mic]);
    expect(explanationsOf({ problem: mic, mdn: { explanation: signature } as never })).toEqual([mic, signature]);
    expect(explanationsOf({ problem: null, mdn: null })).toEqual([]);
  });
});

const filledPartner = () => ({ ...emptyPartnerDraft('station-1'), as2Id: 'PARTNER AS2', url: 'https://as2.partner.example/as2', encryptionCertificateId: 'c-1', signatureCertificateId: 'c-2' });

describe('toPartnerInput', () => {
  it('builds an input the contract accepts, with its defaults (AES-256-CBC, SHA-256, signed sync MDN)', () => {
    const { input, errors } = toPartnerInput(filledPartner());
    expect(errors).toEqual({});
    expect(partnerInputSchema.parse(input)).toMatchObject({
      as2Id: 'PARTNER AS2',
      station: 'station-1',
      security: { cipher: 'aes-256-cbc', signDigest: 'sha256', compression: 'none' },
      mdn: { mode: 'sync', signed: true, micAlgorithm: 'sha256', asyncUrl: null },
      sendTimeoutSeconds: 120,
    });
  });

  it('names each field to fix: a bad URL, an AS2 ID with a trailing space, a reserved header, an empty timeout', () => {
    const { input, errors } = toPartnerInput({
      ...filledPartner(),
      as2Id: 'PARTNER ',
      url: 'ftp://partner.example/',
      headers: [{ name: 'AS2-To', value: 'x' }],
      sendTimeoutSeconds: '',
    });
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['as2Id', 'headers.0.name', 'sendTimeoutSeconds', 'url']);
    expect(errors['headers.0.name']).toBe('Courier sets this header itself.');
    expect(errors.sendTimeoutSeconds).toBe('Enter a timeout in seconds (5 to 3600).');
  });

  it('sends the async MDN URL only for asynchronous MDNs, and checks it then', () => {
    const sync = toPartnerInput({ ...filledPartner(), mdn: { ...filledPartner().mdn, asyncUrl: 'not a url' } });
    expect(sync.input?.mdn?.asyncUrl).toBeNull();
    const async = toPartnerInput({ ...filledPartner(), mdn: { ...filledPartner().mdn, mode: 'async', asyncUrl: 'not a url' } });
    expect(async.input).toBeNull();
    expect(async.errors['mdn.asyncUrl']).toBeDefined();
  });

  it('drops blank header rows and round-trips a saved partner unchanged', () => {
    const saved: As2Partner = {
      ...partnerInputSchema.parse({ ...toPartnerInput(filledPartner()).input, headers: [{ name: 'X-Api-Key', value: 'k' }] }),
      id: 'p-1',
      name: 'Partner',
      stationId: 'station-1',
      tlsScope: 'as2:PARTNER AS2',
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt: '2024-01-01T00:00:00Z',
    } as As2Partner;
    const draft = partnerDraftOf(saved);
    const { input } = toPartnerInput({ ...draft, headers: [...draft.headers, { name: ' ', value: '' }] });
    expect(input).toMatchObject({ id: 'p-1', name: 'Partner', headers: [{ name: 'X-Api-Key', value: 'k' }], interop: saved.interop });
  });

  it('searches partners by name, AS2 ID or URL, in any case', () => {
    const partners = [
      { name: 'Acme', as2Id: 'ACME-PROD', url: 'https://as2.acme.example/as2' },
      { name: 'Globex', as2Id: 'GLOBEX', url: 'https://edi.globex.example/' },
    ];
    expect(searchPartners(partners, 'acme').map((p) => p.name)).toEqual(['Acme']);
    expect(searchPartners(partners, 'EDI.').map((p) => p.name)).toEqual(['Globex']);
    expect(searchPartners(partners, '  ')).toHaveLength(2);
  });
});

describe('toStationInput', () => {
  it('asks for the signing key and its certificate in words before anything is sent', () => {
    const { input, errors } = toStationInput({ ...emptyStationDraft(), as2Id: 'COURIER' });
    expect(input).toBeNull();
    expect(errors).toEqual({ 'signing.keyId': 'Choose the signing key.' });
  });

  it('leaves decryption to the signing pair when none is listed, and the contract accepts it', () => {
    const { input } = toStationInput({ ...emptyStationDraft(), as2Id: 'COURIER', signing: { keyId: 'k-1', certificateId: 'c-1' }, publicUrl: ' https://as2.example.com/as2 ' });
    expect(stationInputSchema.parse(input)).toMatchObject({ signing: { keyId: 'k-1', certificateId: 'c-1' }, publicUrl: 'https://as2.example.com/as2' });
    expect(input).not.toHaveProperty('decryption');
  });

  it('names an incomplete decryption pair and a bad public URL', () => {
    const { errors } = toStationInput({
      ...emptyStationDraft(),
      as2Id: 'COURIER',
      signing: { keyId: 'k-1', certificateId: 'c-1' },
      decryption: [{ keyId: 'k-2', certificateId: null }],
      publicUrl: 'as2.example.com',
    });
    expect(Object.keys(errors).sort()).toEqual(['decryption.0.certificateId', 'publicUrl']);
  });

  it('shows a station whose only decryption pair is its signing pair as "decrypt with the signing pair"', () => {
    const pair = { keyId: 'k-1', certificateId: 'c-1' };
    const station = { id: 's-1', as2Id: 'COURIER', name: 'Courier', environment: 'test' as const, signing: pair, decryption: [pair], publicUrl: null, createdAt: '', updatedAt: '' };
    expect(stationDraftOf(station).decryption).toEqual([]);
    expect(stationDraftOf({ ...station, decryption: [pair, { keyId: 'k-0', certificateId: 'c-0' }] }).decryption).toHaveLength(2);
  });
});

describe('partner files', () => {
  const document = {
    format: 'courier.as2-partner/1',
    partner: { as2Id: 'ACME', url: 'https://as2.acme.example/as2' },
    encryptionCertificatePem: null,
    signatureCertificatePem: null,
  };

  it('accepts a Courier partner export', () => {
    const check = checkPartnerDocument(JSON.stringify(document));
    expect(check.ok && check.document.partner.as2Id).toBe('ACME');
  });

  it('refuses what is not JSON, another format, hostile fields and oversized text, in words', () => {
    const cases = ['{', '[]', JSON.stringify({ ...document, format: 'other/1' }), JSON.stringify({ ...document, partner: { ...document.partner, id: 'x' } }), ' '.repeat(600 * 1024)];
    for (const text of cases) {
      const check = checkPartnerDocument(text);
      expect(check.ok).toBe(false);
      expect(!check.ok && check.error).toMatch(/\.$/);
    }
  });

  it('names the file after the AS2 ID, without path or odd characters', () => {
    expect(partnerFileName('ACME PROD/../x')).toBe('ACME-PROD-..-x.as2-partner.json');
    expect(partnerFileName('...')).toBe('partner.as2-partner.json');
  });
});

describe('Send page checks', () => {
  it('picks the content type from the extension', () => {
    expect(contentTypeFor('orders.EDI')).toBe('application/edi-x12');
    expect(contentTypeFor('850.x12')).toBe('application/edi-x12');
    expect(contentTypeFor('invoice.xml')).toBe('application/xml');
    expect(contentTypeFor('prices.csv')).toBe('text/csv');
    expect(contentTypeFor('scan.pdf')).toBe('application/octet-stream');
    expect(contentTypeFor('noextension')).toBe('application/octet-stream');
  });

  it('accepts content types the contract accepts', () => {
    expect(isContentType('application/edi-x12')).toBe(true);
    expect(isContentType('text/plain; charset=utf-8')).toBe(false);
    expect(isContentType('edi')).toBe(false);
  });

  it('sends files over 32 MiB, alone or together, to the command line', () => {
    const big = { name: 'big.edi', size: MAX_CONTRACT_PAYLOAD_BYTES + 1 };
    expect(sizeProblem(big, [], 'ACME')).toContain('courier as2 send --partner ACME FILE');
    const half = { name: 'half.edi', size: MAX_CONTRACT_PAYLOAD_BYTES / 2 + 1 };
    expect(sizeProblem(half, [half], null)).toMatch(/^Together these files are/);
    expect(sizeProblem({ name: 'small.edi', size: 1000 }, [{ name: 'a.pdf', size: 1000 }], 'ACME')).toBeNull();
  });
});
