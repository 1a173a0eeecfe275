/** CSV for spreadsheets: RFC 4180 quoting, and cells a spreadsheet would run as formulas neutralised. */
import type { Change } from '../../../lambdas/core/model';
import { csvField, CSV_COLUMNS, formatChangesCsv } from '../../../lambdas/cli/export-command';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "no"', '"say ""no"""'],
    ['two\nlines', '"two\nlines"'],
    [null, ''],
    [3, '3'],
    ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ['+44 20', "'+44 20"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
  ])('%j → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

it('writes a header and one CRLF-terminated row per change', () => {
  const change: Change = {
    changeId: 'c1',
    sourceId: 'bscc-correspondence',
    docId: 'govuk:/a',
    type: 'new-correspondence',
    detectedAt: '2026-01-01T00:00:00.000Z',
    runId: 'r',
    title: '=cmd|" /C calc"!A0, a letter',
    url: 'https://www.gov.uk/a',
    summary: 's',
    version: 1,
    previousVersion: null,
    diff: null,
    changeNote: null,
    threadId: 'bscc--hikvision',
    letter: null,
    knownMatch: null,
    keywords: [
      { term: 'Hikvision', excerpt: '' },
      { term: 'CCTV', excerpt: '' },
    ],
  };
  const csv = formatChangesCsv([change]);
  const [header, row, end] = csv.split('\r\n');
  expect(header).toBe(CSV_COLUMNS.join(','));
  expect(row).toBe(
    '2026-01-01T00:00:00.000Z,new-correspondence,bscc-correspondence,"\'=cmd|"" /C calc""!A0, a letter",https://www.gov.uk/a,bscc--hikvision,govuk:/a,s,,Hikvision; CCTV,1,,c1',
  );
  expect(end).toBe('');
});
