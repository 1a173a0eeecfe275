/** Internal codes in summaries become what people write; everything else is left as it was. */
import { readableCodes } from '../../../../lambdas/core/text/readable-codes';
import { changeLabels } from '../../../../lambdas/core/change-labels';
import { buildCatalog } from '../../../../lambdas/core/catalog';

it.each([
  [
    'New on legislation.gov.uk: The Procurement (Amendment) Regulations (UnitedKingdomStatutoryInstrument 2026/312).',
    'New on legislation.gov.uk: The Procurement (Amendment) Regulations (S.I. 2026/312).',
  ],
  [
    'Procurement Act 2023 (UnitedKingdomPublicGeneralAct 2023/54): revised',
    'Procurement Act 2023 (2023 c. 54): revised',
  ],
  ['(ScottishStatutoryInstrument 2024/7)', '(S.S.I. 2024/7)'],
  ['a UnitedKingdomStatutoryInstrument without a number', 'a UK statutory instrument without a number'],
  [
    'Added to the debarment list: Sample Imaging Systems Ltd; companyNumber: 01234567; endDate: 1 May 2027.',
    'Added to the debarment list: Sample Imaging Systems Ltd; Company number: 01234567; End date: 1 May 2027.',
  ],
  // Ordinary words, times and URLs are not codes.
  [
    'Tenders close 10:00 on 3 March. https://www.find-tender.service.gov.uk/Notice/012?origin=SearchResults',
    'Tenders close 10:00 on 3 March. https://www.find-tender.service.gov.uk/Notice/012?origin=SearchResults',
  ],
])('%s', (text, readable) => {
  expect(readableCodes(text)).toBe(readable);
});

it('labels a change from the registry, the configured source name and the thread’s parties', () => {
  const catalog = buildCatalog([{ id: 'debarment-list', name: 'Debarment list' }], ['supplier-debarred']);
  const change = {
    sourceId: 'debarment-list',
    threadId: 'bscc--hikvision',
    summary: 'companyNumber: 1, in the thread free-tibet--hikvision.',
  };
  expect(changeLabels({ ...change, type: 'supplier-debarred' }, catalog)).toEqual({
    type: 'Supplier debarred',
    source: 'Debarment list',
    thread: 'BSCC ↔ Hikvision',
    summary: 'Company number: 1, in the thread Free Tibet ↔ Hikvision.',
  });
  expect(changeLabels({ ...change, type: 'tender-published', sourceId: 'gone', threadId: null })).toEqual({
    type: 'Tender published',
    source: 'gone',
    thread: null,
    summary: 'Company number: 1, in the thread Free Tibet ↔ Hikvision.',
  });
});
