/**
 * Words for generated documents, taken from the real recorded GOV.UK fixtures and the real
 * statutory instrument, so generated text has the word lengths and repetition of the real thing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToText } from '../lambdas/core/text/html-to-text';
import { pick } from './measure';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');

export function realVocabulary(): string[] {
  const texts: string[] = [];
  for (const file of readdirSync(join(FIXTURES, 'govuk-content')).filter(
    (f) => f.endsWith('.json') && !f.endsWith('.expected.json'),
  )) {
    const item = JSON.parse(readFileSync(join(FIXTURES, 'govuk-content', file), 'utf8'));
    texts.push(item.title ?? '', item.description ?? '', htmlToText(item.details?.body ?? ''));
  }
  const xml = readFileSync(join(FIXTURES, 'legislation', 'legislation-parser_uksi-2015-1978.data.xml'), 'utf8');
  texts.push(xml.replace(/<[^>]+>/g, ' '));
  const words = texts
    .join(' ')
    .split(/\s+/)
    .map((w) => w.replace(/[^A-Za-z'-]/g, ''))
    .filter((w) => w.length >= 2 && w.length <= 18);
  return words;
}

export function sentence(random: () => number, words: readonly string[], min = 8, max = 26): string {
  const n = min + Math.floor(random() * (max - min + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pick(random, words).toLowerCase());
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return `${out.join(' ')}.`;
}

export function paragraph(
  random: () => number,
  words: readonly string[],
  sentences = 2 + Math.floor(random() * 4),
): string {
  return Array.from({ length: sentences }, () => sentence(random, words)).join(' ');
}
