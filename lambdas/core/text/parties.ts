import { ConfigError } from '../errors';

/** A correspondent and the names it goes by in titles, letter heads and signatures. */
export interface PartyAlias {
  /** Canonical kebab-case id, used in thread ids (`bscc--hikvision`). */
  id: string;
  name: string;
  /** How a subject line or a thread name says it (`BSCC`); the name when absent. */
  short?: string;
  aliases: string[];
}

/**
 * The correspondents of the watched exchange: the one party table (ids, display names, aliases).
 * `data/parties.json` holds the same table for users to extend; a unit test keeps the two equal.
 */
export const defaultParties: PartyAlias[] = [
  {
    id: 'bscc',
    name: 'Biometrics and Surveillance Camera Commissioner',
    short: 'BSCC',
    aliases: [
      'BSCC',
      'the Commissioner',
      'Commissioner of Biometrics',
      'Surveillance Camera Commissioner',
      'Biometrics Commissioner',
      'Fraser Sampson',
      'Professor Sampson',
      'Professor Fraser Sampson',
      'Tony Porter',
    ],
  },
  {
    id: 'hikvision',
    name: 'Hikvision',
    aliases: ['Hikvision UK', 'Hikvision UK and Ireland', 'Hangzhou Hikvision', 'Justin Hollis'],
  },
  { id: 'dahua', name: 'Dahua', aliases: ['Dahua Technology', 'Dahua UK'] },
  { id: 'free-tibet', name: 'Free Tibet', aliases: ['freetibet.org'] },
  { id: 'home-office', name: 'Home Office', aliases: ['Home Secretary'] },
  { id: 'cabinet-office', name: 'Cabinet Office', aliases: ['Minister for the Cabinet Office'] },
];

/** A party named in a piece of text, and where: the earliest mention is usually the one meant. */
export interface PartyMention {
  id: string;
  index: number;
}

/**
 * Every party mentioned in `text`, earliest first. Names match whole words, in any case,
 * with any spacing or hyphens between their words and a plural "s" ("Surveillance Cameras").
 */
export function findParties(text: string, parties: readonly PartyAlias[]): PartyMention[] {
  const mentions: PartyMention[] = [];
  for (const party of parties) {
    let first = -1;
    for (const alias of [party.name, ...party.aliases]) {
      const found = aliasPattern(alias).exec(text);
      if (found && (first < 0 || found.index < first)) first = found.index;
    }
    if (first >= 0) mentions.push({ id: party.id, index: first });
  }
  return mentions.sort((a, b) => a.index - b.index);
}

/** The first party named in `text`, or null. */
export function resolveParty(text: string, parties: readonly PartyAlias[]): string | null {
  return findParties(text, parties)[0]?.id ?? null;
}

const patterns = new Map<string, RegExp>();

function aliasPattern(alias: string): RegExp {
  let pattern = patterns.get(alias);
  if (!pattern) {
    const body = alias
      .trim()
      .split(/[\s-]+/)
      .map((w) => `${w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}s?`)
      .join('[\\s\\-\\u2010-\\u2015]+');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
    patterns.set(alias, pattern);
  }
  return pattern;
}

/**
 * Validates a parties table (`data/parties.json`: an array, or `{ "parties": [...] }`).
 * Throws one ConfigError listing every bad entry, so a user fixes them all in one go.
 */
export function parsePartiesConfig(json: unknown): PartyAlias[] {
  const list = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.parties) ? json.parties : null;
  if (!list)
    throw new ConfigError(
      ['parties: expected an array of { id, name, aliases } (or an object with a "parties" array)'],
      { field: 'parties' },
    );
  const problems: string[] = [];
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  const parties: PartyAlias[] = [];
  list.forEach((entry: unknown, i: number) => {
    const at = `parties[${i}]`;
    if (!isRecord(entry)) return problems.push(`${at}: expected an object with id, name and aliases`);
    const { id, name, short, aliases } = entry;
    const before = problems.length;
    if (typeof id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
      problems.push(`${at}.id: expected a kebab-case string, got ${JSON.stringify(id)}`);
    else if (ids.has(id)) problems.push(`${at}.id: "${id}" is used by an earlier entry`);
    if (typeof name !== 'string' || name.trim() === '') problems.push(`${at}.name: expected a non-empty string`);
    if (short !== undefined && (typeof short !== 'string' || short.trim() === ''))
      problems.push(`${at}.short: expected a non-empty string when given`);
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || a.trim() === '')) {
      problems.push(`${at}.aliases: expected an array of non-empty strings`);
    }
    if (problems.length > before) return;
    ids.add(id as string);
    for (const alias of [name as string, ...(aliases as string[])]) {
      const key = alias.trim().toLowerCase();
      const owner = owners.get(key);
      // One name for two parties would make every letter that uses it ambiguous.
      if (owner && owner !== id) problems.push(`${at}.aliases: "${alias}" already names "${owner}"`);
      owners.set(key, id as string);
    }
    const party: PartyAlias = { id: id as string, name: name as string, aliases: [...(aliases as string[])] };
    if (typeof short === 'string') party.short = short;
    parties.push(party);
  });
  if (problems.length > 0) throw new ConfigError(problems, { field: 'parties' });
  return parties;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
