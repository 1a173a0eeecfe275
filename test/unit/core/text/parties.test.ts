/** Finding the correspondents named in a title or letter, and reading the parties table. */
import { ConfigError } from '../../../../lambdas/core/errors';
import {
  defaultParties,
  findParties,
  parsePartiesConfig,
  resolveParty,
  type PartyAlias,
} from '../../../../lambdas/core/text/parties';

const problemsOf = (json: unknown): string[] => {
  try {
    parsePartiesConfig(json);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('findParties', () => {
  it('places a party at its earliest mention by any of its names, and lists parties earliest first', () => {
    const text =
      'Dahua UK replied to Professor Sampson, the Biometrics and Surveillance Camera Commissioner, and Hikvision';
    expect(findParties(text, defaultParties)).toEqual([
      { id: 'dahua', index: 0 },
      { id: 'bscc', index: text.indexOf('Professor Sampson') },
      { id: 'hikvision', index: text.indexOf('Hikvision') },
    ]);
  });

  it('matches names in any case, with hyphens or dashes between words and a plural s, as whole words only', () => {
    const parties: PartyAlias[] = [{ id: 'scc', name: 'Surveillance Camera Commissioner', aliases: [] }];
    for (const text of ['surveillance-camera commissioners', 'SURVEILLANCE\u2013CAMERA COMMISSIONER'])
      expect(resolveParty(text, parties)).toBe('scc');
    expect(resolveParty('XSurveillance Camera Commissioner', parties)).toBeNull();
    expect(resolveParty('Surveillance Camera Commissioner2', parties)).toBeNull();
  });

  it('takes the characters of a name literally and ignores spaces around it', () => {
    expect(resolveParty('see freetibet.org', defaultParties)).toBe('free-tibet');
    expect(resolveParty('see freetibetXorg', defaultParties)).toBeNull();
    expect(resolveParty('a letter to Acme', [{ id: 'acme', name: '  Acme  ', aliases: [] }])).toBe('acme');
  });

  it('reads a name written with a doubled space or a hyphen as words', () => {
    const parties: PartyAlias[] = [{ id: 'acme', name: 'Acme  Ltd', aliases: ['Acme-Corp'] }];
    expect(resolveParty('from Acme Ltd', parties)).toBe('acme');
    expect(resolveParty('from Acme Corp', parties)).toBe('acme');
  });

  it('gives null when no party is named', () => {
    expect(resolveParty('A letter about roads', defaultParties)).toBeNull();
  });
});

describe('parsePartiesConfig', () => {
  const ok = { id: 'acme', name: 'Acme', aliases: ['Acme Ltd'] };

  it('reads a bare array or an object with a parties array, copying each entry', () => {
    const aliases = ['Acme Ltd'];
    const [read] = parsePartiesConfig({ parties: [{ ...ok, aliases, extra: 1 }] });
    expect(read).toEqual(ok);
    expect(read.aliases).not.toBe(aliases);
    expect(parsePartiesConfig([ok])).toEqual([ok]);
  });

  it('refuses a table that is not a list as a whole, naming the parties field', () => {
    for (const json of [42, { parties: 'no' }, null]) {
      expect(() => parsePartiesConfig(json)).toThrow(
        expect.objectContaining({ name: 'ConfigError', context: { field: 'parties' } }),
      );
      expect(problemsOf(json)).toHaveLength(1);
    }
  });

  it('names the parties field when an entry is bad, and refuses a name that is not a string', () => {
    expect(() => parsePartiesConfig([{ ...ok, name: 5 }])).toThrow(
      expect.objectContaining({
        context: { field: 'parties' },
        problems: ['parties[0].name: expected a non-empty string'],
      }),
    );
  });

  it('lets a party repeat its own name among its aliases, in another case', () => {
    expect(parsePartiesConfig([{ id: 'acme', name: 'Acme', aliases: ['ACME', ' acme '] }])).toHaveLength(1);
  });

  it('refuses a blank alias, a blank name, and one name for two parties even in another case or spacing', () => {
    expect(problemsOf([{ ...ok, aliases: ['  '] }])).toEqual([
      'parties[0].aliases: expected an array of non-empty strings',
    ]);
    expect(problemsOf([{ ...ok, name: '   ' }])).toEqual(['parties[0].name: expected a non-empty string']);
    expect(problemsOf([ok, { id: 'other', name: 'Other', aliases: [' ACME LTD '] }])).toHaveLength(1);
  });

  it('refuses an id that is not kebab-case, and checks no further entry for one it refused', () => {
    expect(
      problemsOf([
        { ...ok, id: 'acme-' },
        { ...ok, id: '-acme' },
        { ...ok, id: 7 },
      ]),
    ).toHaveLength(3);
    // The refused entry claimed no names: the next may use them.
    expect(problemsOf([{ ...ok, id: 'Bad' }, ok])).toHaveLength(1);
  });
});
