import { changedSummary } from '../../../lambdas/core/check-source';
import { subjectFor } from '../../../lambdas/core/describe-change';

const letter = { from: 'bscc', to: 'hikvision', date: '2023-10-24', threadId: 'bscc--hikvision' };

describe('subjectFor', () => {
  it.each([
    [
      { type: 'new-correspondence', title: 'Letter', letter, summary: '' },
      'New letter: BSCC to Hikvision, 24 Oct 2023',
    ],
    [{ type: 'document-changed', title: 'Letter to Dahua', letter: null, summary: '' }, 'Changed: Letter to Dahua'],
    [
      { type: 'document-withdrawn', title: 'Letter to the Home Office', letter: null, summary: '' },
      'Withdrawn: Letter to the Home Office',
    ],
    [
      { type: 'supplier-debarred', title: 'Sample Imaging Systems Ltd', letter: null, summary: '' },
      'Supplier debarred: Sample Imaging Systems Ltd',
    ],
    [
      { type: 'bill-stage-changed', title: 'Procurement Bill [HL]: 3rd reading', letter: null, summary: '' },
      'Bill stage changed: Procurement Bill [HL]: 3rd reading',
    ],
  ])('%o → %s', (change, subject) => {
    expect(subjectFor(change)).toBe(subject);
  });

  it('stays under 80 characters and on one line', () => {
    const subject = subjectFor({
      type: 'document-changed',
      title: `A very long title\r\nBcc: someone@example.org ${'x'.repeat(200)}`,
      letter: null,
      summary: '',
    });
    expect(subject.length).toBeLessThanOrEqual(80);
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe('changedSummary', () => {
  it.each([
    [
      { inserted: 1, deleted: 1 },
      'Corrected the date of the meeting referred to in paragraph 2.',
      '1 word added, 1 removed; GOV.UK says: Corrected the date of the meeting referred to in paragraph 2.',
    ],
    [{ inserted: 12, deleted: 0 }, null, '12 words added, 0 removed.'],
    [{ inserted: 0, deleted: 3 }, '  Minor fix  ', '0 words added, 3 removed; GOV.UK says: Minor fix.'],
  ])('%o with note %p → %s', (counts, note, expected) => {
    expect(changedSummary(counts, note)).toBe(expected);
  });
});
