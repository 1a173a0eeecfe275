import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultParties, parseLetter, parsePartiesConfig, type PartyAlias } from '../../../../lambdas/core/text/letter';

const known = (file: string) => readFileSync(join(__dirname, '../../../../data/known-correspondence', file), 'utf8');
const composed = (file: string) => readFileSync(join(__dirname, '../../../fixtures/letters', file), 'utf8');

describe('parseLetter on the known and composed letters', () => {
  it.each([
    [
      'the re-worded 2021-08-10 copy (title says "Letter to the Commissioner … at Hikvision": the letter head decides)',
      'Letter to the Commissioner of Biometrics and Surveillance Cameras at Hikvision, August 10, 2021 (accessible version)',
      known('2021-08-10-hikvision-to-bscc.txt'),
      { from: 'hikvision', to: 'bscc', date: '2021-08-10', threadId: 'bscc--hikvision' },
    ],
    [
      'the 2022-03-21 letter ("Updated 15 November 2023" is not its date)',
      'Letter from BSCC to Hikvision 21 March 2022 (accessible)',
      known('2022-03-21-bscc-to-hikvision.txt'),
      { from: 'bscc', to: 'hikvision', date: '2022-03-21', threadId: 'bscc--hikvision' },
    ],
    [
      'the undated Free Tibet post',
      'Our letter to Hikvision UK',
      known('free-tibet-to-hikvision-uk.txt'),
      { from: 'free-tibet', to: 'hikvision', date: null, threadId: 'free-tibet--hikvision' },
    ],
    [
      'the composed official text of the 2021-08-10 letter',
      'Letter from Hikvision to the Biometrics and Surveillance Camera Commissioner, 10 August 2021',
      composed('2021-08-10-hikvision-to-bscc.official.txt'),
      { from: 'hikvision', to: 'bscc', date: '2021-08-10', threadId: 'bscc--hikvision' },
    ],
    [
      'the composed 2023 letter, from its letter head alone (sender letterhead above the addressee)',
      'Correspondence',
      composed('2023-bscc-to-hikvision-different-letter.txt'),
      { from: 'bscc', to: 'hikvision', date: '2023-09-04', threadId: 'bscc--hikvision' },
    ],
  ])('%s', (_name, title, text, expected) => {
    expect(parseLetter(title, text)).toEqual(expected);
  });
});

describe('parseLetter on titles alone', () => {
  it.each([
    ['Letter from BSCC to Hikvision 21 March 2022', { from: 'bscc', to: 'hikvision', date: '2022-03-21' }],
    [
      'Letter from Hikvision to the Biometrics and Surveillance Camera Commissioner, 10 August 2021',
      { from: 'hikvision', to: 'bscc', date: '2021-08-10' },
    ],
    [
      'Letter to Tony Porter from Dahua Technology, 3rd February 2020',
      { from: 'dahua', to: 'bscc', date: '2020-02-03' },
    ],
    [
      'Home Office letter to the Surveillance Camera Commissioner (2019-06-30)',
      { from: 'home-office', to: 'bscc', date: '2019-06-30' },
    ],
    ['Our letter to Hikvision UK', { from: null, to: 'hikvision', date: null }],
    ['Letter to an unknown company, 31 February 2022', { from: null, to: null, date: null }],
  ])('%s', (title, expected) => {
    const letter = parseLetter(title, '');
    expect({ from: letter.from, to: letter.to, date: letter.date }).toEqual(expected);
    expect(letter.threadId).toBe(letter.from && letter.to ? [letter.from, letter.to].sort().join('--') : null);
  });
});

describe('parseLetter on letter heads', () => {
  it.each([
    [
      'Date: 10 August 2021\nDear Professor Sampson\nText.\nYours sincerely\nJustin Hollis',
      { from: 'hikvision', to: 'bscc', date: '2021-08-10' },
    ],
    [
      'Justin Hollis\nHikvision\nAugust 10, 2021\nDear Justin,\nText.\nKind regards,\nTony Porter\nSurveillance Camera Commissioner',
      { from: 'bscc', to: 'hikvision', date: '2021-08-10' },
    ],
    [
      'Dear Sir,\nWe met on 10 August 2021 to discuss this.\nYours faithfully\nA. Person',
      { from: null, to: null, date: null },
    ],
  ])('%#: %s', (text, expected) => {
    const letter = parseLetter('Correspondence', text);
    expect({ from: letter.from, to: letter.to, date: letter.date }).toEqual(expected);
  });

  it('uses a custom party table', () => {
    const parties: PartyAlias[] = [
      ...defaultParties,
      { id: 'ico', name: "Information Commissioner's Office", aliases: ['ICO'] },
    ];
    expect(parseLetter('Letter from the ICO to Dahua, 1 May 2024', '', parties)).toEqual({
      from: 'ico',
      to: 'dahua',
      date: '2024-05-01',
      threadId: 'dahua--ico',
    });
  });
});

describe('parties', () => {
  it('data/parties.json holds the same table as defaultParties', () => {
    const json = JSON.parse(readFileSync(join(__dirname, '../../../../data/parties.json'), 'utf8'));
    expect(parsePartiesConfig(json)).toEqual(defaultParties);
    expect(parsePartiesConfig(json.parties)).toEqual(defaultParties);
  });

  it('names every required party', () => {
    expect(defaultParties.map((p) => p.id)).toEqual(
      expect.arrayContaining(['bscc', 'hikvision', 'dahua', 'free-tibet', 'home-office', 'cabinet-office']),
    );
  });

  it('reports one line per bad entry', () => {
    const bad = [
      { id: 'ok', name: 'Fine', aliases: ['Fine Ltd'] },
      { id: 'Not Kebab', name: 'X', aliases: [] },
      { id: 'no-name', name: '', aliases: [] },
      { id: 'bad-aliases', name: 'Y', aliases: [1] },
      'a string',
      { id: 'ok', name: 'Duplicate', aliases: [] },
      { id: 'clash', name: 'Clash', aliases: ['fine ltd'] },
    ];
    expect(() => parsePartiesConfig(bad)).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        problems: [
          'parties[1].id: expected a kebab-case string, got "Not Kebab"',
          'parties[2].name: expected a non-empty string',
          'parties[3].aliases: expected an array of non-empty strings',
          'parties[4]: expected an object with id, name and aliases',
          'parties[5].id: "ok" is used by an earlier entry',
          'parties[6].aliases: "fine ltd" already names "ok"',
        ],
      }),
    );
  });

  it.each([null, 42, { parties: 'no' }])('rejects %p as a whole', (json) => {
    expect(() => parsePartiesConfig(json)).toThrow(expect.objectContaining({ name: 'ConfigError', code: 'config' }));
  });
});
